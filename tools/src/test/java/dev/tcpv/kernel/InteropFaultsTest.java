package dev.tcpv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.FaultyEngines;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The injected engine bugs against the interop scenarios: each one a scenario reaches makes it fail (the octets,
 * the end states, or the capture's validation); each other is named with why no scenario reaches it. Runs where
 * the interop stage can (root, namespaces, /dev/net/tun); under CI=true it must. Most of its time is the kernel's
 * timers, so it runs beside the other test classes (junit-platform.properties), but never beside another test
 * that looks for scenario processes ({@link #INTEROP}).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(InteropFaultsTest.INTEROP)
class InteropFaultsTest {
  /**
   * The scenario processes and tcpdumps of this JVM: {@link Interop#leftovers} counts every one, so a test that
   * checks for leftovers holds this lock while it runs.
   */
  static final String INTEROP = "tcpv-interop-processes";

  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();

  /** The faults a scenario reaches and is failed by, and that scenario (found by {@link #matrix}). */
  static final Map<String, InteropScenario> CAUGHT = Map.of(
      // Linux never acknowledges the FIN the engine sends without its sequence number: the engine stays in
      // FIN-WAIT-1 and the scenario does not end (and the capture is rejected at the FIN).
      "FIN_NO_SEQUENCE_NUMBER", InteropScenario.LINUX_HALF_CLOSE,
      // The engine gives up after one unanswered probe where it was configured for three.
      "KEEPALIVE_ONE_PROBE", InteropScenario.KEEP_ALIVE_SILENT_PEER,
      // A probe at SND.NXT is a bare ACK the kernel accepts silently: unanswered, the engine times out while the
      // kernel is there.
      "KEEPALIVE_PROBE_AT_SND_NXT", InteropScenario.KEEP_ALIVE_SILENT_PEER,
      // The FIN lost at the device is never resent: the engine stays in LAST-ACK, Linux in FIN-WAIT-2.
      "LAST_ACK_NO_FIN_RETRANSMIT", InteropScenario.ENGINE_FIN_LOST,
      // TIME-WAIT lasts 1 x MSL: the engine deletes the TCB 1 s after Linux's FIN, where 2 x MSL is 2 s.
      "SHORT_TIME_WAIT", InteropScenario.ENGINE_TIME_WAIT,
      // The resent FIN is acknowledged but the 2 x MSL timer is not restarted: the TCB goes 2 x MSL after the first.
      "TIME_WAIT_FIN_NO_RESTART", InteropScenario.ENGINE_TIME_WAIT_ACK_LOST,
      // Each of Linux's segments, SEG.ACK = SND.UNA, restarts the retransmission timer: the lost FIN is resent only
      // after Linux falls quiet.
      "ACK_OFF_BY_ONE", InteropScenario.ENGINE_FIN_LOST_LINUX_SENDS);

  /**
   * The faults no scenario fails with, and why. Each is caught by the trace validation of simulated runs
   * (ProductionTracesTest, TraceValidatorTest) and by conformance (ConformFaultsTest).
   */
  static final Map<String, String> NOT_REACHED = Map.ofEntries(
      Map.entry("TIME_WAIT_REOPEN_AT_RCV_NXT", "Linux's reopening SYN lies far above RCV.NXT, never at it"),
      Map.entry("CONSTANT_ISN", "not reachable through Endpoint: each incarnation the engine opens, a reopened "
          + "TIME-WAIT's included, is a new Connection, whose first ISS is its only one (the reopen scenarios pass "
          + "with it)"),
      Map.entry("NO_SIMULTANEOUS_OPEN", "no scenario opens both ends at once"),
      Map.entry("RST_OUTSIDE_WINDOW", "Linux sends no reset outside the window, and no scenario forges one"),
      Map.entry("NO_SYN_CHALLENGE_ACK", "no scenario sends a SYN into a synchronized connection"),
      Map.entry("SYN_RECEIVED_ACK_ABOVE_SND_NXT", "Linux acknowledges only what the engine sent"),
      Map.entry("ACCEPT_ONE_PAST_WINDOW", "Linux sends within the window the engine offers"),
      Map.entry("WINDOW_IGNORES_UNREAD", "the scenarios' engine delivers text as it arrives (no RECEIVE calls)"));

  @Test
  void everyFaultIsEitherCaughtOrNamedAsNotReached() {
    List<String> both = new ArrayList<>(CAUGHT.keySet());
    both.retainAll(NOT_REACHED.keySet());
    assertEquals(List.of(), both);
    TreeSet<String> all = new TreeSet<>(CAUGHT.keySet());
    all.addAll(NOT_REACHED.keySet());
    assertEquals(new TreeSet<>(FaultyEngines.names()), all);
  }

  static List<Arguments> caught() {
    List<Arguments> out = new ArrayList<>();
    new TreeSet<>(CAUGHT.keySet()).forEach(f -> out.add(Arguments.of(f, CAUGHT.get(f))));
    return out;
  }

  private static void assumeInterop() throws IOException, InterruptedException {
    String why = KernelCapture.unavailable();
    if (why == null && !java.nio.file.Files.exists(Path.of("/dev/net/tun"))) {
      why = "no /dev/net/tun";
    }
    String reason = why;
    if (reason != null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("the interop faults must run under CI=true: " + reason);
    }
    Assumptions.assumeTrue(reason == null, () -> "interop unavailable: " + reason);
    // tcpdump for the capture and iptables for the faults, installed here rather than by whichever test ran first.
    KernelCapture.ensureTools(new PrintWriter(Writer.nullWriter()));
  }

  @ParameterizedTest
  @MethodSource("caught")
  void aFaultAScenarioReachesMakesItFail(String fault, InteropScenario s, @TempDir Path dir) throws Exception {
    assumeInterop();
    String ns = "tcpv-fault-" + ProcessHandle.current().pid();
    Interop.Outcome o = Interop.run(s, ns, dir, VALIDATOR, InteropFaultMain.class, List.of(fault));
    assertFalse(o.passed(), () -> fault + " passed " + s.label() + ": " + o.summary());
    // What failed it, in the test's log: the scenario's own check, or the capture's or the engine trace's verdict.
    System.out.println(fault + " fails " + s.label() + ": " + (o.failed() != null ? o.failed()
        : "capture " + o.verdict()) + "; engine trace " + o.engineVerdict());
    assertEquals(List.of(), Interop.leftovers(ns));
  }

  @Test
  @DisplayName("the engine's own trace, its peer open, is rejected by itself when the engine gives up after one "
      + "keep-alive probe of three")
  void theEngineTraceCatchesAFault(@TempDir Path dir) throws Exception {
    assumeInterop();
    String ns = "tcpv-fault-" + ProcessHandle.current().pid();
    Interop.Outcome o = Interop.run(InteropScenario.KEEP_ALIVE_SILENT_PEER, ns, dir, VALIDATOR,
        InteropFaultMain.class, List.of("KEEPALIVE_ONE_PROBE"));
    assertEquals("rejected", o.engineVerdict(), o::summary);
    List<String> failures = new ArrayList<>();
    for (Verdict v : o.engine()) {
      Failure f = v.failure();
      if (f != null) {
        failures.add(f.render());
      }
    }
    assertEquals(1, failures.size(), failures::toString);
    assertTrue(failures.get(0).contains("KeepAliveGiveUp"), failures.get(0));
    assertEquals(List.of(), Interop.leftovers(ns));
  }

  /**
   * Every fault against every scenario, printed as a table (opt-in: -Dinterop.faults.matrix=true; about ten
   * seconds a pair): how {@link #CAUGHT} and {@link #NOT_REACHED} were found.
   */
  @Test
  void matrix(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("interop.faults.matrix"), "opt-in: -Dinterop.faults.matrix=true");
    assumeInterop();
    String ns = "tcpv-fault-" + ProcessHandle.current().pid();
    String only = System.getProperty("interop.faults.scenarios", "");
    for (String fault : FaultyEngines.names()) {
      for (InteropScenario s : InteropScenario.values()) {
        if (!only.isEmpty() && !List.of(only.split(",")).contains(s.label())) {
          continue;
        }
        Interop.Outcome o = Interop.run(s, ns, dir, VALIDATOR, InteropFaultMain.class, List.of(fault));
        System.out.println("MATRIX " + fault + " " + s.label() + " " + (o.passed() ? "passed" : "FAILED") + " "
            + o.verdict() + " " + (o.failed() == null ? "" : o.failed()));
        System.out.flush();
      }
    }
    assertTrue(Interop.leftovers(ns).isEmpty());
  }
}
