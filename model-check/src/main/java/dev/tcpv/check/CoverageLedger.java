package dev.tcpv.check;

import dev.tcpv.text.Formats;
import dev.tcpv.text.TextTable;
import dev.tcpv.tlc.ActionCoverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which actions of the spec module generated successor states, summed over the models of a run.
 *
 * <p>An action no model ever takes is an untested part of the spec: its enabling condition may be
 * unsatisfiable, which model checking alone would never reveal (the tlaplus/Examples TCP spec never reaches
 * its simultaneous-open branch). Only actions of {@code module} count; a model's own helper actions do not.
 */
public final class CoverageLedger {
  private final String module;
  private final Map<String, Tally> actions = new LinkedHashMap<>();

  private static final class Tally {
    final List<String> models = new ArrayList<>();
    long distinct;
    long generated;
  }

  /** A ledger for the actions defined in {@code module}. */
  public CoverageLedger(String module) {
    this.module = module;
  }

  /** Adds one model's coverage report. */
  public void record(String model, List<ActionCoverage> coverage) {
    for (ActionCoverage action : coverage) {
      if (!action.module().equals(module)) {
        continue;
      }
      Tally tally = actions.computeIfAbsent(action.action(), a -> new Tally());
      tally.distinct += action.distinct();
      tally.generated += action.generated();
      if (action.taken() && !tally.models.contains(model)) {
        tally.models.add(model);
      }
    }
  }

  /** The module whose actions are counted. */
  public String module() {
    return module;
  }

  /** The number of actions of the module that some model reported. */
  public int actionCount() {
    return actions.size();
  }

  /** The actions of the module that no model took, in the order TLC listed them. */
  public List<String> neverTaken() {
    List<String> never = new ArrayList<>();
    actions.forEach((action, tally) -> {
      if (tally.generated == 0) {
        never.add(action);
      }
    });
    return never;
  }

  /** One row per action: the models that took it, its new distinct states and all its successor states. */
  public String table() {
    TextTable table = new TextTable("ACTION", "MODELS", "DISTINCT", "SUCCESSORS").alignRight(2).alignRight(3);
    actions.forEach((action, tally) -> table.row(
        action,
        tally.models.isEmpty() ? "(never taken)" : String.join(", ", tally.models),
        Formats.count(tally.distinct),
        Formats.count(tally.generated)));
    return table.render();
  }
}
