package dev.tcpv.cli;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.report.pages.Report;
import dev.tcpv.report.pages.RunRecord;
import dev.tcpv.report.site.SiteVerdict;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tcpv report}: the auditor's report as a static site, without running the stages. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the auditor's report, a static site that opens from disk: every rule of spec/rules.md followed to",
      "the spec actions, engine methods, tests, models, mutations and scripts that concern it, the test results",
      "of the last mvn verify, and the counterexamples of the violation models as sequence diagrams (checked",
      "now: they are small). Model and mutation results come from a run: ./tcpv all --report DIR.",
      "The site is then checked: every internal link and anchor, the rule index, and every page in headless",
      "Chromium (no console error, no overflow at 390 and 1280 px), with screenshots in DIR/screenshots.",
      "Exit status: 0 written and checked, 1 the site has problems, 2 bad usage or input."
    })
final class ReportCommand implements Callable<Integer> {
  private final PrintWriter out;

  @Mixin LocationOptions locations = new LocationOptions();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the site.")
  Path dir = Path.of("");

  @Option(names = "--no-check",
      description = "Do not check the site (links, anchors, the rule index, every page in headless Chromium).")
  boolean noCheck;

  @Option(names = "--no-counterexamples",
      description = "Do not check the violation models now: the counterexamples page stays empty.")
  boolean noCounterexamples;

  ReportCommand(PrintWriter out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Report.Summary s = Report.write(ProjectLayout.root(), locations.layout(), dir, RunRecord.none(),
        noCounterexamples ? null : TlcLauncher.forCurrentJvm()::run);
    out.println(ReportStage.line(s, dir));
    out.flush();
    if (noCheck) {
      return ExitCodes.OK;
    }
    SiteVerdict verdict = ReportStage.check(s, dir, out);
    out.println(verdict.summary());
    out.flush();
    return verdict.passed() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
