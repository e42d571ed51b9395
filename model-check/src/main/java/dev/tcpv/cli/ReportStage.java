package dev.tcpv.cli;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.report.pages.Report;
import dev.tcpv.report.pages.RunRecord;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The {@code report} row of {@code tcpv all}: the auditor's site, made from the run the earlier rows made. */
final class ReportStage implements Stage {
  private final LocationOptions locations;
  private final Path dir;
  private final Supplier<RunRecord> run;

  ReportStage(LocationOptions locations, Path dir, Supplier<RunRecord> run) {
    this.locations = locations;
    this.dir = dir;
    this.run = run;
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    ProjectLayout layout = locations.layout();
    Path spec = ProjectLayout.root().resolve("spec");
    if (!layout.specDir().equals(spec)) {
      // The report follows the repository's rules into the repository's spec, code and tests.
      String detail = "skipped: the report describes " + spec + ", not " + layout.specDir();
      out.println("report: " + detail);
      return new StageResult(ExitCodes.OK, detail);
    }
    Report.Summary s = Report.write(ProjectLayout.root(), layout, dir, run.get(), TlcLauncher.forCurrentJvm()::run);
    String line = line(s, dir);
    out.println("report: " + line);
    return new StageResult(ExitCodes.OK, line);
  }

  /** The summary line of a written report. */
  static String line(Report.Summary s, Path dir) {
    return s.pages() + " pages, " + s.rules().size() + " rules, " + s.counterexamples().size()
        + " counterexamples, in " + dir.toAbsolutePath().normalize().resolve("index.html");
  }
}
