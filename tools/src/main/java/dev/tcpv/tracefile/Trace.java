package dev.tcpv.tracefile;

import java.util.List;

/**
 * A whole trace: its header and its steps.
 *
 * @param source where it was read from, for messages ({@code file.ndjson}), or a name
 * @param header the header line
 * @param lines the steps, in order
 */
public record Trace(String source, TraceHeader header, List<TraceLine> lines) {

  /** Copies the list. */
  public Trace {
    lines = List.copyOf(lines);
  }
}
