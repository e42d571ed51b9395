/**
 * The trace format: ndjson, a header line then one line per spec action, with the action's parameters and the
 * post-state of everything the validator compares. {@link dev.tcpv.tracefile.TraceReader} reads it with
 * line-numbered one-line errors; {@link dev.tcpv.tracefile.TraceWriter} writes it byte for byte reproducibly.
 */
@NullMarked
package dev.tcpv.tracefile;

import org.jspecify.annotations.NullMarked;
