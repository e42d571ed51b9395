package dev.tcpv.cli;

import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.kernel.KernelCapture;
import dev.tcpv.kernel.Scenario;
import dev.tcpv.report.pages.RunRecord;
import dev.tcpv.validate.TraceValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code linux} row of {@code tcpv all}: every {@link Scenario} run on this machine's kernel in a network
 * namespace of its own, captured by tcpdump and validated with {@code --profile linux}. A scenario passes when its
 * capture validates, or when it is rejected and the scenario names the finding (docs/findings.md) that explains
 * the rejection; a finding that no longer shows fails too, so that the list stays true.
 *
 * <p>Where the kernel cannot be captured (not Linux, not root), the stage prints {@code skipped: <reason>} and
 * passes, except under {@code CI=true}, where it must run and fails instead.
 */
final class LinuxStage implements Stage {
  private final Path specDir;
  private final Path dir;
  private final List<Scenario> scenarios;

  /**
   * The stage for the spec in {@code specDir} (it runs only for the repository's own), keeping the captures in
   * {@code dir} (null: tools/target/linux).
   */
  LinuxStage(Path specDir, @Nullable Path dir, List<Scenario> scenarios) {
    this.specDir = specDir;
    this.dir = dir != null ? dir : ProjectLayout.root().resolve("tools/target/linux");
    this.scenarios = List.copyOf(scenarios);
  }

  @Override
  public String name() {
    return "linux";
  }

  private static boolean ci() {
    return "true".equals(System.getenv("CI"));
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    StageResult cannot = cannotRun("linux", "the kernel", specDir, null, out, err);
    if (cannot != null) {
      return cannot;
    }
    TraceValidator validator = TraceValidator.forRepository();
    List<String> wrong = new ArrayList<>();
    long packets = 0;
    long nanos = 0;
    out.printf("%-20s %8s  %-9s %9s  %s%n", "SCENARIO", "PACKETS", "VERDICT", "VALIDATE", "EXPECTED");
    List<List<String>> rows = new ArrayList<>();
    for (Scenario s : scenarios) {
      String ns = "tcpv-" + ProcessHandle.current().pid() + "-" + s.label();
      KernelCapture.Outcome o = KernelCapture.run(s, ns, dir, validator);
      CaptureValidation.Report r = o.report();
      String finding = s.finding();
      String expected = finding == null ? "valid" : "rejected (" + finding + ")";
      boolean ok = finding == null ? o.verdict().equals("valid") : o.verdict().equals("rejected");
      if (r != null) {
        packets += r.packets();
        nanos += r.nanos();
      }
      String frames = r == null ? "-" : Long.toString(r.split().frames());
      String time = r == null ? "-" : String.format("%.2f s", r.nanos() / 1e9);
      out.printf("%-20s %8s  %-9s %9s  %s%s%n", s.label(), frames, o.verdict(), time, expected, ok ? "" : "  FAIL");
      rows.add(List.of(s.label(), frames, o.verdict(), time, expected, ok ? "as expected" : "FAIL"));
      if (o.ran() != null) {
        out.println("  " + o.ran());
      }
      if (r != null) {
        for (CaptureValidation.Result x : r.results()) {
          String f = x.failure();
          if (f != null) {
            f.lines().forEach(l -> out.println("  " + l));
          }
        }
      }
      if (!ok) {
        wrong.add(s.label());
      }
      out.flush();
    }
    out.println("Captures kept in " + dir + " (open them in Wireshark).");
    String detail = String.format("%d scenarios on the kernel, %d as expected; %,d packets validated in %.2f s",
        scenarios.size(), scenarios.size() - wrong.size(), packets, nanos / 1e9)
        + (wrong.isEmpty() ? "" : "; not as expected: " + String.join(", ", wrong));
    var figures = new RunRecord.Figures("linux", "Real connections of this machine's kernel between Java sockets, "
        + "each scenario in a network namespace of its own, captured by tcpdump and validated against the spec "
        + "with both TCBs hidden under --profile linux (docs/captures.md); the captures are kept in "
        + "tools/target/linux/. A rejection is a spec error or a finding (findings.html).",
        List.of("scenario", "frames", "verdict", "validation time", "expected", "result"), rows);
    return new StageResult(wrong.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED, detail, figures);
  }

  /**
   * Why a stage on this machine's kernel ({@code linux}, {@code interop}) does not run, as its result, or null
   * when it can: it runs only for the repository's spec, and needs Linux, root, {@code ip} and its tools
   * ({@link KernelCapture#ensureTools}), and {@code also} when not null (a reason, or null when that is there).
   * Where it cannot, it is skipped, except under {@code CI=true}, where it fails.
   */
  static @Nullable StageResult cannotRun(String stage, String what, Path specDir, @Nullable String also,
      PrintWriter out, PrintWriter err) throws InterruptedException {
    if (!specDir.equals(ProjectLayout.root().resolve("spec"))) {
      // The captures are validated against the repository's spec, and hold nothing against another.
      String detail = "skipped: " + what + " is held against " + ProjectLayout.root().resolve("spec") + ", not "
          + specDir;
      out.println(detail);
      return new StageResult(ExitCodes.OK, detail);
    }
    String reason = KernelCapture.unavailable();
    if (reason == null) {
      reason = also;
    }
    if (reason == null) {
      try {
        KernelCapture.ensureTools(err);
      } catch (java.io.IOException e) {
        reason = e.getMessage();
      }
    }
    if (reason == null) {
      return null;
    }
    if (ci()) {
      err.println(stage + ": cannot run under CI=true: " + reason);
      return new StageResult(ExitCodes.FAILED, "cannot run: " + reason);
    }
    out.println("skipped: " + reason);
    return new StageResult(ExitCodes.OK, "skipped: " + reason);
  }
}
