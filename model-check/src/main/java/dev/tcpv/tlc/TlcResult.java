package dev.tcpv.tlc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one TLC run established.
 *
 * @param outcome how the run ended
 * @param distinct distinct states found, or null when TLC stopped before reporting any
 * @param depth depth of the search, or null when TLC did not report it
 * @param elapsed wall-clock time of the child JVM
 * @param trace the error trace, empty when there is none
 * @param coverage coverage of each action of the next-state relation, from TLC's last coverage report
 * @param branches the successor states that took each branch of the spec (its {@code branch} label), by name
 */
public record TlcResult(
    TlcOutcome outcome,
    @Nullable Long distinct,
    @Nullable Integer depth,
    Duration elapsed,
    List<TraceState> trace,
    List<ActionCoverage> coverage,
    Map<String, Long> branches) {

  public TlcResult {
    trace = List.copyOf(trace);
    coverage = List.copyOf(coverage);
    branches = Map.copyOf(branches);
  }

  /** A result without branch counts. */
  public TlcResult(TlcOutcome outcome, @Nullable Long distinct, @Nullable Integer depth, Duration elapsed,
      List<TraceState> trace, List<ActionCoverage> coverage) {
    this(outcome, distinct, depth, elapsed, trace, coverage, Map.of());
  }
}
