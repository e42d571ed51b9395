package dev.tcpv.report.pages;

import dev.tcpv.check.ModelVerdict;
import dev.tcpv.mutate.MutationResult;
import dev.tcpv.prove.Prove;
import dev.tcpv.script.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the run that makes a report found: the rows of {@code tcpv all}'s summary table, the models it checked
 * and the mutations it tried. A report made without a run ({@code tcpv report} alone) has an empty record and
 * says, wherever a result would be, that this run did not produce one.
 *
 * @param finished when the run ended, or null for no run
 * @param stages the summary rows
 * @param models the verdicts of the models checked
 * @param mutations the results of the mutations tried
 * @param scripts the outcomes of the scripts of the project's corpus
 * @param proofs the results of the proof obligations checked
 * @param figures the tables of figures the stages produced (traces, conform, linux), one per stage at most
 */
public record RunRecord(@Nullable Instant finished, List<StageRow> stages, List<ModelVerdict> models,
    List<MutationResult> mutations, List<ScriptRun> scripts, List<Prove.Row> proofs, List<Figures> figures) {

  /** A run without tables of figures. */
  public RunRecord(@Nullable Instant finished, List<StageRow> stages, List<ModelVerdict> models,
      List<MutationResult> mutations, List<ScriptRun> scripts, List<Prove.Row> proofs) {
    this(finished, stages, models, mutations, scripts, proofs, List.of());
  }

  /**
   * A stage's figures, one row per unit of its work (a batch of traces, a conformance model, a kernel scenario),
   * shown on the report's page of the stage.
   *
   * @param stage the stage's name
   * @param summary what the rows are and what the stage checked, one or two sentences
   * @param columns the column headings
   * @param rows the cells, as many per row as columns
   */
  public record Figures(String stage, String summary, List<String> columns, List<List<String>> rows) {
    /** Copies the lists; every row has one cell per column. */
    public Figures {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> r : rows) {
        if (r.size() != columns.size()) {
          throw new IllegalArgumentException(stage + ": a row of " + r.size() + " cells under " + columns.size()
              + " columns");
        }
      }
    }
  }

  /**
   * How one script of the project's corpus ended in the run.
   *
   * @param file the script's path from the repository root, e.g. {@code tools/scripts/rules/R-TW-1.pkt}
   * @param outcome its outcome
   */
  public record ScriptRun(String file, Outcome outcome) {}

  /**
   * One row of the summary table.
   *
   * @param name the stage
   * @param result {@code ok}, {@code FAIL} or {@code skipped}
   * @param time how long it took, formatted
   * @param detail its summary line
   */
  public record StageRow(String name, String result, String time, String detail) {}

  public RunRecord {
    stages = List.copyOf(stages);
    models = List.copyOf(models);
    mutations = List.copyOf(mutations);
    scripts = List.copyOf(scripts);
    proofs = List.copyOf(proofs);
    figures = List.copyOf(figures);
  }

  /** The record of no run. */
  public static RunRecord none() {
    return new RunRecord(null, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** The verdict of model {@code name} in this run. */
  Optional<ModelVerdict> model(String name) {
    return models.stream().filter(v -> v.model().name().equals(name)).findFirst();
  }

  /** The outcome of the script at {@code file} (from the repository root) in this run. */
  Optional<ScriptRun> script(String file) {
    return scripts.stream().filter(r -> r.file().equals(file)).findFirst();
  }

  /** The figures of stage {@code name} in this run. */
  Optional<Figures> figures(String name) {
    return figures.stream().filter(f -> f.stage().equals(name)).findFirst();
  }

  /** The result of proof obligation {@code name} in this run. */
  Optional<Prove.Row> proof(String name) {
    return proofs.stream().filter(r -> r.obligation().name().equals(name)).findFirst();
  }

  /** The result of mutation {@code name} in this run. */
  Optional<MutationResult> mutation(String name) {
    return mutations.stream().filter(r -> r.mutation().name().equals(name)).findFirst();
  }
}
