package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.kernel.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tcpv linux}: the kernel's TCP captured in a namespace and validated against the spec. */
@Command(
    name = "linux",
    mixinStandardHelpOptions = true,
    description = {
      "Run real connections between Java sockets over this machine's kernel, each scenario in a network namespace "
          + "of its own (loopback only), capture them with tcpdump and validate each capture with --profile linux.",
      "Needs root; installs tcpdump and iptables (apt-get) when they are missing. Prints skipped: <reason> where "
          + "it cannot run, except under CI=true, where that fails.",
      "Exit status: 0 every scenario as expected (valid, or rejected with its listed finding), 1 otherwise, "
          + "2 bad usage."
    })
final class LinuxCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the captures are kept (default: tools/target/linux).")
  @Nullable Path dir;

  @Parameters(arity = "0..*", paramLabel = "SCENARIO",
      description = "Scenarios to run (default: all but transfer-4mb-mtu1500, whose 3,769 packets take a minute "
          + "or more to validate).")
  List<String> names = new ArrayList<>();

  LinuxCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    List<Scenario> chosen = new ArrayList<>();
    for (String n : names) {
      Scenario s = Scenario.of(n);
      if (s == null) {
        List<String> all = new ArrayList<>();
        for (Scenario x : Scenario.values()) {
          all.add(x.label());
        }
        throw new InputException("no scenario " + n + " (scenarios: " + String.join(", ", all) + ")");
      }
      chosen.add(s);
    }
    StageResult r = new LinuxStage(ProjectLayout.root().resolve("spec"), dir,
        chosen.isEmpty() ? Scenario.defaults() : chosen).run(out, err);
    out.println(r.detail());
    return r.exitCode();
  }
}
