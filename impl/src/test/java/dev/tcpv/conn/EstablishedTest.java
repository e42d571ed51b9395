package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ESTABLISHED: SND.NXT 101, RCV.NXT 301 unless a test moves them. */
class EstablishedTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();
  private static final long SECOND = TcpConfig.SECOND;

  @ParameterizedTest(name = "R-SEQ-3: RCV.WND={0}, SEG.SEQ={1}, SEG.LEN={2} → acceptable={3}")
  @CsvSource({
    // zero window: only an empty segment at RCV.NXT
    "0, 301, 0, true",
    "0, 300, 0, false",
    "0, 302, 0, false",
    "0, 301, 1, false",
    // window W = 100: edges −1, 0, W−1, W around RCV.NXT = 301
    "100, 300, 0, false",
    "100, 301, 0, true",
    "100, 400, 0, true",
    "100, 401, 0, false",
    "100, 300, 1, false",
    "100, 301, 1, true",
    "100, 400, 1, true",
    "100, 401, 1, false",
    // a segment whose last octet is in the window
    "100, 291, 11, true",
    "100, 290, 11, false",
  })
  @DisplayName("R-SEQ-3: the four acceptability cases of Table 6 at the window edges")
  void acceptability(int window, long seq, int len, boolean acceptable) {
    Endpoint e = Endpoint.established(DEFAULTS.withReceiveWindow(window));
    e.in("<SEQ=" + seq + "><ACK=101><CTL=ACK><DATA=" + len + ">");
    assertEquals(acceptable ? "receiveSegment" : "rejectUnacceptable", e.lastAction());
    if (!acceptable) {
      assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent(), "R-SEQ-4");
    }
  }

  @Test
  @DisplayName("R-SEQ-3: RCV.WND above 65535 is used whole for acceptability; the window field says 65535")
  void receiveWindowAboveTheWindowField() {
    // RCV.WND = 65700 (45 segments of 1460): SEQ = RCV.NXT + 65600 is inside it although beyond the 65535
    // that the 16-bit window field (no window scaling) can advertise; RCV.NXT + 65700 is outside.
    Endpoint e = Endpoint.established(DEFAULTS.withReceiveWindow(65_700));
    assertEquals(65_700, e.conn.rcvWnd());
    assertEquals(65_535, e.conn.advertisedWindow());
    e.in("<SEQ=" + (301 + 65_600) + "><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("receiveSegment", e.lastAction());
    e.in("<SEQ=" + (301 + 65_700) + "><ACK=101><CTL=ACK>");
    assertEquals("rejectUnacceptable", e.lastAction());
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent(), "R-SEQ-4");
    assertEquals(65_535, e.last.segments().get(0).window());
    // At or below 65535 the field carries RCV.WND itself.
    Endpoint small = Endpoint.established(DEFAULTS.withReceiveWindow(1000));
    small.in("<SEQ=" + (301 + 1000) + "><ACK=101><CTL=ACK>");
    assertEquals(1000, small.last.segments().get(0).window());
  }

  @Test
  @DisplayName("the receive window is at most 2^30 octets")
  void receiveWindowBound() {
    assertEquals(TcpConfig.MAX_RECEIVE_WINDOW, DEFAULTS.withReceiveWindow(1 << 30).receiveWindow());
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withReceiveWindow((1 << 30) + 1));
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withReceiveWindow(-1));
  }

  @Test
  @DisplayName("R-SEQ-4: an unacceptable RST is dropped silently")
  void unacceptableRst() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.in("<SEQ=100000><CTL=RST>");
    assertEquals("", e.sent());
    assertEquals("ESTABLISHED", e.state());
  }

  @Test
  @DisplayName("R-SEQ-5: a RST is processed with a zero receive window")
  void rstWithZeroWindow() {
    Endpoint e = Endpoint.established(DEFAULTS.withReceiveWindow(0));
    e.in("<SEQ=301><CTL=RST>");
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("R-RST-1, R-RST-2, MUST-12: a RST with SEQ = RCV.NXT is \"connection reset\", CLOSED, an abort")
  void exactRst() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.in("<SEQ=301><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-RST-1: with RFC 5961 an in-window RST that is not exact draws a challenge ACK")
  void inWindowRstChallenged() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.in("<SEQ=302><CTL=RST>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertEquals("ESTABLISHED", e.state());
  }

  @Test
  @DisplayName("R-RST-1: with RFC 5961 off any in-window RST resets")
  void inWindowRstWithout5961() {
    Endpoint e = Endpoint.established(DEFAULTS.withRfc5961(false));
    e.in("<SEQ=302><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals("", e.sent());
  }

  @Test
  @DisplayName("R-RST-4: with RFC 5961 a SYN in ESTABLISHED draws a challenge ACK, state unchanged")
  void synChallenged() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.in("<SEQ=400><CTL=SYN>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertEquals("ESTABLISHED", e.state());
  }

  @Test
  @DisplayName("R-RST-4: with RFC 5961 off an in-window SYN resets the connection; the RST is formed from the TCB")
  void synResetsWithout5961() {
    Endpoint e = Endpoint.established(DEFAULTS.withRfc5961(false));
    e.in("<SEQ=400><CTL=SYN>");
    // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> (§3.5.2 case 3), not one formed from the SYN (case 1).
    assertEquals("<SEQ=101><ACK=301><CTL=RST,ACK>", e.sent());
    assertEquals("receiveSyn", e.lastAction());
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-RST-5: challenge ACKs are limited per connection per second")
  void challengeAckLimit() {
    Endpoint e = Endpoint.established(DEFAULTS.withChallengeAckLimit(2));
    e.in("<SEQ=302><CTL=RST>");
    assertEquals(1, e.last.segments().size());
    e.in("<SEQ=303><CTL=RST>");
    assertEquals(1, e.last.segments().size());
    e.in("<SEQ=304><CTL=RST>");
    assertEquals(0, e.last.segments().size());
    e.now += SECOND;
    e.in("<SEQ=305><CTL=RST>");
    assertEquals(1, e.last.segments().size());
  }

  @Test
  @DisplayName("R-SEQ-6: SEG.ACK > SND.NXT is answered with an ACK and dropped")
  void ackAboveSndNxt() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.in("<SEQ=301><ACK=200><CTL=ACK><DATA=5>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertTrue(e.last.events().isEmpty());
  }

  @Test
  @DisplayName("R-SEQ-6: with RFC 5961, SEG.ACK < SND.UNA − MAX.SND.WND is answered with an ACK and dropped")
  void ackTooOld() {
    Endpoint e = Endpoint.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=10>");
    e.in("<SEQ=301><ACK=90><CTL=ACK><WND=10><DATA=5>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertTrue(e.last.events().isEmpty());
    e.in("<SEQ=301><ACK=91><CTL=ACK><WND=10><DATA=5>");
    assertEquals(List.of(new UserEvent.DataDelivered(new byte[] {0, 1, 2, 3, 4})), e.last.events());
  }

  @Test
  @DisplayName("R-SEQ-6: with RFC 5961 off, an old ACK is ignored and the text is taken")
  void oldAckWithout5961() {
    Endpoint e = Endpoint.synSent(DEFAULTS.withRfc5961(false));
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=10>");
    e.in("<SEQ=301><ACK=90><CTL=ACK><DATA=5>");
    assertEquals("<SEQ=101><ACK=306><CTL=ACK>", e.sent());
  }

  @Test
  @DisplayName("S-4: out-of-order text is held, acknowledged with RCV.NXT, and delivered when the gap fills")
  void reassembly() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.in("<SEQ=311><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertTrue(e.last.events().isEmpty());
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("<SEQ=101><ACK=321><CTL=ACK>", e.sent());
    assertEquals(1, e.last.events().size());
    assertEquals(20, ((UserEvent.DataDelivered) e.last.events().get(0)).data().length);
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("<SEQ=101><ACK=321><CTL=ACK>", e.sent(), "a duplicate is acknowledged again");
    assertTrue(e.last.events().isEmpty());
  }

  @Test
  @DisplayName("S-4, R-SEQ-2: a cumulative ACK covers several segments; the retransmission timer stops")
  void cumulativeAck() {
    Endpoint e = Endpoint.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    e.send(1000);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=536> <SEQ=637><ACK=301><CTL=ACK><DATA=464>", e.sent());
    e.in("<SEQ=301><ACK=1101><CTL=ACK>");
    assertNull(e.conn.deadline(Timer.RETRANSMISSION));
    assertEquals(1101, ((TcpState.Established) e.conn.state()).vars().sndUna().unsigned());
  }

  @Test
  @DisplayName("§3.7.1: segments are cut to the MSS the peer announced")
  void peerMss() {
    Endpoint e = Endpoint.synSent(DEFAULTS);
    e.in(Rfc.parse("<SEQ=300><ACK=101><CTL=SYN,ACK>", Endpoint.PEER, Endpoint.LOCAL).toBuilder()
        .options(new dev.tcpv.wire.TcpOption.Mss(400)).build());
    e.send(1000);
    assertEquals(3, e.last.segments().size());
    assertEquals(400, e.last.segments().get(0).payloadLength());
  }

  @Test
  @DisplayName("S-4, R-CLOSE-1: with deferred output SEND and CLOSE only queue; each output call sends one segment")
  void deferredOutput() {
    Endpoint e = Endpoint.synSent(DEFAULTS.withDeferOutput(true));
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=1000>");
    e.send(700);
    assertEquals("", e.sent(), "SEND queues");
    assertEquals("send", e.lastAction());
    e.close();
    assertEquals("", e.sent(), "the FIN waits behind the text");
    assertEquals("FIN-WAIT-1", e.state());
    e.output();
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=536>", e.sent());
    assertEquals("sendData", e.lastAction());
    e.output();
    assertEquals("<SEQ=637><ACK=301><CTL=ACK><DATA=164>", e.sent());
    e.output();
    assertEquals("<SEQ=801><ACK=301><CTL=FIN,ACK>", e.sent());
    assertEquals("sendFin", e.lastAction());
    e.output();
    assertEquals("", e.sent(), "nothing waits");
    // An ACK that opens the window lets nothing out by itself either.
    Endpoint w = Endpoint.synSent(DEFAULTS.withDeferOutput(true));
    w.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=0>");
    w.send(10);
    w.in("<SEQ=301><ACK=101><CTL=ACK><WND=10>");
    assertEquals("", w.sent());
    w.output();
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=10>", w.sent());
    // Without deferOutput the text went out within SEND, and output has nothing left to send.
    Endpoint now = Endpoint.established(DEFAULTS);
    now.send(10);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=10>", now.sent());
    now.output();
    assertEquals("", now.sent());
  }

  @Test
  @DisplayName("S-4: the sender keeps within the peer's window and sends more when it opens")
  void flowControl() {
    Endpoint e = Endpoint.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=10>");
    e.send(25);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=10>", e.sent());
    e.in("<SEQ=301><ACK=111><CTL=ACK><WND=20>");
    assertEquals("<SEQ=111><ACK=301><CTL=ACK><DATA=15>", e.sent());
  }

  @Test
  @DisplayName("S-4: against a zero window the sender probes with one octet when the timer fires")
  void zeroWindowProbe() {
    Endpoint e = Endpoint.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=0>");
    e.send(5);
    assertEquals("", e.sent());
    e.fire(Timer.RETRANSMISSION);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=1>", e.sent());
  }

  @Test
  @DisplayName("R-TO-1: RTO = SRTT + 4·RTTVAR from the first sample, floored at 1 s")
  void rtoFromSamples() {
    Endpoint e = Endpoint.synSent(DEFAULTS);
    e.now += 2 * SECOND / 10;
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    assertEquals(SECOND, e.conn.rto(), "200 ms + 4·100 ms is below the 1 s floor");
    e.send(10);
    e.now += 1_100_000;
    e.in("<SEQ=301><ACK=111><CTL=ACK>");
    // SRTT = 7/8·200 + 1/8·1100 = 312.5 ms; RTTVAR = 3/4·100 + 1/4·|200 − 1100| = 300 ms
    assertEquals(312_500 + 4 * 300_000, e.conn.rto());
  }

  @Test
  @DisplayName("R-TO-1: the RTO doubles on each timeout, and Karn's rule takes no sample from a resent segment")
  void backoffAndKarn() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.send(10);
    e.fire(Timer.RETRANSMISSION);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=10>", e.sent());
    assertEquals(2 * SECOND, e.conn.rto());
    e.fire(Timer.RETRANSMISSION);
    assertEquals(4 * SECOND, e.conn.rto());
    e.now += 10_000;
    e.in("<SEQ=301><ACK=111><CTL=ACK>");
    assertEquals(4 * SECOND, e.conn.rto(), "no sample from a retransmitted segment");
  }

  @Test
  @DisplayName("R-TO-2, MUST-20: data unacknowledged until R2 (100 s): \"connection timed out\", CLOSED")
  void r2ForData() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.send(10);
    while (e.state().equals("ESTABLISHED")) {
      e.fire(Timer.RETRANSMISSION);
    }
    assertTrue(e.now >= 100 * SECOND);
    assertEquals(List.of(new UserEvent.ConnectionTimedOut(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-TO-2: the user timeout flushes the queues, tells the user, CLOSED")
  void userTimeout() {
    Endpoint e = Endpoint.established(DEFAULTS.withUserTimeoutMicros(10 * SECOND));
    e.send(10);
    e.fire(Timer.USER_TIMEOUT);
    assertEquals(10 * SECOND, e.now);
    assertEquals("CLOSED", e.state());
    assertEquals("userTimeout", e.lastAction());
    assertEquals(List.of(new UserEvent.ConnectionTimedOut(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-KA-1: keep-alive is off by default")
  void keepAliveOff() {
    Endpoint e = Endpoint.established(DEFAULTS);
    assertNull(e.conn.deadline(Timer.KEEPALIVE));
  }

  @Test
  @DisplayName("R-KA-2, R-KA-4, S-8: after 2 h idle a probe <SEQ=SND.NXT−1><ACK=RCV.NXT><CTL=ACK> is sent")
  void keepAliveProbe() {
    Endpoint e = Endpoint.established(DEFAULTS.withKeepAlive(true));
    e.fire(Timer.KEEPALIVE);
    assertEquals(7200 * SECOND, e.now);
    assertEquals("<SEQ=100><ACK=301><CTL=ACK>", e.sent());
    e.in("<SEQ=301><ACK=101><CTL=ACK>");
    assertEquals(
        String.valueOf(e.now + 7200 * SECOND),
        String.valueOf(e.conn.deadline(Timer.KEEPALIVE)),
        "an answer restarts the idle period");
  }

  @Test
  @DisplayName("R-KA-3: one unanswered probe never kills; the peer is dead only after the configured count")
  void keepAliveGiveUp() {
    Endpoint e = Endpoint.established(DEFAULTS.withKeepAlive(true));
    for (int i = 0; i < 10; i++) {
      e.fire(Timer.KEEPALIVE);
      assertEquals("ESTABLISHED", e.state());
      assertEquals("keepAliveProbe", e.lastAction());
    }
    assertEquals(7200 * SECOND + 9 * 75 * SECOND, e.now);
    e.fire(Timer.KEEPALIVE);
    assertEquals("CLOSED", e.state());
    assertEquals("keepAliveGiveUp", e.lastAction());
    assertEquals(List.of(new UserEvent.ConnectionTimedOut(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-KA-2: no keep-alive while data is outstanding")
  void keepAliveNotWhileOutstanding() {
    Endpoint e = Endpoint.established(DEFAULTS.withKeepAlive(true));
    e.send(10);
    assertNull(e.conn.deadline(Timer.KEEPALIVE));
  }

  @Test
  @DisplayName("R-CLOSE-2, S-6: a FIN in ESTABLISHED → CLOSE-WAIT, acknowledged, the user told")
  void fin() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.in("<SEQ=301><ACK=101><CTL=FIN,ACK><DATA=4>");
    assertEquals("CLOSE-WAIT", e.state());
    assertEquals("<SEQ=101><ACK=306><CTL=ACK>", e.sent());
    assertEquals(new UserEvent.PeerClosed(), e.last.events().get(1));
  }

  @Test
  @DisplayName("S-4, R-CLOSE-2: a FIN beyond a gap is not taken until the gap fills")
  void finBeyondGap() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.in("<SEQ=305><ACK=101><CTL=FIN,ACK><DATA=4>");
    assertEquals("ESTABLISHED", e.state());
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
  }

  @Test
  @DisplayName("R-CLOSE-1: CLOSE in ESTABLISHED sends the FIN after the queued data: FIN-WAIT-1")
  void close() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.send(3);
    e.close();
    assertEquals("<SEQ=104><ACK=301><CTL=FIN,ACK>", e.sent());
    assertEquals("FIN-WAIT-1", e.state());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in ESTABLISHED sends <SEQ=SND.NXT><CTL=RST>; the user learns it was an abort")
  void abort() {
    Endpoint e = Endpoint.established(DEFAULTS);
    e.abort();
    assertEquals("<SEQ=101><CTL=RST>", e.sent());
    assertEquals(List.of(new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("§3.10.1: OPEN on an existing connection returns \"connection already exists\"")
  void openTwice() {
    Endpoint e = Endpoint.established(DEFAULTS);
    assertEquals(CallError.CONNECTION_ALREADY_EXISTS, e.activeOpen().error());
    assertEquals(CallError.CONNECTION_ALREADY_EXISTS, e.passiveOpen().error());
  }
}
