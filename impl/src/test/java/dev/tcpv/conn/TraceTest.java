package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpv.seq.SeqNum;
import dev.tcpv.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The trace: one event per spec action, with the spec's names, the rule IDs and the TCB after the step. */
class TraceTest {

  @Test
  @DisplayName("R-OPEN-1: activeOpen is traced with its rule, CLOSED → SYN-SENT and ISS, SND.UNA, SND.NXT")
  void activeOpenEvent() {
    Fixture e = new Fixture();
    e.activeOpen();
    TraceEvent t = e.trace.get(0);
    assertEquals(Action.ACTIVE_OPEN, t.action());
    assertEquals(List.of("R-OPEN-1"), t.ruleIds());
    assertEquals("CLOSED", t.stateBefore());
    assertEquals("SYN-SENT", t.stateAfter());
    assertEquals(Map.of("ISS", 100L, "SND.UNA", 100L, "SND.NXT", 101L), t.variables());
  }

  @Test
  @DisplayName("S-1, S-4, S-6: the spec actions of a connection's life, in order")
  void actionsInOrder() {
    Fixture e = Fixture.established(TcpConfig.defaults());
    e.send(5);
    e.in("<SEQ=301><ACK=106><CTL=FIN,ACK>");
    e.close();
    e.in("<SEQ=302><ACK=107><CTL=ACK>");
    assertEquals(
        List.of(Action.ACTIVE_OPEN, Action.SEGMENT_ARRIVES_SYN_SENT, Action.SEND, Action.SEND_DATA,
            Action.RECEIVE_FIN, Action.CLOSE, Action.RECEIVE_SEGMENT),
        e.trace.stream().map(TraceEvent::action).toList());
    assertEquals("LAST-ACK", e.trace.get(e.trace.size() - 1).stateBefore());
    assertEquals("CLOSED", e.trace.get(e.trace.size() - 1).stateAfter());
  }

  @Test
  @DisplayName("S-4: a SEND's event says how many octets the call queued; no other event takes any")
  void sendOctets() {
    Fixture e = Fixture.established(TcpConfig.defaults());
    e.send(5);
    e.send(1);
    List<Integer> octets = e.trace.stream().filter(t -> t.action() == Action.SEND).map(TraceEvent::octets).toList();
    assertEquals(List.of(5, 1), octets);
    assertEquals(0, e.trace.stream().filter(t -> t.action() != Action.SEND).mapToInt(TraceEvent::octets).sum());
  }

  /** The rule IDs of the last event. */
  private static List<String> lastRules(Fixture e) {
    return e.trace.get(e.trace.size() - 1).ruleIds();
  }

  @Test
  @DisplayName("R-RST-1, R-RST-2, R-OPEN-7, R-TW-2: a reset is tagged by the state it ends, R-TW-2 only where RFC 1337 "
      + "keeps TIME-WAIT")
  void resetTags() {
    Fixture established = Fixture.established(TcpConfig.defaults());
    established.in("<SEQ=301><CTL=RST>");
    assertEquals("CLOSED", established.state());
    assertEquals(List.of("R-RST-1", "R-RST-2"), lastRules(established));

    Fixture passive = Fixture.synReceivedPassive(TcpConfig.defaults());
    passive.in("<SEQ=301><CTL=RST>");
    assertEquals("LISTEN", passive.state());
    assertEquals(List.of("R-RST-1", "R-OPEN-7"), lastRules(passive));

    Fixture kept = Fixture.timeWait(TcpConfig.defaults());
    kept.in("<SEQ=302><CTL=RST>");
    assertEquals("TIME-WAIT", kept.state());
    assertEquals(List.of("R-TW-2"), lastRules(kept));

    Fixture assassinated = Fixture.timeWait(TcpConfig.defaults().withRfc1337(false));
    assassinated.in("<SEQ=302><CTL=RST>");
    assertEquals("CLOSED", assassinated.state());
    assertEquals(List.of("R-RST-1"), lastRules(assassinated));
  }

  @Test
  @DisplayName("R-SEQ-5: a RST taken through a closed window says so")
  void resetThroughClosedWindow() {
    Fixture e = Fixture.established(TcpConfig.defaults().withUserReads(true).withReceiveWindow(2));
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=2>");
    assertEquals(0, e.conn.rcvWnd());
    e.in("<SEQ=303><CTL=RST>");
    assertEquals("CLOSED", e.state());
    assertEquals(List.of("R-RST-1", "R-RST-2", "R-SEQ-5"), lastRules(e));
  }

