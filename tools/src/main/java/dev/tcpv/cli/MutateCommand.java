package dev.tcpv.cli;

import dev.tcpv.mutate.MutateOptions;
import dev.tcpv.mutate.MutationGate;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tcpv mutate}: the spec-mutation gate, every mutant of the catalogue must be killed by some model. */
@Command(
    name = "mutate",
    mixinStandardHelpOptions = true,
    description = {
      "Mutate the spec, one catalogued mistake at a time, and check each mutant with TLC on its model, one the "
          + "unmutated spec passes: a violation or a deadlock kills the mutant; a pass means no property notices "
          + "the mistake.",
      "Without NAME, runs the catalogue's CI subset.",
      "Exit status: 0 every mutant killed except those the catalogue explains, 1 a mutant survived or timed out "
          + "unexplained, one the catalogue explains was killed (stale explanation) or TLC could not check one, "
          + "2 bad usage or input."
    })
final class MutateCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Mutations to run (default: the CI subset).")
  List<String> names = new ArrayList<>();

  @Option(names = "--all", description = "Run the whole catalogue, not only its CI subset.")
  boolean all;

  @Option(names = "--catalogue", paramLabel = "FILE",
      description = "The mutation catalogue (default: model-check/mutations.json).")
  @Nullable Path catalogue;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Stop TLC on a mutant after this long; a timeout counts as survived (default: 300).")
  long timeoutSeconds = MutateOptions.DEFAULT_TIME_LIMIT.toSeconds();

  @Option(names = "--jobs", paramLabel = "J", defaultValue = "" + MutateOptions.DEFAULT_JOBS,
      description = "Mutants checked at once, each by TLC in its own JVM (default: ${DEFAULT-VALUE}).")
  int jobs = MutateOptions.DEFAULT_JOBS;

  @Mixin LocationOptions locations = new LocationOptions();

  MutateCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (timeoutSeconds < 1) {
      err.println("tcpv: --timeout must be at least 1 second");
      return ExitCodes.BAD_INPUT;
    }
    if (jobs < 1) {
      err.println("tcpv: --jobs must be at least 1");
      return ExitCodes.BAD_INPUT;
    }
    MutateOptions options = new MutateOptions(names, all, Duration.ofSeconds(timeoutSeconds), jobs);
    Path file = catalogue == null ? MutationGate.defaultCatalogue() : catalogue;
    MutationGate gate = new MutationGate(locations.layout(), file, TlcLauncher.forCurrentJvm()::run, out, err);
    return gate.run(options).exitCode();
  }
}
