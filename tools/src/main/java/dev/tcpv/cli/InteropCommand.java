package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.kernel.InteropScenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tcpv interop}: the engine on a TUN device against the kernel's TCP, captured and validated. */
@Command(
    name = "interop",
    mixinStandardHelpOptions = true,
    description = {
      "Run the engine on a TUN device against this machine's kernel (java.net sockets), each scenario in a "
          + "network namespace of its own; compare the octets both ways and the end states, capture the device "
          + "with tcpdump and validate the capture with --profile linux, both TCBs hidden.",
      "Needs root and /dev/net/tun; installs tcpdump and iptables (apt-get) when missing. Prints skipped: <reason> "
          + "where it cannot run, except under CI=true, where that fails.",
      "With --bench, no scenario: bulk transfers of --mib MiB, the engine to Linux and Linux to the engine over "
          + "the device, beside the same between two kernel sockets over loopback, --runs times each; prints "
          + "the median throughput of each and its ratio to loopback's (a benchmark: it never fails on speed).",
      "Exit status: 0 every scenario passed (or the benchmark ran), 1 otherwise, 2 bad usage."
    })
final class InteropCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the captures are kept (default: tools/target/interop).")
  @Nullable Path dir;

  @Option(names = "--bench", description = "Run the throughput benchmark instead of the scenarios.")
  boolean bench;

  @Option(names = "--mib", paramLabel = "N", description = "With --bench: MiB per transfer (default: 64).")
  int mib = 64;

  @Option(names = "--runs", paramLabel = "N", description = "With --bench: runs of each transfer (default: 3).")
  int runs = 3;

  @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "Scenarios to run (default: all).")
  List<String> names = new ArrayList<>();

  InteropCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (bench) {
      if (!names.isEmpty()) {
        throw new InputException("--bench runs no scenario: drop " + String.join(" ", names));
      }
      if (mib < 1 || mib > 1024 || runs < 1 || runs > 100) {
        throw new InputException("--mib must be in 1..1024 and --runs in 1..100");
      }
      return new InteropStage(ProjectLayout.root().resolve("spec"), dir, List.of()).bench(mib, runs, out, err);
    }
    List<InteropScenario> chosen = new ArrayList<>();
    for (String n : names) {
      InteropScenario s = InteropScenario.of(n);
      if (s == null) {
        List<String> all = new ArrayList<>();
        for (InteropScenario x : InteropScenario.values()) {
          all.add(x.label());
        }
        throw new InputException("no scenario " + n + " (scenarios: " + String.join(", ", all) + ")");
      }
      chosen.add(s);
    }
    StageResult r = new InteropStage(ProjectLayout.root().resolve("spec"), dir,
        chosen.isEmpty() ? List.of(InteropScenario.values()) : chosen).run(out, err);
    out.println(r.detail());
    return r.exitCode();
  }
}
