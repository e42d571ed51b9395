/** Tests of {@code dev.tcpv.tla}. */
@NullMarked
package dev.tcpv.tla;

import org.jspecify.annotations.NullMarked;
