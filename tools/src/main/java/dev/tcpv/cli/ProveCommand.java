package dev.tcpv.cli;

import dev.tcpv.prove.ProofLayout;
import dev.tcpv.prove.Prove;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tcpv prove}: checks the proof obligations of {@code proofs/} with TLC. */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    description = {
      "Check the proof obligations (inductive invariant, refinement of the connection service) with TLC, one "
          + "row each: obligation, bounds, states examined, result, seconds.",
      "Exit status: 0 every obligation holds, 1 one does not, 2 bad usage or input."
    })
final class ProveCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Parameters(paramLabel = "OBLIGATION", arity = "0..*", description = "Obligations to check (default: all).")
  List<String> names = new ArrayList<>();

  @Option(names = "--obligations", paramLabel = "FILE",
      description = "The obligations list (default: proofs/obligations.json); its modules lie beside it.")
  @Nullable Path obligations;

  @Option(names = "--spec-dir", paramLabel = "DIR", description = "Where the spec's modules are (default: spec/).")
  @Nullable Path specDir;

  ProveCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    Prove prove = new Prove(ProofLayout.resolve(obligations, specDir), TlcLauncher.forCurrentJvm()::run, out, err);
    return prove.run(names).exitCode();
  }
}
