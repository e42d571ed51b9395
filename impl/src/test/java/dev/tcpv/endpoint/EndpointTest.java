package dev.tcpv.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.Connection;
import dev.tcpv.conn.Policy;
import dev.tcpv.conn.Rfc;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.Timer;
import dev.tcpv.conn.TimerCommand;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.trace.TraceEvent;
import dev.tcpv.wire.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The endpoint, driven segment by segment in the notation of RFC 9293's figures. */
class EndpointTest {

  private static final int LOCAL_IP = 0x0A000001;
  private static final int REMOTE_IP = 0x0A000002;
  private static final int PORT = 80;
  private static final long SECOND = TcpConfig.SECOND;
  private static final TcpConfig DEFAULTS = TcpConfig.defaults();

  private static FourTuple peer(int remotePort) {
    return new FourTuple(LOCAL_IP, PORT, REMOTE_IP, remotePort);
  }

  private static final FourTuple P = peer(5000);

  private Endpoint ep = started(DEFAULTS, false);
  private EndpointResult last = new EndpointResult(List.of(), List.of(), List.of());

  private static Endpoint started(TcpConfig config, boolean quiet) {
    Endpoint e = new Endpoint(config, Seeded.random(42), quiet);
    e.start(0);
    return e;
  }

  /** Another fixture whose endpoint has {@code config} and quiet time {@code quiet}. */
  private static EndpointTest with(TcpConfig config, boolean quiet) {
    EndpointTest t = new EndpointTest();
    t.ep = started(config, quiet);
    return t;
  }

  /** The peer of {@code t} sends {@code text} at {@code now}; returns what the endpoint sent. */
  private String in(FourTuple t, String text, long now) {
    Segment s = Rfc.parse(text, t.remotePort(), t.localPort());
    last = ep.handleSegment(t, s, now);
    return sent();
  }

  private String sent() {
    List<Segment> segs = new ArrayList<>();
    for (EndpointResult.Outgoing o : last.segments()) {
      segs.add(o.segment());
    }
    return Rfc.format(segs);
  }

  /** Our ISS for {@code t} at time {@code now}, as the endpoint's keyed generator draws it. */
  private static long iss(FourTuple t, long now) {
    return KeyedIsnGenerator.isn(KeyedIsnGenerator.Secret.draw(Seeded.random(42)), t, now);
  }

  private static long plus(long seq, long n) {
    return (seq + n) & 0xFFFF_FFFFL;
  }

  /**
   * An active connection to P taken to TIME-WAIT at 1 s: our ISS x from the keyed generator at 0, SND.NXT =
   * x+2, RCV.NXT = 302. Returns x.
   */
  private long toTimeWait() {
    long x = iss(P, 0);
    last = ep.connect(P, 0);
    assertEquals("<SEQ=" + x + "><CTL=SYN>", sent());
    in(P, "<SEQ=300><ACK=" + plus(x, 1) + "><CTL=SYN,ACK>", 10_000);
    assertEquals("ESTABLISHED", ep.state(P));
    last = ep.close(P, 20_000);
    assertEquals("<SEQ=" + plus(x, 1) + "><ACK=301><CTL=FIN,ACK>", sent());
    in(P, "<SEQ=301><ACK=" + plus(x, 2) + "><CTL=FIN,ACK>", SECOND);
    assertEquals("<SEQ=" + plus(x, 2) + "><ACK=302><CTL=ACK>", sent());
    assertEquals("TIME-WAIT", ep.state(P));
    return x;
  }

