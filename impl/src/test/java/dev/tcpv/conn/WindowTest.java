package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Advertised windows: RECEIVE calls, the zero window, its probe, and the window update rule (R-WND-1, R-WND-2). */
class WindowTest {

  /** A reading receiver without silly-window avoidance (SillyWindowTest has it): the window opens by what is read. */
  private static final TcpConfig READS =
      TcpConfig.defaults().withUserReads(true).withReceiveWindow(10).withSwsAvoidance(false);

  /** The window field of the only segment the last call sent. */
  private static int sentWindow(Fixture e) {
    assertEquals(1, e.last.segments().size(), e.sent());
    return e.last.segments().get(0).window();
  }

  private static long sndWnd(Fixture e) {
    Long w = e.conn.state().variables().get("SND.WND");
    if (w == null) {
      throw new AssertionError("no SND.WND in " + e.state());
    }
    return w;
  }

  @Test
  @DisplayName("R-WND-2: with RECEIVE calls text waits in the buffer and closes the window; its right edge stays")
  void textClosesTheWindow() {
    Fixture e = Fixture.established(READS);
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=4>");
    assertEquals("<SEQ=101><ACK=305><CTL=ACK>", e.sent());
    assertEquals(6, sentWindow(e));
    assertEquals(List.of(), e.last.events(), "nothing reaches the user before it reads");
    assertEquals(4, e.conn.unread());
    assertEquals(6, e.conn.rcvWnd(), "RCV.NXT + RCV.WND is 311 before and after");
  }

  @Test
  @DisplayName("R-WND-2: a RECEIVE hands over what waits, at most what was asked, and opens the window by as much")
  void receiveOpensTheWindow() {
    Fixture e = Fixture.established(READS);
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=4>");
    e.receive(3);
    assertEquals(List.of(new UserEvent.DataDelivered(new byte[] {0, 1, 2})), e.last.events());
    assertEquals("receive", e.lastAction());
    assertEquals(3, e.trace.get(e.trace.size() - 1).octets());
    assertEquals(9, e.conn.rcvWnd());
    assertEquals("", e.sent(), "an opening of 3 is below min(buffer / 2, MSS): no window update");
    e.receive(5);
    assertEquals(List.of(new UserEvent.DataDelivered(new byte[] {3})), e.last.events());
    assertEquals(0, e.conn.unread());
  }

  @Test
  @DisplayName("R-WND-1: a RECEIVE that opens a closed window announces it with a window update")
  void zeroWindowUpdate() {
    Fixture e = Fixture.established(READS);
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=10>");
    assertEquals(0, sentWindow(e));
    e.in("<SEQ=311><ACK=101><CTL=ACK><DATA=1>");
    assertEquals("<SEQ=101><ACK=311><CTL=ACK>", e.sent(), "no room: the octet is refused (R-SEQ-3)");
    assertEquals("rejectUnacceptable", e.lastAction());
    e.receive(2);
    assertEquals("<SEQ=101><ACK=311><CTL=ACK>", e.sent());
    assertEquals(2, sentWindow(e));
  }

  @Test
  @DisplayName("R-WND-2: RECEIVE with nothing waiting does nothing; without user reads nothing ever waits")
  void receiveWithNothingWaiting() {
    Fixture e = Fixture.established(TcpConfig.defaults());
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=4>");
    assertEquals(List.of(new UserEvent.DataDelivered(new byte[] {0, 1, 2, 3})), e.last.events());
    int traced = e.trace.size();
    e.receive(10);
    assertEquals(List.of(), e.last.events());
    assertEquals(traced, e.trace.size(), "no step");
    assertThrows(IllegalArgumentException.class, () -> e.receive(0));
  }

  @Test
  @DisplayName("R-WND-1, MUST-36, MUST-37: the persist timer probes a closed window, and answers keep it open past R2")
  void probeKeepsTheConnectionOpen() {
    Fixture e = Fixture.synSent(TcpConfig.defaults());
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=0>");
    e.send(5);
    e.fire(Timer.RETRANSMISSION);
    assertEquals("windowProbe", e.lastAction());
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=1>", e.sent());
    long start = e.now;
    while (e.now - start < 10 * TcpConfig.defaults().r2Micros()) {
      e.fire(Timer.RETRANSMISSION);
      assertEquals("retransmitTimeout", e.lastAction(), "the probe's octet is retransmitted as any text is");
      e.in("<SEQ=301><ACK=101><CTL=ACK><WND=0>");
      assertEquals("ESTABLISHED", e.state());
    }
    e.in("<SEQ=301><ACK=102><CTL=ACK><WND=10>");
    assertEquals("<SEQ=102><ACK=301><CTL=ACK><DATA=4>", e.sent(), "the window opens: the rest goes out");
  }

  @Test
  @DisplayName("R-TO-2: a probe nobody answers still runs into R2")
  void unansweredProbeGivesUp() {
    Fixture e = Fixture.synSent(TcpConfig.defaults());
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=0>");
    e.send(5);
    for (int i = 0; i < 20 && !e.state().equals("CLOSED"); i++) {
      e.fire(Timer.RETRANSMISSION);
    }
    assertEquals("CLOSED", e.state());
    assertEquals("giveUp", e.lastAction());
  }

  @Test
  @DisplayName("R-WND-1 (interpretation 9): an ACK that moves SND.UNA updates the window, even with an older SEQ")
  void advancingAckUpdatesTheWindow() {
    Fixture e = Fixture.established(TcpConfig.defaults());
    // The peer's text at 301 is lost; its next segment, an ACK at 303, sets SND.WL1 = 303.
    e.in("<SEQ=303><ACK=101><CTL=ACK><WND=10>");
    e.send(5);
    assertEquals(10, sndWnd(e));
    // The peer's retransmission of its text carries its newer ACK and window; SEG.SEQ 301 < SND.WL1 303.
    e.in("<SEQ=301><ACK=106><CTL=ACK><DATA=2><WND=4>");
    assertEquals(4, sndWnd(e), "SND.UNA + SND.WND = 110, the edge the peer offers; the RFC's test alone says 116");
  }

  @Test
  @DisplayName("R-WND-1: an older segment that does not move SND.UNA does not undo a newer window")
  void olderSegmentLeavesTheWindow() {
    Fixture e = Fixture.established(TcpConfig.defaults());
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=2><WND=10>");
    e.in("<SEQ=303><ACK=101><CTL=ACK><WND=20>");
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=2><WND=10>");
    assertEquals(20, sndWnd(e), "SND.WL1 = 303 > SEG.SEQ: the duplicate's window is older");
  }

  @Test
  @DisplayName("S-4: the sender keeps within the peer's window and sends more when it opens")
  void flowControl() {
    Fixture e = Fixture.synSent(TcpConfig.defaults());
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=10>");
    e.send(25);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=10>", e.sent());
    e.in("<SEQ=301><ACK=111><CTL=ACK><WND=20>");
    assertEquals("<SEQ=111><ACK=301><CTL=ACK><DATA=15>", e.sent());
  }

  @Test
  @DisplayName("S-4: against a zero window the sender probes with one octet when the timer fires")
  void zeroWindowProbe() {
    Fixture e = Fixture.synSent(TcpConfig.defaults());
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK><WND=0>");
    e.send(5);
    assertEquals("", e.sent());
    e.fire(Timer.RETRANSMISSION);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=1>", e.sent());
  }
}
