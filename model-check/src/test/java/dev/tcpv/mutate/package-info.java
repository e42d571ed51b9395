/** Tests of {@code dev.tcpv.mutate}. */
@NullMarked
package dev.tcpv.mutate;

import org.jspecify.annotations.NullMarked;
