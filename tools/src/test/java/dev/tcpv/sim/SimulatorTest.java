package dev.tcpv.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceReader;
import dev.tcpv.tracefile.TraceWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  private static String bytes(Trace t) throws Exception {
    StringWriter w = new StringWriter();
    new TraceWriter(w).trace(t);
    return w.toString();
  }

  @Test
  @DisplayName("the same seed gives the same bytes; another seed other bytes")
  void sameSeedSameBytes() throws Exception {
    for (long seed = 1; seed <= 20; seed++) {
      assertEquals(bytes(Simulator.run(seed, 300)), bytes(Simulator.run(seed, 300)), "seed " + seed);
    }
    assertNotEquals(bytes(Simulator.run(1, 300)), bytes(Simulator.run(2, 300)));
  }

  @Test
  @DisplayName("a production seed's header, known before the run, is the header its run carries (every workload "
      + "and fault mix)")
  void productionHeaderBeforeTheRun() {
    int combinations = Workload.PRODUCTION.size() * FaultMix.ALL.size();
    Set<Object> configurations = new HashSet<>();
    for (long seed = 1; seed <= combinations; seed++) {
      TraceHeader before = Simulator.productionHeader(seed);
      assertEquals(Simulator.production(seed, 50, ConnectionFactory.ENGINE).trace().header(), before, "seed " + seed);
      configurations.add(before.configuration());
    }
    // What a configuration leaves out names the run, nothing the model depends on: several seeds share one.
    assertTrue(configurations.size() > 1 && configurations.size() < combinations, configurations::toString);
  }

  @Test
  @DisplayName("a written trace reads back equal")
  void roundTrip() throws Exception {
    Trace t = Simulator.run(2, 300);
    String text = bytes(t);
    Trace back = TraceReader.read(t.source(), new StringReader(text));
    assertEquals(t.lines(), back.lines());
    assertEquals(text, bytes(back));
    assertTrue(t.lines().size() > 5);
  }
}
