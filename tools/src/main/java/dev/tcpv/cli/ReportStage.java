package dev.tcpv.cli;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.report.pages.Report;
import dev.tcpv.report.pages.RunRecord;
import dev.tcpv.report.site.SiteChecks;
import dev.tcpv.report.site.SiteVerdict;
import dev.tcpv.tlc.TlcLauncher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code report} row of {@code tcpv all}: the auditor's site, made from the run the earlier rows made, then
 * checked: its links and anchors, its rule index, and every page in headless Chromium (installed when missing and
 * run as root), with screenshots of three pages.
 */
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
    out.println("report: " + line(s, dir));
    SiteVerdict verdict = check(s, dir, out);
    out.println(verdict.summary());
    out.flush();
    return new StageResult(verdict.passed() ? ExitCodes.OK : ExitCodes.FAILED,
        s.pages() + " pages, " + verdict.problems().size() + " problems; " + dir.resolve("index.html"));
  }

  /** The site's checks, with screenshots of a rule page, a counterexample and the models page. */
  static SiteVerdict check(Report.Summary s, Path dir, PrintWriter out) throws IOException {
    String rule = s.rules().contains("R-TW-1") || s.rules().isEmpty() ? "R-TW-1" : s.rules().get(0);
    List<String> shots = new ArrayList<>(List.of("rule/" + rule + ".html", "models.html"));
    if (!s.counterexamples().isEmpty()) {
      shots.add(1, "cx/" + s.counterexamples().get(0) + ".html");
    }
    Path aptLog = ProjectLayout.root().resolve("tools/target/apt-chromium.log");
    Files.createDirectories(aptLog.resolveSibling("."));
    return SiteChecks.run(dir, Set.copyOf(s.rules()), shots, dir.resolve("screenshots"), aptLog, line -> {
      out.println(line);
      out.flush();
    });
  }

  /** The summary line of a written report. */
  static String line(Report.Summary s, Path dir) {
    return s.pages() + " pages, " + s.rules().size() + " rules, " + s.counterexamples().size()
        + " counterexamples, in " + dir.toAbsolutePath().normalize().resolve("index.html");
  }
}
