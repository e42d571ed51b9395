package dev.tcpv.tlc;

/**
 * TLC's coverage of one action of the next-state relation in one run.
 *
 * @param module the module that defines the action
 * @param action the operator name
 * @param distinct new distinct states the action found
 * @param generated successor states the action generated, new or not; 0 means the action was never taken
 */
public record ActionCoverage(String module, String action, long distinct, long generated) {

  /** Whether the action produced at least one successor state. */
  public boolean taken() {
    return generated > 0;
  }
}
