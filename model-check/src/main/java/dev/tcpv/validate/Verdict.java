package dev.tcpv.validate;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating one trace.
 *
 * @param source the trace's file or name
 * @param events the steps validated (all of them when it passed)
 * @param nanos the time validation took, without loading the spec into TLC
 * @param failure the first step that no spec behaviour matches, or null when the trace is valid
 */
public record Verdict(String source, int events, long nanos, @Nullable Failure failure) {

  /** Whether the trace is a behaviour of the spec. */
  public boolean ok() {
    return failure == null;
  }
}
