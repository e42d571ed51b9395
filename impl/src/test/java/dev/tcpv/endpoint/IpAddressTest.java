package dev.tcpv.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IpAddressTest {

  @Test
  void ipv4IsHeldMappedAndReadBackAsFourOctets() {
    IpAddress a = IpAddress.v4(0xC0000201);
    assertTrue(a.isV4());
    assertEquals(0, a.hi());
    assertEquals(0x0000_FFFF_C000_0201L, a.lo());
    assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, a.bytes());
    assertEquals("192.0.2.1", a.toString());
    assertEquals(a, IpAddress.of(a.bytes()));
    assertEquals(0xC0000201, a.low32());
  }

  @Test
  void ipv6RoundTripsThroughItsSixteenOctets() {
    Random rnd = new Random(3);
    for (int i = 0; i < 1000; i++) {
      byte[] b = new byte[16];
      rnd.nextBytes(b);
      b[0] = 0x20;
      IpAddress a = IpAddress.of(b);
      assertFalse(a.isV4());
      assertArrayEquals(b, a.bytes());
    }
    IpAddress doc = new IpAddress(0x2001_0DB8_0000_0000L, 1);
    assertEquals("2001:db8:0:0:0:0:0:1", doc.toString());
    assertNotEquals(doc, IpAddress.v4(1), "same low bits, other family");
  }

  @Test
  void otherLengthsAndMixedFamiliesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> IpAddress.of(new byte[5]));
    assertThrows(IllegalArgumentException.class,
        () -> new FourTuple(IpAddress.v4(1), 1, new IpAddress(0x2001_0DB8_0000_0000L, 1), 2));
    assertTrue(new FourTuple(new IpAddress(1L << 61, 1), 1, new IpAddress(1L << 61, 2), 2).ipv6());
    assertFalse(new FourTuple(1, 1, 2, 2).ipv6());
  }
}
