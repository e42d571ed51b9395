package dev.tcpv.cli;

import dev.tcpv.sim.ConnectionFactory;
import dev.tcpv.sim.Simulator;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.io.PrintWriter;

/**
 * The {@code traces} row of {@code tcpv all}: simulate runs across seeds and fault mixes and validate each, first
 * with one octet per segment, then with segments of up to {@link #MULTI_MSS} octets and SEND calls of varying
 * size.
 */
final class TracesStage implements Stage {
  /** Simulated traces CI validates. */
  static final int COUNT = 1000;
  /** Steps per run. */
  static final int STEPS = 300;
  /** The MSS of the second batch, whose users read through RECEIVE calls (windows close and open). */
  static final int MULTI_MSS = 3;

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
    int run = 0;
    for (int mss : new int[] {1, MULTI_MSS}) {
      for (int seed = 1; seed <= COUNT; seed++) {
        run++;
        boolean reads = mss == MULTI_MSS;
        Verdict v =
            validator.validate(Simulator.simulate(seed, STEPS, ConnectionFactory.ENGINE, mss, reads).trace());
        events += v.events();
        nanos += v.nanos();
        Failure f = v.failure();
        if (f != null) {
          failed++;
          if (failed <= 3) {
            out.println(f.render());
          }
        }
        if (run % 200 == 0) {
          err.println("traces: " + run + "/" + 2 * COUNT + " simulated and validated, " + failed + " failed");
          err.flush();
        }
      }
    }
    String detail = String.format("%d simulated traces (seeds 1..%d, every workload x fault mix; MSS 1, and MSS %d "
        + "with users who read through RECEIVE calls), %d failed, %d events, %.0f events/s", 2 * COUNT, COUNT, MULTI_MSS, failed, events,
        nanos == 0 ? 0.0 : events / (nanos / 1e9));
    return new StageResult(failed == 0 ? ExitCodes.OK : ExitCodes.FAILED, detail);
  }
}
