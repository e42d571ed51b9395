package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tcpv.sim.Simulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Trace validation alone, as an oracle for the connection engine: simulated runs of every workload and fault
 * mix, each validated against the spec. The {@code pit} profile measures the engine's mutation score against
 * this class only.
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
