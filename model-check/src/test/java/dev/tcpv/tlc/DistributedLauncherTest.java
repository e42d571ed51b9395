package dev.tcpv.tlc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which distributed runs are repeated: only the server's failure on a late worker's missing block. */
class DistributedLauncherTest {
  /** The message TLC 2.18's server printed when it lost a run to a worker that joined after the last block. */
  private static final String LATE_WORKER = "TLC threw an unexpected exception.\n"
      + "The exception was a java.lang.NullPointerException\n"
      + ": Cannot read the array length because \"this.states\" is null";

  private static TlcResult result(TlcOutcome outcome, List<TraceState> trace) {
    return new TlcResult(outcome, null, null, Duration.ZERO, trace, List.of(), Map.of());
  }

  @Test
  void theLateWorkerFailureIsRepeated() {
    assertTrue(DistributedLauncher.lostToLateWorker(result(new TlcOutcome.Failure(LATE_WORKER), List.of())));
  }

  @Test
  void otherFailuresAndVerdictsAreNot() {
    assertFalse(DistributedLauncher.lostToLateWorker(
        result(new TlcOutcome.Failure("TLC threw an unexpected exception: java.lang.OutOfMemoryError"), List.of())));
    assertFalse(DistributedLauncher.lostToLateWorker(result(new TlcOutcome.Pass(), List.of())));
    // A failure after a violation's trace is judged by the trace, never checked again.
    TraceState state = new TraceState(1, TraceState.Kind.INITIAL, null, null, Map.of("x", "1"));
    assertFalse(DistributedLauncher.lostToLateWorker(result(new TlcOutcome.Failure(LATE_WORKER), List.of(state))));
  }
}