  @Test
  @DisplayName("DROP_SYN_FIN: a SYN+FIN to a listener, connection or TIME-WAIT is dropped; a closed port answers")
  void dropSynFin() {
    EndpointTest rfc = with(DEFAULTS, false);
    rfc.ep.listen(PORT, 4, DEFAULTS);
    assertTrue(rfc.in(P, "<SEQ=300><CTL=SYN,FIN>", 0).contains("<CTL=SYN,ACK>"), rfc::sent);

    TcpConfig drop = DEFAULTS.withPolicy(Policy.DROP_SYN_FIN, true);
    EndpointTest t = with(drop, false);
    t.ep.listen(PORT, 4, drop);
    assertEquals("", t.in(P, "<SEQ=300><CTL=SYN,FIN>", 0));
    assertEquals(0, t.ep.connectionCount());
    t.toTimeWait();
    assertEquals("", t.in(P, "<SEQ=400><CTL=SYN,FIN>", 2 * SECOND));
    assertEquals("TIME-WAIT", t.ep.state(P));
    // No TCB for this 4-tuple and no listener on its port: CLOSED's rules answer it (R-OPEN-2).
    FourTuple other = new FourTuple(LOCAL_IP, PORT + 1, REMOTE_IP, 5000);
    assertEquals("<SEQ=0><ACK=302><CTL=RST,ACK>", t.in(other, "<SEQ=300><CTL=SYN,FIN>", 2 * SECOND));
  }

  @Test
  @DisplayName("R-OPEN-2: the endpoint drops a RST to a closed port")
  void closedPortRst() {
    assertEquals("", in(P, "<SEQ=5><ACK=7><CTL=RST,ACK>", 0));
    assertEquals("", in(P, "<SEQ=5><CTL=RST>", 0));
    assertEquals(0, ep.connectionCount());
  }

  @Test
  @DisplayName("R-OPEN-2: a closed port answers a segment without ACK with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>")
  void closedPortNoAck() {
    assertEquals("<SEQ=0><ACK=301><CTL=RST,ACK>", in(P, "<SEQ=300><CTL=SYN>", 0));
    assertEquals("<SEQ=0><ACK=311><CTL=RST,ACK>", in(P, "<SEQ=300><CTL=FIN><DATA=10>", 0));
    Segment rst = last.segments().get(0).segment();
    assertEquals(P.localPort(), rst.sourcePort());
    assertEquals(P.remotePort(), rst.destinationPort());
    assertEquals(P, last.segments().get(0).tuple());
    assertEquals(0, ep.connectionCount());
  }

  @Test
  @DisplayName("R-OPEN-2: a closed port answers a segment with ACK with <SEQ=SEG.ACK><CTL=RST>")
  void closedPortAck() {
    assertEquals("<SEQ=77><CTL=RST>", in(P, "<SEQ=300><ACK=77><CTL=ACK><DATA=3>", 0));
    assertEquals("CLOSED", ep.state(P));
  }

  @Test
  @DisplayName("R-OPEN-3: a listener answers an ACK with a RST and keeps no connection for it")
  void listenerAck() {
    ep.listen(PORT, 4);
    assertEquals("<SEQ=77><CTL=RST>", in(P, "<SEQ=300><ACK=77><CTL=ACK>", 0));
    assertEquals("", in(P, "<SEQ=300><CTL=RST>", 0));
    assertEquals(0, ep.connectionCount());
  }

  @Test
  @DisplayName("S-1: the endpoint demultiplexes two handshakes to one listener by 4-tuple")
  void demultiplexes() {
    ep.listen(PORT, 4);
    FourTuple p1 = peer(5001);
    FourTuple p2 = peer(5002);
    long y1 = iss(p1, 0);
    long y2 = iss(p2, 0);
    assertEquals("<SEQ=" + y1 + "><ACK=101><CTL=SYN,ACK>", in(p1, "<SEQ=100><CTL=SYN>", 0));
    assertEquals("<SEQ=" + y2 + "><ACK=701><CTL=SYN,ACK>", in(p2, "<SEQ=700><CTL=SYN>", 0));
    assertEquals(p2, last.segments().get(0).tuple());
    assertEquals("SYN-RECEIVED", ep.state(p1));
    assertNull(ep.accept(PORT), "nothing established yet");
    in(p2, "<SEQ=701><ACK=" + plus(y2, 1) + "><CTL=ACK>", 10_000);
    assertEquals(List.of(new EndpointResult.Event(p2, new UserEvent.Established())), last.events());
    in(p1, "<SEQ=101><ACK=" + plus(y1, 1) + "><CTL=ACK>", 20_000);
    assertEquals("ESTABLISHED", ep.state(p1));
    assertEquals("ESTABLISHED", ep.state(p2));
    assertEquals(p2, ep.accept(PORT));
    assertEquals(p1, ep.accept(PORT));
    assertNull(ep.accept(PORT));
    assertEquals(2, ep.connectionCount());
  }

