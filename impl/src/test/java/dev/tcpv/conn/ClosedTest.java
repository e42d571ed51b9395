package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.wire.TcpOption;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CLOSED: no TCB. */
class ClosedTest {

  @Test
  @DisplayName("R-OPEN-2: CLOSED drops an incoming RST")
  void rstDropped() {
    Fixture e = new Fixture();
    e.in("<SEQ=5><ACK=7><CTL=RST,ACK>");
    assertEquals("", e.sent());
    assertEquals("segmentArrivesClosed", e.lastAction());
  }

  @Test
  @DisplayName("R-OPEN-2: CLOSED answers a segment without ACK with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>")
  void noAckAnsweredWithRstAck() {
    Fixture e = new Fixture();
    e.in("<SEQ=300><CTL=SYN>");
    assertEquals("<SEQ=0><ACK=301><CTL=RST,ACK>", e.sent());
    e.in("<SEQ=300><CTL=FIN><DATA=10>");
    assertEquals("<SEQ=0><ACK=311><CTL=RST,ACK>", e.sent());
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("R-OPEN-2: CLOSED answers a segment with ACK with <SEQ=SEG.ACK><CTL=RST>")
  void ackAnsweredWithRst() {
    Fixture e = new Fixture();
    e.in("<SEQ=300><ACK=77><CTL=ACK><DATA=3>");
    assertEquals("<SEQ=77><CTL=RST>", e.sent());
    assertEquals(Fixture.PEER, e.last.segments().get(0).destinationPort());
  }

  @Test
  @DisplayName("R-OPEN-1: active OPEN sends <SEQ=ISS><CTL=SYN> with our MSS, SND.UNA=ISS, SND.NXT=ISS+1, SYN-SENT")
  void activeOpen() {
    Fixture e = new Fixture();
    e.activeOpen();
    assertEquals("<SEQ=100><CTL=SYN>", e.sent());
    assertEquals(List.of(new TcpOption.Mss(1460)), e.last.segments().get(0).options());
    TcpState.SynSent s = (TcpState.SynSent) e.conn.state();
    assertEquals(100, s.iss().unsigned());
    assertEquals(100, s.sndUna().unsigned());
    assertEquals(101, s.sndNxt().unsigned());
    assertEquals("SYN-SENT", s.rfcName());
    assertEquals(
        List.of(new TimerCommand.Set(Timer.RETRANSMISSION, TcpConfig.SECOND),
            new TimerCommand.Set(Timer.USER_TIMEOUT, 300 * TcpConfig.SECOND)),
        e.last.timers());
  }

  @Test
  @DisplayName("§3.10.2–3.10.5: SEND, CLOSE and ABORT in CLOSED return \"connection does not exist\"")
  void callsWithoutTcb() {
    Fixture e = new Fixture();
    assertEquals(CallError.CONNECTION_DOES_NOT_EXIST, e.send(1).error());
    assertEquals(CallError.CONNECTION_DOES_NOT_EXIST, e.close().error());
    assertEquals(CallError.CONNECTION_DOES_NOT_EXIST, e.abort().error());
    assertEquals("connection does not exist", CallError.CONNECTION_DOES_NOT_EXIST.message());
    assertTrue(e.trace.isEmpty());
  }

  @Test
  @DisplayName("§3.10.1: an active OPEN without a foreign port is refused: \"foreign socket unspecified\"")
  void activeOpenNeedsPeer() {
    Connection c = new Connection(TcpConfig.defaults(), new FixedIsn(1), 1000, 0, null);
    assertEquals(CallError.FOREIGN_SOCKET_UNSPECIFIED, c.activeOpen(0).error());
    assertEquals("CLOSED", c.state().rfcName());
  }
}
