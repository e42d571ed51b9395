package dev.tcpv.cli;

import dev.tcpv.check.BranchCatalogue;
import dev.tcpv.check.BranchLedger;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.report.pages.RunRecord;
import dev.tcpv.sim.ConnectionFactory;
import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceProjection;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;

/**
 * The {@code traces} row of {@code tcpv all}: simulate runs across seeds, workloads and fault mixes and validate
 * each. First {@link #COUNT} runs of the engine as it ships ({@link Simulator.Profile#PRODUCTION}: MSS 1460,
 * RFC 6298 timers, keyed ISNs, microseconds, 1 MiB bulk transfers, zero-window stalls), fully observed, and the same
 * runs as one of their endpoints sees them, the peer hidden ({@link #oneEndpoint}); then {@link #SPEC_COUNT}
 * spec-shaped runs with one octet per segment and as many with segments of up to {@link #MULTI_MSS} octets whose
 * users read through RECEIVE calls (windows of a few octets, closed and reopened often).
 */
final class TracesStage implements Stage {
  /** Production-configuration traces CI validates. */
  static final int COUNT = 1000;
  /** Spec-shaped traces CI validates per batch. */
  static final int SPEC_COUNT = 500;
  /** Steps per spec-shaped run. */
  static final int STEPS = 300;
  /** The MSS of the second spec-shaped batch, whose users read through RECEIVE calls (windows close and open). */
  static final int MULTI_MSS = 3;

  /**
   * One batch of the stage: seeds 1 to {@code count} of {@code run}, each validated.
   *
   * @param name what the batch's runs are
   * @param production whether they are runs of the engine as it ships (counted apart from the spec-shaped ones)
   * @param count the seeds run
   * @param run the run of one seed
   * @param group what the model a seed's trace is checked against depends on, known before the run (the seeds of
   *     one group are run one after the other, so that the validator loads that model into TLC once); null when
   *     the seeds are run in order
   */
  record Batch(String name, boolean production, int count, LongFunction<Trace> run,
      @Nullable LongFunction<Object> group) {}

  /** The stage's batches, in the order it runs them. */
  static final List<Batch> BATCHES = List.of(
      new Batch("production", true, COUNT, seed -> Simulator.production(seed).trace(),
          seed -> Simulator.productionHeader(seed).configuration()),
      new Batch("production, one endpoint", true, COUNT,
          seed -> TraceProjection.observe(Simulator.production(seed).trace(), oneEndpoint(seed)),
          seed -> Simulator.productionHeader(seed).observing(oneEndpoint(seed)).configuration()),
      // A spec-shaped run's model changes with its fault mix, every few seeds: few loads in seed order.
      new Batch("spec-shaped, MSS 1", false, SPEC_COUNT,
          seed -> Simulator.simulate(seed, STEPS, ConnectionFactory.ENGINE, 1, false).trace(), null),
      new Batch("spec-shaped, MSS " + MULTI_MSS + " with RECEIVE calls", false, SPEC_COUNT,
          seed -> Simulator.simulate(seed, STEPS, ConnectionFactory.ENGINE, MULTI_MSS, true).trace(), null));

  /**
   * The seeds 1 to {@code b.count()} in the order {@code b} runs them: those of one group together ({@link
   * ConfigurationOrder}), each group in seed order.
   */
  static List<Long> seeds(Batch b) {
    LongFunction<Object> group = b.group();
    List<Long> all = LongStream.rangeClosed(1, b.count()).boxed().toList();
    return group == null ? all : ConfigurationOrder.of(all, group::apply);
  }

  /**
   * The host whose one-endpoint trace of seed {@code seed} the stage validates, the peer hidden and open
   * ({@link dev.tcpv.validate.Peer#OPEN}): A for odd seeds, B for even ones, so that both ends of every workload
   * are judged alone.
   */
  static String oneEndpoint(long seed) {
    return seed % 2 == 1 ? "A" : "B";
  }

  @Override
  public String name() {
    return "traces";
  }

  /** The runs of one batch and what became of them. */
  private static final class Tally {
    int runs;
    int failed;
    long events;
    long nanos;
    final Map<String, Long> branches = new TreeMap<>();

