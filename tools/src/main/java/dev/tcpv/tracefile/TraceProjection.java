package dev.tcpv.tracefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What one endpoint of a fully observed trace sees: its own steps and the ticks of its clock. */
public final class TraceProjection {
  private TraceProjection() {}

  /**
   * The trace of {@code host} alone: its steps (with its TCB only; ages and duplication, which an endpoint cannot
   * see, cleared) and the ticks; the peer's steps and the network's losses are dropped.
   */
  public static Trace observe(Trace full, String host) {
    List<TraceLine> lines = new ArrayList<>();
    for (TraceLine l : full.lines()) {
      boolean mine = host.equals(l.host());
      if (!mine && !l.action().equals("Tick")) {
        continue;
      }
      TcbRecord t = l.tcb().get(host);
      Map<String, TcbRecord> tcb = t == null ? Map.of() : Map.of(host, t);
      lines.add(new TraceLine(lines.size() + 2, l.action(), l.host(), l.t(), l.rules(), l.seg(), 0, false,
          l.sent(), tcb, l.octets()));
    }
    return new Trace(full.source().replace(".ndjson", "") + "-" + host + ".ndjson",
        full.header().observing(host), lines);
  }
}
