package dev.tcpv.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.seq.SeqNum;
import dev.tcpv.tun.EventLoop.Direction;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Flags;
import dev.tcpv.wire.IpPacket;
import dev.tcpv.wire.PseudoHeader;
import dev.tcpv.wire.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The taps of the lifecycle-edge scenarios, on packets made here: each counts or holds what its scenario's check
 * rests on, and says so when the packets are not what the edge needs.
 */
class InteropEdgesTest {
  private static final byte[] ENGINE = {(byte) 192, 0, 2, 2};
  private static final byte[] LINUX = {(byte) 192, 0, 2, 1};

  /** A packet from the engine (OUT) or from Linux (IN). */
  private static byte[] packet(Direction d, long seq, long ack, int window, int len, Flag... flags) {
    boolean out = d == Direction.OUT;
    Segment s = new Segment(out ? 40000 : 5000, out ? 5000 : 40000, SeqNum.of(seq), SeqNum.of(ack), Flags.of(flags),
        window, 0, 0, List.of(), new byte[len]);
    return new IpPacket(out ? PseudoHeader.of(ENGINE, LINUX) : PseudoHeader.of(LINUX, ENGINE), 64, s).encode();
  }

  @Test
  void theEnginesPacketsFromItsFinOnWaitInOrderForLinuxsFin() {
    InteropEdges.FinsCross tap = new InteropEdges.FinsCross();
    byte[] data = packet(Direction.OUT, 100, 500, 65535, 10, Flag.ACK);
    assertEquals(1, tap.cross(Direction.OUT, 0, data).size());
    byte[] fin = packet(Direction.OUT, 110, 500, 65535, 0, Flag.ACK, Flag.FIN);
    byte[] ack = packet(Direction.OUT, 111, 600, 65535, 0, Flag.ACK);
    assertEquals(List.of(), tap.cross(Direction.OUT, 1, fin));
    assertEquals(List.of(), tap.cross(Direction.OUT, 2, ack), "an ACK after the FIN waits behind it");
    assertFalse(tap.crossed);
    byte[] linuxFin = packet(Direction.IN, 600, 110, 65535, 0, Flag.ACK, Flag.FIN);
    assertEquals(1, tap.cross(Direction.IN, 3, linuxFin).size());
    byte[] ackOfFin = packet(Direction.OUT, 111, 601, 65535, 0, Flag.ACK);
    List<byte[]> released = tap.cross(Direction.OUT, 4, ackOfFin);
    assertEquals(3, released.size());
    assertArrayEquals(fin, released.get(0));
    assertArrayEquals(ack, released.get(1));
    assertArrayEquals(ackOfFin, released.get(2));
    assertTrue(tap.crossed);
    assertEquals(1, tap.cross(Direction.OUT, 5, ackOfFin).size(), "after the crossing everything passes");
  }

