package dev.tcpv.cli;

import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.kernel.Interop;
import dev.tcpv.kernel.InteropBench;
import dev.tcpv.kernel.InteropScenario;
import dev.tcpv.report.pages.RunRecord;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code interop} row of {@code tcpv all}: the engine on a TUN device against this machine's kernel, each
 * {@link InteropScenario} in a network namespace of its own. A scenario passes when both ends did what it says
 * (octets equal both ways, end states as expected) and tcpdump's capture of the device, validated with both TCBs
 * hidden, gets the verdict the scenario expects ({@link InteropScenario#capture}: valid, or a finding of
 * docs/findings.md). Where it cannot run (not Linux, not root), it prints {@code skipped: <reason>} and passes,
 * except under {@code CI=true}, where it fails.
 */
final class InteropStage implements Stage {
  private final Path specDir;
  private final Path dir;
  private final List<InteropScenario> scenarios;

  /**
   * The stage for the spec in {@code specDir} (it runs only for the repository's own), keeping the captures in
   * {@code dir} (null: tools/target/interop).
   */
  InteropStage(Path specDir, @Nullable Path dir, List<InteropScenario> scenarios) {
    this.specDir = specDir;
    this.dir = dir != null ? dir : ProjectLayout.root().resolve("tools/target/interop");
    this.scenarios = List.copyOf(scenarios);
  }

  @Override
  public String name() {
    return "interop";
  }

  private @Nullable StageResult cannotRun(PrintWriter out, PrintWriter err) throws InterruptedException {
    String noTun = java.nio.file.Files.exists(Path.of("/dev/net/tun")) ? null
        : "no /dev/net/tun (the tun module is not loaded: modprobe tun)";
    return LinuxStage.cannotRun("interop", "the engine", specDir, noTun, out, err);
  }

  /**
   * The benchmark ({@link InteropBench}): {@code runs} runs of {@code mib} MiB each way over the device and over
   * loopback; prints each transfer's median throughput and its ratio to loopback's. Exit 0 when it ran (or was
   * skipped outside CI), 1 when a transfer failed.
   */
  int bench(int mib, int runs, PrintWriter out, PrintWriter err) throws Exception {
    StageResult cannot = cannotRun(out, err);
    if (cannot != null) {
      return cannot.exitCode();
    }
    String ns = "tcpv-" + ProcessHandle.current().pid() + "-bench";
    List<InteropBench.Transfer> transfers;
    try {
      transfers = InteropBench.run(ns, mib, runs);
    } catch (java.io.IOException e) {
      err.println("interop --bench: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    double loopback = transfers.stream().filter(t -> t.name().equals("loopback"))
        .mapToDouble(InteropBench.Transfer::mibPerSecond).findFirst().orElse(Double.NaN);
    out.printf("%-14s %8s %5s %11s %11s %11s %9s%n", "TRANSFER", "MIB", "RUNS", "MEDIAN", "MIB/S", "SLOWEST",
        "VS LOOP");
    for (InteropBench.Transfer t : transfers) {
      long slowest = t.micros().stream().mapToLong(Long::longValue).max().orElse(0);
      out.printf("%-14s %8d %5d %9.3f s %11.1f %9.3f s %8.1f%%%n", t.name(), t.octets() >> 20, t.micros().size(),
          t.medianMicros() / 1e6, t.mibPerSecond(), slowest / 1e6, 100 * t.mibPerSecond() / loopback);
    }
    List<String> left = Interop.leftovers(ns);
    for (String l : left) {
      out.println("left behind: " + l);
    }
    out.println("TUN MTU 65,535, the engine as it ships (TcpConfig.defaults), one namespace; the time of a transfer "
        + "runs from its opening to the receiver's end of stream.");
    return left.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    StageResult cannot = cannotRun(out, err);
    if (cannot != null) {
      return cannot;
    }
    TraceValidator validator = TraceValidator.forRepository();
    List<String> wrong = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    long packets = 0;
    long events = 0;
    int valid = 0;
    int engineValid = 0;
    String prefix = "tcpv-" + ProcessHandle.current().pid() + "-";
    int width = "SCENARIO".length();
    for (InteropScenario s : scenarios) {
      width = Math.max(width, s.label().length());
    }
    String row = "%-" + width + "s %8s  %-9s %-12s %9s  %-13s %s";
    out.printf(row + "%n", "SCENARIO", "FRAMES", "CAPTURE", "EXPECTED", "VALIDATE", "ENGINE TRACE", "ENDS");
    for (InteropScenario s : scenarios) {
      String ns = prefix + s.label();
      long t0 = System.nanoTime();
      Interop.Outcome o = Interop.run(s, ns, dir, validator);
      double seconds = (System.nanoTime() - t0) / 1e9;
      CaptureValidation.Report r = o.report();
      String verdict = o.verdict();
      String frames = r == null ? "-" : r.split().frames() < o.frames() ? r.split().frames() + "/" + o.frames()
          : Long.toString(o.frames());
      String time = r == null ? "-" : String.format("%.2f s", r.nanos() / 1e9);
      String failed = o.failed();
      String expected = switch (s.capture()) {
        case VALID -> "valid";
        case VALID_OR_F7 -> "valid or F7";
      };
      out.printf(row + "%s%n", s.label(), frames, verdict, expected, time, o.engineVerdict(),
          failed == null ? o.summary() : "FAILED", o.passed() ? "" : "  FAIL");
      if (failed != null) {
        out.println("  " + failed);
      }
      for (Verdict v : o.engine()) {
        events += v.events();
        Failure f = v.failure();
        if (f != null) {
          f.render().lines().forEach(l -> out.println("  " + l));
        }
      }
      if (r != null) {
        packets += r.packets();
        for (CaptureValidation.Result x : r.results()) {
          String f = x.failure();
          if (f != null) {
            f.lines().forEach(l -> out.println("  " + l));
          }
        }
      }
      rows.add(List.of(s.label(), s.description(), frames, verdict, expected, o.engineVerdict(),
          failed == null ? o.summary() : failed, String.format("%.1f s", seconds), o.passed() ? "passed" : "FAIL"));
      if (!o.passed()) {
        wrong.add(s.label());
      }
      if (verdict.equals("valid")) {
        valid++;
      }
      if (o.engineVerdict().startsWith("valid")) {
        engineValid++;
      }
      out.flush();
    }
    // Nothing may outlive the stage: no namespace (and with it no TUN device), no scenario JVM, no tcpdump.
    List<String> left = Interop.leftovers(prefix);
    for (String l : left) {
      out.println("left behind: " + l);
    }
    out.println("Captures kept in " + dir + " (open them in Wireshark).");
    String detail = String.format("%d scenarios between the engine and the kernel, %d passed (%d captures valid, "
        + "%d engine traces valid, the kernel hidden); %,d packets and %,d engine steps validated", scenarios.size(),
        scenarios.size() - wrong.size(), valid, engineValid, packets, events)
        + (wrong.isEmpty() ? "" : "; failed: " + String.join(", ", wrong))
        + (left.isEmpty() ? "; nothing left behind" : "; left behind: " + String.join(", ", left));
    var figures = new RunRecord.Figures("interop", "The engine on a TUN device (dev.tcpv.tun) against this "
        + "machine's kernel through java.net sockets, each scenario in a network namespace of its own: octets "
        + "compared both ways by SHA-256, end states from the engine and from ss, and tcpdump's capture of the "
        + "device validated against the spec with both TCBs hidden under --profile linux; the engine's own trace "
        + "validated with the kernel hidden, its peer open (docs/interop.md).",
        List.of("scenario", "what it does", "frames", "capture", "expected", "engine trace", "ends", "time",
            "result"), rows);
    return new StageResult(wrong.isEmpty() && left.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED, detail, figures);
  }
}
