package dev.tcpv.check;

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
 */
public record CheckOptions(
    List<String> models,
    boolean allModels,
    @Nullable Integer workers,
    boolean updateCounts,
    boolean coverageGate,
    boolean showCoverage) {

  public CheckOptions {
    models = List.copyOf(models);
  }

  /** The options of a plain {@code tcpv check}: the CI set, manifest workers, the gate on. */
  public static CheckOptions ciDefaults() {
    return new CheckOptions(List.of(), false, null, false, true, false);
  }

  /** Whether this run covers the whole default set, which is when the coverage gate means something. */
  public boolean wholeSet() {
    return models.isEmpty();
  }
}
