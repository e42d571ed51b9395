package dev.tcpv.cli;

import dev.tcpv.check.CheckOptions;
import dev.tcpv.check.CheckReport;
import dev.tcpv.check.ModelCheck;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;

/** The {@code check} row of {@code tcpv all}: the CI models with the coverage gate. */
final class CheckStage implements Stage {
  private final ProjectLayout layout;

  CheckStage(ProjectLayout layout) {
    this.layout = layout;
  }

  @Override
  public String name() {
    return "check";
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    CheckReport report =
        new ModelCheck(layout, TlcLauncher.forCurrentJvm()::run, out, err).run(CheckOptions.ciDefaults());
    String detail = report.summary();
    if (!report.neverTaken().isEmpty()) {
      detail += " Never taken: " + String.join(", ", report.neverTaken()) + ".";
    }
    return new StageResult(report.exitCode(), detail);
  }
}
