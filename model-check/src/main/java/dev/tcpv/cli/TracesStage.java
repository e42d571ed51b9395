package dev.tcpv.cli;

import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.io.PrintWriter;

/** The {@code traces} row of {@code tcpv all}: simulate runs across seeds and fault mixes and validate each. */
final class TracesStage implements Stage {
  /** Simulated traces CI validates. */
  static final int COUNT = 1000;
  /** Steps per run. */
  static final int STEPS = 300;

  @Override
  public String name() {
    return "traces";
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    TraceValidator validator = TraceValidator.forRepository();
    int failed = 0;
    long events = 0;
    long nanos = 0;
    for (int seed = 1; seed <= COUNT; seed++) {
      Trace t = Simulator.run(seed, STEPS);
      Verdict v = validator.validate(t);
      events += v.events();
      nanos += v.nanos();
      Failure f = v.failure();
      if (f != null) {
        failed++;
        if (failed <= 3) {
          out.println(f.render());
        }
      }
      if (seed % 100 == 0) {
        err.println("traces: " + seed + "/" + COUNT + " simulated and validated, " + failed + " failed");
        err.flush();
      }
    }
    String detail = String.format("%d simulated traces (seeds 1..%d, every workload x fault mix), %d failed, "
        + "%d events, %.0f events/s", COUNT, COUNT, failed, events, nanos == 0 ? 0.0 : events / (nanos / 1e9));
    return new StageResult(failed == 0 ? ExitCodes.OK : ExitCodes.FAILED, detail);
  }
}