  @Test
  @DisplayName("A SYN to a listener whose backlog is full is dropped; room returns after accept")
  void backlog() {
    ep.listen(PORT, 1);
    FourTuple p1 = peer(5001);
    FourTuple p2 = peer(5002);
    long y1 = iss(p1, 0);
    in(p1, "<SEQ=100><CTL=SYN>", 0);
    assertEquals("", in(p2, "<SEQ=700><CTL=SYN>", 0), "dropped, no RST");
    assertEquals("CLOSED", ep.state(p2));
    in(p1, "<SEQ=101><ACK=" + plus(y1, 1) + "><CTL=ACK>", 10_000);
    assertEquals("", in(p2, "<SEQ=700><CTL=SYN>", 20_000), "established but not accepted still counts");
    assertEquals(p1, ep.accept(PORT));
    assertTrue(in(p2, "<SEQ=700><CTL=SYN>", 30_000).endsWith("<ACK=701><CTL=SYN,ACK>"));
    assertEquals("SYN-RECEIVED", ep.state(p2));
  }

  @Test
  @DisplayName("R-TW-1: TIME-WAIT moves to the compact table; the Connection object is gone")
  void timeWaitTable() {
    toTimeWait();
    assertEquals(0, ep.connectionCount());
    assertEquals(1, ep.timeWaitCount());
    assertEquals((Object) (241 * SECOND), ep.timeWaitDeadline(P));
    assertTrue(last.timers().contains(
        new EndpointResult.TimerOrder(P, new TimerCommand.Set(Timer.TIME_WAIT, 241 * SECOND))));
  }

  @Test
  @DisplayName("R-TW-1, S-7: a retransmitted FIN in TIME-WAIT is ACKed again and the 2 MSL timer restarts")
  void finRetransmitted() {
    long x = toTimeWait();
    assertEquals("<SEQ=" + plus(x, 2) + "><ACK=302><CTL=ACK>",
        in(P, "<SEQ=301><ACK=" + plus(x, 2) + "><CTL=FIN,ACK>", 60 * SECOND));
    assertEquals((Object) (300 * SECOND), ep.timeWaitDeadline(P));
    assertEquals(List.of(new EndpointResult.TimerOrder(P, new TimerCommand.Set(Timer.TIME_WAIT, 300 * SECOND))),
        last.timers());
    last = ep.handleTimeout(P, Timer.TIME_WAIT, 241 * SECOND);
    assertEquals("TIME-WAIT", ep.state(P), "the old deadline no longer ends it");
    assertEquals(List.of(), last.events());
  }

  @Test
  @DisplayName("R-TW-2: with RFC 1337 a RST in TIME-WAIT is ignored")
  void rstIgnored() {
    toTimeWait();
    assertEquals("", in(P, "<SEQ=302><CTL=RST>", 2 * SECOND));
    assertEquals("TIME-WAIT", ep.state(P));
  }

  @Test
  @DisplayName("R-TW-2: without RFC 1337 a RST at RCV.NXT ends TIME-WAIT")
  void rstEndsWithoutRfc1337() {
    EndpointTest t = with(DEFAULTS.withRfc1337(false), false);
    long x = t.toTimeWait();
    assertEquals("", t.in(P, "<SEQ=302><CTL=RST>", 2 * SECOND));
    assertEquals("CLOSED", t.ep.state(P));
    assertEquals(0, t.ep.timeWaitCount());
  }

