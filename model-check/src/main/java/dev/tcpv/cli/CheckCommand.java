package dev.tcpv.cli;

import dev.tcpv.check.CheckOptions;
import dev.tcpv.check.ModelCheck;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
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
      "Exit status: 0 all as expected, 1 a result, count or the gate differs, 2 bad usage or input."
    })
final class CheckCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Parameters(paramLabel = "MODEL", arity = "0..*", description = "Models to check (default: the CI models).")
  List<String> models = new ArrayList<>();

  @Option(names = "--all-models", description = "Also check the opt-in models.")
  boolean allModels;

  @Option(names = "--workers", paramLabel = "N",
      description = "TLC workers for models that must pass (violation models keep the manifest's, so their "
          + "counts stay deterministic).")
  @Nullable Integer workers;

  @Option(names = "--update-counts", description = "Record this run's distinct-state counts in the manifest.")
  boolean updateCounts;

  @Option(names = "--coverage-gate", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Fail when an action of module Tcp is never taken (default: on; only without MODEL names).")
  boolean coverageGate = true;

  @Option(names = "--coverage", description = "Print which models took each action of module Tcp.")
  boolean showCoverage;

  @Mixin LocationOptions locations = new LocationOptions();

  CheckCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    CheckOptions options = new CheckOptions(models, allModels, workers, updateCounts, coverageGate, showCoverage);
    ModelCheck check = new ModelCheck(locations.layout(), TlcLauncher.forCurrentJvm()::run, out, err);
    return check.run(options).exitCode();
  }
}
