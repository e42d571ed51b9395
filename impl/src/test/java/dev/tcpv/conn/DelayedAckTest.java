package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Delayed ACKs (R-ACK-1: {@link TcpConfig#delayedAckMicros}, SHLD-18, SHLD-19, MUST-40), off in the engine as it
 * ships and in the spec's models. ESTABLISHED with SND.NXT 101 and RCV.NXT 301; the delay 40 ms.
 */
class DelayedAckTest {

  private static final long DELAY = 40_000;
  private static final TcpConfig DELAYED = TcpConfig.defaults().withDelayedAckMicros(DELAY);

  @Test
  @DisplayName("Off by default: in-order text is acknowledged at once")
  void offByDefault() {
    assertEquals(0, TcpConfig.defaults().delayedAckMicros());
    Fixture e = Fixture.established(TcpConfig.defaults());
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("<SEQ=101><ACK=311><CTL=ACK>", e.sent());
    assertNull(e.conn.deadline(Timer.DELAYED_ACK));
  }

  @Test
  @DisplayName("R-ACK-1 (SHLD-18, MUST-40): the ACK of in-order text waits, and goes out when the delay ends")
  void waitsThenGoes() {
    Fixture e = Fixture.established(DELAYED);
    e.now = 1_000;
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("", e.sent());
    assertEquals(List.of(new TimerCommand.Set(Timer.DELAYED_ACK, 1_000 + DELAY)), e.last.timers());
    int before = e.trace.size();
    e.fire(Timer.DELAYED_ACK);
    assertEquals("<SEQ=101><ACK=311><CTL=ACK>", e.sent());
    assertEquals("ESTABLISHED", e.state());
    // One step of its own, the spec's DelayedAck, with the ACK it sent.
    assertEquals(before + 1, e.trace.size());
    dev.tcpv.trace.TraceEvent step = e.trace.get(before);
    assertEquals(Action.DELAYED_ACK, step.action());
    assertEquals("DelayedAck", step.action().specName());
    assertEquals(List.of("R-ACK-1"), step.ruleIds());
    assertEquals(1, step.sent().size());
  }

  @Test
  @DisplayName("R-ACK-1 (SHLD-19): a second segment of text while an ACK waits is acknowledged at once")
  void everySecondSegment() {
    Fixture e = Fixture.established(DELAYED);
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=10>");
    e.in("<SEQ=311><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("<SEQ=101><ACK=321><CTL=ACK>", e.sent());
    assertEquals(List.of(new TimerCommand.Cancel(Timer.DELAYED_ACK)), e.last.timers());
  }

  @Test
  @DisplayName("A segment we send carries the waiting ACK and stops the timer")
  void ridesOnData() {
    Fixture e = Fixture.established(DELAYED);
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=10>");
    e.send(5);
    assertEquals("<SEQ=101><ACK=311><CTL=ACK><DATA=5>", e.sent());
    assertNull(e.conn.deadline(Timer.DELAYED_ACK));
  }

  @Test
  @DisplayName("A FIN, text beyond a gap, or a segment outside the window is acknowledged at once")
  void notDelayed() {
    Fixture fin = Fixture.established(DELAYED);
    fin.in("<SEQ=301><ACK=101><CTL=FIN,ACK><DATA=10>");
    assertEquals("<SEQ=101><ACK=312><CTL=ACK>", fin.sent());
    Fixture gap = Fixture.established(DELAYED);
    gap.in("<SEQ=311><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", gap.sent());
    Fixture old = Fixture.established(DELAYED);
    old.in("<SEQ=200><ACK=101><CTL=ACK><DATA=10>");
    assertEquals("<SEQ=101><ACK=301><CTL=ACK>", old.sent());
  }

  @Test
  @DisplayName("MUST-40: a delay of 0.5 s or more is refused")
  void boundedBelowHalfASecond() {
    assertThrows(IllegalArgumentException.class, () -> TcpConfig.defaults().withDelayedAckMicros(500_000));
    assertEquals(499_999, TcpConfig.defaults().withDelayedAckMicros(499_999).delayedAckMicros());
  }
}
