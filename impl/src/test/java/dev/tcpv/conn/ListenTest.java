package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** LISTEN: waiting for a SYN. */
class ListenTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("R-OPEN-3: LISTEN ignores a RST")
  void rstIgnored() {
    Fixture e = Fixture.listen(DEFAULTS);
    e.in("<SEQ=1><CTL=RST>");
    assertEquals("", e.sent());
    assertEquals("LISTEN", e.state());
  }

  @Test
  @DisplayName("R-OPEN-3: LISTEN answers any ACK with <SEQ=SEG.ACK><CTL=RST>")
  void ackAnsweredWithRst() {
    Fixture e = Fixture.listen(DEFAULTS);
    e.in("<SEQ=1><ACK=555><CTL=SYN,ACK>");
    assertEquals("<SEQ=555><CTL=RST>", e.sent());
    assertEquals("LISTEN", e.state());
  }

  @Test
  @DisplayName("R-OPEN-3, S-1: LISTEN answers a SYN with <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>: SYN-RECEIVED")
  void synAnswered() {
    Fixture e = Fixture.listen(DEFAULTS);
    e.in("<SEQ=1000><CTL=SYN>");
    assertEquals("<SEQ=300><ACK=1001><CTL=SYN,ACK>", e.sent());
    TcpState.SynReceived s = (TcpState.SynReceived) e.conn.state();
    assertTrue(s.passive());
    assertEquals(1000, s.vars().irs().unsigned());
    assertEquals(301, s.vars().sndNxt().unsigned());
  }

  @Test
  @DisplayName("R-OPEN-3: LISTEN drops a segment with neither RST, ACK nor SYN")
  void otherDropped() {
    Fixture e = Fixture.listen(DEFAULTS);
    e.in("<SEQ=1><CTL=FIN><DATA=4>");
    assertEquals("", e.sent());
    assertEquals("LISTEN", e.state());
  }

  @Test
  @DisplayName("R-CLOSE-1: CLOSE in LISTEN deletes the TCB and sends nothing")
  void closeDeletes() {
    Fixture e = Fixture.listen(DEFAULTS);
    e.close();
    assertEquals("", e.sent());
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in LISTEN sends nothing")
  void abortSilent() {
    Fixture e = Fixture.listen(DEFAULTS);
    e.abort();
    assertEquals("", e.sent());
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("§3.10.1: OPEN on a LISTEN returns \"connection already exists\"")
  void openTwice() {
    Fixture e = Fixture.listen(DEFAULTS);
    assertEquals(CallError.CONNECTION_ALREADY_EXISTS, e.passiveOpen().error());
    assertEquals(CallError.CONNECTION_ALREADY_EXISTS, e.activeOpen().error());
  }
}
