package dev.tcpv.mutate;

import java.time.Duration;
import java.util.List;

/**
 * What {@code tcpv mutate} was asked to do.
 *
 * @param names the mutations named on the command line; empty means the CI subset, or all with {@code all}
 * @param all run the whole catalogue
 * @param timeLimit how long TLC may check one mutant
 * @param jobs how many mutants are checked at once, each by TLC in its own JVM
 */
public record MutateOptions(List<String> names, boolean all, Duration timeLimit, int jobs) {
  /** The time limit per mutant unless {@code --timeout} says otherwise. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(300);

  public MutateOptions {
    names = List.copyOf(names);
    if (jobs < 1) {
      throw new IllegalArgumentException("at least one mutant at a time, not " + jobs);
    }
  }

  /**
   * Mutants checked at once by default: two. Most are killed within seconds, so a mutant's run is mostly its JVM
   * starting and TLC parsing the spec, on one core; two at once keep both cores busy.
   */
  public static final int DEFAULT_JOBS = 2;

  /** {@link #DEFAULT_JOBS} mutants at once. */
  public MutateOptions(List<String> names, boolean all, Duration timeLimit) {
    this(names, all, timeLimit, DEFAULT_JOBS);
  }

  /** The options of a plain {@code tcpv mutate}: the CI subset, the default time limit. */
  public static MutateOptions ciDefaults() {
    return new MutateOptions(List.of(), false, DEFAULT_TIME_LIMIT);
  }
}
