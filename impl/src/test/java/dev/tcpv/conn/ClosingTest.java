package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CLOSING: both FINs crossed; SND.NXT 102, RCV.NXT 302. */
class ClosingTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("R-CLOSE-3: the ACK of our FIN in CLOSING → TIME-WAIT")
  void finAcked() {
    Fixture e = Fixture.closing(DEFAULTS);
    e.in("<SEQ=302><ACK=102><CTL=ACK>");
    assertEquals("TIME-WAIT", e.state());
    assertEquals("", e.sent());
  }

  @Test
  @DisplayName("R-RST-2: a valid RST in CLOSING → CLOSED without \"connection reset\"; still an abort (MUST-12)")
  void rst() {
    Fixture e = Fixture.closing(DEFAULTS);
    e.in("<SEQ=302><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in CLOSING sends nothing")
  void abort() {
    Fixture e = Fixture.closing(DEFAULTS);
    e.abort();
    assertEquals("", e.sent());
    assertEquals("CLOSED", e.state());
  }
}
