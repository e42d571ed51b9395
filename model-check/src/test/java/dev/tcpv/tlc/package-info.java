/** Tests of {@code dev.tcpv.tlc}. */
@NullMarked
package dev.tcpv.tlc;

import org.jspecify.annotations.NullMarked;
