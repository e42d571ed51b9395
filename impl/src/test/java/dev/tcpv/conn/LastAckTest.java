package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** LAST-ACK: our FIN <SEQ=101> is out; SND.NXT 102, RCV.NXT 302. */
class LastAckTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("S-6, MUST-12: the ACK of our FIN in LAST-ACK deletes the TCB, a graceful close")
  void finAcked() {
    Fixture e = Fixture.lastAck(DEFAULTS);
    e.in("<SEQ=302><ACK=102><CTL=ACK>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.Closed(true)), e.last.events());
    assertTrue(e.conn.runningTimers().isEmpty());
  }

  @Test
  @DisplayName("R-RST-2: a valid RST in LAST-ACK → CLOSED")
  void rst() {
    Fixture e = Fixture.lastAck(DEFAULTS);
    e.in("<SEQ=302><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in LAST-ACK sends nothing")
  void abort() {
    Fixture e = Fixture.lastAck(DEFAULTS);
    e.abort();
    assertEquals("", e.sent());
  }

  @Test
  @DisplayName("§3.10.4: CLOSE in LAST-ACK returns \"connection closing\"")
  void closeAgain() {
    Fixture e = Fixture.lastAck(DEFAULTS);
    assertEquals(CallError.CONNECTION_CLOSING, e.close().error());
  }
}
