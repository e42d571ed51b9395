package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CLOSE-WAIT: the peer's FIN is in; SND.NXT 101, RCV.NXT 302. */
class CloseWaitTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("R-CLOSE-4, S-6: in CLOSE-WAIT we may still send")
  void stillSends() {
    Fixture e = Fixture.closeWait(DEFAULTS);
    e.send(8);
    assertEquals("<SEQ=101><ACK=302><CTL=ACK><DATA=8>", e.sent());
    e.in("<SEQ=302><ACK=109><CTL=ACK>");
    assertEquals("CLOSE-WAIT", e.state());
  }

  @Test
  @DisplayName("R-CLOSE-1: CLOSE in CLOSE-WAIT sends the FIN: LAST-ACK")
  void close() {
    Fixture e = Fixture.closeWait(DEFAULTS);
    e.close();
    assertEquals("<SEQ=101><ACK=302><CTL=FIN,ACK>", e.sent());
    assertEquals("LAST-ACK", e.state());
  }

  @Test
  @DisplayName("R-CLOSE-2: a retransmitted FIN in CLOSE-WAIT is acknowledged again")
  void finAgain() {
    Fixture e = Fixture.closeWait(DEFAULTS);
    e.in("<SEQ=301><ACK=101><CTL=FIN,ACK>");
    assertEquals("<SEQ=101><ACK=302><CTL=ACK>", e.sent());
    assertEquals("CLOSE-WAIT", e.state());
  }

  @Test
  @DisplayName("R-RST-2: a valid RST in CLOSE-WAIT is \"connection reset\"")
  void rst() {
    Fixture e = Fixture.closeWait(DEFAULTS);
    e.in("<SEQ=302><CTL=RST>");
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in CLOSE-WAIT sends <SEQ=SND.NXT><CTL=RST>")
  void abort() {
    Fixture e = Fixture.closeWait(DEFAULTS);
    e.abort();
    assertEquals("<SEQ=101><CTL=RST>", e.sent());
  }
}
