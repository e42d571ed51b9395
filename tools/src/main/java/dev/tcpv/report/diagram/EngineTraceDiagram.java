package dev.tcpv.report.diagram;

import dev.tcpv.counterexample.SegmentNotation;
import dev.tcpv.counterexample.ShapeException;
import dev.tcpv.tla.TlaValue;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a fully observed engine trace (both hosts' steps, every delivery, loss and duplication, as {@code tcpv
 * simulate} writes) into a {@link Diagram}.
 *
 * <p>A line's {@code sent} segments leave its host at its row. A line that takes a segment ({@code seg}) takes the
 * earliest identical segment sent and not yet taken: a {@code Lose} line loses it, a duplicating line ({@code dup})
 * delivers a copy and leaves it in flight, any other line delivers it to the line's host. A segment taken that was
 * never sent was forged (an off-path attacker's; in a trace that hides a host, that host's).
 */
final class EngineTraceDiagram {
  private static final String LOSE = "Lose";

  private final DiagramBuilder out = new DiagramBuilder("A", "B");
  /** Segments sent and not yet taken, oldest first, with their messages. */
  private final List<Map.Entry<SegmentRecord, Integer>> inFlight = new ArrayList<>();

  private EngineTraceDiagram() {}

  static Diagram read(List<TraceLine> lines) {
    return new EngineTraceDiagram().readAll(lines);
  }

  private Diagram readAll(List<TraceLine> lines) {
    Map<String, TcbRecord> previous = Map.of();
    for (TraceLine line : lines) {
      int row = out.nextRow();
      List<String> notes = new ArrayList<>();
      SegmentRecord seg = line.seg();
      if (seg != null) {
        take(line, seg, row, notes);
      }
      for (SegmentRecord s : line.sent()) {
        if (out.isHost(s.src())) {
          inFlight.add(Map.entry(s, out.send(s.src(), out.other(s.src()), row, Diagram.Kind.SENT, label(s))));
        }
      }
      List<Diagram.Change> changes = new ArrayList<>();
      Set<String> hosts = new LinkedHashSet<>(line.tcb().keySet());
      for (String host : hosts) {
        TcbRecord now = line.tcb().get(host);
        TcbRecord was = previous.get(host);
        if (now == null || (was != null && now.equals(was)) || !out.isHost(host)) {
          continue;
        }
        try {
          DiagramBuilder.change(host, was == null ? null : tcb(was), tcb(now)).ifPresent(changes::add);
        } catch (ShapeException e) {
          // The records always read; a change that does not is left out of the picture.
        }
      }
      String host = line.host();
      out.row(host == null ? line.action() : line.action() + "(" + host + ")", changes, notes);
      previous = line.tcb();
    }
    return out.build(null, null);
  }

  private void take(TraceLine line, SegmentRecord seg, int row, List<String> notes) {
    if (!out.isHost(seg.src())) {
      notes.add("a segment from an unknown host: " + seg.notation());
      return;
    }
    String lineHost = line.host();
    String to = lineHost != null && !lineHost.equals(seg.src()) ? lineHost : out.other(seg.src());
    int match = -1;
    for (int i = 0; i < inFlight.size() && match < 0; i++) {
      if (inFlight.get(i).getKey().equals(seg)) {
        match = i;
      }
    }
    if (line.action().equals(LOSE)) {
      if (match < 0) {
        notes.add("the network loses a segment the trace does not show sent: " + seg.notation());
      } else {
        out.end(inFlight.remove(match).getValue(), Diagram.Fate.LOST, row);
      }
    } else if (match < 0) {
      out.end(out.send(seg.src(), to, row, Diagram.Kind.FORGED, label(seg)), Diagram.Fate.ARRIVED, row);
    } else if (line.dup()) {
      int original = inFlight.get(match).getValue();
      int copy = out.send(seg.src(), to, out.sentRow(original), Diagram.Kind.COPY, out.label(original));
      out.end(copy, Diagram.Fate.ARRIVED, row);
    } else {
      out.end(inFlight.remove(match).getValue(), Diagram.Fate.ARRIVED, row);
    }
  }

  /** The segment in RFC notation, as the counterexamples write it. */
  private String label(SegmentRecord s) {
    Map<String, TlaValue> f = new LinkedHashMap<>();
    f.put("src", new TlaValue.Str(s.src()));
    f.put("dst", new TlaValue.Str(out.other(s.src())));
    f.put("seq", new TlaValue.Int(s.seq()));
    f.put("ack", new TlaValue.Int(s.ack()));
    Set<TlaValue> ctl = new LinkedHashSet<>();
    for (String bit : s.ctl()) {
      ctl.add(new TlaValue.Str(bit));
    }
    f.put("ctl", new TlaValue.SetOf(ctl));
    f.put("len", new TlaValue.Int(s.len()));
    try {
      return SegmentNotation.fields(new TlaValue.Rec(f));
    } catch (ShapeException e) {
      return s.notation();
    }
  }

  /** An observed TCB as the spec's record, for {@link dev.tcpv.counterexample.TcbNotation}. */
  private static TlaValue tcb(TcbRecord t) {
    Map<String, TlaValue> f = new LinkedHashMap<>();
    f.put("st", new TlaValue.Str(t.st()));
    for (Map.Entry<String, Long> v : t.vars().entrySet()) {
      f.put(v.getKey(), new TlaValue.Int(v.getValue()));
    }
    return new TlaValue.Rec(f);
  }
}
