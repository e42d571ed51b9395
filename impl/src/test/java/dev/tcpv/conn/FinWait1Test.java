package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** FIN-WAIT-1: our FIN <SEQ=101> is out; SND.NXT 102, RCV.NXT 301. */
class FinWait1Test {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("R-CLOSE-2, S-6: the ACK of our FIN → FIN-WAIT-2")
  void finAcked() {
    Fixture e = Fixture.finWait1(DEFAULTS);
    e.in("<SEQ=301><ACK=102><CTL=ACK>");
    assertEquals("FIN-WAIT-2", e.state());
  }

  @Test
  @DisplayName("R-CLOSE-2: a FIN that also acknowledges ours → TIME-WAIT")
  void finAndAck() {
    Fixture e = Fixture.finWait1(DEFAULTS);
    e.in("<SEQ=301><ACK=102><CTL=FIN,ACK>");
    assertEquals("TIME-WAIT", e.state());
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", e.sent());
  }

  @Test
  @DisplayName("R-CLOSE-3: a FIN before the ACK of ours → CLOSING (simultaneous close)")
  void simultaneousClose() {
    Fixture e = Fixture.finWait1(DEFAULTS);
    e.in("<SEQ=301><ACK=101><CTL=FIN,ACK>");
    assertEquals("CLOSING", e.state());
    assertEquals("simultaneousClose", e.lastAction());
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", e.sent());
  }

  @Test
  @DisplayName("R-CLOSE-4, MAY-1: after our FIN we still receive text")
  void stillReceives() {
    Fixture e = Fixture.finWait1(DEFAULTS);
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=7>");
    assertEquals("<SEQ=102><ACK=308><CTL=ACK>", e.sent());
    assertEquals(List.of(new UserEvent.DataDelivered(new byte[] {0, 1, 2, 3, 4, 5, 6})), e.last.events());
  }

  @Test
  @DisplayName("R-OPEN-10, S-3: the FIN is retransmitted")
  void finRetransmitted() {
    Fixture e = Fixture.finWait1(DEFAULTS);
    e.fire(Timer.RETRANSMISSION);
    assertEquals("<SEQ=101><ACK=301><CTL=FIN,ACK>", e.sent());
  }

  @Test
  @DisplayName("R-RST-2: a valid RST in FIN-WAIT-1 is \"connection reset\"")
  void rst() {
    Fixture e = Fixture.finWait1(DEFAULTS);
    e.in("<SEQ=301><CTL=RST>");
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("§3.10.2, §3.10.4: SEND and CLOSE after CLOSE return \"connection closing\"")
  void closingErrors() {
    Fixture e = Fixture.finWait1(DEFAULTS);
    assertEquals(CallError.CONNECTION_CLOSING, e.send(1).error());
    assertEquals(CallError.CONNECTION_CLOSING, e.close().error());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in FIN-WAIT-1 sends <SEQ=SND.NXT><CTL=RST>")
  void abort() {
    Fixture e = Fixture.finWait1(DEFAULTS);
    e.abort();
    assertEquals("<SEQ=102><CTL=RST>", e.sent());
  }
}
