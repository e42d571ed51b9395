package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TIME-WAIT: SND.NXT 102, RCV.NXT 302, entered at time 0. */
class TimeWaitTest {

  private static final TcpConfig DEFAULTS = TcpConfig.defaults();
  private static final long SECOND = TcpConfig.SECOND;

  /** TIME-WAIT whose ISN generator gives 100 for the first incarnation and {@code reopenIsn} next. */
  private static Fixture timeWait(TcpConfig config, long reopenIsn) {
    Fixture e = new Fixture(config, 100, reopenIsn);
    e.activeOpen();
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    e.close();
    e.in("<SEQ=301><ACK=102><CTL=FIN,ACK>");
    assertEquals("TIME-WAIT", e.state());
    return e;
  }

  @Test
  @DisplayName("R-TW-1, R-TW-4, MUST-13: TIME-WAIT lasts 2 × MSL, then the TCB is deleted, gracefully")
  void lasts2Msl() {
    Fixture e = Fixture.timeWait(DEFAULTS);
    e.fire(Timer.TIME_WAIT);
    assertEquals(240 * SECOND, e.now);
    assertEquals("CLOSED", e.state());
    assertEquals("timeWaitTimeout", e.lastAction());
    assertEquals(List.of(new UserEvent.Closed(true)), e.last.events());
  }

  @Test
  @DisplayName("R-TW-1: MSL is a policy knob")
  void mslKnob() {
    Fixture e = Fixture.timeWait(DEFAULTS.withMslMicros(SECOND));
    assertEquals(String.valueOf(2 * SECOND), String.valueOf(e.conn.deadline(Timer.TIME_WAIT)));
  }

  @Test
  @DisplayName("R-TW-1, S-7: a retransmitted FIN in TIME-WAIT is acknowledged and the 2 MSL timer restarts")
  void finRetransmitted() {
    Fixture e = Fixture.timeWait(DEFAULTS);
    e.now = 100 * SECOND;
    e.in("<SEQ=301><ACK=102><CTL=FIN,ACK>");
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", e.sent());
    assertEquals("timeWaitFinRetransmitted", e.lastAction());
    assertEquals(List.of(new TimerCommand.Set(Timer.TIME_WAIT, 340 * SECOND)), e.last.timers());
  }

  @Test
  @DisplayName("R-TW-2: with RFC 1337 a RST in TIME-WAIT is ignored")
  void rstIgnored() {
    Fixture e = Fixture.timeWait(DEFAULTS);
    e.in("<SEQ=302><CTL=RST>");
    assertEquals("TIME-WAIT", e.state());
    assertEquals("", e.sent());
  }

  @Test
  @DisplayName("R-TW-2: with RFC 1337 off a RST ends TIME-WAIT")
  void rstWithout1337() {
    Fixture e = Fixture.timeWait(DEFAULTS.withRfc1337(false));
    e.in("<SEQ=302><CTL=RST>");
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("R-TW-3: a SYN above RCV.NXT reopens into SYN-RECEIVED with the generator's ISS when it is higher")
  void reopenWithClockIss() {
    Fixture e = timeWait(DEFAULTS, 5000);
    e.in("<SEQ=1000><CTL=SYN>");
    assertEquals("SYN-RECEIVED", e.state());
    assertEquals("<SEQ=5000><ACK=1001><CTL=SYN,ACK>", e.sent());
    assertTrue(((TcpState.SynReceived) e.conn.state()).passive());
    assertEquals("timeWaitReopen", e.lastAction());
  }

  @Test
  @DisplayName("R-TW-3: when the generator's ISS is not above the old SND.NXT, ISS = SND.NXT + 1 + a window")
  void reopenAboveOldSequence() {
    Fixture e = timeWait(DEFAULTS, 50);
    e.in("<SEQ=1000><CTL=SYN>");
    assertEquals("<SEQ=" + (102 + 1 + 65535) + "><ACK=1001><CTL=SYN,ACK>", e.sent());
  }

  @Test
  @DisplayName("R-TW-3, R-RST-4: a SYN at or below RCV.NXT does not reopen (challenge ACK with RFC 5961)")
  void noReopenBelow() {
    Fixture e = timeWait(DEFAULTS, 5000);
    e.in("<SEQ=302><CTL=SYN>");
    assertEquals("TIME-WAIT", e.state());
    assertEquals("<SEQ=102><ACK=302><CTL=ACK>", e.sent());
    e.in("<SEQ=200><CTL=SYN>");
    assertEquals("TIME-WAIT", e.state());
  }

  @Test
  @DisplayName("R-TW-3: with the reopen policy off, TIME-WAIT does not reopen")
  void reopenOff() {
    Fixture e = timeWait(DEFAULTS.withTimeWaitReopen(false), 5000);
    e.in("<SEQ=1000><CTL=SYN>");
    assertEquals("TIME-WAIT", e.state());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in TIME-WAIT sends nothing and deletes the TCB")
  void abort() {
    Fixture e = Fixture.timeWait(DEFAULTS);
    e.abort();
    assertEquals("", e.sent());
    assertEquals("CLOSED", e.state());
  }

  @Test
  @DisplayName("§3.10.2: SEND in TIME-WAIT returns \"connection closing\"")
  void sendClosing() {
    Fixture e = Fixture.timeWait(DEFAULTS);
    assertEquals(CallError.CONNECTION_CLOSING, e.send(1).error());
  }
}
