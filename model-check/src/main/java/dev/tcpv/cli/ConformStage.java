package dev.tcpv.cli;

import dev.tcpv.conform.Conformance;
import java.io.PrintWriter;

/** The {@code conform} row of {@code tcpv all}: every conformance model. */
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
    return ConformCommand.run(locations, Conformance.MODELS, out, err);
  }
}
