package dev.tcpv.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyedIsnGeneratorTest {

  private static final FourTuple T = new FourTuple(0x0A000001, 1000, 0x0A000002, 2000);

  private static KeyedIsnGenerator.Secret secret(long seed) {
    return KeyedIsnGenerator.Secret.draw(Seeded.random(seed));
  }

  @Test
  @DisplayName("R-ISN-1, MUST-8: same 4-tuple at t and t+Δ: the ISNs differ by Δ/4 µs mod 2^32")
  void clockDriven() {
    KeyedIsnGenerator.Secret k = secret(1);
    long t = 123_456_789L;
    for (long delta : new long[] {0, 4, 1_000_000, 3_600_000_000L, 4L * (1L << 32) + 400}) {
      long a = KeyedIsnGenerator.isn(k, T, t);
      long b = KeyedIsnGenerator.isn(k, T, t + delta);
      assertEquals((delta / 4) & 0xFFFF_FFFFL, (b - a) & 0xFFFF_FFFFL, "Δ=" + delta);
    }
    assertEquals(KeyedIsnGenerator.isn(k, T, t), new KeyedIsnGenerator(k, T).iss(t).unsigned());
  }

  @Test
  @DisplayName("R-ISN-1, MUST-9: different 4-tuples give unrelated ISNs at the same time")
  void tuplesUnrelated() {
    KeyedIsnGenerator.Secret k = secret(2);
    Set<Long> isns = new HashSet<>();
    Set<Long> steps = new HashSet<>();
    long previous = KeyedIsnGenerator.isn(k, T, 0);
    for (int port = 2001; port < 3001; port++) {
      long isn = KeyedIsnGenerator.isn(k, new FourTuple(T.local(), T.localPort(), T.remote(), port), 0);
      isns.add(isn);
      steps.add((isn - previous) & 0xFFFF_FFFFL);
      previous = isn;
    }
    assertEquals(1000, isns.size(), "no two neighbouring ports share an ISN");
    assertTrue(steps.size() > 990, "no constant step from one port to the next");
    assertNotEquals(
        KeyedIsnGenerator.isn(k, T, 0),
        KeyedIsnGenerator.isn(k, new FourTuple(T.remote(), T.remotePort(), T.local(), T.localPort()), 0),
        "swapping the ends changes F");
  }

  @Test
  @DisplayName("R-ISN-1: an IPv6 4-tuple hashes its 16-octet addresses; one that differs in its high bits differs")
  void ipv6Tuples() {
    KeyedIsnGenerator.Secret k = secret(5);
    IpAddress peer = new IpAddress(0x2001_0DB8_0000_0000L, 2);
    FourTuple a = new FourTuple(new IpAddress(0x2001_0DB8_0000_0000L, 1), 1000, peer, 2000);
    FourTuple b = new FourTuple(new IpAddress(0x2001_0DB8_0000_0001L, 1), 1000, peer, 2000);
    assertNotEquals(KeyedIsnGenerator.isn(k, a, 0), KeyedIsnGenerator.isn(k, b, 0));
    assertNotEquals(KeyedIsnGenerator.isn(k, a, 0), KeyedIsnGenerator.isn(k, new FourTuple(1, 1000, 2, 2000), 0));
    assertEquals(1_000_000 / 4, (KeyedIsnGenerator.isn(k, a, 1_000_000) - KeyedIsnGenerator.isn(k, a, 0))
        & 0xFFFF_FFFFL);
  }

  @Test
  @DisplayName("R-ISN-1: the key is random per endpoint start: different keys give different ISNs")
  void keysDiffer() {
    KeyedIsnGenerator.Secret k1 = secret(3);
    KeyedIsnGenerator.Secret k2 = secret(4);
    assertNotEquals(k1, k2);
    int same = 0;
    for (int i = 0; i < 100; i++) {
      FourTuple t = new FourTuple(T.local(), T.localPort(), T.remote(), 5000 + i);
      if (KeyedIsnGenerator.isn(k1, t, 0) == KeyedIsnGenerator.isn(k2, t, 0)) {
        same++;
      }
    }
    assertEquals(0, same);
    assertEquals(secret(3), k1, "a seeded source gives the same key again");
  }

  @Test
  @DisplayName("S-5: ISNs are not zero and differ between incarnations of the same 4-tuple")
  void incarnationsDiffer() {
    KeyedIsnGenerator.Secret k = secret(5);
    Set<Long> isns = new HashSet<>();
    for (int incarnation = 0; incarnation < 50; incarnation++) {
      long isn = KeyedIsnGenerator.isn(k, T, incarnation * 240_000_000L);
      assertNotEquals(0, isn);
      isns.add(isn);
    }
    assertEquals(50, isns.size());
  }

  @Test
  @DisplayName("R-ISN-1: F is SipHash-2-4 (reference vectors of the SipHash paper, key 00..0f)")
  void sipHashVectors() {
    long k0 = 0x0706050403020100L;
    long k1 = 0x0F0E0D0C0B0A0908L;
    assertEquals(0x726fdb47dd0e0e31L, KeyedIsnGenerator.sipHash24(k0, k1, new byte[0]));
    byte[] fifteen = new byte[15];
    for (int i = 0; i < fifteen.length; i++) {
      fifteen[i] = (byte) i;
    }
    assertEquals(0xa129ca6149be45e5L, KeyedIsnGenerator.sipHash24(k0, k1, fifteen));
  }
}
