package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-WND-2: silly-window avoidance. The sender's (MUST-38, RFC 9293 §3.8.6.2.1): the fixture's peer announces no
 * MSS, so a full segment is 536 octets; its SYN,ACK offers 65,535 (the largest window, MAX.SND.WND) unless a test
 * says otherwise. The receiver's (MUST-39, §3.8.6.2.2): a buffer of 4,000 octets and our MSS of 1,460, so an
 * opening is worth offering from min(4,000 / 2, 1,460) = 1,460 octets.
 */
class SillyWindowTest {

  private static final TcpConfig SWS = TcpConfig.defaults();

  private static long sentOctets(Fixture e) {
    return e.last.segments().stream().mapToLong(s -> s.payloadLength()).sum();
  }

  /** Established, the peer's window cut to {@code wnd} by an ACK of nothing. */
  private static Fixture offering(TcpConfig c, int wnd) {
    Fixture e = Fixture.established(c);
    e.in("<SEQ=301><ACK=101><CTL=ACK><WND=" + wnd + ">");
    return e;
  }

  @Test
  @DisplayName("R-WND-2 (MUST-38): text waits while the window takes less than a segment, all of it, or half the "
      + "largest window; the override timeout sends what the window takes")
  void smallWindowWaitsForTheOverride() {
    Fixture e = offering(SWS, 100);
    e.send(1000);
    assertEquals("", e.sent(), "100 octets of window: below 536, below 1,000 queued, below 65,535 / 2");
    assertEquals((Object) (e.now + TcpConfig.SWS_OVERRIDE_MICROS), e.conn.deadline(Timer.SWS_OVERRIDE));
    e.fire(Timer.SWS_OVERRIDE);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=100>", e.sent());
    assertEquals("sendData", e.lastAction());
    assertNull(e.conn.deadline(Timer.SWS_OVERRIDE), "the window is full: nothing more can go until an ACK");
  }

  @Test
  @DisplayName("R-WND-2 (MUST-38): a window that opens to a full segment lets the text out at once")
  void aFullSegmentGoesAtOnce() {
    Fixture e = offering(SWS, 100);
    e.send(1000);
    e.in("<SEQ=301><ACK=101><CTL=ACK><WND=600>");
    assertEquals(536, sentOctets(e));
    assertEquals((Object) (e.now + TcpConfig.SWS_OVERRIDE_MICROS), e.conn.deadline(Timer.SWS_OVERRIDE),
        "the 64 octets left of the window wait again");
  }

  @Test
  @DisplayName("R-WND-2 (MUST-38): text that fits the window whole goes at once, however small (it is pushed)")
  void allQueuedGoesAtOnce() {
    Fixture e = offering(SWS, 100);
    e.send(50);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=50>", e.sent().replace("<CTL=ACK,PSH>", "<CTL=ACK>"));
    assertNull(e.conn.deadline(Timer.SWS_OVERRIDE));
  }

  @Test
  @DisplayName("R-WND-2 (MUST-38): half the largest window the peer offered is enough (Fs = 1/2)")
  void halfTheLargestWindow() {
    Fixture e = Fixture.synSent(SWS);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=400>");
    e.in("<SEQ=301><ACK=101><CTL=ACK><WND=200>");
    e.send(1000);
    assertEquals(200, sentOctets(e), "200 octets is half of the 400 once offered");
    Fixture f = Fixture.synSent(SWS);
    f.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=400>");
    f.in("<SEQ=301><ACK=101><CTL=ACK><WND=199>");
    f.send(1000);
    assertEquals(0, sentOctets(f), "199 is less than half");
  }

  @Test
  @DisplayName("R-WND-2: without silly-window avoidance the sender fills any window at once")
  void withoutAvoidanceAnyWindowIsFilled() {
    Fixture e = offering(SWS.withSwsAvoidance(false), 100);
    e.send(1000);
    assertEquals(100, sentOctets(e));
    assertNull(e.conn.deadline(Timer.SWS_OVERRIDE));
  }

  @Test
  @DisplayName("R-WND-1: a closed window is probed by the persist timer, not the override")
  void aClosedWindowIsProbedNotOverridden() {
    Fixture e = offering(SWS, 0);
    e.send(1000);
    assertNull(e.conn.deadline(Timer.SWS_OVERRIDE));
    e.fire(Timer.RETRANSMISSION);
    assertEquals("windowProbe", e.lastAction());
  }

  private static final TcpConfig READER = SWS.withUserReads(true).withReceiveWindow(4000);

  /** Established as READER, after the peer's {@code octets} of text (unread); RCV.NXT is 301 + octets. */
  private static Fixture holding(TcpConfig c, int octets) {
    Fixture e = Fixture.established(c);
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=" + octets + ">");
    assertEquals(4000 - octets, e.conn.rcvWnd());
    return e;
  }

  @Test
  @DisplayName("R-WND-2 (MUST-39): a RECEIVE leaves the right edge where it is until the free buffer beyond it "
      + "reaches min(buffer / 2, MSS), then offers all of it with a window update")
  void receiverHoldsSmallOpeningsBack() {
    Fixture e = holding(READER, 3000);
    e.receive(100);
    assertEquals("", e.sent());
    assertEquals(1000, e.conn.rcvWnd(), "100 octets freed: below 1,460, the right edge stays at 4,301");
    assertEquals("receive", e.lastAction());
    e.receive(1300);
    assertEquals(1000, e.conn.rcvWnd(), "1,400 freed: still below 1,460");
    e.receive(100);
    assertEquals("<SEQ=101><ACK=3301><CTL=ACK>", e.sent());
    assertEquals(2500, e.last.segments().get(0).window(), "1,500 freed: all of it offered at once");
    assertEquals(2500, e.conn.rcvWnd());
  }

  @Test
  @DisplayName("R-WND-2 (MUST-39): a closed window stays closed when the user reads one octet: no update offers "
      + "a silly window")
  void closedWindowStaysClosedOnATinyRead() {
    Fixture e = holding(READER, 4000);
    e.receive(1);
    assertEquals("", e.sent(), "no window update of one octet");
    assertEquals(0, e.conn.rcvWnd());
    e.in("<SEQ=4301><ACK=101><CTL=ACK><DATA=1>");
    assertEquals("<SEQ=101><ACK=4301><CTL=ACK>", e.sent(), "a probe is refused: the window is still closed");
    assertEquals(0, e.last.segments().get(0).window());
    e.receive(1459);
    assertEquals("<SEQ=101><ACK=4301><CTL=ACK>", e.sent());
    assertEquals(1460, e.last.segments().get(0).window());
  }

  @Test
  @DisplayName("R-WND-2: without silly-window avoidance a RECEIVE opens the window by what it takes")
  void withoutAvoidanceTheWindowOpensByTheRead() {
    Fixture e = holding(READER.withSwsAvoidance(false), 4000);
    e.receive(1);
    assertEquals("<SEQ=101><ACK=4301><CTL=ACK>", e.sent(), "the closed window opens: an update of one octet");
    assertEquals(1, e.last.segments().get(0).window());
  }
}
