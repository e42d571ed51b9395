package dev.tcpv.cli;

import java.io.PrintWriter;

/**
 * One row of {@code tcpv all}: a verification step CI runs (today model checking; later proofs, simulation,
 * trace validation, conformance and scripts).
 */
interface Stage {
  /** The stage's name in the summary table, the subcommand that runs it alone. */
  String name();

  /** Runs the stage, printing its own report. */
  StageResult run(PrintWriter out, PrintWriter err) throws Exception;
}
