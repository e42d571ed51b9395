package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcpv.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-CC-1 (MUST-19): RFC 5681 congestion control with RFC 6582 fast recovery. The fixture's peer announces no MSS,
 * so SMSS is 536 octets (MUST-15) and the initial window 4 x 536 = 2,144 octets; its window is 65,535.
 */
class CongestionControlTest {

  private static final TcpConfig CC = TcpConfig.defaults();
  private static final int SMSS = TcpConfig.DEFAULT_SEND_MSS;
  private static final long SECOND = TcpConfig.SECOND;
  /** A duplicate of the handshake's ACK: SEG.ACK = SND.UNA = 101, no text, the same window. */
  private static final String DUP = "<SEQ=301><ACK=101><CTL=ACK>";

  private static long sentOctets(Fixture e) {
    return e.last.segments().stream().mapToLong(s -> s.payloadLength()).sum();
  }

  private static List<String> actions(Fixture e, int from) {
    return e.trace.subList(from, e.trace.size()).stream().map(TraceEvent::action).map(Action::methodName).toList();
  }

  @Test
  @DisplayName("R-CC-1: the initial window of RFC 5681 §3.1 (4 x SMSS up to 1,095 octets) limits the first flight")
  void initialWindow() {
    assertEquals(4 * 536, CongestionControl.initialWindow(536));
    assertEquals(3 * 1460, CongestionControl.initialWindow(1460));
    assertEquals(2 * 4000, CongestionControl.initialWindow(4000));
    Fixture e = Fixture.established(CC);
    e.send(10_000);
    assertEquals(4, e.last.segments().size(), e.sent());
    assertEquals(4 * SMSS, sentOctets(e));
  }

  @Test
  @DisplayName("R-CC-1: without congestion control the whole offered window goes out at once")
  void withoutCongestionControlTheWindowGoesAtOnce() {
    Fixture e = Fixture.established(CC.withCongestionControl(false));
    e.send(10_000);
    assertEquals(10_000, sentOctets(e));
  }

  @Test
  @DisplayName("R-CC-1: in slow start an ACK of N new octets opens cwnd by min(N, SMSS)")
  void slowStart() {
    Fixture e = Fixture.established(CC);
    e.send(10_000);
    e.in("<SEQ=301><ACK=" + (101 + SMSS) + "><CTL=ACK>");
    assertEquals(5 * SMSS, e.conn.cwnd());
    assertEquals(2 * SMSS, sentOctets(e), "one SMSS acknowledged and one more allowed: two segments");
    e.in("<SEQ=301><ACK=" + (101 + SMSS + 100) + "><CTL=ACK>");
    assertEquals(5 * SMSS + 100, e.conn.cwnd(), "100 octets acknowledged open cwnd by 100");
  }

  @Test
  @DisplayName("R-CC-1: above ssthresh cwnd grows by SMSS x SMSS / cwnd per ACK (congestion avoidance)")
  void congestionAvoidance() {
    Fixture e = Fixture.established(CC);
    e.send(100_000);
    e.fire(Timer.RETRANSMISSION);
    assertEquals(2 * SMSS, e.conn.ssthresh(), "max(FlightSize / 2, 2 x SMSS) with 2,144 octets in flight");
    assertEquals(SMSS, e.conn.cwnd(), "the loss window");
    e.in("<SEQ=301><ACK=" + (101 + SMSS) + "><CTL=ACK>");
    assertEquals(2 * SMSS, e.conn.cwnd(), "slow start up to ssthresh");
    e.in("<SEQ=301><ACK=" + (101 + 2 * SMSS) + "><CTL=ACK>");
    assertEquals(2 * SMSS + SMSS / 2, e.conn.cwnd(), "SMSS x SMSS / cwnd = 268");
  }

  @Test
  @DisplayName("R-CC-1: a timeout resends one segment and lets no new text out until the loss window opens")
  void timeoutCollapsesTheWindow() {
    Fixture e = Fixture.established(CC);
    e.send(10_000);
    e.fire(Timer.RETRANSMISSION);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=536>", e.sent());
    e.in("<SEQ=301><ACK=" + (101 + SMSS) + "><CTL=ACK>");
    assertEquals("", e.sent(), "cwnd 1,072 is below the 1,608 octets still in flight");
    Fixture without = Fixture.established(CC.withCongestionControl(false));
    without.send(3000);
    without.fire(Timer.RETRANSMISSION);
    without.in("<SEQ=301><ACK=" + (101 + SMSS) + "><CTL=ACK>");
    assertEquals(0, sentOctets(without), "all 3,000 octets went out at once, nothing is left to send");
  }

