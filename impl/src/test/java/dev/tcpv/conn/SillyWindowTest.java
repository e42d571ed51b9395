package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-WND-2 (MUST-38): the sender's silly-window avoidance of RFC 9293 §3.8.6.2.1. The fixture's peer announces no
 * MSS, so a full segment is 536 octets; its SYN,ACK offers 65,535 (the largest window, MAX.SND.WND) unless a test
 * says otherwise.
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
}
