package dev.tcpv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcpv.conn.TcpConfig;
import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.Timers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpecConstantsTest {
  private static final long S = TcpConfig.SECOND;

  @Test
  @DisplayName("MUST-23: the shortest tick at which (MaxRetries + 1) x Rto ticks last at least 3 minutes")
  void must23Tick() {
    assertEquals(20 * S, SpecConstants.must23Tick(3, 2));
    assertEquals(60 * S, SpecConstants.must23Tick(1, 2));
    assertEquals(45 * S, SpecConstants.must23Tick(2, 1));
    // Rounded up: 180 s / 7 ticks is not whole, and a tick of 25,714,285 us would make R2 fall short.
    long tick = SpecConstants.must23Tick(7, 0);
    assertEquals(25_714_286, tick);
    assertEquals(true, 7 * tick >= 180 * S && 7 * (tick - 1) < 180 * S);
  }

  @Test
  @DisplayName("The engine configuration follows the constants: pinned RTO, R2 as the retry count, MSL, keep-alive")
  void engineConfig() {
    SpecConstants c = new SpecConstants(2, 3, 2, 4, 5, 1, true, false, true, true, 6, 3, 2, 20 * S);
    TcpConfig t = c.engineConfig(true, true);
    assertEquals(new TcpConfig(true, Integer.MAX_VALUE, false, true, 40 * S, true, 120 * S, 60 * S, 2,
        TcpConfig.defaults().r1Retransmissions(), 180 * S, 180 * S, Long.MAX_VALUE / 4, 60 * S, 60 * S, 60 * S, 5, 1,
        true, true), t);
    assertEquals(3, c.withMaxSegLen(3).engineConfig(false, false).mss());
    assertEquals(false, c.engineConfig(false, false).deferOutput());
  }

  @Test
  @DisplayName("A trace header's timers: exact delays in ticks for the constants, bounds for any configuration")
  void timers() {
    SpecConstants c = new SpecConstants(2, 3, 2, 4, 5, 1, true, true, true, false, 6, 3, 2, 20 * S);
    Timers exact = c.timers();
    assertEquals(Bounds.exactly(60 * S), exact.rto());
    assertEquals(2, exact.maxRetries());
    assertNull(exact.r2());
    assertEquals(Bounds.exactly(80 * S), exact.timeWait());
    Timers prod = SpecConstants.timersOf(TcpConfig.defaults());
    assertEquals(new Bounds(S, 60 * S), prod.rto());
    assertEquals(true, prod.backoff());
    assertEquals(Bounds.exactly(100 * S), prod.r2());
    assertEquals(Bounds.exactly(180 * S), prod.r2Syn());
    assertEquals(Bounds.exactly(240 * S), prod.timeWait());
  }

  @Test
  @DisplayName("Constants out of range are refused")
  void outOfRange() {
    assertThrows(IllegalArgumentException.class,
        () -> new SpecConstants(0, 3, 2, 0, 5, 1, true, true, true, false, 6, 3, 2, 20 * S));
    assertThrows(IllegalArgumentException.class,
        () -> new SpecConstants(2, 3, -1, 4, 5, 1, true, true, true, false, 6, 3, 2, 20 * S));
  }
}