  @Test
  @DisplayName("R-TW-3: a SYN above RCV.NXT reopens TIME-WAIT when a listener exists, with ISS above the old SND.NXT")
  void reopen() {
    long x = toTimeWait();
    ep.listen(PORT, 4);
    String synAck = in(P, "<SEQ=900><CTL=SYN>", 2 * SECOND);
    assertTrue(synAck.endsWith("<ACK=901><CTL=SYN,ACK>"), synAck);
    assertEquals("SYN-RECEIVED", ep.state(P));
    assertEquals(0, ep.timeWaitCount());
    long newIss = last.segments().get(0).segment().seq().unsigned();
    long oldSndNxt = plus(x, 2);
    long ahead = (newIss - oldSndNxt) & 0xFFFF_FFFFL;
    assertTrue(ahead > 0 && ahead < (1L << 31), "new ISS " + newIss + " above old SND.NXT " + oldSndNxt);
  }

  @Test
  @DisplayName("R-TW-3: a SYN at or below RCV.NXT, or with no listener, does not reopen TIME-WAIT")
  void noReopen() {
    long x = toTimeWait();
    assertEquals("<SEQ=" + plus(x, 2) + "><ACK=302><CTL=ACK>", in(P, "<SEQ=900><CTL=SYN>", 2 * SECOND),
        "no listener");
    assertEquals("TIME-WAIT", ep.state(P));
    ep.listen(PORT, 4);
    assertEquals("<SEQ=" + plus(x, 2) + "><ACK=302><CTL=ACK>", in(P, "<SEQ=200><CTL=SYN>", 3 * SECOND),
        "SEQ below RCV.NXT");
    assertEquals("TIME-WAIT", ep.state(P));
    EndpointTest off = with(DEFAULTS.withTimeWaitReopen(false), false);
    off.toTimeWait();
    off.ep.listen(PORT, 4);
    off.in(P, "<SEQ=900><CTL=SYN>", 2 * SECOND);
    assertEquals("TIME-WAIT", off.ep.state(P), "policy off");
  }

  @Test
  @DisplayName("R-TW-4: the TIME-WAIT timeout deletes the entry; the 4-tuple is then a closed port")
  void expiry() {
    long x = toTimeWait();
    last = ep.handleTimeout(P, Timer.TIME_WAIT, 100 * SECOND);
    assertEquals("TIME-WAIT", ep.state(P), "too early");
    last = ep.handleTimeout(P, Timer.TIME_WAIT, 241 * SECOND);
    assertEquals(List.of(new EndpointResult.Event(P, new UserEvent.Closed(true))), last.events());
    assertEquals("CLOSED", ep.state(P));
    assertEquals(0, ep.timeWaitCount());
    assertEquals("<SEQ=" + plus(x, 2) + "><CTL=RST>",
        in(P, "<SEQ=302><ACK=" + plus(x, 2) + "><CTL=ACK>", 242 * SECOND), "R-OPEN-2 now");
  }

  /** An endpoint with {@code config} whose connections report their steps to {@code events}. */
  private static EndpointTest traced(TcpConfig config, List<TraceEvent> events) {
    EndpointTest t = new EndpointTest();
    t.ep = new Endpoint(config, Seeded.random(42), false,
        (c, isn, local, remote) -> new Connection(c, isn, local, remote, events::add));
    t.ep.start(0);
    return t;
  }

  private static List<String> actions(List<TraceEvent> events) {
    return events.stream().map(e -> e.action().specName()).toList();
  }

