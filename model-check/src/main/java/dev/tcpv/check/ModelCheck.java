package dev.tcpv.check;

import dev.tcpv.counterexample.CounterexampleRenderer;
import dev.tcpv.manifest.Manifest;
import dev.tcpv.manifest.ManifestCounts;
import dev.tcpv.manifest.ManifestException;
import dev.tcpv.manifest.ManifestReader;
import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.text.Formats;
import dev.tcpv.text.TextTable;
import dev.tcpv.tlc.Simulation;
import dev.tcpv.tlc.TlcJob;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcProgress;
import dev.tcpv.tlc.TlcResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Checks the models of the manifest with TLC and holds each result against the manifest.
 *
 * <p>Models are checked side by side, each by TLC in its own JVM, while their workers together fit in {@link
 * CheckOptions#cores()}; those of fewer workers start first, so that they pair up (on two cores, the models of one
 * worker two at a time, then those of two one at a time). Results go to {@code out} in the manifest's order as
 * they come (a counterexample or TLC's error as soon as its model and those before it in the manifest are done),
 * then a table and a summary line; progress goes to {@code err}, each line under its model's name. A model's time
 * in the table is its wall time, shared with the models that ran beside it.
 */
public final class ModelCheck {
  /** The spec module whose actions the coverage gate counts. */
  public static final String SPEC_MODULE = "Tcp";

  private final ProjectLayout layout;
  private final ModelRunner runner;
  private final PrintWriter out;
  private final PrintWriter err;

  public ModelCheck(ProjectLayout layout, ModelRunner runner, PrintWriter out, PrintWriter err) {
    this.layout = layout;
    this.runner = runner;
    this.out = out;
    this.err = err;
  }

  /** Runs the check; throws {@link InputException} for bad input, before any model runs. */
  public CheckReport run(CheckOptions options) throws InputException, IOException, InterruptedException {
    Manifest manifest = read(layout);
    List<ModelEntry> models = ModelSelection.select(manifest, options, layout.modelsDir());
    Integer workers = options.workers();
    if (workers != null && workers < 1 && options.mode() != CheckOptions.Mode.DISTRIBUTED) {
      throw new InputException("--workers must be at least 1");
    }
    if (options.updateCounts() && options.mode() == CheckOptions.Mode.SIMULATION) {
      throw new InputException("--update-counts needs the whole state graph; a simulation counts no distinct states");
    }
    CoverageLedger coverage = new CoverageLedger(SPEC_MODULE);
    boolean gated = options.coverageGate() && options.wholeSet() && options.countsSuccessors();
    // The catalogue is read before any model runs, so that a bad one costs no model time.
    @Nullable BranchLedger branches = gated || (options.showCoverage() && options.countsSuccessors())
        ? new BranchLedger(BranchCatalogue.read(layout.specDir())) : null;
    List<ModelVerdict> verdicts = new ArrayList<>();
    try (OrderedJobs<TlcResult> jobs = new OrderedJobs<>(options.cores(), "tcpv-check")) {
      List<TlcJob> tlcJobs = models.stream().map(model -> job(model, options)).toList();
      int[] costs = tlcJobs.stream().mapToInt(job -> cost(job, options)).toArray();
      // The cheaper first (a stable sort: the manifest's order among equals); position[i]: model i's place.
      List<Integer> starts = IntStream.range(0, models.size()).boxed()
          .sorted(Comparator.comparingInt(i -> costs[i])).toList();
      int[] position = new int[models.size()];
      for (int k = 0; k < starts.size(); k++) {
        int i = starts.get(k);
        position[i] = k;
        ModelEntry model = models.get(i);
        TlcJob job = tlcJobs.get(i);
        jobs.submit(costs[i], () -> {
          err.println("  " + model.name() + ": " + how(job, options));
          err.flush();
          return runner.run(job, progress -> progress(model, progress));
        });
      }
      // In the manifest's order, each as soon as it and the models before it are done.
      for (int i = 0; i < models.size(); i++) {
        ModelEntry model = models.get(i);
        TlcResult result = jobs.get(position[i]);
        ModelVerdict verdict = new ModelVerdict(model, result, countCompared(model, options));
        verdicts.add(verdict);
        coverage.record(model.name(), result.coverage());
        if (branches != null) {
          branches.record(model.name(), result.branches());
        }
        details(verdict, options.mode() == CheckOptions.Mode.DISTRIBUTED);
      }
    }
    out.println();
    Map<String, Long> updated = options.updateCounts() ? updateCounts(verdicts) : Map.of();
    List<ModelVerdict> failed = verdicts.stream()
        .filter(v -> !v.outcomeAsExpected() || !(v.countAsExpected() || updated.containsKey(v.model().name())))
        .toList();
    out.print(table(verdicts, failed));
    String summary = summary(verdicts, failed);
    out.println(summary);
    List<String> neverTaken = List.of();
    boolean gatePassed = true;
    if (options.coverageGate() && options.wholeSet() && !options.countsSuccessors()) {
      out.println("Coverage gates: not applied (only an exhaustive run in one JVM counts successors per action).");
    }
    if (gated && branches != null) {
      neverTaken = coverage.neverTaken();
      gatePassed = neverTaken.isEmpty() && coverage.actionCount() > 0 && branches.passed();
      out.println(gateLine(coverage, neverTaken));
      out.println(branches.gateLine("the CI models"));
    }
    if (options.showCoverage() && options.countsSuccessors() && branches != null) {
      out.println();
      out.print(coverage.table());
      out.println();
      out.print(branches.table());
    }
    out.flush();
    return new CheckReport(verdicts, neverTaken, failed.isEmpty() && gatePassed, summary);
  }

  private static Manifest read(ProjectLayout layout) throws InputException {
    try {
      return ManifestReader.read(layout.manifest());
    } catch (ManifestException e) {
      throw new InputException(String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * The cores a model's run keeps busy: its workers; all of them in distributed mode, whose server and workers
   * meet on one port, so that its models run one at a time.
   */
  private static int cost(TlcJob job, CheckOptions options) {
    return options.mode() == CheckOptions.Mode.DISTRIBUTED ? options.cores() : job.workers();
  }

  private TlcJob job(ModelEntry model, CheckOptions options) {
    Integer override = options.workers();
    int workers = override != null && model.expectsPass() && options.mode() == CheckOptions.Mode.EXHAUSTIVE
        ? override
        : model.workers();
    TlcJob job = new TlcJob(model.name(), layout.modelsDir(), model.module(), model.config(), layout.specDir(),
        workers, model.checkDeadlock());
    Simulation simulation = options.simulation();
    return simulation == null ? job : job.withSimulation(simulation);
  }

  /**
   * Whether a model's count is held against the manifest: always in one JVM; in distributed mode only for a
   * model that must pass (a violation's count depends on which worker finds it first); never for a simulation.
   */
  private static boolean countCompared(ModelEntry model, CheckOptions options) {
    return switch (options.mode()) {
      case EXHAUSTIVE -> true;
      case DISTRIBUTED -> model.expectsPass();
      case SIMULATION -> false;
    };
  }

  private static String how(TlcJob job, CheckOptions options) {
    Simulation simulation = options.simulation();
    return switch (options.mode()) {
      case EXHAUSTIVE -> "checking with TLC, " + job.workers() + " worker" + (job.workers() == 1 ? "" : "s");
      case DISTRIBUTED -> "checking with TLC's distributed server and its workers";
      case SIMULATION -> simulation == null ? "simulating" : "simulating " + Formats.count(simulation.traces())
          + " behaviours of up to " + simulation.depth() + " steps (seed " + simulation.seed() + "), "
          + job.workers() + " worker" + (job.workers() == 1 ? "" : "s");
    };
  }

  private void progress(ModelEntry model, TlcProgress progress) {
    err.printf("  %s: %s distinct, depth %d, %s%n", model.name(), Formats.count(progress.distinct()),
        progress.depth(), Formats.duration(progress.elapsed()));
    err.flush();
  }

  /** TLC's error, or the counterexample of a violation, under the model's name. */
  private void details(ModelVerdict verdict, boolean distributed) {
    TlcResult result = verdict.result();
    String name = verdict.model().name();
    if (!result.unchecked().isEmpty()) {
      out.println();
      out.println(name + ": not checked (TLC's distributed mode checks no liveness): "
          + String.join(", ", result.unchecked()));
    }
    if (result.outcome() instanceof TlcOutcome.Failure failure) {
      out.println();
      out.println(name + ": TLC could not check the model:");
      failure.message().lines().forEach(line -> out.println("    " + line));
    } else if (!(result.outcome() instanceof TlcOutcome.Pass)) {
      out.println();
      String expectation = verdict.outcomeAsExpected()
          ? "as the manifest expects"
          : "but the manifest expects " + verdict.expectedLabel();
      out.println(name + ": " + result.outcome().label() + ", " + expectation + ". Counterexample:");
      if (distributed) {
        out.println("    (TLC's distributed server keeps no path to the violation: the first state shown is the "
            + "violating step's predecessor, not an initial state; tcpv check " + name + " in one JVM shows the "
            + "whole behaviour)");
      }
      if (result.outcome() instanceof TlcOutcome.TemporalViolated temporal) {
        out.println("    (TLC does not say which of " + String.join(", ", temporal.candidates()) + ")");
      }
      out.print(CounterexampleRenderer.render(result.trace()));
    }
    out.flush();
  }

  private static String table(List<ModelVerdict> verdicts, List<ModelVerdict> failed) {
    TextTable table = new TextTable("", "MODEL", "EXPECTED", "ACTUAL", "DISTINCT", "DEPTH", "TIME")
        .alignRight(5).alignRight(6);
    for (ModelVerdict v : verdicts) {
      Integer depth = v.result().depth();
      table.row(
          failed.contains(v) ? "FAIL" : "ok",
          v.model().name(),
          v.expectedLabel(),
          v.result().outcome().label(),
          v.distinctLabel(),
          depth == null ? "-" : Integer.toString(depth),
          Formats.duration(v.result().elapsed()));
    }
    return table.render();
  }

  private static String summary(List<ModelVerdict> verdicts, List<ModelVerdict> failed) {
    int n = verdicts.size();
    String models = n == 1 ? "1 model" : n + " models";
    if (failed.isEmpty()) {
      return (n == 1 ? "The model is" : "All " + models + " are") + " as the manifest expects.";
    }
    List<String> problems = failed.stream().map(v -> v.model().name() + ": " + v.problem()).toList();
    return (n - failed.size()) + " of " + models + " as the manifest expects; " + String.join("; ", problems) + ".";
  }

  private static String gateLine(CoverageLedger coverage, List<String> neverTaken) {
    if (coverage.actionCount() == 0) {
      return "Coverage gate FAILED: no model reported coverage of module " + coverage.module() + ".";
    }
    if (neverTaken.isEmpty()) {
      return "Coverage gate: all " + coverage.actionCount() + " actions of module " + coverage.module()
          + " were taken.";
    }
    return "Coverage gate FAILED: actions of module " + coverage.module() + " never taken: "
        + String.join(", ", neverTaken) + ".";
  }

  private Map<String, Long> updateCounts(List<ModelVerdict> verdicts) throws InputException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ModelVerdict v : verdicts) {
      Long distinct = v.result().distinct();
      // A count that is not compared (a distributed violation, a simulation) is no count to record.
      if (v.outcomeAsExpected() && v.countCompared() && distinct != null) {
        counts.put(v.model().name(), distinct);
      }
    }
    try {
      ManifestCounts.update(layout.manifest(), counts);
    } catch (ManifestException e) {
      throw new InputException(String.valueOf(e.getMessage()), e);
    }
    out.println("Recorded the distinct-state counts of " + counts.size() + " model" + (counts.size() == 1 ? "" : "s")
        + " in " + layout.manifest().getFileName() + ".");
    return counts;
  }
}
