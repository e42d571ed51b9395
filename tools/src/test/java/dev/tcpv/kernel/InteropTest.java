package dev.tcpv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.tun.EventLoop;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The interop stage's parts that run without a kernel: its checks, its faults, its names. */
class InteropTest {

  @Test
  void octetsThatDifferFailTheScenario() {
    byte[] sent = InteropRig.sha256().digest(InteropRig.data(1, 1000));
    InteropScenario.sameOctets("the engine", 1000, sent.clone(), "Linux", 1000, sent);
    IllegalStateException shorter = assertThrows(IllegalStateException.class,
        () -> InteropScenario.sameOctets("the engine", 999, sent.clone(), "Linux", 1000, sent));
    assertTrue(String.valueOf(shorter.getMessage()).startsWith("the engine received 999 octets"));
    byte[] other = InteropRig.sha256().digest(InteropRig.data(2, 1000));
    assertThrows(IllegalStateException.class,
        () -> InteropScenario.sameOctets("Linux", 1000, other, "the engine", 1000, sent));
  }

  @Test
  void bothEndsDrawTheSameOctetsFromASeed() {
    assertEquals(List.of(InteropRig.hex(InteropRig.sha256().digest(InteropRig.data(7, 4096)))),
        List.of(InteropRig.hex(InteropRig.sha256().digest(InteropRig.data(7, 4096)))));
    assertFalse(java.util.Arrays.equals(InteropRig.data(7, 64), InteropRig.data(8, 64)));
  }

  @Test
  void theBenchmarkReadsItsRunsAndRefusesWhatItDoesNotKnow() throws Exception {
    List<InteropBench.Transfer> t = InteropBench.parse(List.of("engine->linux 67108864 400000",
        "loopback 67108864 40000", "engine->linux 67108864 300000", "engine->linux 67108864 900000"));
    assertEquals(List.of("engine->linux", "loopback"), t.stream().map(InteropBench.Transfer::name).toList());
    assertEquals(400_000, t.get(0).medianMicros());
    assertEquals(160.0, t.get(0).mibPerSecond(), 1e-9);
    assertEquals(40_000, t.get(1).medianMicros());
    assertThrows(java.io.IOException.class, () -> InteropBench.parse(List.of("engine->linux 67108864")));
    assertThrows(java.io.IOException.class, () -> InteropBench.parse(List.of("loopback 64MiB 40000")));
  }

  @Test
  void aCaptureVerdictPassesOnlyAsExpected() {
    assertTrue(Interop.expected(InteropScenario.Capture.VALID, "valid"));
    assertFalse(Interop.expected(InteropScenario.Capture.VALID, "rejected"));
    assertFalse(Interop.expected(InteropScenario.Capture.VALID, "none"), "no capture is no evidence");
    assertFalse(Interop.expected(InteropScenario.Capture.VALID, "empty"));
    assertTrue(Interop.expected(InteropScenario.Capture.VALID_OR_F7, "valid"));
    assertTrue(Interop.expected(InteropScenario.Capture.VALID_OR_F7, "rejected"));
    assertFalse(Interop.expected(InteropScenario.Capture.VALID_OR_F7, "none"));
  }

  @Test
  void ssAddressesOfJavaSocketsReadAsPlainIpv4() {
    assertEquals("192.0.2.1:5000", InteropScenario.unmapped("[::ffff:192.0.2.1]:5000"));
    assertEquals("192.0.2.1:5000", InteropScenario.unmapped("192.0.2.1:5000"));
    assertEquals("[2001:db8::1]:40000", InteropScenario.unmapped("[2001:db8::1]:40000"));
  }

  @Test
  void labelsAreUniqueAndReadBack() {
    Set<String> seen = new HashSet<>();
    for (InteropScenario s : InteropScenario.values()) {
      assertTrue(seen.add(s.label()), s.label());
      assertEquals(s, InteropScenario.of(s.label()));
      assertFalse(s.description().isBlank());
    }
    assertNull(InteropScenario.of("no-such-scenario"));
  }

  @Test
  void theLossyTapDropsHoldsAndReordersTheKernelsPacketsAsSeeded() {
    byte[][] packets = new byte[200][];
    for (int i = 0; i < packets.length; i++) {
      packets[i] = new byte[] {(byte) i};
    }
    LossyTap none = new LossyTap(new SplittableRandom(1), 0, 0);
    for (byte[] p : packets) {
      assertEquals(List.of(p), none.cross(EventLoop.Direction.IN, 0, p));
    }
    LossyTap all = new LossyTap(new SplittableRandom(1), 1.0, 0);
    for (byte[] p : packets) {
      assertEquals(List.of(), all.cross(EventLoop.Direction.IN, 0, p));
      // The engine's packets pass: a fault on them would act before tcpdump sees them.
      assertEquals(List.of(p), all.cross(EventLoop.Direction.OUT, 0, p));
    }
    // Every packet held: each comes out right after the next one, the two swapped.
    LossyTap swap = new LossyTap(new SplittableRandom(1), 0, 1.0);
    List<Integer> order = new ArrayList<>();
    for (byte[] p : packets) {
      for (byte[] q : swap.cross(EventLoop.Direction.IN, 0, p)) {
        order.add((int) q[0]);
      }
    }
    assertEquals(List.of(1, 0, 3, 2, 5, 4), order.subList(0, 6));
    assertEquals(packets.length, order.size());
    // Seeded: the same faults for the same seed.
    assertEquals(run(new LossyTap(new SplittableRandom(9), 0.1, 0.1), packets),
        run(new LossyTap(new SplittableRandom(9), 0.1, 0.1), packets));
  }

  @Test
  @ResourceLock(InteropFaultsTest.INTEROP)
  void aNamespaceLeftBehindIsFound() throws Exception {
    String why = KernelCapture.unavailable();
    org.junit.jupiter.api.Assumptions.assumeTrue(why == null, () -> "namespaces unavailable: " + why);
    String prefix = "tcpv-test-" + ProcessHandle.current().pid() + "-";
    assertEquals(List.of(), Interop.leftovers(prefix));
    try (Namespace ns = Namespace.create(prefix + "left")) {
      assertEquals(List.of("namespace " + ns.name()), Interop.leftovers(prefix));
    }
    assertEquals(List.of(), Interop.leftovers(prefix));
  }

  private static List<Integer> run(LossyTap tap, byte[][] packets) {
    List<Integer> out = new ArrayList<>();
    for (byte[] p : packets) {
      for (byte[] q : tap.cross(EventLoop.Direction.IN, 0, p)) {
        out.add((int) q[0]);
      }
    }
    return out;
  }
}
