package dev.tcpv.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.Rfc;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.Timer;
import dev.tcpv.conn.TimerCommand;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.wire.Segment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The endpoint's ABORT, CLOSE of a listener, and per-socket policies (what the socket calls of scripts use). */
class EndpointUserCallsTest {
  private static final int LOCAL_IP = 0x0A000001;
  private static final int REMOTE_IP = 0x0A000002;
  private static final FourTuple P = new FourTuple(LOCAL_IP, 80, REMOTE_IP, 5000);
  private static final FourTuple Q = new FourTuple(LOCAL_IP, 80, REMOTE_IP, 5001);
  private static final long SECOND = TcpConfig.SECOND;

  private final Endpoint ep = new Endpoint(TcpConfig.defaults(), Seeded.random(7), false);
  private EndpointResult last = new EndpointResult(List.of(), List.of(), List.of());

  private String in(FourTuple t, String text, long now) {
    last = ep.handleSegment(t, Rfc.parse(text, t.remotePort(), t.localPort()), now);
    return sent();
  }

  private String sent() {
    List<Segment> segs = new ArrayList<>();
    for (EndpointResult.Outgoing o : last.segments()) {
      segs.add(o.segment());
    }
    return Rfc.format(segs);
  }

  private static long iss(FourTuple t, long now) {
    return KeyedIsnGenerator.isn(KeyedIsnGenerator.Secret.draw(Seeded.random(7)), t, now);
  }

  private List<UserEvent> events() {
    List<UserEvent> out = new ArrayList<>();
    for (EndpointResult.Event e : last.events()) {
      out.add(e.event());
    }
    return out;
  }

  @Test
  @DisplayName("R-RST-3: ABORT of an established connection sends <SEQ=SND.NXT><CTL=RST> and deletes the TCB")
  void abortEstablished() {
    ep.start(0);
    long x = iss(P, 0);
    last = ep.connect(P, 0);
    in(P, "<SEQ=300><ACK=" + ((x + 1) & 0xFFFF_FFFFL) + "><CTL=SYN,ACK>", 1000);
    last = ep.abort(P, 2000);
    assertEquals("<SEQ=" + ((x + 1) & 0xFFFF_FFFFL) + "><CTL=RST>", sent());
    assertEquals("CLOSED", ep.state(P));
    assertEquals(0, ep.connectionCount());
  }

  @Test
  @DisplayName("R-RST-3: ABORT in TIME-WAIT sends nothing and deletes the TIME-WAIT entry; ABORT of nothing does nothing")
  void abortTimeWait() {
    ep.start(0);
    long x = iss(P, 0);
    last = ep.connect(P, 0);
    in(P, "<SEQ=300><ACK=" + ((x + 1) & 0xFFFF_FFFFL) + "><CTL=SYN,ACK>", 1000);
    last = ep.close(P, 2000);
    in(P, "<SEQ=301><ACK=" + ((x + 2) & 0xFFFF_FFFFL) + "><CTL=FIN,ACK>", 3000);
    assertEquals("TIME-WAIT", ep.state(P));
    last = ep.abort(P, 4000);
    assertEquals("", sent());
    assertEquals(List.of(new UserEvent.Closed(false)), events());
    assertEquals("CLOSED", ep.state(P));
    assertEquals(0, ep.timeWaitCount());
    last = ep.abort(P, 5000);
    assertEquals("", sent());
    assertEquals(List.of(), events());
  }

  @Test
  @DisplayName("R-OPEN-3, R-RST-3: CLOSE of a listener forgets a connection in the handshake, aborts one not accepted")
  void unlisten() {
    ep.start(0);
    ep.listen(80, 2);
    long p = iss(P, 0);
    in(P, "<SEQ=100><CTL=SYN>", 0);
    in(P, "<SEQ=101><ACK=" + ((p + 1) & 0xFFFF_FFFFL) + "><CTL=ACK>", 1000);
    assertEquals("ESTABLISHED", ep.state(P));
    in(Q, "<SEQ=500><CTL=SYN>", 2000);
    assertEquals("SYN-RECEIVED", ep.state(Q));
    last = ep.unlisten(80, 3000);
    assertEquals("<SEQ=" + ((p + 1) & 0xFFFF_FFFFL) + "><CTL=RST>", sent());
    assertEquals("CLOSED", ep.state(P));
    assertEquals("CLOSED", ep.state(Q));
    assertEquals(0, ep.connectionCount());
    // No listener now: a SYN meets CLOSED (R-OPEN-2).
    assertEquals("<SEQ=0><ACK=701><CTL=RST,ACK>", in(P, "<SEQ=700><CTL=SYN>", 4000));
  }

  @Test
  @DisplayName("R-KA-1: a listener's and a connect's own policies reach their connections, not the endpoint's")
  void perSocketConfig() {
    ep.start(0);
    TcpConfig keepAlive = TcpConfig.defaults().withKeepAlive(true).withKeepAliveTiming(10 * SECOND, SECOND, 2);
    long x = iss(P, 0);
    last = ep.connect(P, keepAlive, 0);
    in(P, "<SEQ=300><ACK=" + ((x + 1) & 0xFFFF_FFFFL) + "><CTL=SYN,ACK>", 1000);
    boolean armed = false;
    for (EndpointResult.TimerOrder o : last.timers()) {
      armed |= o.command() instanceof TimerCommand.Set s && s.timer() == Timer.KEEPALIVE;
    }
    assertTrue(armed, "keep-alive timer armed: " + last.timers());
    ep.listen(81, 1, keepAlive.withReceiveWindow(1000));
    FourTuple r = new FourTuple(LOCAL_IP, 81, REMOTE_IP, 6000);
    String synAck = in(r, "<SEQ=100><CTL=SYN>", 0);
    assertTrue(synAck.endsWith("<CTL=SYN,ACK>"), synAck);
    assertEquals(1000, last.segments().get(0).segment().window());
  }
}
