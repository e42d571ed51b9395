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
 * @param unchecked properties of the configuration this run did not check (TLC's distributed mode checks no
 *     liveness), empty when it checked them all
 * @param generated states generated, or null when TLC did not report it (the count a simulation reports)
 */
public record TlcResult(
    TlcOutcome outcome,
    @Nullable Long distinct,
    @Nullable Integer depth,
    Duration elapsed,
    List<TraceState> trace,
    List<ActionCoverage> coverage,
    Map<String, Long> branches,
    List<String> unchecked,
    @Nullable Long generated) {

  public TlcResult {
    trace = List.copyOf(trace);
    coverage = List.copyOf(coverage);
    branches = Map.copyOf(branches);
    unchecked = List.copyOf(unchecked);
  }

  /** A result that checked every property, without a count of generated states. */
  public TlcResult(TlcOutcome outcome, @Nullable Long distinct, @Nullable Integer depth, Duration elapsed,
      List<TraceState> trace, List<ActionCoverage> coverage, Map<String, Long> branches) {
    this(outcome, distinct, depth, elapsed, trace, coverage, branches, List.of(), null);
  }

  /** This result with another outcome (a violation the run found but did not name, named afterwards). */
  public TlcResult withOutcome(TlcOutcome named) {
    return new TlcResult(named, distinct, depth, elapsed, trace, coverage, branches, unchecked, generated);
  }

  /** A result without branch counts. */
  public TlcResult(TlcOutcome outcome, @Nullable Long distinct, @Nullable Integer depth, Duration elapsed,
      List<TraceState> trace, List<ActionCoverage> coverage) {
    this(outcome, distinct, depth, elapsed, trace, coverage, Map.of());
  }
}
