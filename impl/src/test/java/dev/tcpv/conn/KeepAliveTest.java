package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keep-alive (RFC 1122 §4.2.3.6, RFC 9293 §3.8.4): R-KA-1 to R-KA-4, S-8. */
class KeepAliveTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();
  private static final long SECOND = TcpConfig.SECOND;

  @Test
  @DisplayName("R-KA-1: keep-alive is off by default")
  void keepAliveOff() {
    Fixture e = Fixture.established(DEFAULTS);
    assertNull(e.conn.deadline(Timer.KEEPALIVE));
  }

  @Test
  @DisplayName("R-KA-2, R-KA-4, S-8: after 2 h idle a probe <SEQ=SND.NXT−1><ACK=RCV.NXT><CTL=ACK> is sent")
  void keepAliveProbe() {
    Fixture e = Fixture.established(DEFAULTS.withKeepAlive(true));
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
    Fixture e = Fixture.established(DEFAULTS.withKeepAlive(true));
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
    Fixture e = Fixture.established(DEFAULTS.withKeepAlive(true));
    e.send(10);
    assertNull(e.conn.deadline(Timer.KEEPALIVE));
  }

  @Test
  @DisplayName("R-KA-1: keep-alive set on an open connection starts the idle wait at once; unset, it stops")
  void keepAliveSetOnAnOpenConnection() {
    Fixture e = Fixture.established(DEFAULTS);
    assertNull(e.conn.deadline(Timer.KEEPALIVE));
    e.now = 5 * SECOND;
    ConnResult r = e.conn.setOptions(DEFAULTS.withKeepAlive(true).withKeepAliveTiming(SECOND, SECOND, 2), e.now);
    assertEquals(List.of(new TimerCommand.Set(Timer.KEEPALIVE, 6 * SECOND)), r.timers());
    assertTrue(r.segments().isEmpty() && r.events().isEmpty());
    e.fire(Timer.KEEPALIVE);
    assertEquals("<SEQ=100><ACK=301><CTL=ACK>", e.sent());
    assertEquals("keepAliveProbe", e.lastAction());
    r = e.conn.setOptions(DEFAULTS, e.now);
    assertEquals(List.of(new TimerCommand.Cancel(Timer.KEEPALIVE)), r.timers());
    assertNull(e.conn.deadline(Timer.KEEPALIVE));
  }

  @Test
  @DisplayName("Options other than keep-alive and the user timeout cannot change on an open connection")
  void otherOptionsAreRefused() {
    Fixture e = Fixture.established(DEFAULTS);
    assertThrows(IllegalArgumentException.class, () -> e.conn.setOptions(DEFAULTS.withRfc5961(false), e.now));
    assertEquals(DEFAULTS, e.conn.config());
  }
}
