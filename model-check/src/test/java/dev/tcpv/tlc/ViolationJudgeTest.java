package dev.tcpv.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ViolationJudge}: the module and configuration it writes, and TLC's verdict on them. */
class ViolationJudgeTest {
  private static final String SPEC = """
      ---- MODULE Counter ----
      EXTENDS Integers
      VARIABLES x, y
      Init == x = 0 /\\ y = 0
      Next == x < 5 /\\ x' = x + 1 /\\ y' = y
      Small == x /= 3
      Steady == [][y' = y]_<<x, y>>
      Grows == <>(x > 5)
      ====
      """;
  private static final String CFG = """
      SPECIFICATION Spec
      INVARIANT Small
      PROPERTIES
        Steady
        Grows
      """;

  private static TraceState state(int number, int x, int y) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("x", Integer.toString(x));
    v.put("y", Integer.toString(y));
    return new TraceState(number, number == 1 ? TraceState.Kind.INITIAL : TraceState.Kind.STEP,
        number == 1 ? null : "Next", null, v);
  }

  @Test
  void theConfigurationStepsOnceAndLeavesOutTheUncheckedProperties() {
    String cfg = ViolationJudge.config(CFG, Set.of("Grows"));
    assertEquals("""
        INIT TcpvJudgeInit
        NEXT TcpvJudgeNext
        INVARIANT Small
        PROPERTIES
          Steady
        """, cfg);
    String module = ViolationJudge.module("Counter", List.of(state(1, 1, 0), state(2, 2, 0), state(3, 3, 0)));
    assertTrue(module.contains("TcpvJudgeInit ==\n  /\\ x = 2\n  /\\ y = 0\n"), module);
    assertTrue(module.contains("TcpvJudgeNext ==\n  /\\ x' = 3\n  /\\ y' = 0\n"), module);
    String single = ViolationJudge.module("Counter", List.of(state(1, 4, 0)));
    assertTrue(single.contains("TcpvJudgeNext ==\n  /\\ FALSE\n  /\\ x' = x\n"), single);
    assertTrue(module.contains("TcpvJudgeNotStuck ==\n  ~(/\\ x = 3\n    /\\ y = 0)\n  \\/ ENABLED Next\n"), module);
  }

  private static TlcOutcome judge(Path dir, List<TraceState> trace, boolean deadlock)
      throws IOException, InterruptedException {
    Files.writeString(dir.resolve("Counter.tla"), SPEC.replace("====", "Spec == Init /\\ [][Next]_<<x, y>>\n===="));
    Files.writeString(dir.resolve("Counter.cfg"), CFG);
    TlcJob job = new TlcJob("Counter", dir, "Counter.tla", "Counter.cfg", dir, 1, deadlock);
    return new ViolationJudge(TlcLauncher.forCurrentJvm()).judge(job, trace, Set.of("Grows"));
  }

  @Test
  void namesTheInvariantTheLastStepBreaks(@TempDir Path dir) throws Exception {
    TlcOutcome outcome = judge(dir, List.of(state(1, 2, 0), state(2, 3, 0)), false);
    assertEquals(new TlcOutcome.InvariantViolated("Small"), outcome);
  }

  @Test
  void namesTheActionPropertyTheLastStepBreaks(@TempDir Path dir) throws Exception {
    TlcOutcome outcome = judge(dir, List.of(state(1, 1, 0), state(2, 2, 1)), false);
    assertEquals(new TlcOutcome.PropertyViolated("Steady"), outcome);
  }

  @Test
  void aDeadlockedLastStateIsADeadlock(@TempDir Path dir) throws Exception {
    assertEquals(new TlcOutcome.Deadlock(), judge(dir, List.of(state(1, 4, 0), state(2, 5, 0)), true));
    // A last state the spec can leave is no deadlock, and nothing else is wrong with it.
    assertInstanceOf(TlcOutcome.Failure.class, judge(dir, List.of(state(1, 0, 0), state(2, 1, 0)), true));
  }

  @Test
  void aStepThatBreaksNothingIsAFailureNotAVerdict(@TempDir Path dir) throws Exception {
    TlcOutcome outcome = judge(dir, List.of(state(1, 0, 0), state(2, 1, 0)), false);
    assertInstanceOf(TlcOutcome.Failure.class, outcome);
    assertTrue(((TlcOutcome.Failure) outcome).message().contains("violates nothing"), outcome::toString);
  }
}
