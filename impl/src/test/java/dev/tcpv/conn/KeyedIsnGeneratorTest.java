package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-ISN-1: the keyed ISN generator of RFC 6528, with the tests spec/rules.md gives. */
class KeyedIsnGeneratorTest {
  private static final byte[] KEY = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] OTHER_KEY = "fedcba9876543210".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] A = {(byte) 192, 0, 2, 1};
  private static final byte[] B = {(byte) 192, 0, 2, 2};

  @Test
  @DisplayName("R-ISN-1: one 4-tuple at t and t + Δ draws ISNs Δ / 4 µs apart, modulo 2^32")
  void followsTheClock() {
    KeyedIsnGenerator g = new KeyedIsnGenerator(KEY, A, 40000, B, 80);
    long t = 1_000_003;
    long delta = 4L * 3_000_000_000L; // 12,000 s: the difference wraps 2^32
    assertEquals((g.iss(t).value() + 3_000_000_000L) & 0xFFFF_FFFFL,
        Integer.toUnsignedLong(g.iss(t + delta).value()));
    assertEquals(g.iss(8), g.iss(11)); // one tick of M is 4 µs
    assertNotEquals(g.iss(8), g.iss(12));
  }

  @Test
  @DisplayName("R-ISN-1: other 4-tuples and other keys give other offsets; the same inputs the same one")
  void keyedPerTuple() {
    long f = new KeyedIsnGenerator(KEY, A, 40000, B, 80).offset();
    assertEquals(f, new KeyedIsnGenerator(KEY, A, 40000, B, 80).offset());
    assertNotEquals(f, new KeyedIsnGenerator(KEY, A, 40001, B, 80).offset());
    assertNotEquals(f, new KeyedIsnGenerator(KEY, B, 40000, A, 80).offset());
    assertNotEquals(f, new KeyedIsnGenerator(OTHER_KEY, A, 40000, B, 80).offset());
  }

  @Test
  @DisplayName("a short key, a malformed address or a port out of range is refused")
  void badInputRefused() {
    assertThrows(IllegalArgumentException.class, () -> new KeyedIsnGenerator(new byte[8], A, 1, B, 2));
    assertThrows(IllegalArgumentException.class, () -> new KeyedIsnGenerator(KEY, new byte[5], 1, B, 2));
    assertThrows(IllegalArgumentException.class, () -> new KeyedIsnGenerator(KEY, A, 70000, B, 2));
  }
}