  @Test
  @DisplayName("R-TW-1, R-TW-4: the steps of a TIME-WAIT entry are traced by the connection it is restored into, "
      + "with the variables the entry keeps")
  void tableStepsTraced() {
    List<TraceEvent> events = new ArrayList<>();
    EndpointTest t = traced(DEFAULTS, events);
    long x = t.toTimeWait();
    int entered = events.size();
    assertEquals("TIME-WAIT", events.get(entered - 1).stateAfter());
    assertEquals(Set.of("ISS", "IRS", "SND.UNA", "SND.NXT", "SND.WND", "RCV.NXT"),
        events.get(entered - 1).variables().keySet(), "the connection that entered TIME-WAIT knows them all");
    t.in(P, "<SEQ=301><ACK=" + plus(x, 2) + "><CTL=FIN,ACK>", 60 * SECOND);
    t.last = t.ep.handleTimeout(P, Timer.TIME_WAIT, 300 * SECOND);
    assertEquals("CLOSED", t.ep.state(P));
    List<TraceEvent> table = events.subList(entered, events.size());
    assertEquals(List.of("TimeWaitFinRetransmitted", "TimeWaitTimeout"), actions(table));
    TraceEvent fin = table.get(0);
    assertEquals(List.of("TIME-WAIT", "TIME-WAIT"), List.of(fin.stateBefore(), fin.stateAfter()));
    assertEquals(Map.of("SND.UNA", plus(x, 2), "SND.NXT", plus(x, 2), "RCV.NXT", 302L), fin.variables());
    assertEquals(60 * SECOND, fin.nowMicros());
    assertEquals(1, fin.sent().size());
    TraceEvent end = table.get(1);
    assertEquals(List.of("TIME-WAIT", "CLOSED"), List.of(end.stateBefore(), end.stateAfter()));
    assertEquals(300 * SECOND, end.nowMicros());
  }

  @Test
  @DisplayName("R-TW-3: a reopen of a TIME-WAIT entry is traced, the new incarnation's variables whole")
  void reopenTraced() {
    List<TraceEvent> events = new ArrayList<>();
    EndpointTest t = traced(DEFAULTS, events);
    t.toTimeWait();
    int entered = events.size();
    t.ep.listen(PORT, 4);
    t.in(P, "<SEQ=900><CTL=SYN>", 2 * SECOND);
    List<TraceEvent> table = events.subList(entered, events.size());
    assertEquals(List.of("TimeWaitReopen"), actions(table));
    assertEquals("SYN-RECEIVED", table.get(0).stateAfter());
    Map<String, Long> v = table.get(0).variables();
    assertEquals(List.of(900L, 901L), List.of(v.getOrDefault("IRS", -1L), v.getOrDefault("RCV.NXT", -1L)));
  }

  @Test
  @DisplayName("Only a new connection in CLOSED can be restored into TIME-WAIT")
  void restoreNeedsANewConnection() {
    Connection used = new Connection(DEFAULTS, n -> new SeqNum(7), 1, 2, null);
    used.activeOpen(0);
    assertThrows(IllegalStateException.class,
        () -> used.restoreTimeWait(new SeqNum(9), new SeqNum(9), 100, SECOND));
  }

  @Test
  @DisplayName("R-ISN-1: the endpoint's connections take their ISS from the keyed generator")
  void endpointIss() {
    FourTuple other = peer(6000);
    last = ep.connect(other, 7 * SECOND);
    assertEquals("<SEQ=" + iss(other, 7 * SECOND) + "><CTL=SYN>", sent());
  }

  @Test
  @DisplayName("R-ISN-2: after a restart with quiet time the endpoint sends nothing for MSL")
  void quietTime() {
    EndpointTest q = with(DEFAULTS, true);
    q.ep.start(10 * SECOND);
    assertTrue(q.ep.quiet(10 * SECOND));
    assertEquals("", q.in(P, "<SEQ=300><CTL=SYN>", 11 * SECOND), "no RST while quiet");
    FourTuple other = peer(6000);
    q.last = q.ep.connect(other, 12 * SECOND);
    assertEquals("", q.sent(), "no SYN while quiet");
    assertEquals("SYN-SENT", q.ep.state(other));
    assertEquals("<SEQ=0><ACK=301><CTL=RST,ACK>", q.in(P, "<SEQ=300><CTL=SYN>", 130 * SECOND));
    assertTrue(!q.ep.quiet(130 * SECOND));
  }

