package dev.tcpv.cli;

import dev.tcpv.check.CheckOptions;
import dev.tcpv.check.InputException;
import dev.tcpv.check.ModelCheck;
import dev.tcpv.check.ModelRunner;
import dev.tcpv.tlc.DistributedLauncher;
import dev.tcpv.tlc.Simulation;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tcpv check}: runs TLC on models of the manifest and fails on any drift from it. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Model-check the spec with TLC and compare every result with the manifest.",
      "Without MODEL names, checks the CI models and applies the coverage gate: every action of module Tcp "
          + "must generate a successor state in some model.",
      "--distributed runs TLC's distributed server with local worker JVMs (and any that join with tcpv worker); "
          + "--simulate generates random behaviours instead of the whole state graph.",
      "Exit status: 0 all as expected, 1 a result, count or the gate differs, 2 bad usage or input."
    })
final class CheckCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Parameters(paramLabel = "MODEL", arity = "0..*", description = "Models to check (default: the CI models).")
  List<String> models = new ArrayList<>();

  @Option(names = "--all-models", description = "Also check the opt-in models (not the deep ones).")
  boolean allModels;

  @Option(names = "--deep", description = "Also check the models tagged deep (hours on one machine).")
  boolean deep;

  @Option(names = "--workers", paramLabel = "N",
      description = "TLC workers for models that must pass (violation models keep the manifest's, so their "
          + "counts stay deterministic). With --distributed: worker JVMs started on this machine (default 2; "
          + "0 waits for remote ones).")
  @Nullable Integer workers;

  @Option(names = "--cores", paramLabel = "C",
      description = "Processor cores to fill: models are checked side by side, each by TLC in its own JVM, while "
          + "their workers together fit in C; models of fewer workers go first, so that they pair up (default: "
          + "this machine's processors; with --distributed, one model at a time).")
  @Nullable Integer cores;

  @Option(names = "--update-counts", description = "Record this run's distinct-state counts in the manifest.")
  boolean updateCounts;

  @Option(names = "--coverage-gate", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Fail when an action of module Tcp is never taken (default: on; only without MODEL names).")
  boolean coverageGate = true;

  @Option(names = "--coverage", description = "Print which models took each action of module Tcp.")
  boolean showCoverage;

  @Option(names = "--distributed", description = "Check with TLC's distributed mode (safety only: no liveness).")
  boolean distributed;

  @Option(names = "--worker-threads", paramLabel = "T", defaultValue = "1",
      description = "With --distributed: threads in each local worker JVM (default: ${DEFAULT-VALUE}).")
  int workerThreads = 1;

  @Option(names = "--port", paramLabel = "P", defaultValue = "" + DistributedLauncher.DEFAULT_PORT,
      description = "With --distributed: the server's RMI registry port (default: ${DEFAULT-VALUE}).")
  int port = DistributedLauncher.DEFAULT_PORT;

  @Option(names = "--hostname", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "With --distributed: the address workers reach the server at (default: ${DEFAULT-VALUE}, "
          + "local workers only).")
  String hostname = "127.0.0.1";

  @Option(names = "--simulate", description = "Random behaviours instead of the whole state graph.")
  boolean simulate;

  @Option(names = "--depth", paramLabel = "D", defaultValue = "100",
      description = "With --simulate: the most steps of a behaviour (default: ${DEFAULT-VALUE}).")
  int depth = 100;

  @Option(names = "--traces", paramLabel = "K", defaultValue = "10000",
      description = "With --simulate: how many behaviours (default: ${DEFAULT-VALUE}).")
  long traces = 10_000;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "With --simulate: the seed of the random choices (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Mixin LocationOptions locations = new LocationOptions();

  @Spec CommandSpec spec = CommandSpec.create();

  CheckCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (distributed && simulate) {
      throw new InputException("--distributed and --simulate exclude each other (TLC's distributed mode does not "
          + "simulate)");
    }
    // An option of one mode given in another would be ignored in silence.
    ParseResult parsed = spec.commandLine().getParseResult();
    for (String option : List.of("--depth", "--traces", "--seed")) {
      if (!simulate && parsed.hasMatchedOption(option)) {
        throw new InputException(option + " applies only with --simulate");
      }
    }
    for (String option : List.of("--worker-threads", "--port", "--hostname")) {
      if (!distributed && parsed.hasMatchedOption(option)) {
        throw new InputException(option + " applies only with --distributed");
      }
    }
    if (simulate && (depth < 1 || traces < 1)) {
      throw new InputException("--depth and --traces must be at least 1");
    }
    Integer given = cores;
    int fill = given == null ? CheckOptions.defaultCores() : given;
    if (fill < 1) {
      throw new InputException("--cores must be at least 1");
    }
    Integer requested = workers;
    if (distributed && (port < 1 || port > 65535 || workerThreads < 1 || (requested != null && requested < 0))) {
      throw new InputException("--port must be 1..65535, --worker-threads at least 1 and --workers at least 0");
    }
    CheckOptions.Mode mode = distributed ? CheckOptions.Mode.DISTRIBUTED
        : simulate ? CheckOptions.Mode.SIMULATION : CheckOptions.Mode.EXHAUSTIVE;
    CheckOptions options = new CheckOptions(models, allModels, workers, updateCounts, coverageGate, showCoverage,
        deep, mode, simulate ? new Simulation(depth, traces, seed) : null, fill);
    TlcLauncher launcher = TlcLauncher.forCurrentJvm();
    ModelRunner runner = launcher::run;
    if (distributed) {
      DistributedLauncher.requireResolvableHostName();
      Integer local = workers;
      DistributedLauncher.Options distributedOptions = new DistributedLauncher.Options(
          local == null ? 2 : local, workerThreads, port, hostname, Duration.ofSeconds(10));
      runner = new DistributedLauncher(launcher, distributedOptions, line -> {
        err.println("    " + line);
        err.flush();
      })::run;
    }
    ModelCheck check = new ModelCheck(locations.layout(), runner, out, err);
    return check.run(options).exitCode();
  }
}
