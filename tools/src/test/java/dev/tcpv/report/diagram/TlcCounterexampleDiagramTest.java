package dev.tcpv.report.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.manifest.ManifestReader;
import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.tlc.TlcJob;
import dev.tcpv.tlc.TlcLauncher;
import dev.tcpv.tlc.TlcResult;
import dev.tcpv.tlc.TraceState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Diagrams of real counterexamples: the knob and Debug models' TLC traces, checked against what each counterexample
 * is known to show (the models are deterministic with one worker).
 */
class TlcCounterexampleDiagramTest {
  private static final Path ROOT = ProjectLayout.root();
  private static final Map<String, List<TraceState>> TRACES = new ConcurrentHashMap<>();

  /** The counterexample of a manifest model, checked once per test run. */
  private static List<TraceState> counterexample(String model) throws Exception {
    List<TraceState> known = TRACES.get(model);
    if (known != null) {
      return known;
    }
    Path models = ROOT.resolve("model-check/models");
    ModelEntry entry = ManifestReader.read(models.resolve("manifest.json")).model(model).orElseThrow();
    TlcJob job = new TlcJob(model, models, entry.module(), entry.config(), ROOT.resolve("spec"), entry.workers(),
        entry.checkDeadlock());
    TlcResult result = TlcLauncher.forCurrentJvm().run(job, p -> {});
    assertEquals(entry.expect() + " violated", result.outcome().label(), model);
    TRACES.put(model, result.trace());
    return result.trace();
  }

  private static List<Diagram.Message> messages(Diagram d, Diagram.Kind kind, Diagram.Fate fate) {
    return d.messages().stream().filter(m -> m.kind() == kind && m.fate() == fate).toList();
  }

  @Test
  void twoWayHandshakeShowsTheSynThatOpensB() throws Exception {
    List<TraceState> trace = counterexample("TwoWayHandshake");
    String verdict = "NoUnrequestedConnectionInv violated: B is ESTABLISHED for a SYN nobody sent in this incarnation";
    Diagram d = Diagrams.fromTlcTrace(trace, verdict);
    assertEquals("A", d.left());
    assertEquals("B", d.right());
    assertEquals(trace.size(), d.rows().size());
    assertEquals(List.of("Initial state", "ActiveOpen(A)", "Close(A)", "PassiveOpen(B)", "SegmentArrivesListen(B)"),
        d.rows().stream().map(Diagram.Row::label).toList());
    // A's SYN outlives A's connection and opens B: one arrival, from A at row 1 to B at row 4.
    assertEquals(List.of(new Diagram.Message("A", "B", 1, 4, Diagram.Kind.SENT, Diagram.Fate.ARRIVED,
        "<SEQ=1><CTL=SYN> (gen 1)")), messages(d, Diagram.Kind.SENT, Diagram.Fate.ARRIVED));
    List<Diagram.Message> flying = messages(d, Diagram.Kind.SENT, Diagram.Fate.IN_FLIGHT);
    assertEquals(1, flying.size());
    assertEquals("B", flying.get(0).from());
    assertEquals(4, flying.get(0).sentRow());
    assertTrue(flying.get(0).label().contains("<CTL=SYN,ACK>"), flying.get(0).label());
    assertEquals(2, d.messages().size());
    Diagram.Change opened = d.rows().get(4).changes().get(0);
    assertEquals("B", opened.host());
    assertEquals("LISTEN -> ESTABLISHED", opened.state());
    assertTrue(opened.note().contains("IRS=1"), opened.note());
    assertEquals(new Diagram.Verdict(d.rows().size() - 1, verdict), d.verdict());

    String title = "TwoWayHandshake: NoUnrequestedConnectionInv";
    Svg svg = Svg.parse(SequenceDiagramSvg.render(d, title));
    svg.checkDocument(title, d);
    double[] x = svg.lifelines();
    List<Svg.Arrow> arrows = svg.arrows("msg", "arrived");
    assertEquals(1, arrows.size(), "one arrow per segment that arrived");
    Svg.Arrow syn = arrows.get(0);
    assertEquals(x[0], syn.x1(), 0.1, "the SYN leaves A's timeline");
    assertEquals(x[1], syn.x2(), 0.1, "and reaches B's");
    assertEquals(svg.rowY(1), syn.y1(), 0.1, "at the row it was sent");
    assertEquals(svg.rowY(4), syn.y2(), 0.1, "and the row it arrived");
    List<Element> verdictText = svg.withClasses("g", "verdict");
    assertEquals(1, verdictText.size());
    assertTrue(Svg.text(verdictText.get(0)).replace("\n", " ").contains("NoUnrequestedConnectionInv"));
  }

