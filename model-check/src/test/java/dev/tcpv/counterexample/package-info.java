/** Tests of {@code dev.tcpv.counterexample}. */
@NullMarked
package dev.tcpv.counterexample;

import org.jspecify.annotations.NullMarked;
