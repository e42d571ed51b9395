/** Tests of {@code dev.tcpv.check} that run models through the CLI ({@code tcpv check}). */
@NullMarked
package dev.tcpv.check;

import org.jspecify.annotations.NullMarked;
