package dev.tcpv.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The collector on output TLC 2.18 printed with {@code -tool} for small specs (trimmed). */
class TlcOutputCollectorTest {
  private final List<TlcProgress> progress = new ArrayList<>();

  private TlcResult collect(String output, List<String> properties, int exitStatus) {
    TlcOutputCollector collector = new TlcOutputCollector(properties, progress::add, () -> Duration.ofSeconds(45));
    TlcMessageReader reader = new TlcMessageReader(collector);
    output.lines().forEach(reader::accept);
    reader.finish();
    return collector.result(exitStatus, Duration.ofSeconds(50));
  }

  private static String msg(int code, int severity, String text) {
    return "@!@!@STARTMSG " + code + ":" + severity + " @!@!@\n" + text + "\n@!@!@ENDMSG " + code + " @!@!@\n";
  }

  private static final String STATS = msg(2200, 0,
          "Progress(7) at 2026-11-21 23:36:38: 133 states generated (16,186 s/min), 83 distinct states found "
              + "(10,101 ds/min), 0 states left on queue.")
      + msg(2199, 0, "1,234,567 states generated, 1,048,576 distinct states found, 0 states left on queue.")
      + msg(2194, 0, "The depth of the complete state graph search is 23.");

  @Test
  void readsASuccessfulRun() {
    TlcResult r = collect(msg(2190, 0, "Finished computing initial states: 1 distinct state generated at 2026.")
        + msg(2193, 0, "Model checking completed. No error has been found.")
        + STATS
        + msg(9772, 0, "Tcp\tActiveOpen\t6\t15\nTcp\tActiveOpen\t9\t15\nTcp\tNever\t0\t0\nMCX\tHelper\t1\t1")
        + msg(2186, 0, "Finished in 499ms at (2026-11-21 23:36:38)"), List.of(), 0);
    assertInstanceOf(TlcOutcome.Pass.class, r.outcome());
    assertEquals(Optional.of(1_048_576L), Optional.ofNullable(r.distinct()));
    assertEquals(Optional.of(23), Optional.ofNullable(r.depth()));
    assertEquals(Duration.ofSeconds(50), r.elapsed());
    assertEquals(List.of(
        new ActionCoverage("Tcp", "ActiveOpen", 15, 30),
        new ActionCoverage("Tcp", "Never", 0, 0),
        new ActionCoverage("MCX", "Helper", 1, 1)), r.coverage());
    assertEquals(List.of(new TlcProgress(83, 7, Duration.ofSeconds(45))), progress);
  }

  @Test
  void reportsARunStoppedAtItsTimeLimitWithTheLastProgressCount() {
    TlcOutputCollector collector = new TlcOutputCollector(List.of(), progress::add, () -> Duration.ofSeconds(45));
    TlcMessageReader reader = new TlcMessageReader(collector);
    msg(2200, 0, "Progress(9) at 2026-11-21 23:36:38: 900 states generated (16,186 s/min), 321 distinct states "
        + "found (10,101 ds/min), 40 states left on queue.").lines().forEach(reader::accept);
    reader.finish();
    TlcOutcome timedOut = new TlcOutcome.TimedOut(Duration.ofSeconds(60));
    TlcResult r = collector.stopped(timedOut, Duration.ofSeconds(61));
    assertEquals(timedOut, r.outcome());
    assertEquals("timeout", r.outcome().label());
    assertEquals(Optional.of(321L), Optional.ofNullable(r.distinct()));
    assertEquals(Optional.of(9), Optional.ofNullable(r.depth()));
    assertEquals(Duration.ofSeconds(61), r.elapsed());
  }

  @Test
  void readsAnInvariantViolationAndItsTrace() {
    TlcResult r = collect(msg(2110, 1, "Invariant NoStaleSegmentAcceptedInv is violated.")
        + msg(2121, 1, "The behavior up to this point is:")
        + msg(2217, 4, "1: <Initial predicate>\n/\\ x = 0\n")
        + msg(2217, 4, "2: <Tick line 17, col 9 to line 20, col 50 of module Tcp>\n/\\ x = 1\n")
        + STATS, List.of(), 12);
    assertEquals(new TlcOutcome.InvariantViolated("NoStaleSegmentAcceptedInv"), r.outcome());
    assertEquals(2, r.trace().size());
    assertEquals("Tick", r.trace().get(1).action());
  }

