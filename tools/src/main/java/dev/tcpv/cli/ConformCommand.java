package dev.tcpv.cli;

import dev.tcpv.check.BranchCatalogue;
import dev.tcpv.check.InputException;
import dev.tcpv.conform.ConformException;
import dev.tcpv.conform.Conformance;
import dev.tcpv.conform.Engine;
import dev.tcpv.text.Formats;
import dev.tcpv.report.pages.RunRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tcpv conform}: drive the engine along every edge of the conformance models' state graphs. */
@Command(
    name = "conform",
    mixinStandardHelpOptions = true,
    description = {
      "Explore each conformance model's state graph, plan paths from the initial state that cover every edge, "
          + "and drive two engines and a network scripted by the spec along each path, comparing the engines' "
          + "abstract state with the spec's after every step.",
      "Exit status: 0 every edge covered and no divergence, 1 a divergence or an edge not covered, "
          + "2 bad usage or input."
    })
final class ConformCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Option(names = "--model", paramLabel = "NAME",
      description = "One conformance model (default: all ten, ConformPeers ... ConformReads; see docs/conformance.md).")
  @Nullable String model;

  @Option(names = "--fresh",
      description = "Explore every model's state graph with TLC again, rather than read the graph kept in "
          + "tools/target/conform-graphs from an earlier exploration of the same spec, model and explorer.")
  boolean fresh;

  @Mixin LocationOptions locations = new LocationOptions();

  ConformCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    return run(locations, model == null ? Conformance.MODELS : List.of(model), fresh, out, err).exitCode();
  }

  /**
   * Runs the models, their state graphs explored again when {@code fresh} (else the kept ones read), and prints the
   * report; a bad model is a one-line error and status 2.
   */
  static StageResult run(LocationOptions locations, List<String> models, boolean fresh, PrintWriter out,
      PrintWriter err) throws Exception {
    Conformance conformance = new Conformance(locations.layout(), Engine.connection(), out, err, fresh);
    List<Conformance.Result> results = new ArrayList<>();
    BranchCatalogue catalogue;
    try {
      // Read before any model runs, so that a bad catalogue costs no exploration.
      catalogue = BranchCatalogue.read(locations.layout().specDir());
    } catch (InputException e) {
      err.println("tcpv: " + e.getMessage());
      err.flush();
      return new StageResult(ExitCodes.BAD_INPUT, String.valueOf(e.getMessage()));
    }
    try {
      for (String m : models) {
        results.add(conformance.run(m, null));
      }
    } catch (ConformException e) {
      err.println("tcpv: " + e.getMessage());
      err.flush();
      return new StageResult(ExitCodes.BAD_INPUT, String.valueOf(e.getMessage()));
    }
    boolean all = models.containsAll(Conformance.MODELS);
    int exit = Math.max(conformance.report(results), conformance.reportDiagram(results, all));
    exit = Math.max(exit, conformance.reportBranches(results, all, catalogue));
    long edges = 0;
    long covered = 0;
    long paths = 0;
    for (Conformance.Result r : results) {
      edges += r.edges();
      covered += r.covered();
      paths += r.paths();
    }
    String detail = String.format("%d models, %,d of %,d edges covered, %,d paths%s", results.size(), covered,
        edges, paths, exit == 0 ? "" : ", FAILED: divergence, edges or branches not covered, or state diagrams differ");
    List<List<String>> rows = new ArrayList<>();
    for (Conformance.Result r : results) {
      String divergence = r.divergence();
      rows.add(List.of(r.model(), String.format("%,d", r.states()), String.format("%,d", r.edges()),
          String.format("%,d", r.covered()), String.format("%,d", r.paths()), String.format("%,d", r.steps()),
          Formats.duration(r.elapsed()), divergence != null ? "DIVERGENCE: " + divergence
              : r.passed() ? "every edge" : "edges not covered"));
    }
    var figures = new RunRecord.Figures("conform", "The engine driven along every edge of each conformance "
        + "model's state graph, from its initial state, and compared with the spec after every step "
        + "(docs/conformance.md).", List.of("model", "states", "edges", "covered", "paths", "engine steps", "time",
        "result"), rows);
    return new StageResult(exit, detail, figures);
  }
}
