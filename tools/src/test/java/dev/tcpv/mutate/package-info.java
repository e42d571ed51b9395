/** Tests of {@code dev.tcpv.mutate} that run the mutation gate through the CLI ({@code tcpv mutate}). */
@NullMarked
package dev.tcpv.mutate;

import org.jspecify.annotations.NullMarked;