  @Test
  void readsAnInvariantViolatedByTheInitialState() {
    TlcResult r = collect(
        msg(2190, 0, "Finished computing initial states: 3 distinct states generated at 2026.")
            + msg(2107, 1, "Invariant TypeInv is violated by the initial state:")
            + msg(2217, 4, "1: <Initial predicate>\n/\\ x = 0\n"), List.of(), 12);
    assertEquals(new TlcOutcome.InvariantViolated("TypeInv"), r.outcome());
    assertEquals(Optional.of(3L), Optional.ofNullable(r.distinct()), "without final statistics, the initial states");
  }

  @Test
  void readsActionPropertyAndDeadlock() {
    assertEquals(new TlcOutcome.PropertyViolated("StateDiagramProp"),
        collect(msg(2112, 1, "Action property StateDiagramProp is violated."), List.of(), 13).outcome());
    assertEquals(new TlcOutcome.Deadlock(), collect(msg(2114, 1, "Deadlock reached."), List.of(), 11).outcome());
  }

  @Test
  void namesATemporalViolationOnlyWhenTheConfigurationChecksOneProperty() {
    String output = msg(2116, 1, "Temporal properties were violated.\n")
        + msg(2264, 1, "The following behavior constitutes a counter-example:\n")
        + msg(2217, 4, "1: <Initial predicate>\nx = 0\n")
        + msg(2218, 4, "2: Stuttering");
    TlcResult one = collect(output, List.of("HandshakeCompletesProp"), 13);
    assertEquals(new TlcOutcome.PropertyViolated("HandshakeCompletesProp"), one.outcome());
    assertEquals(TraceState.Kind.STUTTERING, one.trace().get(1).kind());
    TlcResult two = collect(output, List.of("AProp", "BProp"), 13);
    assertEquals(new TlcOutcome.TemporalViolated(List.of("AProp", "BProp")), two.outcome());
  }

  @Test
  void reportsSanysReasonForAParseError() {
    TlcResult r = collect("""
        Parsing file /tmp/MCParse.tla
        ***Parse Error***
        Encountered "====" at line 4, column 1 and token "+"

        Fatal errors while parsing TLA+ spec in file MCParse
        """ + msg(3002, 1, "Parsing or semantic analysis failed."), List.of(), 150);
    TlcOutcome.Failure failure = assertInstanceOf(TlcOutcome.Failure.class, r.outcome());
    assertTrue(failure.message().startsWith("***Parse Error***\nEncountered \"====\" at line 4"), failure.message());
    assertTrue(failure.message().endsWith("Parsing or semantic analysis failed."), failure.message());
  }

  @Test
  void reportsTlcErrorsWithTheirDetails() {
    TlcResult r = collect(msg(1000, 1, "TLC threw an unexpected exception.\n"
            + "The exception was a java.lang.RuntimeException\n: Attempted to compute CHOOSE x \\in {}")
        + msg(2121, 1, "The behavior up to this point is:")
        + msg(2217, 4, "1: <Initial predicate>\nx = 0\n")
        + msg(2103, 1, "The error occurred when TLC was evaluating the nested\nexpressions:\n0. Line 5"),
        List.of(), 75);
    TlcOutcome.Failure failure = assertInstanceOf(TlcOutcome.Failure.class, r.outcome());
    assertTrue(failure.message().contains("CHOOSE x \\in {}"), failure.message());
    assertTrue(failure.message().endsWith("0. Line 5"), failure.message());
    assertEquals(new TlcOutcome.Failure("Assumption line 3, col 8 to line 3, col 19 of module MC is false."),
        collect(msg(2104, 1, "Assumption line 3, col 8 to line 3, col 19 of module MC is false."), List.of(), 10)
            .outcome());
  }

  @Test
  void saysSoWhenTlcReportsNothing() {
    TlcResult r = collect("Error: Could not find or load main class tlc2.TLC\n", List.of(), 1);
    TlcOutcome.Failure failure = assertInstanceOf(TlcOutcome.Failure.class, r.outcome());
    assertEquals("TLC exited with status 1 and reported no result:\nError: Could not find or load main class tlc2.TLC",
        failure.message());
  }
}
