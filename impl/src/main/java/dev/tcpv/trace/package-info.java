/** Trace events of the connection engine: one event per spec action, in the spec's vocabulary. */
@NullMarked
package dev.tcpv.trace;

import org.jspecify.annotations.NullMarked;
