package dev.tcpv.mutate;

import java.util.Locale;

/** What became of one mutant. */
public enum Verdict {
  /** A model noticed: an invariant or property was violated, or a state had no successor (deadlock). */
  KILLED,
  /** The model passed: no property notices the mistake (whatever the state count). */
  SURVIVED,
  /** TLC was stopped at the time limit; counts as survived. */
  TIMEOUT,
  /** TLC could not check the mutant (a parse error, an evaluation error, a false assumption). */
  ERROR;

  /** Lower case, as the table shows a verdict the gate accepts. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
