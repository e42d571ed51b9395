package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 9293 Figures 6 to 13 on two engines, with the figures' sequence numbers (ISNs fixed) and states. Each
 * figure's segments are listed as the wire saw them, in the order they were sent.
 */
class FiguresTest {

  private static final long SECOND = TcpConfig.SECOND;

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  /** B ESTABLISHED with SND.NXT = 300 and RCV.NXT = 100, built without A seeing anything (A has rebooted). */
  private static void establishB(Harness h) {
    h.b.passiveOpen(0);
    h.b.handleSegment(Rfc.parse("<SEQ=99><CTL=SYN>", Harness.PORT_A, Harness.PORT_B), 0);
    h.b.handleSegment(Rfc.parse("<SEQ=100><ACK=300><CTL=ACK>", Harness.PORT_A, Harness.PORT_B), 0);
    assertEquals("ESTABLISHED", h.b.state().rfcName());
  }

  /** Both ESTABLISHED, A with SND.NXT = 100 / RCV.NXT = 300 and B the reverse (Figures 12 and 13). */
  private static Harness establishedPair() {
    Harness h = new Harness(99, 299);
    h.take(false, h.b.passiveOpen(0));
    h.take(true, h.a.activeOpen(0));
    h.runUntilIdle();
    assertEquals("ESTABLISHED", h.a.state().rfcName());
    assertEquals("ESTABLISHED", h.b.state().rfcName());
    h.wire.clear();
    h.eventsA.clear();
    h.eventsB.clear();
    return h;
  }

  @Test
  @DisplayName("Fig. 6, S-1, R-OPEN-1, R-OPEN-3, R-OPEN-6, R-OPEN-8: the three-way handshake, then data")
  void figure6() {
    Harness h = new Harness(100, 300);
    h.take(false, h.b.passiveOpen(0));
    h.take(true, h.a.activeOpen(0));
    assertEquals("SYN-SENT", h.a.state().rfcName());
    h.step();
    assertEquals("SYN-RECEIVED", h.b.state().rfcName());
    h.runUntilIdle();
    h.take(true, h.a.send(new byte[10], h.now));
    h.runUntilIdle();
    assertEquals(
        List.of(
            "A: <SEQ=100><CTL=SYN>",
            "B: <SEQ=300><ACK=101><CTL=SYN,ACK>",
            "A: <SEQ=101><ACK=301><CTL=ACK>",
            "A: <SEQ=101><ACK=301><CTL=ACK><DATA=10>",
            "B: <SEQ=301><ACK=111><CTL=ACK>"),
        h.wire);
    assertEquals("ESTABLISHED", h.a.state().rfcName());
    assertEquals("ESTABLISHED", h.b.state().rfcName());
    assertEquals(List.of(new UserEvent.Established()), h.eventsA);
    assertEquals(new UserEvent.Established(), h.eventsB.get(0));
    assertEquals(new UserEvent.DataDelivered(new byte[10]), h.eventsB.get(1));
  }

  @Test
  @DisplayName("Fig. 7, R-OPEN-6, MUST-10: simultaneous open; each SYN,ACK completes the handshake, no ACK")
  void figure7() {
    Harness h = new Harness(100, 300);
    h.take(true, h.a.activeOpen(0));
    h.take(false, h.b.activeOpen(0));
    h.step();
    h.step();
    assertEquals("SYN-RECEIVED", h.a.state().rfcName());
    assertEquals("SYN-RECEIVED", h.b.state().rfcName());
    h.runUntilIdle();
    assertEquals(
        List.of(
            "A: <SEQ=100><CTL=SYN>",
            "B: <SEQ=300><CTL=SYN>",
            "B: <SEQ=300><ACK=101><CTL=SYN,ACK>",
            "A: <SEQ=100><ACK=301><CTL=SYN,ACK>"),
        h.wire);
    assertEquals("ESTABLISHED", h.a.state().rfcName());
    assertEquals("ESTABLISHED", h.b.state().rfcName());
    assertEquals(List.of(new UserEvent.Established()), h.eventsA);
    assertEquals(List.of(new UserEvent.Established()), h.eventsB);
  }

  @Test
  @DisplayName("Fig. 8, R-OPEN-9, R-OPEN-4, R-OPEN-7: an old duplicate SYN is reset and the handshake recovers")
  void figure8() {
    Harness h =
        new Harness(DEFAULTS, new FixedIsn(100), DEFAULTS, new FixedIsn(300, 400));
    h.take(false, h.b.passiveOpen(0));
    h.delayNext("<SEQ=100><CTL=SYN>", 50_000);
    h.take(true, h.a.activeOpen(0));
    h.inject(true, "<SEQ=90><CTL=SYN>", 5_000);
    h.step();
    assertEquals("SYN-RECEIVED", h.b.state().rfcName());
    h.step();
    assertEquals("SYN-SENT", h.a.state().rfcName());
    h.step();
    assertEquals("LISTEN", h.b.state().rfcName());
    h.runUntilIdle();
    assertEquals(
        List.of(
            "A: <SEQ=100><CTL=SYN>",
            "B: <SEQ=300><ACK=91><CTL=SYN,ACK>",
            "A: <SEQ=91><CTL=RST>",
            "B: <SEQ=400><ACK=101><CTL=SYN,ACK>",
            "A: <SEQ=101><ACK=401><CTL=ACK>"),
        h.wire);
    assertEquals("ESTABLISHED", h.a.state().rfcName());
    assertEquals("ESTABLISHED", h.b.state().rfcName());
    assertEquals(List.of(new UserEvent.Established()), h.eventsA);
    assertEquals(List.of(new UserEvent.Established()), h.eventsB);
  }

