/** Tests of {@code dev.tcpv.check}. */
@NullMarked
package dev.tcpv.check;

import org.jspecify.annotations.NullMarked;
