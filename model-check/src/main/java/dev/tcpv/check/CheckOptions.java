package dev.tcpv.check;

import dev.tcpv.tlc.Simulation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code tcpv check} was asked to do.
 *
 * @param models the models named on the command line; empty means the CI set
 * @param allModels add the opt-in models to the default set
 * @param workers TLC workers for models that must pass, overriding the manifest; null keeps the manifest's
 * @param updateCounts rewrite the manifest's distinct-state counts from this run
 * @param coverageGate fail when an action of module Tcp is never taken (applies only to the whole CI set)
 * @param showCoverage print the per-action coverage table
 * @param deep add the models tagged deep to the default set
 * @param mode how TLC explores each model
 * @param simulation the budget of {@link Mode#SIMULATION}; null in the other modes
 * @param cores the processor cores the models may fill: models are checked side by side, each by TLC in its own
 *     JVM, while their workers together fit in them (one model at a time in {@link Mode#DISTRIBUTED}: its server
 *     and workers meet on one port)
 */
public record CheckOptions(
    List<String> models,
    boolean allModels,
    @Nullable Integer workers,
    boolean updateCounts,
    boolean coverageGate,
    boolean showCoverage,
    boolean deep,
    Mode mode,
    @Nullable Simulation simulation,
    int cores) {

  /**
   * The cores {@code tcpv check} fills by default: this machine's processors. On two cores a model of two workers
   * runs alone (two such models side by side took longer than one after the other) and models of one worker run
   * two at once (docs/testing.md).
   */
  public static int defaultCores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** How TLC explores a model. */
  public enum Mode {
    /** Breadth-first over the whole state graph in one JVM, with successor counts for the gates. */
    EXHAUSTIVE,
    /** Breadth-first over the whole state graph by TLC's distributed server and its workers. */
    DISTRIBUTED,
    /** Random behaviours within a budget: finds violations, proves nothing, counts no states. */
    SIMULATION
  }

  public CheckOptions {
    models = List.copyOf(models);
    if ((mode == Mode.SIMULATION) != (simulation != null)) {
      throw new IllegalArgumentException("a simulation budget goes with simulation mode, and only with it");
    }
    if (cores < 1) {
      throw new IllegalArgumentException("at least one core, not " + cores);
    }
  }

  /** Exhaustive options, each model in one JVM, filling {@link #defaultCores()}. */
  public CheckOptions(List<String> models, boolean allModels, @Nullable Integer workers, boolean updateCounts,
      boolean coverageGate, boolean showCoverage) {
    this(models, allModels, workers, updateCounts, coverageGate, showCoverage, false, Mode.EXHAUSTIVE, null,
        defaultCores());
  }

  /** The options of a plain {@code tcpv check}: the CI set, manifest workers, the gate on. */
  public static CheckOptions ciDefaults() {
    return new CheckOptions(List.of(), false, null, false, true, false);
  }

  /** Whether this run covers the whole default set, which is when the coverage gate means something. */
  public boolean wholeSet() {
    return models.isEmpty();
  }

  /** Whether this run counts successors per action and branch, which the gates need (one JVM, exhaustive). */
  public boolean countsSuccessors() {
    return mode == Mode.EXHAUSTIVE;
  }
}
