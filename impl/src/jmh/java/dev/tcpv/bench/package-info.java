/**
 * JMH benchmarks of the codec and the connection engine, and a footprint probe of the TIME-WAIT table. Built
 * and run only with the {@code bench} profile; see {@code impl/BENCHMARKS.md}.
 */
@NullMarked
package dev.tcpv.bench;

import org.jspecify.annotations.NullMarked;
