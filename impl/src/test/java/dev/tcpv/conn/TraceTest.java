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
    Endpoint e = new Endpoint();
    e.activeOpen();
    TraceEvent t = e.trace.get(0);
    assertEquals("activeOpen", t.action());
    assertEquals(List.of("R-OPEN-1"), t.ruleIds());
    assertEquals("CLOSED", t.stateBefore());
    assertEquals("SYN-SENT", t.stateAfter());
    assertEquals(Map.of("ISS", 100L, "SND.UNA", 100L, "SND.NXT", 101L), t.variables());
  }

  @Test
  @DisplayName("S-1, S-4, S-6: the spec actions of a connection's life, in order")
  void actionsInOrder() {
    Endpoint e = Endpoint.established(TcpConfig.defaults());
    e.send(5);
    e.in("<SEQ=301><ACK=106><CTL=FIN,ACK>");
    e.close();
    e.in("<SEQ=302><ACK=107><CTL=ACK>");
    assertEquals(
        List.of(
            "activeOpen", "segmentArrivesSynSent", "send", "sendData", "receiveFin", "close", "receiveSegment"),
        e.trace.stream().map(TraceEvent::action).toList());
    assertEquals("LAST-ACK", e.trace.get(e.trace.size() - 1).stateBefore());
    assertEquals("CLOSED", e.trace.get(e.trace.size() - 1).stateAfter());
  }

  @Test
  @DisplayName("S-4: a SEND's event says how many octets the call queued; no other event takes any")
  void sendOctets() {
    Endpoint e = Endpoint.established(TcpConfig.defaults());
    e.send(5);
    e.send(1);
    List<Integer> octets = e.trace.stream().filter(t -> t.action().equals("send")).map(TraceEvent::octets).toList();
    assertEquals(List.of(5, 1), octets);
    assertEquals(0, e.trace.stream().filter(t -> !t.action().equals("send")).mapToInt(TraceEvent::octets).sum());
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
