package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tcpv.sim.Simulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Simulated runs of every workload and fault mix, spec-shaped, each validated against the spec (the {@code
 * traces} stage runs more of them, and production runs; {@code dev.tcpv.cli.BridgesTest} is the bridges' oracle
 * for the {@code pit} profile).
 */
class SimulatedTracesTest {

  /** Seeds simulated: every workload and fault mix several times over. */
  static final int SEEDS = 150;

  @Test
  @DisplayName("simulated runs of every workload and fault mix are behaviours of the spec")
  void simulatedRunsValidate() throws Exception {
    TraceValidator validator = TraceValidator.forRepository();
    for (long seed = 1; seed <= SEEDS; seed++) {
      Verdict v = validator.validate(Simulator.run(seed, 300));
      Failure f = v.failure();
      if (f != null) {
        fail("seed " + seed + ": " + f.render());
      }
    }
  }
}
