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
    Fixture e = Fixture.established(DEFAULTS.withReceiveWindow(window));
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
    Fixture e = Fixture.established(DEFAULTS.withReceiveWindow(65_700));
    assertEquals(65_700, e.conn.rcvWnd());
    assertEquals(65_535, e.conn.advertisedWindow());
    e.in("<SEQ=" + (301 + 65_600) + "><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("receiveSegment", e.lastAction());
    e.in("<SEQ=" + (301 + 65_700) + "><ACK=101><CTL=ACK>");
    assertEquals("rejectUnacceptable", e.lastAction());
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent(), "R-SEQ-4");
    assertEquals(65_535, e.last.segments().get(0).window());
    // At or below 65535 the field carries RCV.WND itself.
    Fixture small = Fixture.established(DEFAULTS.withReceiveWindow(1000));
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
    Fixture e = Fixture.established(DEFAULTS);
    e.in("<SEQ=100000><CTL=RST>");
    assertEquals("", e.sent());
    assertEquals("ESTABLISHED", e.state());
  }

  @Test
  @DisplayName("R-SEQ-5: a RST is processed with a zero receive window")
  void rstWithZeroWindow() {
    Fixture e = Fixture.established(DEFAULTS.withReceiveWindow(0));
    e.in("<SEQ=301><CTL=RST>");
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("R-RST-1, R-RST-2, MUST-12: a RST with SEQ = RCV.NXT is \"connection reset\", CLOSED, an abort")
  void exactRst() {
    Fixture e = Fixture.established(DEFAULTS);
    e.in("<SEQ=301><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-RST-1: with RFC 5961 an in-window RST that is not exact draws a challenge ACK")
  void inWindowRstChallenged() {
    Fixture e = Fixture.established(DEFAULTS);
    e.in("<SEQ=302><CTL=RST>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertEquals("ESTABLISHED", e.state());
  }

  @Test
  @DisplayName("R-RST-1: with RFC 5961 off any in-window RST resets")
  void inWindowRstWithout5961() {
    Fixture e = Fixture.established(DEFAULTS.withRfc5961(false));
    e.in("<SEQ=302><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals("", e.sent());
  }

  @Test
  @DisplayName("R-RST-4: with RFC 5961 a SYN in ESTABLISHED draws a challenge ACK, state unchanged")
  void synChallenged() {
    Fixture e = Fixture.established(DEFAULTS);
    e.in("<SEQ=400><CTL=SYN>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertEquals("ESTABLISHED", e.state());
  }

  @Test
  @DisplayName("R-RST-4: with RFC 5961 off an in-window SYN resets the connection; the RST is formed from the TCB")
  void synResetsWithout5961() {
    Fixture e = Fixture.established(DEFAULTS.withRfc5961(false));
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
    Fixture e = Fixture.established(DEFAULTS.withChallengeAckLimit(2));
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
    Fixture e = Fixture.established(DEFAULTS);
    e.in("<SEQ=301><ACK=200><CTL=ACK><DATA=5>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertTrue(e.last.events().isEmpty());
  }

  @Test
  @DisplayName("R-SEQ-6: with RFC 5961, SEG.ACK < SND.UNA − MAX.SND.WND is answered with an ACK and dropped")
  void ackTooOld() {
    Fixture e = Fixture.synSent(DEFAULTS);
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
    Fixture e = Fixture.synSent(DEFAULTS.withRfc5961(false));
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=10>");
    e.in("<SEQ=301><ACK=90><CTL=ACK><DATA=5>");
    assertEquals("<SEQ=101><ACK=306><CTL=ACK>", e.sent());
  }

  @Test
  @DisplayName("S-4: out-of-order text is held, acknowledged with RCV.NXT, and delivered when the gap fills")
  void reassembly() {
    Fixture e = Fixture.established(DEFAULTS);
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
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    e.send(1000);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=536> <SEQ=637><ACK=301><CTL=ACK><DATA=464>", e.sent());
    e.in("<SEQ=301><ACK=1101><CTL=ACK>");
    assertNull(e.conn.deadline(Timer.RETRANSMISSION));
    assertEquals(1101, ((TcpState.Established) e.conn.state()).vars().sndUna().unsigned());
  }

  @Test
  @DisplayName("R-CLOSE-2, S-6: a FIN in ESTABLISHED → CLOSE-WAIT, acknowledged, the user told")
  void fin() {
    Fixture e = Fixture.established(DEFAULTS);
    e.in("<SEQ=301><ACK=101><CTL=FIN,ACK><DATA=4>");
    assertEquals("CLOSE-WAIT", e.state());
    assertEquals("<SEQ=101><ACK=306><CTL=ACK>", e.sent());
    assertEquals(new UserEvent.PeerClosed(), e.last.events().get(1));
  }

  @Test
  @DisplayName("S-4, R-CLOSE-2: a FIN beyond a gap is not taken until the gap fills")
  void finBeyondGap() {
    Fixture e = Fixture.established(DEFAULTS);
    e.in("<SEQ=305><ACK=101><CTL=FIN,ACK><DATA=4>");
    assertEquals("ESTABLISHED", e.state());
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
  }

  @Test
  @DisplayName("R-CLOSE-1: CLOSE in ESTABLISHED sends the FIN after the queued data: FIN-WAIT-1")
  void close() {
    Fixture e = Fixture.established(DEFAULTS);
    e.send(3);
    e.close();
    assertEquals("<SEQ=104><ACK=301><CTL=FIN,ACK>", e.sent());
    assertEquals("FIN-WAIT-1", e.state());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in ESTABLISHED sends <SEQ=SND.NXT><CTL=RST>; the user learns it was an abort")
  void abort() {
    Fixture e = Fixture.established(DEFAULTS);
    e.abort();
    assertEquals("<SEQ=101><CTL=RST>", e.sent());
    assertEquals(List.of(new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("§3.10.1: OPEN on an existing connection returns \"connection already exists\"")
  void openTwice() {
    Fixture e = Fixture.established(DEFAULTS);
    assertEquals(CallError.CONNECTION_ALREADY_EXISTS, e.activeOpen().error());
    assertEquals(CallError.CONNECTION_ALREADY_EXISTS, e.passiveOpen().error());
  }
}
