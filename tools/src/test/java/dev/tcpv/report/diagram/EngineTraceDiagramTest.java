package dev.tcpv.report.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Diagrams of engine traces: hand-written lines, and the simulator's runs with loss and duplication. */
class EngineTraceDiagramTest {
  private static final SegmentRecord SYN = new SegmentRecord("A", 100, 0, List.of("SYN"), 0, 4);
  private static final SegmentRecord SYN_ACK = new SegmentRecord("B", 300, 101, List.of("SYN", "ACK"), 0, 4);
  private static final SegmentRecord FORGED_RST = new SegmentRecord("B", 999, 0, List.of("RST"), 0, 0);
  private static final TcbRecord CLOSED = new TcbRecord("CLOSED", Map.of());
  private static final TcbRecord LISTEN = new TcbRecord("LISTEN", Map.of());
  private static final TcbRecord SYN_SENT = tcb("SYN-SENT", 100, 0, 100, 101, 0);
  private static final TcbRecord SYN_RECEIVED = tcb("SYN-RECEIVED", 300, 100, 300, 301, 101);

  private static TcbRecord tcb(String st, long iss, long irs, long una, long nxt, long rcvNxt) {
    Map<String, Long> vars = new LinkedHashMap<>();
    vars.put("iss", iss);
    if (irs != 0) {
      vars.put("irs", irs);
    }
    vars.put("sndUna", una);
    vars.put("sndNxt", nxt);
    if (rcvNxt != 0) {
      vars.put("rcvNxt", rcvNxt);
    }
    return new TcbRecord(st, vars);
  }

  private static TraceLine line(String action, @Nullable String host, @Nullable SegmentRecord seg, boolean dup,
      List<SegmentRecord> sent, TcbRecord a, TcbRecord b) {
    return new TraceLine(0, action, host, 0, List.of(), seg, 0, dup, sent, Map.of("A", a, "B", b));
  }

  @Test
  void matchesEachArrivalToTheEarliestIdenticalSegmentInFlight() throws Exception {
    List<TraceLine> lines = List.of(
        line("PassiveOpen", "B", null, false, List.of(), CLOSED, LISTEN),
        line("ActiveOpen", "A", null, false, List.of(SYN), SYN_SENT, LISTEN),
        line("SegmentArrivesListen", "B", SYN, false, List.of(SYN_ACK), SYN_SENT, SYN_RECEIVED),
        line("Lose", null, SYN_ACK, false, List.of(), SYN_SENT, SYN_RECEIVED),
        line("RetransmitTimeout", "A", null, false, List.of(SYN), SYN_SENT, SYN_RECEIVED),
        line("ReceiveSyn", "B", SYN, true, List.of(SYN_ACK), SYN_SENT, SYN_RECEIVED),
        line("ReceiveSyn", "B", SYN, false, List.of(), SYN_SENT, SYN_RECEIVED),
        line("ReceiveRst", "A", FORGED_RST, false, List.of(), CLOSED, SYN_RECEIVED));
    Diagram d = Diagrams.fromTraceLines(lines);
    assertEquals(List.of("PassiveOpen(B)", "ActiveOpen(A)", "SegmentArrivesListen(B)", "Lose", "RetransmitTimeout(A)",
        "ReceiveSyn(B)", "ReceiveSyn(B)", "ReceiveRst(A)"), d.rows().stream().map(Diagram.Row::label).toList());
    String syn = "<SEQ=100><CTL=SYN>";
    String synAck = "<SEQ=300><ACK=101><CTL=SYN,ACK>";
    assertEquals(List.of(
        new Diagram.Message("A", "B", 1, 2, Diagram.Kind.SENT, Diagram.Fate.ARRIVED, syn),
        new Diagram.Message("B", "A", 2, 3, Diagram.Kind.SENT, Diagram.Fate.LOST, synAck),
        new Diagram.Message("A", "B", 4, 6, Diagram.Kind.SENT, Diagram.Fate.ARRIVED, syn),
        new Diagram.Message("A", "B", 4, 5, Diagram.Kind.COPY, Diagram.Fate.ARRIVED, syn),
        new Diagram.Message("B", "A", 5, 7, Diagram.Kind.SENT, Diagram.Fate.IN_FLIGHT, synAck),
        new Diagram.Message("B", "A", 7, 7, Diagram.Kind.FORGED, Diagram.Fate.ARRIVED, "<SEQ=999><CTL=RST>")),
        d.messages());
    assertEquals(List.of(new Diagram.Change("A", null, "CLOSED", ""), new Diagram.Change("B", null, "LISTEN", "")),
        d.rows().get(0).changes(), "the first line shows both hosts' states");
    assertEquals(List.of(new Diagram.Change("B", "LISTEN", "SYN-RECEIVED", "ISS=300 IRS=100 SND.UNA=300 SND.NXT=301 "
        + "RCV.NXT=101")), d.rows().get(2).changes());
    assertTrue(d.rows().get(4).changes().isEmpty());

    Svg svg = Svg.parse(SequenceDiagramSvg.render(d, "hand-written"));
    svg.checkDocument("hand-written", d);
    checkArrows(d, svg);
    assertEquals(1, svg.withClasses("g", "msg", "sent", "inflight").size() / 2);
  }

