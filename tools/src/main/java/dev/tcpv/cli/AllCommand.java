package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.check.ModelVerdict;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.kernel.InteropScenario;
import dev.tcpv.kernel.Scenario;
import dev.tcpv.mutate.MutationResult;
import dev.tcpv.prove.Prove;
import dev.tcpv.text.Formats;
import dev.tcpv.text.TextTable;
import dev.tcpv.report.pages.RunRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tcpv all}: every stage CI needs, one after the other, then one summary row per stage.
 *
 * <p>A stage that fails does not stop the later ones: CI should see every failure of a change at once.
 * Bad input (status 2) does stop the run, since later stages would only repeat the complaint.
 */
@Command(
    name = "all",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything CI needs and print a summary table: the CI models with the coverage gate, the CI",
      "mutations of the spec, the proof obligations, simulated traces validated against the spec, the conformance",
      "runs, the scripts, the kernel's captures, the engine against the kernel over TUN, and the auditor's report",
      "made from this run.",
      "Exit status: 0 all stages passed, 1 a stage failed, 2 bad usage or input."
    })
final class AllCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Mixin LocationOptions locations = new LocationOptions();

  @Option(
      names = "--skip",
      split = ",",
      paramLabel = "STAGE",
      description = "Leave out these stages (check, mutate, prove, traces, conform, scripts, linux, interop, "
          + "report); the table says so.")
  List<String> skip = new ArrayList<>();

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Where the report stage writes the auditor's site (default: tools/target/report).")
  @Nullable Path reportDir;

  private final List<RunRecord.StageRow> rows = new ArrayList<>();
  private final List<RunRecord.Figures> figures = new ArrayList<>();
  private final List<Stage> ran = new ArrayList<>();

  AllCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  private List<Stage> stages() throws InputException {
    Path report = reportDir != null ? reportDir : ProjectLayout.root().resolve("tools/target/report");
    return List.of(new CheckStage(locations.layout()), new MutateStage(locations), new ProveStage(),
        new TracesStage(), new ConformStage(locations), ScriptStage.forRepository(),
        new LinuxStage(locations.layout().specDir(), null, Scenario.defaults()),
        new InteropStage(locations.layout().specDir(), null, List.of(InteropScenario.values())),
        new ReportStage(locations, report, this::record));
  }

  /** What the stages run so far found, for the report. */
  private RunRecord record() {
    List<ModelVerdict> models = new ArrayList<>();
    List<MutationResult> mutations = new ArrayList<>();
    List<RunRecord.ScriptRun> scripts = new ArrayList<>();
    List<Prove.Row> proofs = new ArrayList<>();
    for (Stage s : ran) {
      if (s instanceof CheckStage check) {
        models.addAll(check.verdicts());
      } else if (s instanceof MutateStage mutate) {
        mutations.addAll(mutate.results());
      } else if (s instanceof ScriptStage script) {
        scripts.addAll(script.results());
      } else if (s instanceof ProveStage prove) {
        proofs.addAll(prove.rows());
      }
    }
    return new RunRecord(Instant.now(), rows, models, mutations, scripts, proofs, figures);
  }

  @Override
  public Integer call() throws Exception {
    TextTable table = new TextTable("STAGE", "RESULT", "TIME", "DETAIL").alignRight(2);
    int exit = ExitCodes.OK;
    List<Stage> stages = stages();
    Set<String> names = stages.stream().map(Stage::name).collect(Collectors.toSet());
    for (String name : skip) {
      if (!names.contains(name)) {
        err.println("tcpv: --skip " + name + ": no such stage ("
            + String.join(", ", stages.stream().map(Stage::name).toList()) + ")");
        return ExitCodes.BAD_INPUT;
      }
    }
    for (Stage stage : stages) {
      if (skip.contains(stage.name())) {
        table.row(stage.name(), "skipped", "", "--skip");
        rows.add(new RunRecord.StageRow(stage.name(), "skipped", "", "--skip"));
        continue;
      }
      long start = System.nanoTime();
      StageResult result = stage.run(out, err);
      RunRecord.Figures stageFigures = result.figures();
      if (stageFigures != null) {
        figures.add(stageFigures);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String verdict = result.exitCode() == ExitCodes.OK ? "ok" : "FAIL";
      table.row(stage.name(), verdict, Formats.duration(elapsed), result.detail());
      rows.add(new RunRecord.StageRow(stage.name(), verdict, Formats.duration(elapsed), result.detail()));
      ran.add(stage);
      exit = Math.max(exit, result.exitCode());
      if (result.exitCode() == ExitCodes.BAD_INPUT) {
        break;
      }
    }
    out.println();
    out.print(table.render());
    out.println(exit == ExitCodes.OK ? "All stages passed." : "Some stages failed.");
    out.flush();
    return exit;
  }
}
