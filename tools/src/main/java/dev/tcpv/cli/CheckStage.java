package dev.tcpv.cli;

import dev.tcpv.check.CheckOptions;
import dev.tcpv.check.CheckReport;
import dev.tcpv.check.ModelCheck;
import dev.tcpv.check.ModelVerdict;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code check} row of {@code tcpv all}: the CI models with the coverage gate. */
final class CheckStage implements Stage {
  private final ProjectLayout layout;
  private @Nullable CheckReport report;

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
    this.report = report;
    String detail = report.summary();
    if (!report.neverTaken().isEmpty()) {
      detail += " Never taken: " + String.join(", ", report.neverTaken()) + ".";
    }
    return new StageResult(report.exitCode(), detail);
  }

  /** The verdicts of the models this stage checked; empty before it ran. */
  List<ModelVerdict> verdicts() {
    CheckReport r = report;
    return r == null ? List.of() : r.verdicts();
  }
}
