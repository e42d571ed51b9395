package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.tracefile.TraceProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The engine's rule tags: the rule IDs a line carries must be among those that the branches of the spec its step
 * took declare in spec/branches.json. A trace with one ID added to one line that its step does not declare is
 * rejected at that line, in one line naming the ID, the branches and what they declare; fully observed,
 * one-endpoint and real-time traces alike.
 */
class RuleTagsTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();
  /** The checksum rule: a step of the state machine never implements it, so no branch declares it. */
  private static final String FOREIGN = "R-FMT-2";

  /** {@code t} with {@code extra} added to the rules of line {@code i}. */
  private static Trace withRule(Trace t, int i, String extra) {
    List<TraceLine> lines = new ArrayList<>(t.lines());
    TraceLine l = lines.get(i);
    List<String> rules = new ArrayList<>(l.rules());
    rules.add(extra);
    lines.set(i, new TraceLine(l.line(), l.action(), l.host(), l.t(), rules, l.seg(), l.age(), l.dup(), l.sent(),
        l.tcb(), l.octets()));
    return new Trace(t.source(), t.header(), lines);
  }

  /** The index of the first line of {@code t} at or after {@code from} that carries rules and matches {@code p}. */
  private static int find(Trace t, int from, Predicate<TraceLine> p) {
    for (int i = from; i < t.lines().size(); i++) {
      TraceLine l = t.lines().get(i);
      if (!l.rules().isEmpty() && p.test(l)) {
        return i;
      }
    }
    return -1;
  }

  /** The failure of {@code t}, which must fail at {@code line} on its rule IDs, in one line. */
  private static Failure rejectedOnRules(Trace t, int line, String id) throws Exception {
    Verdict v = VALIDATOR.validate(t);
    Failure f = v.failure();
    if (f == null) {
      throw new AssertionError(t.source() + ": line " + line + " carries " + id + ", not rejected");
    }
    String render = f.render();
    assertEquals(line, f.line(), render);
    assertTrue(f.matched(), render);
    assertTrue(render.startsWith(t.source() + ":" + line + ": rule " + id + " is not declared by the spec step "
        + "that matches ("), render);
    assertFalse(render.contains("\n"), render);
    return f;
  }

  @Test
  @DisplayName("a trace whose line carries a rule ID its step does not declare is rejected at that line")
  void undeclaredRuleRejectedAtThatLine() throws Exception {
    SplittableRandom rng = new SplittableRandom(5);
    int tampered = 0;
    int tagged = 0;
    for (long seed = 1; tampered < 15; seed++) {
      Trace t = Simulator.run(seed, 300);
      // With the engine's own rule IDs the trace validates, and its engine lines carry some.
      Verdict ok = VALIDATOR.validate(t);
      Failure f = ok.failure();
      assertTrue(ok.ok(), () -> f == null ? "" : f.render());
      tagged += (int) t.lines().stream().filter(l -> !l.rules().isEmpty()).count();
      int i = find(t, rng.nextInt(t.lines().size()), l -> true);
      if (i < 0) {
        continue;
      }
      TraceLine l = t.lines().get(i);
      rejectedOnRules(withRule(t, i, FOREIGN), l.line(), FOREIGN);
      tampered++;
    }
    assertTrue(tagged > 500, "lines with rule IDs: " + tagged);
  }

  @Test
  @DisplayName("R-TW-2: a reset in a synchronized state tagged R-TW-2 is rejected, naming the branch and its rules")
  void resetTaggedTimeWaitRejected() throws Exception {
    for (long seed = 1; seed <= 300; seed++) {
      Trace t = Simulator.run(seed, 300);
      int i = find(t, 0, l -> l.action().equals("ReceiveRst") && l.rules().equals(List.of("R-RST-1", "R-RST-2")));
      if (i < 0) {
        continue;
      }
      int line = t.lines().get(i).line();
      Failure f = rejectedOnRules(withRule(t, i, "R-TW-2"), line, "R-TW-2");
      assertEquals(t.source() + ":" + line + ": rule R-TW-2 is not declared by the spec step that matches "
          + "(ReceiveRst.reset: R-RST-1 R-RST-2 R-OPEN-7 R-SEQ-5)", f.render());
      return;
    }
    throw new AssertionError("no reset of a synchronized state in 300 simulated runs");
  }

  @Test
  @DisplayName("lines without rule IDs (captures, hand-written traces) are not checked for them")
  void linesWithoutRulesPass() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      Trace t = Simulator.run(seed, 300);
      List<TraceLine> lines = new ArrayList<>();
      for (TraceLine l : t.lines()) {
        lines.add(new TraceLine(l.line(), l.action(), l.host(), l.t(), List.of(), l.seg(), l.age(), l.dup(),
            l.sent(), l.tcb(), l.octets()));
      }
      Verdict v = VALIDATOR.validate(new Trace(t.source(), t.header(), lines));
      Failure f = v.failure();
      assertTrue(v.ok(), () -> f == null ? "" : f.render());
    }
  }

  @Test
  @DisplayName("one endpoint: the line's own step (after the hidden ones) is judged; a foreign rule ID is rejected")
  void oneEndpointUndeclaredRuleRejected() throws Exception {
    // Seed 0's projection validates (TraceValidatorTest.oneEndpoint); the failure is a matched step's (its lines
    // before it validate, and the step itself matches).
    Trace a = TraceProjection.observe(Simulator.run(0, 120), "A");
    // A line after the peer's hidden steps: the first that takes a segment the peer sent (early, so that the eager
    // search that follows the lazy one's failure stays short).
    int i = find(a, 0, l -> l.seg() != null);
    assertTrue(i >= 0);
    rejectedOnRules(withRule(a, i, FOREIGN), a.lines().get(i).line(), FOREIGN);
  }

  @Test
  @DisplayName("real time: a trace in microseconds without Tick lines is judged alike")
  void realTimeUndeclaredRuleRejected() throws Exception {
    Trace t = RealTimeTest.realTime(Simulator.run(3, 300));
    Verdict v = VALIDATOR.validate(t);
    Failure f = v.failure();
    assertTrue(v.ok(), () -> f == null ? "" : f.render());
    int i = find(t, t.lines().size() / 2, l -> l.action().startsWith("Receive") || l.action().equals("Send"));
    assertTrue(i >= 0);
    rejectedOnRules(withRule(t, i, FOREIGN), t.lines().get(i).line(), FOREIGN);
  }

  @Test
  @DisplayName("the message names every undeclared ID once, each branch the step took with its IDs, in catalogue "
      + "order, and a branch the catalogue lacks")
  void messageNamesIdsAndBranches() {
    Map<String, List<String>> declared = new LinkedHashMap<>();
    declared.put("ReceiveSegment", List.of("S-4"));
    declared.put("Lose", List.of());
    declared.put("Process.ackAdvances", List.of("R-SEQ-2", "R-OPEN-8"));
    TraceLine line = line(List.of("R-SEQ-2", "R-TW-2", "R-RST-1", "R-TW-2"));
    assertEquals("rules R-TW-2 R-RST-1 are not declared by the spec step that matches (ReceiveSegment: S-4; "
        + "Process.ackAdvances: R-SEQ-2 R-OPEN-8; Process.new: none (not in branches.json))",
        TraceValidator.undeclaredRules(line, Set.of("Process.new", "Process.ackAdvances", "ReceiveSegment"),
            declared));
    assertEquals("rule R-SEQ-2 is not declared by the spec step that matches (Lose: none)",
        TraceValidator.undeclaredRules(line(List.of("R-SEQ-2")), Set.of("Lose"), declared));
    assertNull(TraceValidator.undeclaredRules(line(List.of("S-4", "R-OPEN-8")),
        Set.of("ReceiveSegment", "Process.ackAdvances"), declared));
    assertNull(TraceValidator.undeclaredRules(line(List.of()), Set.of("Lose"), declared));
  }

  private static TraceLine line(List<String> rules) {
    return new TraceLine(7, "ReceiveSegment", "A", 0, rules, null, 0, false, List.of(), Map.of());
  }
}