    /** Adds the runs of {@code other} to these. */
    void add(Tally other) {
      runs += other.runs;
      failed += other.failed;
      events += other.events;
      nanos += other.nanos;
      other.branches.forEach((b, n) -> branches.merge(b, n, Long::sum));
    }
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    TraceValidator validator = TraceValidator.forRepository();
    BranchCatalogue catalogue = BranchCatalogue.read(ProjectLayout.root().resolve("spec"));
    Tally production = new Tally();
    Tally spec = new Tally();
    int total = BATCHES.stream().mapToInt(Batch::count).sum();
    int before = 0;
    List<List<String>> rows = new ArrayList<>();
    for (Batch b : BATCHES) {
      Tally one = new Tally();
      batch(validator, one, seeds(b), b.run(), out, err, total, before);
      (b.production() ? production : spec).add(one);
      rows.add(List.of(b.name(), Integer.toString(one.runs), Integer.toString(one.failed),
          String.format("%,d", one.events), String.format("%.1f s", one.nanos / 1e9),
          String.format("%,.0f", rate(one))));
      before += b.count();
    }
    String detail = String.format("%d production traces (seeds 1..%d, every workload x fault mix, 1 MiB bulk and "
        + "zero-window stalls included; each fully observed and as one endpoint sees it, A for odd seeds and B for "
        + "even, its peer open), %d failed, %d events, %.0f events/s; %d spec-shaped traces (MSS 1, and MSS %d "
        + "with RECEIVE calls), %d failed, %.0f events/s", production.runs, COUNT, production.failed,
        production.events, rate(production), spec.runs, MULTI_MSS, spec.failed, rate(spec));
    // Which branches of the spec the engine's steps took: reported, not gated (conform and check gate them).
    BranchLedger both = new BranchLedger(catalogue);
    both.record("production", production.branches);
    both.record("spec-shaped", spec.branches);
    BranchLedger alone = new BranchLedger(catalogue);
    alone.record("production", production.branches);
    detail += String.format("; branches of the spec taken: %.0f%% (production alone %.0f%%)", both.percent(),
        alone.percent());
    out.println("traces: " + both.summary("the validated traces"));
    boolean ok = production.failed == 0 && spec.failed == 0;
    var figures = new RunRecord.Figures("traces", String.format("Runs of the engine simulated with seeds 1 to N "
        + "and each trace validated against the spec (docs/traces.md): the engine as it ships, then spec-shaped "
        + "runs. Branches of the spec the validated steps took: %.0f%% (production alone %.0f%%).", both.percent(),
        alone.percent()), List.of("batch", "traces", "failed", "events", "validation time", "events/s"), rows);
    return new StageResult(ok ? ExitCodes.OK : ExitCodes.FAILED, detail, figures);
  }

  private static double rate(Tally t) {
    return t.nanos == 0 ? 0.0 : t.events / (t.nanos / 1e9);
  }

  private static void batch(TraceValidator validator, Tally tally, List<Long> seeds, LongFunction<Trace> run,
      PrintWriter out, PrintWriter err, int total, int before) throws Exception {
    for (long seed : seeds) {
      tally.runs++;
      Trace t = run.apply(seed);
      Failure f;
      try {
        Verdict v = validator.validate(t);
        tally.events += v.events();
        tally.nanos += v.nanos();
        v.branches().forEach((b, n) -> tally.branches.merge(b, n, Long::sum));
        f = v.failure();
      } catch (IllegalArgumentException e) {
        // A trace the validator refuses to map (its numbers or times) fails as a wrong one does.
        f = new Failure(t.source(), 1, "the trace as a whole", List.of(), String.valueOf(e.getMessage()));
      }
      if (f != null) {
        tally.failed++;
        if (tally.failed <= 3) {
          out.println(t.header().scenario() + ": " + f.render());
          out.flush();
        }
      }
      int done = before + tally.runs;
      if (done % 200 == 0) {
        err.println("traces: " + done + "/" + total + " simulated and validated");
        err.flush();
      }
    }
  }
}
