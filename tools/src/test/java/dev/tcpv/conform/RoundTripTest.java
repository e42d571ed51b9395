package dev.tcpv.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Round trip: the trace the engines produce along a conformance path passes trace validation, and a trace
 * doctored to disagree with the spec does not.
 */
class RoundTripTest {
  private static final String MODEL = "ConformCrash";
  private static final int SAMPLE = 60;

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ConformIncarnations", "ConformLoss", "ConformAttacker",
      "ConformKeepAlive", "ConformData", "ConformReads"})
  void pathTracesOfTheOtherModelsPassTraceValidation(String name) throws Exception {
    ProjectLayout layout = WrongEngineTest.layout();
    ConformModel model = ConformModel.read(layout.modelsDir().resolve("MC" + name + ".cfg"));
    StateGraph graph = Conformance.explore(layout, name);
    List<int[]> paths = PathPlanner.plan(graph);
    TraceValidator validator = new TraceValidator(Path.of("..", "spec").toAbsolutePath().normalize());
    int stride = Math.max(1, paths.size() / 15);
    int validated = 0;
    for (int i = 0; i < paths.size(); i += stride) {
      PathRunner runner = new PathRunner(graph, model, Engine.connection());
      List<TraceLine> lines = new ArrayList<>();
      assertEquals(null, runner.run(paths.get(i), lines));
      if (!runner.wrappedEdges().isEmpty()) {
        continue;
      }
      Verdict v = validator.validate(new Trace(name + "-path-" + i, runner.traceHeader(name), lines));
      assertTrue(v.ok(), "path " + i + ": " + v.failure());
      validated++;
    }
    assertTrue(validated >= 5, "validated " + validated);
  }

  @Test
  void pathTracesPassTraceValidation() throws Exception {
    ProjectLayout layout = WrongEngineTest.layout();
    ConformModel model = ConformModel.read(layout.modelsDir().resolve("MC" + MODEL + ".cfg"));
    StateGraph graph = Conformance.explore(layout, MODEL);
    List<int[]> paths = PathPlanner.plan(graph);
    TraceValidator validator = new TraceValidator(Path.of("..", "spec").toAbsolutePath().normalize());
    int stride = Math.max(1, paths.size() / SAMPLE);
    int validated = 0;
    Set<String> actions = new HashSet<>();
    for (int i = 0; i < paths.size(); i += stride) {
      PathRunner runner = new PathRunner(graph, model, Engine.connection());
      List<TraceLine> lines = new ArrayList<>();
      assertEquals(null, runner.run(paths.get(i), lines));
      assertEquals(Set.of(), runner.wrappedEdges());
      Trace trace = new Trace(MODEL + "-path-" + i, runner.traceHeader(MODEL), lines);
      Verdict v = validator.validate(trace);
      assertTrue(v.ok(), "path " + i + ": " + v.failure());
      lines.forEach(l -> actions.add(l.action()));
      validated++;
    }
    assertTrue(validated >= SAMPLE / 2, "validated " + validated);
    assertTrue(actions.containsAll(List.of("Crash", "ReceiveRst", "RetransmitTimeout", "Tick")), actions.toString());

    // the same trace with one TCB variable changed fails validation
    PathRunner runner = new PathRunner(graph, model, Engine.connection());
    int[] longest = paths.stream().max((a, b) -> Integer.compare(a.length, b.length)).orElseThrow();
    List<TraceLine> lines = new ArrayList<>();
    assertEquals(null, runner.run(longest, lines));
    List<TraceLine> doctored = new ArrayList<>();
    boolean changed = false;
    for (TraceLine l : lines) {
      if (!changed && l.action().equals("SegmentArrivesListen")) {
        var tcb = new java.util.LinkedHashMap<>(l.tcb());
        var b = tcb.get(l.host());
        if (b != null && b.vars().containsKey("iss")) {
          var vars = new java.util.LinkedHashMap<>(b.vars());
          vars.put("rcvNxt", vars.getOrDefault("rcvNxt", 0L) + 1);
          tcb.put(String.valueOf(l.host()), new dev.tcpv.tracefile.TcbRecord(b.st(), vars));
          l = new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), l.sent(), tcb);
          changed = true;
        }
      }
      doctored.add(l);
    }
    assertTrue(changed);
    assertFalse(validator.validate(new Trace("doctored", runner.traceHeader(MODEL), doctored)).ok());
  }
}
