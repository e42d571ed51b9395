package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link Policy} behaviours, each against the RFC's behaviour it replaces: the same input with the policy off
 * and on. Our ISS is 100, the peer's 300 (so a synchronized connection has SND.NXT 101, RCV.NXT 301).
 */
class PolicyTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  private static TcpConfig with(Policy p) {
    return DEFAULTS.withPolicy(p, true);
  }

  @Test
  @DisplayName("The engine as it ships takes on no policy; withPolicy turns one on and off")
  void noneByDefault() {
    for (Policy p : Policy.values()) {
      assertFalse(DEFAULTS.has(p), p::name);
      assertTrue(with(p).has(p), p::name);
      assertEquals(DEFAULTS, with(p).withPolicy(p, false), p::name);
    }
  }

  @Test
  @DisplayName("FIN_AGAIN_WHEN_FINS_CROSS: the ACK of a FIN crossing ours carries our FIN again from SND.NXT - 1")
  void finAgainWhenFinsCross() {
    Fixture rfc = Fixture.finWait1(DEFAULTS);
    rfc.in("<SEQ=301><ACK=101><CTL=FIN,ACK>");
    assertEquals("CLOSING", rfc.state());
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", rfc.sent());

    Fixture bsd = Fixture.finWait1(with(Policy.FIN_AGAIN_WHEN_FINS_CROSS));
    bsd.in("<SEQ=301><ACK=101><CTL=FIN,ACK>");
    assertEquals("CLOSING", bsd.state());
    assertEquals("<SEQ=101><ACK=302><CTL=FIN,ACK>", bsd.sent());
    // Only that acknowledgment: a challenge ACK in CLOSING stays a plain ACK, and SND.NXT has not moved.
    bsd.in("<SEQ=302><CTL=SYN>");
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", bsd.sent());
    bsd.in("<SEQ=302><ACK=102><CTL=ACK>");
    assertEquals("TIME-WAIT", bsd.state());
  }

  @Test
  @DisplayName("FREEBSD_TIME_WAIT: a SYN without ACK not above RCV.NXT is dropped (RFC 9293: a challenge ACK)")
  void freeBsdTimeWaitDropsWithoutAck() {
    Fixture rfc = Fixture.timeWait(DEFAULTS);
    rfc.in("<SEQ=302><CTL=SYN>");
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", rfc.sent());
    Fixture bsd = Fixture.timeWait(with(Policy.FREEBSD_TIME_WAIT));
    bsd.in("<SEQ=302><CTL=SYN>");
    assertEquals("", bsd.sent());
    // Unacceptable and without ACK: RFC 9293 acknowledges it (R-SEQ-4), FreeBSD drops it.
    bsd.in("<SEQ=200000><CTL=FIN>");
    assertEquals("", bsd.sent());
    assertEquals("TIME-WAIT", bsd.state());
  }

  @Test
  @DisplayName("FREEBSD_TIME_WAIT: every segment with ACK but an exact duplicate ACK is acknowledged, RCV.NXT unmoved")
  void freeBsdTimeWaitAcknowledges() {
    Fixture rfc = Fixture.timeWait(DEFAULTS);
    rfc.in("<SEQ=303><ACK=102><CTL=ACK>");
    assertEquals("", rfc.sent());
    rfc.in("<SEQ=302><ACK=102><CTL=FIN,ACK>");
    assertEquals("<SEQ=102><ACK=303><CTL=ACK>", rfc.sent());

    Fixture bsd = Fixture.timeWait(with(Policy.FREEBSD_TIME_WAIT));
    bsd.in("<SEQ=303><ACK=102><CTL=ACK>");
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", bsd.sent());
    bsd.in("<SEQ=302><ACK=102><CTL=ACK>");
    assertEquals("", bsd.sent());
    bsd.in("<SEQ=302><ACK=102><CTL=FIN,ACK>");
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", bsd.sent());
    // A retransmission of the peer's FIN still restarts the 2 MSL timer (R-TW-1).
    bsd.now = 10 * TcpConfig.SECOND;
    bsd.in("<SEQ=301><ACK=102><CTL=FIN,ACK>");
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", bsd.sent());
    assertEquals(List.of(new TimerCommand.Set(Timer.TIME_WAIT, 250 * TcpConfig.SECOND)), bsd.last.timers());
    // A SYN above RCV.NXT still reopens (R-TW-3).
    bsd.in("<SEQ=5000><CTL=SYN>");
    assertEquals("SYN-RECEIVED", bsd.state());
  }

  @Test
  @DisplayName("LISTEN_DROPS_SYN_ACK: a SYN,ACK in LISTEN draws no reset; a bare ACK still does (R-OPEN-3)")
  void listenDropsSynAck() {
    Fixture rfc = Fixture.listen(DEFAULTS);
    rfc.in("<SEQ=17><ACK=34><CTL=SYN,ACK>");
    assertEquals("<SEQ=34><CTL=RST>", rfc.sent());
    Fixture bsd = Fixture.listen(with(Policy.LISTEN_DROPS_SYN_ACK));
    bsd.in("<SEQ=17><ACK=34><CTL=SYN,ACK>");
    assertEquals("", bsd.sent());
    assertEquals("LISTEN", bsd.state());
    bsd.in("<SEQ=17><ACK=34><CTL=ACK>");
    assertEquals("<SEQ=34><CTL=RST>", bsd.sent());
  }

  private static int delivered(ConnResult r) {
    int n = 0;
    for (UserEvent e : r.events()) {
      if (e instanceof UserEvent.DataDelivered d) {
        n += d.data().length;
      }
    }
    return n;
  }

  @Test
  @DisplayName("SYN_TEXT: a SYN,ACK's text is taken on entering ESTABLISHED (RFC 9293 3.10.7.3)")
  void synAckText() {
    Fixture rfc = Fixture.synSent(DEFAULTS);
    rfc.in("<SEQ=300><ACK=101><CTL=SYN,ACK><DATA=3>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", rfc.sent());
    assertEquals(0, delivered(rfc.last));
    Fixture e = Fixture.synSent(with(Policy.SYN_TEXT));
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><DATA=3>");
    assertEquals("ESTABLISHED", e.state());
    assertEquals("<SEQ=101><ACK=304><CTL=ACK>", e.sent());
    assertEquals(3, delivered(e.last));
  }

  @Test
  @DisplayName("SYN_TEXT: a SYN's text is queued, its SYN,ACK acknowledging only the SYN, and taken at ESTABLISHED")
  void synTextQueued() {
    Fixture e = Fixture.listen(with(Policy.SYN_TEXT));
    e.in("<SEQ=300><CTL=SYN,FIN><DATA=3>");
    assertEquals("<SEQ=300><ACK=301><CTL=SYN,ACK>", e.sent());
    assertEquals(0, delivered(e.last));
    e.in("<SEQ=304><ACK=301><CTL=ACK>");
    assertEquals("ESTABLISHED", e.state());
    assertEquals(3, delivered(e.last));
    // The queued text is acknowledged; the FIN that came with it is not taken.
    assertEquals("<SEQ=301><ACK=304><CTL=ACK>", e.sent());

    Fixture rfc = Fixture.listen(DEFAULTS);
    rfc.in("<SEQ=300><CTL=SYN><DATA=3>");
    rfc.in("<SEQ=304><ACK=301><CTL=ACK>");
    assertEquals("ESTABLISHED", rfc.state());
    assertEquals(0, delivered(rfc.last));
  }

  @Test
  @DisplayName("SYN_TEXT: in a simultaneous open the SYN's text waits for the SYN,ACK that completes it")
  void synTextSimultaneousOpen() {
    Fixture e = Fixture.synSent(with(Policy.SYN_TEXT));
    e.in("<SEQ=300><CTL=SYN><DATA=2>");
    assertEquals("SYN-RECEIVED", e.state());
    assertEquals(0, delivered(e.last));
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    assertEquals("ESTABLISHED", e.state());
    assertEquals(2, delivered(e.last));
  }
}
