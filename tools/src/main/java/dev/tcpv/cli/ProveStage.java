package dev.tcpv.cli;

import dev.tcpv.prove.ProofLayout;
import dev.tcpv.prove.Prove;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.util.List;

/** The {@code prove} row of {@code tcpv all}: every proof obligation. */
final class ProveStage implements Stage {
  private List<Prove.Row> rows = List.of();

  /** The result of each obligation in the last run, for the report. */
  List<Prove.Row> rows() {
    return rows;
  }

  @Override
  public String name() {
    return "prove";
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    Prove.Report report =
        new Prove(ProofLayout.resolve(null, null), TlcLauncher.forCurrentJvm()::run, out, err).run(List.of());
    rows = report.rows();
    return new StageResult(report.exitCode(), report.summary());
  }
}
