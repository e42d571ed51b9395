package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.report.Formats;
import dev.tcpv.report.TextTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
      "Run everything CI needs and print a summary table: the CI models with the coverage gate, then the proof obligations.",
      "Exit status: 0 all stages passed, 1 a stage failed, 2 bad usage or input."
    })
final class AllCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Mixin LocationOptions locations = new LocationOptions();

  AllCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  private List<Stage> stages() throws InputException {
    return List.of(new CheckStage(locations.layout()), new ProveStage());
  }

  @Override
  public Integer call() throws Exception {
    TextTable table = new TextTable("STAGE", "RESULT", "TIME", "DETAIL").alignRight(2);
    int exit = ExitCodes.OK;
    for (Stage stage : stages()) {
      long start = System.nanoTime();
      StageResult result = stage.run(out, err);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      table.row(stage.name(), result.exitCode() == ExitCodes.OK ? "ok" : "FAIL", Formats.duration(elapsed),
          result.detail());
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
