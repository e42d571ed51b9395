package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SYN-RECEIVED: ISS 100, IRS 300, SND.NXT 101, RCV.NXT 301. */
class SynReceivedTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("R-OPEN-8: SYN-RECEIVED: an acceptable ACK → ESTABLISHED")
  void acceptableAck() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.in("<SEQ=301><ACK=101><CTL=ACK>");
    assertEquals("ESTABLISHED", e.state());
    assertEquals("", e.sent());
    assertEquals(List.of(new UserEvent.Established()), e.last.events());
  }

  @Test
  @DisplayName("R-OPEN-8: SYN-RECEIVED answers an unacceptable ACK with <SEQ=SEG.ACK><CTL=RST>")
  void unacceptableAck() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.in("<SEQ=301><ACK=500><CTL=ACK>");
    assertEquals("<SEQ=500><CTL=RST>", e.sent());
    assertEquals("SYN-RECEIVED", e.state());
  }

  @Test
  @DisplayName("R-OPEN-8, R-CLOSE-2: ACK and FIN in one segment: SYN-RECEIVED → CLOSE-WAIT")
  void ackAndFin() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.in("<SEQ=301><ACK=101><CTL=FIN,ACK>");
    assertEquals("CLOSE-WAIT", e.state());
    assertEquals("<SEQ=101><ACK=302><CTL=ACK>", e.sent());
  }

  @Test
  @DisplayName("R-OPEN-7, MUST-11: a RST in SYN-RECEIVED from a passive OPEN returns to LISTEN silently")
  void rstPassive() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.in("<SEQ=301><CTL=RST>");
    assertEquals("LISTEN", e.state());
    assertTrue(e.last.events().isEmpty());
    assertEquals("", e.sent());
  }

  @Test
  @DisplayName("R-OPEN-7: a RST in SYN-RECEIVED from an active OPEN is \"connection refused\", CLOSED")
  void rstActive() {
    Fixture e = Fixture.synReceivedActive(DEFAULTS);
    e.in("<SEQ=301><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.ConnectionRefused(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-RST-4 (§3.10.7.4): a SYN in SYN-RECEIVED from a passive OPEN returns to LISTEN")
  void synPassive() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.in("<SEQ=310><CTL=SYN>");
    assertEquals("LISTEN", e.state());
    assertEquals("receiveSyn", e.lastAction());
  }

  @Test
  @DisplayName("R-OPEN-6, MUST-10 (Fig. 7 line 6): active SYN-RECEIVED: the peer's SYN,ACK completes, no reply")
  void simultaneousOpenSynAck() {
    Fixture e = Fixture.synReceivedActive(DEFAULTS);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    assertEquals("ESTABLISHED", e.state());
    assertEquals("", e.sent());
    assertEquals("simultaneousOpenSynAck", e.lastAction());
  }

  @Test
  @DisplayName("R-SEQ-3, R-SEQ-4: SYN-RECEIVED answers an unacceptable segment with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>")
  void unacceptable() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.in("<SEQ=300><CTL=SYN>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertEquals("rejectUnacceptable", e.lastAction());
  }

  @Test
  @DisplayName("R-OPEN-10: SYN-RECEIVED resends <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; at R2 a passive one listens again")
  void synAckRetransmittedThenListen() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.fire(Timer.RETRANSMISSION);
    assertEquals("<SEQ=100><ACK=301><CTL=SYN,ACK>", e.sent());
    while (e.state().equals("SYN-RECEIVED")) {
      e.fire(Timer.RETRANSMISSION);
    }
    assertEquals("LISTEN", e.state());
    assertEquals("giveUp", e.lastAction());
    assertTrue(e.now >= 180 * TcpConfig.SECOND);
    assertTrue(e.last.events().isEmpty());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in SYN-RECEIVED sends <SEQ=SND.NXT><CTL=RST>")
  void abort() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.abort();
    assertEquals("<SEQ=101><CTL=RST>", e.sent());
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("R-CLOSE-1: CLOSE in SYN-RECEIVED → FIN-WAIT-1 with the FIN sent")
  void close() {
    Fixture e = Fixture.synReceivedPassive(DEFAULTS);
    e.close();
    assertEquals("FIN-WAIT-1", e.state());
    assertEquals("<SEQ=101><ACK=301><CTL=FIN,ACK>", e.sent());
  }
}