  @Test
  void simultaneousOpenCrossesTwoSynsWithoutTheirLabelsOnTopOfEachOther() throws Exception {
    Diagram d = Diagrams.fromTlcTrace(counterexample("DebugSimultaneousOpen"), "DebugNoSimultaneousOpen violated");
    List<Diagram.Message> arrived = messages(d, Diagram.Kind.SENT, Diagram.Fate.ARRIVED);
    assertEquals(2, arrived.size());
    Diagram.Message fromA = arrived.stream().filter(m -> m.from().equals("A")).findFirst().orElseThrow();
    Diagram.Message fromB = arrived.stream().filter(m -> m.from().equals("B")).findFirst().orElseThrow();
    assertEquals(List.of("B", 1, 4), List.of(fromA.to(), fromA.sentRow(), fromA.endRow()));
    assertEquals(List.of("A", 2, 3), List.of(fromB.to(), fromB.sentRow(), fromB.endRow()));
    assertEquals("SimultaneousOpen(A)", d.rows().get(3).label());
    assertEquals("SimultaneousOpen(B)", d.rows().get(4).label());

    Svg svg = Svg.parse(SequenceDiagramSvg.render(d, "DebugSimultaneousOpen"));
    double[] x = svg.lifelines();
    List<Svg.Arrow> arrows = svg.arrows("msg", "arrived");
    assertEquals(2, arrows.size());
    for (Svg.Arrow a : arrows) {
      boolean rightwards = a.x1() < a.x2();
      assertEquals(rightwards ? x[0] : x[1], a.x1(), 0.1);
      assertEquals(rightwards ? x[1] : x[0], a.x2(), 0.1);
      assertEquals(svg.rowY(rightwards ? 4 : 3), a.y2(), 0.1, "each SYN ends at its receiver's row");
    }
    List<Element> labels = svg.labels("msg", "arrived");
    assertEquals(2, labels.size());
    double apart = Math.hypot(Svg.num(labels.get(0), "x") - Svg.num(labels.get(1), "x"),
        Svg.num(labels.get(0), "y") - Svg.num(labels.get(1), "y"));
    assertTrue(apart > 30, "the labels of crossing arrows are staggered, " + apart + " apart");
  }

  @Test
  void fixedIsnDrawsTheDuplicatedSynAckTwice() throws Exception {
    Diagram d = Diagrams.fromTlcTrace(counterexample("FixedIsn"), "NoStaleSegmentAcceptedInv violated");
    List<Diagram.Message> copies = messages(d, Diagram.Kind.COPY, Diagram.Fate.ARRIVED);
    assertEquals(1, copies.size());
    Diagram.Message copy = copies.get(0);
    Diagram.Message original = d.messages().stream()
        .filter(m -> m.kind() == Diagram.Kind.SENT && m.sentRow() == copy.sentRow() && m.from().equals("B"))
        .findFirst().orElseThrow();
    assertEquals(List.of("B", "A", 3, 4), List.of(copy.from(), copy.to(), copy.sentRow(), copy.endRow()));
    assertEquals(original.label(), copy.label());
    assertTrue(copy.label().contains("<CTL=SYN,ACK>"), copy.label());
    assertEquals(Diagram.Fate.ARRIVED, original.fate());
    assertEquals(d.rows().size() - 1, original.endRow(), "the old SYN,ACK arrives at the last step, stale");
    assertEquals("SegmentArrivesSynSent(A)", d.rows().get(4).label());
    Svg svg = Svg.parse(SequenceDiagramSvg.render(d, "FixedIsn"));
    assertEquals(1, svg.arrows("msg", "copy", "arrived").size());
    assertEquals(d.messages().stream().filter(m -> m.fate() == Diagram.Fate.ARRIVED).count(),
        svg.arrows("msg", "arrived").size());
  }

  @Test
  void noRfc5961DrawsTheForgedRst() throws Exception {
    Diagram d = Diagrams.fromTlcTrace(counterexample("NoRfc5961"), "NoStaleSegmentAcceptedInv violated");
    List<Diagram.Message> forged = messages(d, Diagram.Kind.FORGED, Diagram.Fate.ARRIVED);
    assertEquals(1, forged.size());
    Diagram.Message rst = forged.get(0);
    int last = d.rows().size() - 1;
    assertEquals(List.of("A", "B", last, last), List.of(rst.from(), rst.to(), rst.sentRow(), rst.endRow()));
    assertTrue(rst.label().contains("<CTL=RST>"), rst.label());
    assertEquals("ReceiveRst(B)", d.rows().get(last).label());
    Svg svg = Svg.parse(SequenceDiagramSvg.render(d, "NoRfc5961"));
    Svg.Arrow arrow = svg.arrows("msg", "forged").get(0);
    double[] x = svg.lifelines();
    assertEquals(x[1], arrow.x2(), 0.1, "the forged RST reaches B");
    assertTrue(arrow.x1() > x[0] && arrow.x1() < x[1], "from between the timelines");
  }
}
