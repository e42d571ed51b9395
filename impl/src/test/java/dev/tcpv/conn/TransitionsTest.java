package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.Transitions.Entry;
import dev.tcpv.wire.Segment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The table's transitions that the conformance models do not drive (the user timeout, ABORT in TIME-WAIT, giving
 * up on data or after a simultaneous open, the keep-alive giving up) are taken by the engine, each as the table
 * says. (A RST in TIME-WAIT without RFC 1337 is TimeWaitTest's.)
 */
class TransitionsTest {
  private final Set<String> taken = new TreeSet<>();

  /** Two engines and what each sent the other, delivered only on request. */
  private final class Pair {
    final Connection a;
    final Connection b;
    final Deque<Segment> toA = new ArrayDeque<>();
    final Deque<Segment> toB = new ArrayDeque<>();

    Pair(TcpConfig config) {
      a = new Connection(config, new FixedIsn(100, 5000), 1, 2,
          e -> record(e.stateBefore(), e.action().methodName(), e.stateAfter()));
      b = new Connection(config, new FixedIsn(300, 7000), 2, 1,
          e -> record(e.stateBefore(), e.action().methodName(), e.stateAfter()));
    }

    void fromA(ConnResult r) {
      toB.addAll(r.segments());
    }

    void fromB(ConnResult r) {
      toA.addAll(r.segments());
    }

    void deliverAll() {
      while (!toA.isEmpty() || !toB.isEmpty()) {
        if (!toB.isEmpty()) {
          fromB(b.handleSegment(toB.removeFirst(), 0));
        }
        if (!toA.isEmpty()) {
          fromA(a.handleSegment(toA.removeFirst(), 0));
        }
      }
    }

    void drop() {
      toA.clear();
      toB.clear();
    }

    Pair established() {
      fromB(b.passiveOpen(0));
      fromA(a.activeOpen(0));
      deliverAll();
      assertEquals("ESTABLISHED", a.state().rfcName());
      assertEquals("ESTABLISHED", b.state().rfcName());
      return this;
    }
  }

  private void record(String before, String action, String after) {
    if (!before.equals(after)) {
      taken.add(before + " " + action + " " + after);
    }
  }

  private static void fire(Connection c, Timer timer) {
    Long deadline = c.deadline(timer);
    if (deadline == null) {
      throw new AssertionError(timer + " not running in " + c.state());
    }
    c.handleTimeout(timer, deadline);
  }

  private static void giveUp(Connection c) {
    String before = c.state().rfcName();
    for (int i = 0; i < 100 && c.state().rfcName().equals(before); i++) {
      fire(c, Timer.RETRANSMISSION);
    }
  }

  @Test
  void theTransitionsOutsideTheModelsAreTakenAsTheTableSays() {
    TcpConfig d = TcpConfig.defaults();
    Pair p = new Pair(d);
    p.a.activeOpen(0);
    fire(p.a, Timer.USER_TIMEOUT);
    p = new Pair(d);
    p.fromB(p.b.passiveOpen(0));
    p.fromA(p.a.activeOpen(0));
    p.fromB(p.b.handleSegment(p.toB.removeFirst(), 0));
    fire(p.b, Timer.USER_TIMEOUT);
    p = new Pair(d).established();
    p.a.send(new byte[] {1, 2, 3}, 0);
    fire(p.a, Timer.USER_TIMEOUT);
    p = new Pair(d).established();
    p.a.close(0);
    fire(p.a, Timer.USER_TIMEOUT);
    p = new Pair(d).established();
    p.fromA(p.a.close(0));
    p.fromB(p.b.handleSegment(p.toB.removeFirst(), 0));
    p.drop();
    p.b.send(new byte[] {1}, 0);
    assertEquals("CLOSE-WAIT", p.b.state().rfcName());
    fire(p.b, Timer.USER_TIMEOUT);
    p = new Pair(d).established();
    p.fromA(p.a.close(0));
    p.fromB(p.b.close(0));
    p.fromA(p.a.handleSegment(p.toA.removeFirst(), 0));
    assertEquals("CLOSING", p.a.state().rfcName());
    fire(p.a, Timer.USER_TIMEOUT);
    p = new Pair(d).established();
    p.fromA(p.a.close(0));
    p.fromB(p.b.handleSegment(p.toB.removeFirst(), 0));
    p.drop();
    p.b.close(0);
    assertEquals("LAST-ACK", p.b.state().rfcName());
    fire(p.b, Timer.USER_TIMEOUT);
    p = new Pair(d).established();
    p.fromA(p.a.close(0));
    p.deliverAll();
    p.fromB(p.b.close(0));
    p.deliverAll();
    assertEquals("TIME-WAIT", p.a.state().rfcName());
    p.a.abort(0);
    // Giving up on data (R2) in ESTABLISHED and CLOSE-WAIT.
    p = new Pair(d).established();
    p.a.send(new byte[] {1}, 0);
    giveUp(p.a);
    p = new Pair(d).established();
    p.fromA(p.a.close(0));
    p.fromB(p.b.handleSegment(p.toB.removeFirst(), 0));
    p.drop();
    p.b.send(new byte[] {1}, 0);
    giveUp(p.b);
    // Giving up in SYN-RECEIVED after a simultaneous open; the keep-alive giving up in ESTABLISHED, CLOSE-WAIT.
    p = new Pair(d);
    p.fromA(p.a.activeOpen(0));
    p.fromB(p.b.activeOpen(0));
    p.fromA(p.a.handleSegment(p.toA.removeFirst(), 0));
    assertEquals("SYN-RECEIVED", p.a.state().rfcName());
    giveUp(p.a);
    p = new Pair(d.withKeepAlive(true)).established();
    while (p.a.state() instanceof TcpState.Established) {
      fire(p.a, Timer.KEEPALIVE);
    }
    p = new Pair(d.withKeepAlive(true)).established();
    p.fromA(p.a.close(0));
    p.fromB(p.b.handleSegment(p.toB.removeFirst(), 0));
    p.drop();
    while (p.b.state() instanceof TcpState.CloseWait) {
      fire(p.b, Timer.KEEPALIVE);
    }
    assertTrue(taken.containsAll(Set.of("ESTABLISHED giveUp CLOSED", "CLOSE-WAIT giveUp CLOSED")), taken.toString());
    Set<String> triples = new TreeSet<>();
    for (String t : taken) {
      String[] f = t.split(" ");
      String triple = Transitions.triple(f[0], Transitions.event(f[1]), f[2]);
      Entry e = Transitions.table().stream().filter(x -> x.triple().equals(triple)).findFirst()
          .orElseThrow(() -> new AssertionError(t + " is no entry of the table"));
      assertTrue(e.actions().contains(f[1]), t + ": the entry does not list " + f[1]);
      triples.add(triple);
    }
    for (String s : new String[] {"SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSE-WAIT", "CLOSING",
        "LAST-ACK"}) {
      assertTrue(triples.contains(s + " --USER TIMEOUT--> CLOSED"), s + " " + triples);
    }
    assertTrue(triples.contains("TIME-WAIT --ABORT--> CLOSED"), triples.toString());
    assertTrue(triples.contains("ESTABLISHED --RETRANSMISSION TIMEOUT--> CLOSED"), triples.toString());
    assertTrue(triples.contains("CLOSE-WAIT --RETRANSMISSION TIMEOUT--> CLOSED"), triples.toString());
    assertTrue(triples.contains("SYN-RECEIVED --RETRANSMISSION TIMEOUT--> CLOSED"), triples.toString());
    assertTrue(triples.contains("ESTABLISHED --KEEP-ALIVE TIMEOUT--> CLOSED"), triples.toString());
    assertTrue(triples.contains("CLOSE-WAIT --KEEP-ALIVE TIMEOUT--> CLOSED"), triples.toString());
  }
}
