package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.conform.ConformModel;
import dev.tcpv.conform.Conformance;
import dev.tcpv.conform.Engine;
import dev.tcpv.conform.KeptGraphs;
import dev.tcpv.conform.StateGraph;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.TraceValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The three bridges between spec and engine as one oracle, with the inputs CI gives them and nothing else: the
 * {@code scripts} stage (the project's scripts, strict), the {@code conform} stage (every conformance model, the
 * state-diagram comparison) and the {@code traces} stage (its three batches of simulated runs, each validated).
 * No unit test of the engine takes part: the {@code pit} profile mutates the engine and runs this class alone, so
 * that its score is the bridges' own.
 *
 * <p>Each check stops at the first failure (a stage runs on and counts them), so that a mutant the bridges catch
 * costs little. The conformance models' state graphs depend on the spec and the models, never on the engine: they
 * are explored once and kept ({@link KeptGraphs}, as {@code conform} keeps them), so that every JVM PIT starts
 * reads them instead of running TLC again.
 *
 * <p>Opt-in ({@code -Dtcpv.bridges=true}, which the profile sets): {@code tcpv all} runs the same checks in CI.
 */
@EnabledIfSystemProperty(named = "tcpv.bridges", matches = "true")
class BridgesTest {
  private static final Map<String, StateGraph> GRAPHS = new HashMap<>();

  @Test
  @DisplayName("scripts: every one of the project's scripts passes in strict mode")
  void scripts() throws Exception {
    StringWriter log = new StringWriter();
    StageResult r = new ScriptStage(ProjectLayout.root(), null).run(new PrintWriter(log, true),
        new PrintWriter(log, true));
    assertEquals(ExitCodes.OK, r.exitCode(), () -> r.detail() + "\n" + log);
  }

  @Test
  @DisplayName("conform: the engines follow every edge of every conformance model; the state diagrams agree")
  void conform() throws Exception {
    ProjectLayout layout = ProjectLayout.resolve(null, null, null);
    StringWriter log = new StringWriter();
    PrintWriter out = new PrintWriter(log, true);
    Conformance conformance = new Conformance(layout, Engine.connection(), out, new PrintWriter(new StringWriter()));
    List<Conformance.Result> results = new ArrayList<>();
    for (String m : Conformance.MODELS) {
      ConformModel model = ConformModel.read(layout.modelsDir().resolve("MC" + m + ".cfg"));
      Conformance.Result r = conformance.drive(m, model, graph(layout, m), System.nanoTime(), null);
      results.add(r);
      if (!r.passed()) {
        throw new AssertionError(m + ": " + r.divergence());
      }
    }
    assertEquals(0, conformance.reportDiagram(results, true), log::toString);
  }

  @Test
  @DisplayName("traces: production runs validate")
  void productionTraces() throws Exception {
    validate(TracesStage.BATCHES.get(0));
  }

  @Test
  @DisplayName("traces: production runs as one endpoint sees them, the peer open, validate")
  void oneEndpointProductionTraces() throws Exception {
    validate(TracesStage.BATCHES.get(1));
  }

  @Test
  @DisplayName("traces: spec-shaped runs, one octet per segment, validate")
  void specShapedTraces() throws Exception {
    validate(TracesStage.BATCHES.get(2));
  }

  @Test
  @DisplayName("traces: spec-shaped runs with RECEIVE calls validate")
  void readingTraces() throws Exception {
    validate(TracesStage.BATCHES.get(3));
  }

  @Test
  @DisplayName("the four trace tests are the traces stage's batches")
  void theStageHasFourBatches() {
    assertEquals(4, TracesStage.BATCHES.size());
  }

  private static void validate(TracesStage.Batch batch) throws Exception {
    TraceValidator validator = TraceValidator.forRepository();
    for (long seed : TracesStage.seeds(batch)) {
      Trace t = batch.run().apply(seed);
      Failure f = validator.validate(t).failure();
      if (f != null) {
        throw new AssertionError(batch.name() + ", seed " + seed + " (" + t.header().scenario() + "): " + f.render());
      }
    }
  }

  /** The model's state graph: from memory, or from the dump kept in {@link KeptGraphs#dir} (explored first). */
  private static synchronized StateGraph graph(ProjectLayout layout, String model) throws Exception {
    StateGraph g = GRAPHS.get(model);
    if (g == null) {
      g = Conformance.explore(layout, model);
      GRAPHS.put(model, g);
    }
    return g;
  }
}
