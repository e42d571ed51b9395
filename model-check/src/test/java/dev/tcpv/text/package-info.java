/** Tests of {@code dev.tcpv.text}. */
@NullMarked
package dev.tcpv.text;

import org.jspecify.annotations.NullMarked;