  @Test
  @DisplayName("Fig. 9, R-OPEN-4, R-RST-4 (RFC 5961 on): half-open discovery; the SYN draws a challenge ACK")
  void figure9() {
    Harness h = new Harness(400, 299);
    establishB(h);
    h.take(true, h.a.activeOpen(0));
    h.runUntil(SECOND + 5_000);
    assertEquals(
        List.of(
            "A: <SEQ=400><CTL=SYN>",
            "B: <SEQ=300><ACK=100><CTL=ACK>",
            "A: <SEQ=100><CTL=RST>",
            "A: <SEQ=400><CTL=SYN>"),
        h.wire);
    assertEquals("CLOSED", h.b.state().rfcName());
    assertEquals("SYN-SENT", h.a.state().rfcName());
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), h.eventsB);
  }

  @Test
  @DisplayName("Fig. 9, R-SEQ-4 (RFC 5961 off, SYN outside B's window): the RFC 793 exchange")
  void figure9WithoutRfc5961() {
    Harness h =
        new Harness(
            DEFAULTS, new FixedIsn(400), DEFAULTS.withRfc5961(false).withReceiveWindow(200), new FixedIsn(299));
    establishB(h);
    h.take(true, h.a.activeOpen(0));
    h.runUntil(SECOND + 5_000);
    assertEquals(
        List.of(
            "A: <SEQ=400><CTL=SYN>",
            "B: <SEQ=300><ACK=100><CTL=ACK>",
            "A: <SEQ=100><CTL=RST>",
            "A: <SEQ=400><CTL=SYN>"),
        h.wire);
    assertEquals("CLOSED", h.b.state().rfcName());
  }

  @Test
  @DisplayName("Fig. 9, R-RST-4 (RFC 5961 off, SYN in B's window): B resets and aborts at once")
  void figure9WithoutRfc5961InWindow() {
    Harness h =
        new Harness(DEFAULTS, new FixedIsn(400), DEFAULTS.withRfc5961(false), new FixedIsn(299));
    establishB(h);
    h.take(true, h.a.activeOpen(0));
    h.runUntilIdle();
    // B's RST comes from its TCB, <SEQ=SND.NXT><ACK=RCV.NXT> (§3.5.2 case 3); A, in SYN-SENT after its crash,
    // finds its ACK outside (ISS, SND.NXT] and drops it (§3.10.7.3), retransmits its SYN after the RTO, and
    // B, now without a connection, answers that with <SEQ=0><ACK=SEG.SEQ+SEG.LEN> (§3.5.2 case 1).
    assertEquals(List.of("A: <SEQ=400><CTL=SYN>", "B: <SEQ=300><ACK=100><CTL=RST,ACK>", "A: <SEQ=400><CTL=SYN>",
        "B: <SEQ=0><ACK=401><CTL=RST,ACK>"), h.wire);
    assertEquals("CLOSED", h.b.state().rfcName());
    assertEquals("CLOSED", h.a.state().rfcName());
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), h.eventsB);
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), h.eventsA);
  }

  @Test
  @DisplayName("Fig. 10, R-OPEN-2, R-RST-1, R-RST-2: data to a rebooted peer draws a RST; B aborts")
  void figure10() {
    Harness h = new Harness(400, 299);
    establishB(h);
    h.take(false, h.b.send(new byte[10], 0));
    h.runUntilIdle();
    assertEquals(List.of("B: <SEQ=300><ACK=100><CTL=ACK><DATA=10>", "A: <SEQ=100><CTL=RST>"), h.wire);
    assertEquals("CLOSED", h.a.state().rfcName());
    assertEquals("CLOSED", h.b.state().rfcName());
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), h.eventsB);
  }

  @Test
  @DisplayName("Fig. 11, R-OPEN-9, R-OPEN-3, R-OPEN-7: an old duplicate SYN at two passive sockets")
  void figure11() {
    Harness h = new Harness(100, 300);
    h.take(true, h.a.passiveOpen(0));
    h.take(false, h.b.passiveOpen(0));
    h.inject(true, "<SEQ=1000><CTL=SYN>", 1_000);
    h.step();
    assertEquals("SYN-RECEIVED", h.b.state().rfcName());
    h.runUntilIdle();
    assertEquals(List.of("B: <SEQ=300><ACK=1001><CTL=SYN,ACK>", "A: <SEQ=1001><CTL=RST>"), h.wire);
    assertEquals("LISTEN", h.a.state().rfcName());
    assertEquals("LISTEN", h.b.state().rfcName());
    assertTrue(h.eventsA.isEmpty());
    assertTrue(h.eventsB.isEmpty());
  }

  @Test
  @DisplayName("Fig. 12, S-6, S-7, R-CLOSE-1, R-CLOSE-2, R-TW-1, R-TW-4: the normal close sequence")
  void figure12() {
    Harness h = establishedPair();
    h.take(true, h.a.close(h.now));
    assertEquals("FIN-WAIT-1", h.a.state().rfcName());
    h.runUntilIdle();
    assertEquals("FIN-WAIT-2", h.a.state().rfcName());
    assertEquals("CLOSE-WAIT", h.b.state().rfcName());
    h.take(false, h.b.close(h.now));
    assertEquals("LAST-ACK", h.b.state().rfcName());
    long closedAt = h.now;
    h.runUntil(h.now + SECOND);
    assertEquals("TIME-WAIT", h.a.state().rfcName());
    assertEquals("CLOSED", h.b.state().rfcName());
    h.runUntilIdle();
    assertEquals("CLOSED", h.a.state().rfcName());
    assertTrue(h.now >= closedAt + 2 * DEFAULTS.mslMicros());
    assertEquals(
        List.of(
            "A: <SEQ=100><ACK=300><CTL=FIN,ACK>",
            "B: <SEQ=300><ACK=101><CTL=ACK>",
            "B: <SEQ=300><ACK=101><CTL=FIN,ACK>",
            "A: <SEQ=101><ACK=301><CTL=ACK>"),
        h.wire);
    assertEquals(List.of(new UserEvent.PeerClosed(), new UserEvent.Closed(true)), h.eventsA);
    assertEquals(List.of(new UserEvent.PeerClosed(), new UserEvent.Closed(true)), h.eventsB);
  }

  @Test
  @DisplayName("Fig. 13, R-CLOSE-3: simultaneous close; both CLOSING, each sends one ACK, both TIME-WAIT")
  void figure13() {
    Harness h = establishedPair();
    h.take(true, h.a.close(h.now));
    h.take(false, h.b.close(h.now));
    h.step();
    h.step();
    assertEquals("CLOSING", h.a.state().rfcName());
    assertEquals("CLOSING", h.b.state().rfcName());
    h.step();
    h.step();
    assertEquals("TIME-WAIT", h.a.state().rfcName());
    assertEquals("TIME-WAIT", h.b.state().rfcName());
    assertEquals(
        List.of(
            "A: <SEQ=100><ACK=300><CTL=FIN,ACK>",
            "B: <SEQ=300><ACK=100><CTL=FIN,ACK>",
            "B: <SEQ=301><ACK=101><CTL=ACK>",
            "A: <SEQ=101><ACK=301><CTL=ACK>"),
        h.wire);
    h.runUntilIdle();
    assertEquals("CLOSED", h.a.state().rfcName());
    assertEquals("CLOSED", h.b.state().rfcName());
  }

  @Test
  @DisplayName(
      "S-3, R-OPEN-10, R-SEQ-4: a lost SYN,ACK is repaired by retransmission; the duplicate SYN draws an ACK")
  void lostHandshakeSegments() {
    Harness h = new Harness(100, 300);
    h.dropNext("<CTL=SYN,ACK>");
    h.take(false, h.b.passiveOpen(0));
    h.take(true, h.a.activeOpen(0));
    h.runUntilIdle();
    assertEquals("ESTABLISHED", h.a.state().rfcName());
    assertEquals("ESTABLISHED", h.b.state().rfcName());
    assertEquals(
        List.of(
            "A: <SEQ=100><CTL=SYN>",
            "B: <SEQ=300><ACK=101><CTL=SYN,ACK>",
            "A: <SEQ=100><CTL=SYN>",
            "B: <SEQ=301><ACK=101><CTL=ACK>",
            "B: <SEQ=300><ACK=101><CTL=SYN,ACK>",
            "A: <SEQ=101><ACK=301><CTL=ACK>"),
        h.wire.subList(0, 6));
  }

  @Test
  @DisplayName("S-4: a lost, duplicated and reordered data stream arrives whole and in order")
  void dataSurvivesLossDuplicationAndReordering() {
    Harness h = new Harness(100, 300);
    h.take(false, h.b.passiveOpen(0));
    h.take(true, h.a.activeOpen(0));
    h.runUntilIdle();
    h.dropNext("<SEQ=637>");
    h.duplicateNext("<SEQ=1173>");
    h.delayNext("<SEQ=101>", 30_000);
    byte[] data = new byte[2000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    h.take(true, h.a.send(data, h.now));
    h.runUntilIdle();
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    for (UserEvent e : h.eventsB) {
      if (e instanceof UserEvent.DataDelivered d) {
        got.writeBytes(d.data());
      }
    }
    assertEquals(java.util.Arrays.toString(data), java.util.Arrays.toString(got.toByteArray()));
    assertEquals("ESTABLISHED", h.a.state().rfcName());
  }
}
