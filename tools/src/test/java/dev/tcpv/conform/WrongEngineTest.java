package dev.tcpv.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.BranchCatalogue;
import dev.tcpv.check.BranchLedger;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.conn.ConnResult;
import dev.tcpv.conn.Connection;
import dev.tcpv.conn.TcpState;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Segment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code conform} against engines made wrong on purpose (through the {@link Engine} seam, which the CLI does not
 * offer): it must stop at the step where the engine departs from the spec and report the path, the step, and
 * the expected and actual state. The real engine, driven the same way, conforms.
 */
class WrongEngineTest {
  private static final String MODEL = "ConformCrash";
  private static StateGraph graph = new StateGraph(List.of(), List.of(), List.of(), new int[0], new int[0], new int[0]);
  private static ConformModel model = new ConformModel(64, 1, 3, 1, 2, 2, 2, true, true, true, false, 2, 1, 2, 0, 1);

  @BeforeAll
  static void explore() throws Exception {
    ProjectLayout layout = layout();
    model = ConformModel.read(layout.modelsDir().resolve("MC" + MODEL + ".cfg"));
    graph = Conformance.explore(layout, MODEL);
  }

  static ProjectLayout layout() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    return ProjectLayout.resolve(root.resolve("model-check/models/manifest.json"), null, root.resolve("spec"));
  }

  private static Conformance.Result drive(Engine.Factory factory, StringWriter out) throws Exception {
    Conformance c = new Conformance(layout(), factory, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
    Conformance.Result r = c.drive(MODEL, model, graph, System.nanoTime(), null);
    assertEquals(r.passed() ? 0 : 1, c.report(List.of(r)));
    return r;
  }

  @Test
  void theEngineConformsAndCoversEveryEdge() throws Exception {
    Conformance.Result r = drive(Engine.connection(), new StringWriter());
    assertNull(r.divergence());
    assertEquals(r.edges(), r.covered());
    assertTrue(r.passed());
    assertTrue(r.branches().containsKey("ReceiveRst.reset") && r.branches().containsKey("GiveUp.closed"),
        r.branches()::toString);
  }

  /**
   * The branch gate of {@code conform}: against a catalogue of the branches the real engine is driven through in
   * this model, an engine that diverges early leaves some undriven, and the gate names them.
   */
  @Test
  void theBranchGateFailsWhenConformNoLongerDrivesABranch() throws Exception {
    Conformance.Result good = drive(Engine.connection(), new StringWriter());
    StringBuilder json = new StringBuilder("{\"branches\": [");
    good.branches().keySet().forEach(b -> json.append("{\"name\": \"").append(b).append("\", \"rules\": []},"));
    json.setLength(json.length() - 1);
    BranchCatalogue catalogue = BranchCatalogue.parse(Path.of("branches.json"), json + "]}", java.util.Set.of());
    BranchLedger passes = BranchLedger.forConform(catalogue);
    passes.record(MODEL, good.branches());
    assertTrue(passes.passed(), passes.gateLine("conform"));
    Engine.Factory deaf = (host, config, isn, local, remote, sink) -> new Engine.Delegating(
        new Connection(config, isn, local, remote, sink)) {
      @Override
      public ConnResult handleSegment(Segment s, long now) {
        if (s.flags().contains(Flag.RST) && state() instanceof TcpState.LastAck) {
          return new ConnResult(null, List.of(), List.of(), List.of(), state());
        }
        return super.handleSegment(s, now);
      }
    };
    Conformance.Result bad = drive(deaf, new StringWriter());
    BranchLedger fails = BranchLedger.forConform(catalogue);
    fails.record(MODEL, bad.branches());
    assertFalse(fails.passed());
    String line = fails.gateLine("conform");
    assertTrue(line.startsWith("Branch gate FAILED: ") && line.contains("never taken: "), line);
    assertTrue(fails.missing().stream().allMatch(good.branches()::containsKey), line);
  }

  /** R-RST-2 broken: a RST with SEQ = RCV.NXT in ESTABLISHED is swallowed. */
  @Test
  void anEngineThatIgnoresAValidRstIsReportedWithThePathAndTheDifferingState() throws Exception {
    Engine.Factory deaf = (host, config, isn, local, remote, sink) -> new Engine.Delegating(
        new Connection(config, isn, local, remote, sink)) {
      @Override
      public ConnResult handleSegment(Segment s, long now) {
        if (state() instanceof TcpState.Established e && s.flags().contains(Flag.RST)
            && s.seq().equals(e.vars().rcvNxt())) {
          return new ConnResult(null, List.of(), List.of(), List.of(), state());
        }
        return super.handleSegment(s, now);
      }
    };
    StringWriter out = new StringWriter();
    Conformance.Result r = drive(deaf, out);
    assertFalse(r.passed());
    String report = r.divergence();
    if (report == null) {
      throw new AssertionError("no divergence reported");
    }
    assertTrue(report.contains("(ReceiveRst("), report);
    assertTrue(report.lines().anyMatch(l -> l.matches("\\s*expected \\(spec\\):\\s+CLOSED")), report);
    assertTrue(report.lines().anyMatch(l -> l.matches("\\s*actual \\(engine\\):\\s+ESTABLISHED \\[.*")), report);
    assertTrue(report.contains(" 1. "), "the path from the initial state is shown: " + report);
    assertTrue(r.covered() < r.edges());
    assertTrue(out.toString().contains("FAIL"), out.toString());
  }

  /** The ACK of a retransmitted SYN,ACK... any ACK an ESTABLISHED engine sends for a FIN goes missing. */
  @Test
  void anEngineThatDropsTheAckOfAFinIsReportedAsASegmentDifference() throws Exception {
    Engine.Factory mute = (host, config, isn, local, remote, sink) -> new Engine.Delegating(
        new Connection(config, isn, local, remote, sink)) {
      @Override
      public ConnResult handleSegment(Segment s, long now) {
        boolean established = state() instanceof TcpState.Established;
        ConnResult r = super.handleSegment(s, now);
        if (established && s.flags().contains(Flag.FIN)) {
          return new ConnResult(r.error(), List.of(), r.timers(), r.events(), r.state());
        }
        return r;
      }
    };
    Conformance.Result r = drive(mute, new StringWriter());
    String report = r.divergence();
    if (report == null) {
      throw new AssertionError("no divergence reported");
    }
    assertTrue(report.contains("segments sent by "), report);
    assertTrue(report.lines().anyMatch(l -> l.matches("\\s*actual \\(engine\\):\\s+\\(none\\)")), report);
  }
}
