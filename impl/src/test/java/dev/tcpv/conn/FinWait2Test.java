package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** FIN-WAIT-2: our FIN is acknowledged; SND.NXT 102, RCV.NXT 301. */
class FinWait2Test {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  @Test
  @DisplayName("R-CLOSE-2, S-6: a FIN in FIN-WAIT-2 → TIME-WAIT, acknowledged, 2 MSL timer started")
  void fin() {
    Fixture e = Fixture.finWait2(DEFAULTS);
    e.in("<SEQ=301><ACK=102><CTL=FIN,ACK>");
    assertEquals("TIME-WAIT", e.state());
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", e.sent());
    assertEquals(List.of(new TimerCommand.Set(Timer.TIME_WAIT, 240 * TcpConfig.SECOND)), e.last.timers());
  }

  @Test
  @DisplayName("R-CLOSE-4, S-6: half-closed: FIN-WAIT-2 still receives and acknowledges text")
  void halfClose() {
    Fixture e = Fixture.finWait2(DEFAULTS);
    e.in("<SEQ=301><ACK=102><CTL=ACK><DATA=3>");
    assertEquals("<SEQ=102><ACK=304><CTL=ACK>", e.sent());
    assertEquals("FIN-WAIT-2", e.state());
  }

  @Test
  @DisplayName("R-RST-2: a valid RST in FIN-WAIT-2 is \"connection reset\", CLOSED")
  void rst() {
    Fixture e = Fixture.finWait2(DEFAULTS);
    e.in("<SEQ=301><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of(new UserEvent.ConnectionReset(), new UserEvent.Closed(false)), e.last.events());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in FIN-WAIT-2 sends <SEQ=SND.NXT><CTL=RST>")
  void abort() {
    Fixture e = Fixture.finWait2(DEFAULTS);
    e.abort();
    assertEquals("<SEQ=102><CTL=RST>", e.sent());
  }
}
