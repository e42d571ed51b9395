package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SYN-SENT: our SYN is out. ISS = 100, SND.NXT = 101. */
class SynSentTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("R-OPEN-4: SYN-SENT answers an unacceptable ACK (SEG.ACK =< ISS) with <SEQ=SEG.ACK><CTL=RST>")
  void ackAtOrBelowIss() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=100><CTL=ACK>");
    assertEquals("<SEQ=100><CTL=RST>", e.sent());
    assertEquals("SYN-SENT", e.state());
  }

  @Test
  @DisplayName("R-OPEN-4: SYN-SENT answers an unacceptable ACK (SEG.ACK > SND.NXT) with <SEQ=SEG.ACK><CTL=RST>")
  void ackAboveSndNxt() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=102><CTL=SYN,ACK>");
    assertEquals("<SEQ=102><CTL=RST>", e.sent());
    assertEquals("SYN-SENT", e.state());
  }

  @Test
  @DisplayName("R-OPEN-4: SYN-SENT drops a RST with an unacceptable ACK")
  void rstWithBadAckDropped() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=50><CTL=RST,ACK>");
    assertEquals("", e.sent());
    assertEquals("SYN-SENT", e.state());
  }

  @Test
  @DisplayName("R-OPEN-5: SYN-SENT: a RST with an acceptable ACK is \"connection reset\", CLOSED")
  void rstWithAcceptableAck() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=0><ACK=101><CTL=RST,ACK>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), e.last.events());
    assertEquals(List.of(new TimerCommand.Cancel(Timer.RETRANSMISSION), new TimerCommand.Cancel(Timer.USER_TIMEOUT)),
        e.last.timers());
  }

  @Test
  @DisplayName("R-OPEN-5: SYN-SENT drops a RST without ACK")
  void rstWithoutAckDropped() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><CTL=RST>");
    assertEquals("", e.sent());
    assertEquals("SYN-SENT", e.state());
  }

  @Test
  @DisplayName("R-OPEN-6: SYN-SENT: SYN with an acceptable ACK → ESTABLISHED, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>")
  void synAck() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", e.sent());
    assertEquals("ESTABLISHED", e.state());
    assertEquals(List.of(new UserEvent.Established()), e.last.events());
    assertEquals("segmentArrivesSynSent", e.lastAction());
  }

  @Test
  @DisplayName("R-OPEN-6, MUST-10: SYN-SENT: a SYN without ACK → SYN-RECEIVED, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>")
  void simultaneousOpen() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><CTL=SYN>");
    assertEquals("<SEQ=100><ACK=301><CTL=SYN,ACK>", e.sent());
    assertEquals("SYN-RECEIVED", e.state());
    assertTrue(!((TcpState.SynReceived) e.conn.state()).passive());
    assertEquals("simultaneousOpen", e.lastAction());
  }

  @Test
  @DisplayName("R-OPEN-6: SYN-SENT drops an acceptable ACK without SYN")
  void plainAckDropped() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><ACK=101><CTL=ACK>");
    assertEquals("", e.sent());
    assertEquals("SYN-SENT", e.state());
  }

  @Test
  @DisplayName("R-CLOSE-2: a FIN is never processed in SYN-SENT")
  void finIgnored() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in("<SEQ=300><CTL=FIN>");
    assertEquals("", e.sent());
    assertEquals("SYN-SENT", e.state());
    assertTrue(e.last.events().isEmpty());
  }

  @Test
  @DisplayName("R-CLOSE-1: CLOSE in SYN-SENT deletes the TCB and sends nothing")
  void close() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.close();
    assertEquals("", e.sent());
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in SYN-SENT sends nothing")
  void abort() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.abort();
    assertEquals("", e.sent());
    assertEquals(List.of(new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-OPEN-10, MUST-23, R-TO-1: the SYN is resent with doubling RTO; R2 for a SYN is at least 3 minutes")
  void synRetransmittedUntilR2() {
    Fixture e = Fixture.synSent(DEFAULTS);
    List<Long> times = new ArrayList<>();
    while (e.state().equals("SYN-SENT")) {
      e.fire(Timer.RETRANSMISSION);
      if (!e.last.segments().isEmpty()) {
        assertEquals("<SEQ=100><CTL=SYN>", e.sent());
        times.add(e.now / TcpConfig.SECOND);
      }
    }
    assertEquals(List.of(1L, 3L, 7L, 15L, 31L, 63L, 123L), times);
    assertTrue(e.now >= 180 * TcpConfig.SECOND);
    assertEquals("giveUp", e.lastAction());
    assertEquals(List.of(new UserEvent.ConnectionTimedOut(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("MUST-23: a configuration with R2 for a SYN below 3 minutes is rejected")
  void r2SynFloor() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> DEFAULTS.withRetransmissionLimits(3, 100 * TcpConfig.SECOND, 179 * TcpConfig.SECOND));
  }

  @Test
  @DisplayName("R-SEQ-1: ISS = 2^32−1: the SYN,ACK's ACK field is 0 and data flows across the wrap")
  void wrap() {
    Fixture e = new Fixture(DEFAULTS, 0xFFFF_FFFFL);
    e.activeOpen();
    e.in("<SEQ=4294967290><ACK=0><CTL=SYN,ACK>");
    assertEquals("<SEQ=0><ACK=4294967291><CTL=ACK>", e.sent());
    e.send(10);
    assertEquals("<SEQ=0><ACK=4294967291><CTL=ACK><DATA=10>", e.sent());
    e.in("<SEQ=4294967291><ACK=10><CTL=ACK><DATA=10>");
    assertEquals("<SEQ=10><ACK=5><CTL=ACK>", e.sent());
    assertEquals("ESTABLISHED", e.state());
  }

  @Test
  @DisplayName("§3.10.2: SEND in SYN-SENT is queued and goes out after the handshake's ACK")
  void sendQueued() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.send(5);
    assertEquals("", e.sent());
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK> <SEQ=101><ACK=301><CTL=ACK><DATA=5>", e.sent());
  }
}
