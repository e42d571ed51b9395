package dev.tcpv.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.FaultyEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every deliberately wrong engine of {@code dev.tcpv.conn.Fault} against {@code conform}: each is stopped by the
 * conformance model named for it, at the step where the engine departs from the spec, with the path that leads
 * there (the same faults are caught by trace validation: {@code ProductionTracesTest}).
 */
class ConformFaultsTest {
  /** The model whose paths catch each fault: the smallest that reaches the rule it breaks. */
  private static final Map<String, String> CATCHER = Map.ofEntries(
      Map.entry("SHORT_TIME_WAIT", "ConformPeers"),
      Map.entry("RST_OUTSIDE_WINDOW", "ConformPeers"),
      Map.entry("ACK_OFF_BY_ONE", "ConformPeers"),
      Map.entry("CONSTANT_ISN", "ConformIncarnations"),
      Map.entry("FIN_NO_SEQUENCE_NUMBER", "ConformPeers"),
      Map.entry("NO_SIMULTANEOUS_OPEN", "ConformPeers"),
      Map.entry("KEEPALIVE_ONE_PROBE", "ConformKeepAlive"),
      Map.entry("TIME_WAIT_FIN_NO_RESTART", "ConformLoss"),
      Map.entry("SYN_RECEIVED_ACK_ABOVE_SND_NXT", "ConformAttacker"),
      Map.entry("NO_SYN_CHALLENGE_ACK", "ConformAttacker"),
      Map.entry("TIME_WAIT_REOPEN_AT_RCV_NXT", "ConformAttacker"),
      Map.entry("ACCEPT_ONE_PAST_WINDOW", "ConformAttacker"),
      Map.entry("KEEPALIVE_PROBE_AT_SND_NXT", "ConformKeepAlive"),
      Map.entry("LAST_ACK_NO_FIN_RETRANSMIT", "ConformLoss"),
      Map.entry("WINDOW_IGNORES_UNREAD", "ConformReads"));

  private static final Map<String, StateGraph> GRAPHS = new HashMap<>();
  private static final Pattern DIVERGENCE = Pattern.compile("(?m)^DIVERGENCE at step (\\d+) \\((\\w+)\\(([AB])\\)\\)");

  static List<String> caught() {
    return List.copyOf(new TreeSet<>(CATCHER.keySet()));
  }

  private static synchronized StateGraph graph(String model) throws Exception {
    StateGraph g = GRAPHS.get(model);
    if (g == null) {
      g = Conformance.explore(WrongEngineTest.layout(), model);
      GRAPHS.put(model, g);
    }
    return g;
  }

  private static Conformance.Result drive(String model, Engine.Factory engines) throws Exception {
    ConformModel m = ConformModel.read(WrongEngineTest.layout().modelsDir().resolve("MC" + model + ".cfg"));
    Conformance c = new Conformance(WrongEngineTest.layout(), engines, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    return c.drive(model, m, graph(model), System.nanoTime(), null);
  }

  @Test
  void everyFaultHasAModelThatCatchesIt() {
    assertEquals(new TreeSet<>(FaultyEngines.names()), new TreeSet<>(CATCHER.keySet()));
    assertTrue(Conformance.MODELS.containsAll(CATCHER.values()));
  }

  @ParameterizedTest(name = "conform stops the engine with fault {0} at the step that breaks the rule")
  @MethodSource("caught")
  void theFaultIsCaughtWithTheStepAndThePath(String fault) throws Exception {
    String model = CATCHER.get(fault);
    if (model == null) {
      throw new AssertionError("no model for " + fault);
    }
    Conformance.Result r = drive(model, FaultyEngines.forConform(fault));
    String report = r.divergence();
    if (report == null) {
      throw new AssertionError(fault + " passed " + model);
    }
    Matcher m = DIVERGENCE.matcher(report);
    assertTrue(m.find(), report);
    int step = Integer.parseInt(String.valueOf(m.group(1)));
    // The path from the initial state down to the diverging step, each step numbered and named.
    for (int i = 1; i <= step; i++) {
      String numbered = "\\s*" + i + "\\. .*";
      assertTrue(report.lines().anyMatch(l -> l.matches(numbered)), "step " + i + " of the path is shown: " + report);
    }
    assertTrue(report.lines().anyMatch(l -> l.startsWith("  expected (spec):")), report);
    assertTrue(report.lines().anyMatch(l -> l.startsWith("  actual (engine):")), report);
    assertTrue(r.covered() < r.edges());
  }

  @Test
  void theRealEngineConformsOnTheModelsThatCatchTheFaults() throws Exception {
    for (String model : new TreeSet<>(CATCHER.values())) {
      Conformance.Result r = drive(model, Engine.connection());
      assertTrue(r.passed(), model + ": " + r.divergence());
    }
  }
}