  @Test
  void aReopenWithMoreSynsOrAResetIsRefused() {
    InteropEdges.Counts tap = new InteropEdges.Counts();
    tap.cross(Direction.OUT, 0, packet(Direction.OUT, 100, 0, 65535, 0, Flag.SYN));
    tap.cross(Direction.IN, 1, packet(Direction.IN, 500, 101, 65535, 0, Flag.SYN, Flag.ACK));
    tap.cross(Direction.OUT, 2, packet(Direction.OUT, 9000, 0, 65535, 0, Flag.SYN));
    tap.expect("the engine", tap.synsOut, 2);
    assertEquals(0, tap.synsIn, "a SYN,ACK is not an opening SYN");
    // A constant ISN: Linux's TIME-WAIT answers the second SYN with its old ACK, the engine resets and retries.
    tap.cross(Direction.IN, 3, packet(Direction.IN, 600, 202, 65535, 0, Flag.ACK));
    tap.cross(Direction.OUT, 4, packet(Direction.OUT, 202, 0, 0, 0, Flag.RST));
    tap.cross(Direction.OUT, 5, packet(Direction.OUT, 9000, 0, 65535, 0, Flag.SYN));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tap.expect("the engine",
        tap.synsOut, 2));
    assertEquals("the engine sent 3 SYNs (2 expected: each accepted at once), the engine 1 resets and Linux 0 "
        + "(none expected)", e.getMessage());
  }

  @Test
  void probesAreCountedAsAnsweredUntilThePeerFallsSilent() {
    InteropEdges.Silence tap = new InteropEdges.Silence();
    tap.cross(Direction.OUT, 0, packet(Direction.OUT, 100, 0, 65535, 0, Flag.SYN));
    tap.cross(Direction.OUT, 1, packet(Direction.OUT, 101, 501, 65535, 0, Flag.ACK));
    // SEQ = SND.NXT - 1: a probe; the ACK Linux answers with is heard.
    tap.cross(Direction.OUT, 2, packet(Direction.OUT, 100, 501, 65535, 0, Flag.ACK));
    assertEquals(1, tap.cross(Direction.IN, 3, packet(Direction.IN, 501, 101, 65535, 0, Flag.ACK)).size());
    assertEquals(1, tap.answeredProbes);
    // A probe at SND.NXT is a bare ACK, not a probe (the fault KEEPALIVE_PROBE_AT_SND_NXT).
    tap.cross(Direction.OUT, 4, packet(Direction.OUT, 101, 501, 65535, 0, Flag.ACK));
    assertEquals(0, tap.unansweredProbes);
    tap.silentFrom = 10;
    for (int i = 0; i < 3; i++) {
      tap.cross(Direction.OUT, 10 + i, packet(Direction.OUT, 100, 501, 65535, 0, Flag.ACK));
      assertEquals(List.of(), tap.cross(Direction.IN, 10 + i, packet(Direction.IN, 501, 101, 65535, 0, Flag.ACK)));
    }
    assertEquals(3, tap.unansweredProbes);
    assertEquals(1, tap.answeredProbes);
    assertEquals(3, tap.dropped);
  }

  @Test
  void probesCountOnlyWhileLinuxsWindowIsClosed() {
    InteropEdges.ZeroWindow tap = new InteropEdges.ZeroWindow();
    tap.cross(Direction.OUT, 0, packet(Direction.OUT, 100, 500, 65535, 1000, Flag.ACK));
    assertEquals(0, tap.probes, "text sent into an open window is no probe");
    tap.cross(Direction.IN, 1, packet(Direction.IN, 500, 1100, 0, 0, Flag.ACK));
    tap.cross(Direction.OUT, 2, packet(Direction.OUT, 1100, 500, 65535, 1, Flag.ACK));
    tap.cross(Direction.IN, 3, packet(Direction.IN, 500, 1101, 0, 0, Flag.ACK));
    tap.cross(Direction.IN, 4, packet(Direction.IN, 500, 1101, 32768, 0, Flag.ACK));
    tap.cross(Direction.OUT, 5, packet(Direction.OUT, 1101, 500, 65535, 1000, Flag.ACK));
    assertEquals(2, tap.zeroWindows);
    assertEquals(1, tap.probes);
    assertEquals(1, tap.probeOctets);
  }

  @Test
  void onlyTheEnginesFirstFinIsLost() {
    InteropEdges.FirstFinLost tap = new InteropEdges.FirstFinLost();
    assertEquals(1, tap.cross(Direction.IN, 0, packet(Direction.IN, 500, 100, 65535, 0, Flag.ACK, Flag.FIN)).size(),
        "Linux's FIN passes");
    assertEquals(1, tap.cross(Direction.OUT, 1, packet(Direction.OUT, 100, 501, 65535, 100, Flag.ACK)).size());
    byte[] fin = packet(Direction.OUT, 200, 501, 65535, 0, Flag.ACK, Flag.FIN);
    assertEquals(List.of(), tap.cross(Direction.OUT, 2, fin));
    assertEquals(1, tap.cross(Direction.OUT, 3, fin).size(), "the retransmission passes");
    assertEquals(2, tap.finsAt.size());
  }

  @Test
  void anAckForEverySecondFullSegmentAndTheLongestWaitAreWatched() {
    InteropEdges.AckWatch tap = new InteropEdges.AckWatch(1460);
    tap.cross(Direction.IN, 0, packet(Direction.IN, 500, 100, 65535, 1460, Flag.ACK));
    tap.cross(Direction.IN, 1_000, packet(Direction.IN, 1960, 100, 65535, 1460, Flag.ACK));
    tap.cross(Direction.OUT, 2_000, packet(Direction.OUT, 100, 3420, 65535, 0, Flag.ACK));
    assertEquals(2, tap.mostUnacked);
    assertEquals(1, tap.deferred);
    assertEquals(2_000, tap.longestWait);
    // A receiver that lets three full segments pass without an ACK breaks SHLD-19; a short one does not count.
    for (int i = 0; i < 3; i++) {
      tap.cross(Direction.IN, 10_000 + i, packet(Direction.IN, 3420 + 1460L * i, 100, 65535, 1460, Flag.ACK));
    }
    tap.cross(Direction.IN, 10_010, packet(Direction.IN, 7800, 100, 65535, 100, Flag.ACK));
    tap.cross(Direction.OUT, 60_000, packet(Direction.OUT, 100, 7900, 65535, 0, Flag.ACK));
    assertEquals(3, tap.mostUnacked);
    assertEquals(50_000, tap.longestWait);
    assertEquals(6, tap.textSegments);
  }

  @Test
  void theEnginesFirstAckOfLinuxsFinIsDroppedAndTheFinsTimed() {
    InteropEdges.FinAckLost tap = new InteropEdges.FinAckLost(true);
    byte[] before = packet(Direction.OUT, 100, 600, 65535, 0, Flag.ACK);
    assertEquals(1, tap.cross(Direction.OUT, 0, before).size(), "an ACK before any FIN of Linux passes");
    assertEquals(1, tap.cross(Direction.IN, 10, packet(Direction.IN, 600, 101, 65535, 0, Flag.ACK, Flag.FIN)).size());
    byte[] ackOfFin = packet(Direction.OUT, 101, 601, 65535, 0, Flag.ACK);
    assertEquals(List.of(), tap.cross(Direction.OUT, 11, ackOfFin));
    assertEquals(1, tap.cross(Direction.IN, 300, packet(Direction.IN, 600, 101, 65535, 0, Flag.ACK, Flag.FIN)).size());
    assertEquals(1, tap.cross(Direction.OUT, 301, ackOfFin).size(), "only the first is dropped");
    assertEquals(List.of(10L, 300L), tap.finsAt);
    assertEquals(1, tap.dropped);
    InteropEdges.FinAckLost counting = new InteropEdges.FinAckLost(false);
    counting.cross(Direction.IN, 10, packet(Direction.IN, 600, 101, 65535, 0, Flag.ACK, Flag.FIN));
    assertEquals(1, counting.cross(Direction.OUT, 11, ackOfFin).size(), "without drops it only times");
  }

  /** A tap that saw the engine send {@code first} segments of 1,000 octets, an ACK of them, then {@code second}. */
  private static InteropCongestion.CongestionTap slowStart(int first, int second) {
    InteropCongestion.CongestionTap tap = new InteropCongestion.CongestionTap();
    tap.see(Direction.IN, 0, segment(Direction.IN, 900, 1000, 0, Flag.SYN, Flag.ACK));
    long seq = 1000;
    for (int i = 0; i < first; i++, seq += 1000) {
      tap.see(Direction.OUT, 1, segment(Direction.OUT, seq, 901, 1000, Flag.ACK));
    }
    tap.see(Direction.IN, 2, segment(Direction.IN, 901, seq, 0, Flag.ACK));
    long acked = seq;
    for (int i = 0; i < second; i++, seq += 1000) {
      tap.see(Direction.OUT, 3, segment(Direction.OUT, seq, 901, 1000, Flag.ACK));
    }
    tap.see(Direction.IN, 4, segment(Direction.IN, 901, seq, 0, Flag.ACK));
    return tap;
  }

  private static Segment segment(Direction d, long seq, long ack, int len, Flag... flags) {
    boolean out = d == Direction.OUT;
    return new Segment(out ? 40000 : 5000, out ? 5000 : 40000, SeqNum.of(seq), SeqNum.of(ack), Flags.of(flags),
        65535, 0, 0, List.of(), new byte[len]);
  }

  /** The engine's text from {@code seq} lost once, three duplicate ACKs, then resent {@code after} µs later. */
  private static void lossAt(InteropCongestion.CongestionTap tap, long seq, int duplicates, long after) {
    tap.see(Direction.OUT, 1_000, segment(Direction.OUT, seq, 901, 1000, Flag.ACK));
    tap.see(Direction.OUT, 1_001, segment(Direction.OUT, seq + 1000, 901, 1000, Flag.ACK));
    for (int i = 0; i < duplicates; i++) {
      tap.see(Direction.IN, 1_002 + i, segment(Direction.IN, 901, seq, 0, Flag.ACK));
    }
    tap.see(Direction.OUT, 1_000 + after, segment(Direction.OUT, seq, 901, 1000, Flag.ACK));
  }

  private static String message(Exception e) {
    return String.valueOf(e.getMessage());
  }

  @Test
  void slowStartAndFastRetransmitAreJudgedOnTheWire() {
    InteropCongestion.CongestionTap good = slowStart(3, 8);
    lossAt(good, 12_000, 3, 20_000);
    String summary = InteropCongestion.judge(good, 1_000_000);
    assertTrue(summary.contains("1 by fast retransmit"), summary);
    assertEquals(3_000, good.firstFlight);

    InteropCongestion.CongestionTap tooMuch = slowStart(5, 8);
    lossAt(tooMuch, 14_000, 3, 20_000);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> InteropCongestion.judge(tooMuch, 1_000_000));
    assertTrue(message(e).contains("initial window for segments of 1000 is 4000"), message(e));

    InteropCongestion.CongestionTap flat = slowStart(3, 3);
    lossAt(flat, 7_000, 3, 20_000);
    e = assertThrows(IllegalStateException.class, () -> InteropCongestion.judge(flat, 1_000_000));
    assertTrue(message(e).contains("never grew"), message(e));

    InteropCongestion.CongestionTap onTimer = slowStart(3, 8);
    lossAt(onTimer, 12_000, 3, 1_200_000);
    e = assertThrows(IllegalStateException.class, () -> InteropCongestion.judge(onTimer, 1_000_000));
    assertTrue(message(e).contains("no segment was resent after three duplicate ACKs"), message(e));

    InteropCongestion.CongestionTap twoDuplicates = slowStart(3, 8);
    lossAt(twoDuplicates, 12_000, 2, 20_000);
    assertThrows(IllegalStateException.class, () -> InteropCongestion.judge(twoDuplicates, 1_000_000));
  }
}
