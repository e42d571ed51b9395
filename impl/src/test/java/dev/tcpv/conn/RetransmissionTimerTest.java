package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The retransmission timer (RFC 6298) and the timeouts that end a connection: R-TO-1, R-TO-2. */
class RetransmissionTimerTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();
  private static final long SECOND = TcpConfig.SECOND;

  @Test
  @DisplayName("R-TO-1: RTO = SRTT + 4·RTTVAR from the first sample, floored at 1 s")
  void rtoFromSamples() {
    Fixture e = Fixture.synSent(DEFAULTS);
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
    Fixture e = Fixture.established(DEFAULTS);
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
    Fixture e = Fixture.established(DEFAULTS);
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
    Fixture e = Fixture.established(DEFAULTS.withUserTimeoutMicros(10 * SECOND));
    e.send(10);
    e.fire(Timer.USER_TIMEOUT);
    assertEquals(10 * SECOND, e.now);
    assertEquals("CLOSED", e.state());
    assertEquals("userTimeout", e.lastAction());
    assertEquals(List.of(new UserEvent.ConnectionTimedOut(), new UserEvent.Closed(false)), e.last.events());
  }
}
