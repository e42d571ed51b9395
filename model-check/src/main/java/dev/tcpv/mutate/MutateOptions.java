package dev.tcpv.mutate;

import java.time.Duration;
import java.util.List;

/**
 * What {@code tcpv mutate} was asked to do.
 *
 * @param names the mutations named on the command line; empty means the CI subset, or all with {@code all}
 * @param all run the whole catalogue
 * @param timeLimit how long TLC may check one mutant
 */
public record MutateOptions(List<String> names, boolean all, Duration timeLimit) {
  /** The time limit per mutant unless {@code --timeout} says otherwise. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(300);

  public MutateOptions {
    names = List.copyOf(names);
  }

  /** The options of a plain {@code tcpv mutate}: the CI subset, the default time limit. */
  public static MutateOptions ciDefaults() {
    return new MutateOptions(List.of(), false, DEFAULT_TIME_LIMIT);
  }
}