  @Test
  @DisplayName("R-ISN-2: quiet time is a policy; without it the endpoint answers at once")
  void noQuietTime() {
    assertTrue(!ep.quiet(0));
    assertEquals("<SEQ=0><ACK=301><CTL=RST,ACK>", in(P, "<SEQ=300><CTL=SYN>", 0));
  }

  /** The deadline of the last {@code Set} of {@code timer} in the last result. */
  private long deadline(Timer timer) {
    long d = -1;
    for (EndpointResult.TimerOrder o : last.timers()) {
      if (o.command() instanceof TimerCommand.Set set && set.timer() == timer) {
        d = set.deadlineMicros();
      }
    }
    assertTrue(d >= 0, timer + " not set");
    return d;
  }

  @Test
  @DisplayName("R-OPEN-10, S-3: a connection's retransmission timer runs through the endpoint; the SYN is resent")
  void synRetransmittedThroughEndpoint() {
    FourTuple other = peer(6000);
    last = ep.connect(other, 0);
    String syn = sent();
    last = ep.handleTimeout(other, Timer.RETRANSMISSION, deadline(Timer.RETRANSMISSION));
    assertEquals(syn, sent());
    assertEquals("SYN-SENT", ep.state(other));
  }

  @Test
  @DisplayName("R-ISN-2: after quiet time the connection's retransmission sends the SYN that quiet time withheld")
  void quietTimeThenRetransmission() {
    EndpointTest q = with(DEFAULTS, true);
    FourTuple other = peer(6000);
    q.last = q.ep.connect(other, 0);
    long due = q.deadline(Timer.RETRANSMISSION);
    while (due < DEFAULTS.mslMicros()) {
      q.last = q.ep.handleTimeout(other, Timer.RETRANSMISSION, due);
      assertEquals("", q.sent(), "quiet at " + due);
      due = q.deadline(Timer.RETRANSMISSION);
    }
    q.last = q.ep.handleTimeout(other, Timer.RETRANSMISSION, due);
    assertEquals("<SEQ=" + iss(other, 0) + "><CTL=SYN>", q.sent());
  }

  @Test
  @DisplayName("R-TW-2, R-RST-1: without RFC 1337, with RFC 5961, an in-window RST off RCV.NXT draws a challenge ACK")
  void rstChallengedWithoutRfc1337() {
    EndpointTest t = with(DEFAULTS.withRfc1337(false), false);
    long x = t.toTimeWait();
    assertEquals("<SEQ=" + plus(x, 2) + "><ACK=302><CTL=ACK>", t.in(P, "<SEQ=310><CTL=RST>", 2 * SECOND));
    assertEquals("TIME-WAIT", t.ep.state(P));
  }

  @Test
  @DisplayName("R-OPEN-7: a RST in a passive SYN-RECEIVED returns the listener's slot; the backlog has room again")
  void resetFreesBacklog() {
    ep.listen(PORT, 1);
    FourTuple p1 = peer(5001);
    long y1 = iss(p1, 0);
    in(p1, "<SEQ=100><CTL=SYN>", 0);
    assertEquals("", in(p1, "<SEQ=101><ACK=" + plus(y1, 1) + "><CTL=RST,ACK>", 10_000));
    assertEquals("CLOSED", ep.state(p1));
    assertEquals(0, ep.connectionCount());
    assertTrue(in(peer(5002), "<SEQ=700><CTL=SYN>", 20_000).endsWith("<CTL=SYN,ACK>"));
  }

  @Test
  @DisplayName("R-SEQ-4: data for a TIME-WAIT entry is answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>")
  void dataInTimeWaitAcked() {
    long x = toTimeWait();
    assertEquals("<SEQ=" + plus(x, 2) + "><ACK=302><CTL=ACK>",
        in(P, "<SEQ=302><ACK=" + plus(x, 2) + "><CTL=ACK><DATA=5>", 2 * SECOND));
    assertEquals("", in(P, "<SEQ=302><ACK=" + plus(x, 2) + "><CTL=ACK>", 3 * SECOND), "a bare ACK at RCV.NXT");
  }
}
