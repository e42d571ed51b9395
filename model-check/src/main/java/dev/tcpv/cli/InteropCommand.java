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
      "Needs root and /dev/net/tun; installs tcpdump (apt-get) when it is missing. Prints skipped: <reason> "
          + "where it cannot run, except under CI=true, where that fails.",
      "Exit status: 0 every scenario passed, 1 otherwise, 2 bad usage."
    })
final class InteropCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the captures are kept (default: model-check/target/interop).")
  @Nullable Path dir;

  @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "Scenarios to run (default: all).")
  List<String> names = new ArrayList<>();

  InteropCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
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
