package dev.tcpv.check;

import java.util.List;

/**
 * The outcome of a {@code tcpv check} run.
 *
 * @param verdicts one per model checked, in manifest order
 * @param neverTaken actions of module Tcp that no model took, when the coverage gate applied and failed
 * @param passed whether every model was as expected and the gate (if it applied) passed
 * @param summary one line saying so
 */
public record CheckReport(List<ModelVerdict> verdicts, List<String> neverTaken, boolean passed, String summary) {

  public CheckReport {
    verdicts = List.copyOf(verdicts);
    neverTaken = List.copyOf(neverTaken);
  }

  /** The CLI's exit status: 0 when everything held, 1 on a verification failure. */
  public int exitCode() {
    return passed ? 0 : 1;
  }
}
