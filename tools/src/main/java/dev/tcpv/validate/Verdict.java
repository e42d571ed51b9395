package dev.tcpv.validate;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating one trace.
 *
 * @param source the trace's file or name
 * @param events the steps validated (all of them when it passed)
 * @param nanos the time validation took, without loading the spec into TLC
 * @param failure the first step that no spec behaviour matches, or null when the trace is valid
 * @param branches the branches of the spec (spec/branches.json) the trace's steps took, with how many lines took
 *     each (up to the failure)
 */
public record Verdict(String source, int events, long nanos, @Nullable Failure failure, Map<String, Long> branches) {

  public Verdict {
    branches = Map.copyOf(branches);
  }

  /** A verdict without branch counts. */
  public Verdict(String source, int events, long nanos, @Nullable Failure failure) {
    this(source, events, nanos, failure, Map.of());
  }

  /** Whether the trace is a behaviour of the spec. */
  public boolean ok() {
    return failure == null;
  }
}