  @Test
  @DisplayName("R-SEQ-2, R-SEQ-6, R-WND-1, S-4, R-CLOSE-4: an arrival is tagged with the checks it went through")
  void arrivalTags() {
    Fixture noAck = Fixture.established(TcpConfig.defaults());
    noAck.in("<SEQ=301><DATA=1>");
    assertEquals(List.of("R-SEQ-2"), lastRules(noAck));

    Fixture above = Fixture.established(TcpConfig.defaults());
    above.in("<SEQ=301><ACK=200><CTL=ACK>");
    assertEquals(List.of("R-SEQ-6"), lastRules(above));

    Fixture same = Fixture.established(TcpConfig.defaults());
    same.in("<SEQ=301><ACK=101><CTL=ACK>");
    assertEquals(List.of("R-SEQ-2"), lastRules(same));

    Fixture moved = Fixture.established(TcpConfig.defaults());
    moved.in("<SEQ=301><ACK=101><CTL=ACK><WND=100>");
    assertEquals(List.of("R-SEQ-2", "R-WND-1"), lastRules(moved));

    Fixture text = Fixture.established(TcpConfig.defaults());
    text.in("<SEQ=301><ACK=101><CTL=ACK><DATA=2>");
    assertEquals(List.of("R-SEQ-2", "S-4"), lastRules(text));

    Fixture halfClosed = Fixture.finWait2(TcpConfig.defaults());
    halfClosed.in("<SEQ=301><ACK=102><CTL=ACK><DATA=2>");
    assertEquals(List.of("R-SEQ-2", "S-4", "R-CLOSE-4"), lastRules(halfClosed));

    Fixture closing = Fixture.closing(TcpConfig.defaults());
    closing.in("<SEQ=302><ACK=101><CTL=ACK>");
    assertEquals("CLOSING", closing.state());
    assertEquals(List.of("R-SEQ-2"), lastRules(closing));
  }

  @Test
  @DisplayName("R-OPEN-10, S-3, R-TO-1, S-4: a retransmission is tagged by what it resends")
  void retransmissionTags() {
    Fixture syn = Fixture.synSent(TcpConfig.defaults());
    syn.fire(Timer.RETRANSMISSION);
    assertEquals(List.of("R-OPEN-10", "S-3"), lastRules(syn));

    Fixture text = Fixture.established(TcpConfig.defaults());
    text.send(5);
    text.fire(Timer.RETRANSMISSION);
    assertEquals("retransmitTimeout", text.lastAction());
    assertEquals(List.of("R-TO-1", "S-4"), lastRules(text));

    Fixture fin = Fixture.finWait1(TcpConfig.defaults());
    fin.fire(Timer.RETRANSMISSION);
    assertEquals(List.of("R-TO-1"), lastRules(fin));
  }

  @Test
  @DisplayName("R-WND-2, R-WND-1: a RECEIVE is tagged R-WND-1 only when it sends a window update")
  void receiveTags() {
    // The receiver's silly-window avoidance off: the read of one octet opens the window by one.
    Fixture e = Fixture.established(
        TcpConfig.defaults().withUserReads(true).withReceiveWindow(4).withSwsAvoidance(false));
    e.in("<SEQ=301><ACK=101><CTL=ACK><DATA=1>");
    e.receive(1);
    assertEquals("", e.sent());
    assertEquals(List.of("R-WND-2"), lastRules(e));
    e.in("<SEQ=302><ACK=101><CTL=ACK><DATA=4>");
    e.receive(4);
    assertEquals("<SEQ=101><ACK=306><CTL=ACK>", e.sent());
    assertEquals(List.of("R-WND-2", "R-WND-1"), lastRules(e));
  }

  @Test
  @DisplayName("R-OPEN-6, R-TW-4, R-TW-1: simultaneous open and the TIME-WAIT timeout carry rules.md IDs only")
  void simultaneousOpenAndTimeWaitTags() {
    Fixture e = Fixture.synReceivedActive(TcpConfig.defaults());
    assertEquals("simultaneousOpen", e.lastAction());
    assertEquals(List.of("R-OPEN-6"), lastRules(e));
    Fixture t = Fixture.timeWait(TcpConfig.defaults());
    t.fire(Timer.TIME_WAIT);
    assertEquals(List.of("R-TW-4", "R-TW-1"), lastRules(t));
  }

  @Test
  @DisplayName("§3.3.2: every state prints in RFC spelling")
  void rfcNames() {
    SeqVars v = SeqVars.afterSyn(SeqNum.of(1), SeqNum.of(1), SeqNum.of(2), SeqNum.of(9), 10);
    List<TcpState> states =
        List.of(
            new TcpState.Closed(),
            new TcpState.Listen(),
            new TcpState.SynSent(SeqNum.of(1), SeqNum.of(1), SeqNum.of(2)),
            new TcpState.SynReceived(true, v),
            new TcpState.Established(v),
            new TcpState.FinWait1(v),
            new TcpState.FinWait2(v),
            new TcpState.CloseWait(v),
            new TcpState.Closing(v),
            new TcpState.LastAck(v),
            new TcpState.TimeWait(v));
    assertEquals(
        List.of(
            "CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2",
            "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"),
        states.stream().map(TcpState::rfcName).toList());
    assertEquals("CLOSED", new TcpState.Closed().toString());
  }
}
