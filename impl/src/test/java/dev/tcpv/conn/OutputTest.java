package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What goes out and when: segments cut to the peer's MSS (§3.7.1), output deferred to OUTPUT calls. */
class OutputTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("§3.7.1: segments are cut to the MSS the peer announced")
  void peerMss() {
    Fixture e = Fixture.synSent(DEFAULTS);
    e.in(Rfc.parse("<SEQ=300><ACK=101><CTL=SYN,ACK>", Fixture.PEER, Fixture.LOCAL).toBuilder()
        .options(new dev.tcpv.wire.TcpOption.Mss(400)).build());
    e.send(1000);
    assertEquals(3, e.last.segments().size());
    assertEquals(400, e.last.segments().get(0).payloadLength());
  }

  @Test
  @DisplayName("S-4, R-CLOSE-1: with deferred output SEND and CLOSE only queue; each output call sends one segment")
  void deferredOutput() {
    Fixture e = Fixture.synSent(DEFAULTS.withDeferOutput(true));
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=1000>");
    e.send(700);
    assertEquals("", e.sent(), "SEND queues");
    assertEquals("send", e.lastAction());
    e.close();
    assertEquals("", e.sent(), "the FIN waits behind the text");
    assertEquals("FIN-WAIT-1", e.state());
    e.output();
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=536>", e.sent());
    assertEquals("sendData", e.lastAction());
    e.output();
    assertEquals("<SEQ=637><ACK=301><CTL=ACK><DATA=164>", e.sent());
    e.output();
    assertEquals("<SEQ=801><ACK=301><CTL=FIN,ACK>", e.sent());
    assertEquals("sendFin", e.lastAction());
    e.output();
    assertEquals("", e.sent(), "nothing waits");
    // An ACK that opens the window lets nothing out by itself either.
    Fixture w = Fixture.synSent(DEFAULTS.withDeferOutput(true));
    w.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=0>");
    w.send(10);
    w.in("<SEQ=301><ACK=101><CTL=ACK><WND=10>");
    assertEquals("", w.sent());
    w.output();
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=10>", w.sent());
    // Without deferOutput the text went out within SEND, and output has nothing left to send.
    Fixture now = Fixture.established(DEFAULTS);
    now.send(10);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=10>", now.sent());
    now.output();
    assertEquals("", now.sent());
  }
}