  @Test
  @DisplayName("R-CC-1: the third duplicate ACK resends the oldest text before the timer (FastRetransmit)")
  void thirdDuplicateAckFastRetransmits() {
    Fixture e = Fixture.established(CC);
    e.send(10_000);
    Long timer = e.conn.deadline(Timer.RETRANSMISSION);
    e.in(DUP);
    e.in(DUP);
    assertEquals("", e.sent(), "two duplicates resend nothing");
    int before = e.trace.size();
    e.in(DUP);
    assertEquals("<SEQ=101><ACK=301><CTL=ACK><DATA=536>", Rfc.format(e.last.segments().subList(0, 1)));
    assertEquals(List.of("receiveSegment", "fastRetransmit", "sendData"), actions(e, before),
        "cwnd = ssthresh + 3 x SMSS = 2,680 lets one new segment out after the resend");
    assertEquals(timer, e.conn.deadline(Timer.RETRANSMISSION), "the timer runs on (the spec's FastRetransmit)");
    assertEquals(2 * SMSS, e.conn.ssthresh());
    e.in(DUP);
    assertEquals(SMSS, sentOctets(e), "each further duplicate opens cwnd by SMSS: one more segment");
  }

  @Test
  @DisplayName("R-CC-1: an ACK of all sent before the loss ends recovery; a partial ACK resends the next hole")
  void newRenoRecovery() {
    Fixture e = Fixture.established(CC);
    e.send(10_000);
    for (int i = 0; i < 3; i++) {
      e.in(DUP);
    }
    // recover = 2,245 (SND.NXT when recovery began); SND.NXT is now 2,781.
    int before = e.trace.size();
    e.in("<SEQ=301><ACK=" + (101 + 2 * SMSS) + "><CTL=ACK>");
    assertEquals("<SEQ=" + (101 + 2 * SMSS) + "><ACK=301><CTL=ACK><DATA=536>",
        Rfc.format(e.last.segments().subList(0, 1)), "a partial ACK: the next hole at once");
    assertEquals("fastRetransmit", actions(e, before).get(1));
    e.in("<SEQ=301><ACK=2245><CTL=ACK>");
    assertFalse(actions(e, before).subList(2, actions(e, before).size()).contains("fastRetransmit"));
    assertEquals(2 * SMSS, e.conn.cwnd(), "min(ssthresh, max(FlightSize, SMSS) + SMSS) = 1,072");
  }

  @Test
  @DisplayName("R-CC-1: a segment with text, another window, or a zero window is no duplicate ACK")
  void notDuplicates() {
    for (String other : List.of("<SEQ=301><ACK=101><CTL=ACK><DATA=1>", "<SEQ=301><ACK=101><CTL=ACK><WND=60000>")) {
      Fixture e = Fixture.established(CC);
      e.send(10_000);
      int before = e.trace.size();
      for (int i = 0; i < 3; i++) {
        e.in(other.contains("DATA") ? other.replace("SEQ=301", "SEQ=" + (301 + i)) : other);
      }
      assertFalse(actions(e, before).contains("fastRetransmit"), other);
    }
    Fixture z = Fixture.established(CC);
    z.in("<SEQ=301><ACK=101><CTL=ACK><WND=0>");
    z.send(10);
    z.fire(Timer.RETRANSMISSION);
    int before = z.trace.size();
    for (int i = 0; i < 3; i++) {
      z.in("<SEQ=301><ACK=101><CTL=ACK><WND=0>");
    }
    assertFalse(actions(z, before).contains("fastRetransmit"), "answers to a window probe");
  }

  @Test
  @DisplayName("R-CC-1: after an idle period longer than the RTO, cwnd restarts from the initial window (§4.1)")
  void restartAfterIdle() {
    Fixture e = Fixture.established(CC);
    e.send(2 * SMSS);
    e.in("<SEQ=301><ACK=" + (101 + 2 * SMSS) + "><CTL=ACK>");
    assertEquals(5 * SMSS, e.conn.cwnd(), "one ACK opens cwnd by one SMSS at most (RFC 3465, L = 1 SMSS)");
    e.now += 500_000;
    e.send(10 * SMSS);
    assertEquals(5 * SMSS, sentOctets(e), "idle less than the RTO: cwnd kept");
    e.in("<SEQ=301><ACK=" + (101 + 7 * SMSS) + "><CTL=ACK>");
    assertEquals(6 * SMSS, e.conn.cwnd());
    assertEquals(5 * SMSS, sentOctets(e), "the rest of the text");
    e.in("<SEQ=301><ACK=" + (101 + 12 * SMSS) + "><CTL=ACK>");
    e.now += 2 * SECOND;
    e.send(10 * SMSS);
    assertEquals(4 * SMSS, sentOctets(e), "idle 2 s, longer than the 1 s RTO: the initial window again");
    assertEquals(4 * SMSS, e.conn.cwnd(), "cwnd was 7 x SMSS before the idle period");
  }
}
