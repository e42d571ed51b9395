package dev.tcpv.cli;

import dev.tcpv.conform.Conformance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code conform} row of {@code tcpv all}: every conformance model. A models directory that holds none of
 * them (a workspace with models of another spec, {@code --models-dir}) skips the stage and says so; one that
 * holds some but not all is bad input.
 */
final class ConformStage implements Stage {
  private final LocationOptions locations;

  ConformStage(LocationOptions locations) {
    this.locations = locations;
  }

  @Override
  public String name() {
    return "conform";
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    Path models = locations.layout().modelsDir();
    if (Conformance.MODELS.stream().noneMatch(m -> Files.isRegularFile(models.resolve("MC" + m + ".cfg")))) {
      String detail = "skipped: no conformance models in " + models;
      out.println("conform: " + detail);
      return new StageResult(ExitCodes.OK, detail);
    }
    return ConformCommand.run(locations, Conformance.MODELS, false, out, err);
  }
}