  /** Every arrow that arrives goes from its message's sender's timeline to its receiver's, at their rows. */
  private static void checkArrows(Diagram d, Svg svg) {
    double[] x = svg.lifelines();
    List<Diagram.Message> arrived = d.messages().stream().filter(m -> m.fate() == Diagram.Fate.ARRIVED).toList();
    List<Svg.Arrow> arrows = svg.arrows("msg", "arrived");
    assertEquals(arrived.size(), arrows.size(), "one arrow per segment that arrived");
    for (int i = 0; i < arrived.size(); i++) {
      Diagram.Message m = arrived.get(i);
      Svg.Arrow a = arrows.get(i);
      double to = m.to().equals(d.left()) ? x[0] : x[1];
      assertEquals(to, a.x2(), 0.1, "arrow " + i + " reaches " + m.to());
      assertEquals(svg.rowY(m.endRow()), a.y2(), 0.1, "arrow " + i + " ends at row " + m.endRow());
      if (m.kind() != Diagram.Kind.FORGED) {
        assertEquals(m.from().equals(d.left()) ? x[0] : x[1], a.x1(), 0.1, "arrow " + i + " leaves " + m.from());
        assertEquals(svg.rowY(m.sentRow()), a.y1(), 0.1, "arrow " + i + " starts at row " + m.sentRow());
      }
    }
  }

  @Test
  void simulatedRunsWithLossAndDuplicationDrawEveryArrivalAtItsHost() throws Exception {
    int losses = 0;
    int copies = 0;
    // Seeds 40 to 47 run every workload with the fault mix "all": loss, duplication and a crash.
    for (long seed = 40; seed <= 47; seed++) {
      Trace trace = Simulator.run(seed, 150);
      List<TraceLine> lines = trace.lines();
      Diagram d = Diagrams.fromTraceLines(lines);
      assertEquals(lines.size(), d.rows().size());
      int taken = 0;
      int lost = 0;
      int sent = 0;
      for (int row = 0; row < lines.size(); row++) {
        TraceLine l = lines.get(row);
        sent += l.sent().size();
        SegmentRecord seg = l.seg();
        if (seg == null) {
          continue;
        }
        int r = row;
        boolean lose = l.action().equals("Lose");
        List<Diagram.Message> ending = d.messages().stream()
            .filter(m -> m.endRow() == r && m.fate() != Diagram.Fate.IN_FLIGHT)
            .toList();
        assertEquals(1, ending.size(), "seed " + seed + " row " + row + ": one segment taken");
        Diagram.Message m = ending.get(0);
        assertEquals(lose ? Diagram.Fate.LOST : Diagram.Fate.ARRIVED, m.fate(), "seed " + seed + " row " + row);
        assertEquals(seg.src(), m.from(), "seed " + seed + " row " + row);
        if (!lose) {
          assertEquals(l.host(), m.to(), "seed " + seed + " row " + row + ": arrives at the host that takes it");
          assertEquals(l.dup() ? Diagram.Kind.COPY : Diagram.Kind.SENT, m.kind(), "seed " + seed + " row " + row);
          taken++;
        } else {
          lost++;
        }
      }
      List<Diagram.Message> sends = new ArrayList<>(d.messages());
      sends.removeIf(m -> m.kind() != Diagram.Kind.SENT);
      assertEquals(sent, sends.size(), "seed " + seed + ": one message per segment sent");
      assertEquals(taken, d.messages().stream().filter(m -> m.fate() == Diagram.Fate.ARRIVED).count());
      losses += lost;
      copies += (int) d.messages().stream().filter(m -> m.kind() == Diagram.Kind.COPY).count();
      Svg svg = Svg.parse(SequenceDiagramSvg.render(d, trace.source()));
      svg.checkDocument(trace.source(), d);
      checkArrows(d, svg);
      assertEquals(lost, svg.withClasses("line", "cross").size() / 2, "seed " + seed + ": a cross per loss");
    }
    assertTrue(losses > 0 && copies > 0, "the runs lose " + losses + " and duplicate " + copies);
  }
}
