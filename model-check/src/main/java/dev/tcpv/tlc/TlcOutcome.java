package dev.tcpv.tlc;

import java.time.Duration;
import java.util.List;

/** How a TLC run ended. */
public sealed interface TlcOutcome {

  /**
   * A short label for tables: {@code pass}, {@code NoStaleInv violated}, {@code deadlock}, {@code timeout},
   * {@code error}.
   */
  String label();

  /** TLC explored the whole state space and found no error. */
  record Pass() implements TlcOutcome {
    @Override
    public String label() {
      return "pass";
    }
  }

  /** A state violates the named invariant. */
  record InvariantViolated(String invariant) implements TlcOutcome {
    @Override
    public String label() {
      return invariant + " violated";
    }
  }

  /** A behavior violates the named property (an action property, or the only temporal property checked). */
  record PropertyViolated(String property) implements TlcOutcome {
    @Override
    public String label() {
      return property + " violated";
    }
  }

  /**
   * A behavior violates a temporal property, and TLC does not say which of the configuration's
   * properties it was.
   */
  record TemporalViolated(List<String> candidates) implements TlcOutcome {
    public TemporalViolated {
      candidates = List.copyOf(candidates);
    }

    @Override
    public String label() {
      return "temporal property violated";
    }
  }

  /** A reachable state has no successor and deadlock checking is on. */
  record Deadlock() implements TlcOutcome {
    @Override
    public String label() {
      return "deadlock";
    }
  }

  /** TLC ran longer than the job's time limit and was stopped; nothing was established. */
  record TimedOut(Duration limit) implements TlcOutcome {
    @Override
    public String label() {
      return "timeout";
    }
  }

  /** TLC could not check the model: a parse or configuration error, a false assumption, an evaluation error. */
  record Failure(String message) implements TlcOutcome {
    @Override
    public String label() {
      return "error";
    }
  }
}
