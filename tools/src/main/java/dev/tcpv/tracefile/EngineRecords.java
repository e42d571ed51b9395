package dev.tcpv.tracefile;

import dev.tcpv.trace.TraceEvent;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Segment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions from the engine's values (segments, trace events) to the trace format's records. */
public final class EngineRecords {
  private static final Map<String, String> FIELD_OF =
      Map.of("ISS", "iss", "IRS", "irs", "SND.UNA", "sndUna", "SND.NXT", "sndNxt", "SND.WND", "sndWnd",
          "RCV.NXT", "rcvNxt");

  private EngineRecords() {}

  /** The spec's view of segment {@code s} sent by {@code src}: an ACK field without ACK, and a RST's window, as 0. */
  public static SegmentRecord segment(String src, Segment s) {
    List<String> ctl = new ArrayList<>();
    if (s.flags().contains(Flag.SYN)) {
      ctl.add("SYN");
    }
    boolean ack = s.flags().contains(Flag.ACK);
    if (ack) {
      ctl.add("ACK");
    }
    if (s.flags().contains(Flag.FIN)) {
      ctl.add("FIN");
    }
    if (s.flags().contains(Flag.RST)) {
      ctl.add("RST");
    }
    // A RST's window means nothing (§3.10.7: a reset is processed whatever it advertises); the format writes 0, as
    // the spec's segments hold it. The engine's own resets say 0; a peer's (Linux's) may not.
    boolean rst = s.flags().contains(Flag.RST);
    return new SegmentRecord(src, s.seq().unsigned(), ack ? s.ack().unsigned() : 0, ctl, s.payloadLength(),
        rst ? 0 : s.window());
  }

  /** The observed TCB of an RFC state and the engine's variables (RFC names). */
  public static TcbRecord tcb(String state, Map<String, Long> engineVariables) {
    Map<String, Long> vars = new LinkedHashMap<>();
    for (String f : TcbRecord.FIELDS) {
      for (Map.Entry<String, Long> e : engineVariables.entrySet()) {
        if (f.equals(FIELD_OF.get(e.getKey()))) {
          vars.put(f, e.getValue());
        }
      }
    }
    return new TcbRecord(state, vars);
  }

  /** The observed TCB after event {@code e}. */
  public static TcbRecord tcbAfter(TraceEvent e) {
    return tcb(e.stateAfter(), e.variables());
  }
}
