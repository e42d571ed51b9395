package dev.tcpv.conn;

import dev.tcpv.wire.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Two engines, A (port 1000) and B (port 2000), joined by a simulated network with a simulated clock. {@link
 * #runUntilIdle()} delivers every segment in flight (after {@link #latencyMicros}) and fires every due timer,
 * in time order, until nothing is in flight and no timer runs. Hooks drop, duplicate or delay the next segment
 * that matches a predicate. {@link #wire} records every segment sent, in figure notation, as {@code "A: <…>"}.
 */
final class Harness {

  static final int PORT_A = 1000;
  static final int PORT_B = 2000;

  /** A segment in flight. */
  private record Flight(boolean toB, Segment segment, long arrival) {}

  private enum Kind {
    DROP,
    DUPLICATE,
    DELAY
  }

  private record Hook(Kind kind, Predicate<String> matches, long extraMicros) {}

  final Connection a;
  final Connection b;
  final List<String> wire = new ArrayList<>();
  final List<UserEvent> eventsA = new ArrayList<>();
  final List<UserEvent> eventsB = new ArrayList<>();
  long now;
  long latencyMicros = 10_000;
  private final List<Flight> net = new ArrayList<>();
  private final List<Hook> hooks = new ArrayList<>();

  Harness(TcpConfig configA, IsnGenerator isnA, TcpConfig configB, IsnGenerator isnB) {
    a = new Connection(configA, isnA, PORT_A, PORT_B, null);
    b = new Connection(configB, isnB, PORT_B, PORT_A, null);
  }

  Harness(long issA, long issB) {
    this(TcpConfig.defaults(), new FixedIsn(issA), TcpConfig.defaults(), new FixedIsn(issB));
  }

  /** Drops the next segment whose figure notation contains {@code text}. */
  Harness dropNext(String text) {
    hooks.add(new Hook(Kind.DROP, s -> s.contains(text), 0));
    return this;
  }

  /** Delivers the next segment whose figure notation contains {@code text} twice. */
  Harness duplicateNext(String text) {
    hooks.add(new Hook(Kind.DUPLICATE, s -> s.contains(text), 0));
    return this;
  }

  /** Delays the next segment whose figure notation contains {@code text} by {@code extra} (reordering). */
  Harness delayNext(String text, long extraMicros) {
    hooks.add(new Hook(Kind.DELAY, s -> s.contains(text), extraMicros));
    return this;
  }

  /** Takes the output of a call A ({@code fromA}) or B made. */
  ConnResult take(boolean fromA, ConnResult r) {
    (fromA ? eventsA : eventsB).addAll(r.events());
    for (Segment s : r.segments()) {
      String text = Rfc.format(s);
      wire.add((fromA ? "A: " : "B: ") + text);
      long arrival = now + latencyMicros;
      int copies = 1;
      for (int i = 0; i < hooks.size(); i++) {
        Hook h = hooks.get(i);
        if (h.matches().test(text)) {
          hooks.remove(i);
          switch (h.kind()) {
            case DROP -> copies = 0;
            case DUPLICATE -> copies = 2;
            case DELAY -> arrival += h.extraMicros();
          }
          break;
        }
      }
      for (int c = 0; c < copies; c++) {
        net.add(new Flight(fromA, s, arrival));
      }
    }
    return r;
  }

  /** Puts a segment in flight as if {@code fromA} (or B) had sent it, e.g. an old duplicate. */
  void inject(boolean toB, String text, long arrival) {
    int from = toB ? PORT_A : PORT_B;
    int to = toB ? PORT_B : PORT_A;
    net.add(new Flight(toB, Rfc.parse(text, from, to), arrival));
  }

  /** The earliest due thing happens: a delivery or a timer. False when idle. */
  boolean step() {
    @Nullable Flight first = null;
    for (Flight f : net) {
      if (first == null || f.arrival() < first.arrival()) {
        first = f;
      }
    }
    @Nullable Connection timerConn = null;
    @Nullable Timer timer = null;
    long deadline = Long.MAX_VALUE;
    for (Connection c : List.of(a, b)) {
      for (Timer t : Timer.values()) {
        Long d = c.deadline(t);
        if (d != null && d < deadline) {
          deadline = d;
          timer = t;
          timerConn = c;
        }
      }
    }
    if (first != null && first.arrival() <= deadline) {
      net.remove(first);
      now = Math.max(now, first.arrival());
      Connection to = first.toB() ? b : a;
      take(to == a, to.handleSegment(first.segment(), now));
      return true;
    }
    if (timer != null && timerConn != null) {
      now = Math.max(now, deadline);
      take(timerConn == a, timerConn.handleTimeout(timer, now));
      return true;
    }
    return false;
  }

  /** Steps until idle (at most 10,000 steps). */
  Harness runUntilIdle() {
    for (int i = 0; i < 10_000 && step(); i++) {
      // keep going
    }
    return this;
  }

  /** Steps while the next event is due no later than {@code until}. */
  Harness runUntil(long until) {
    while (nextTime() <= until && step()) {
      // keep going
    }
    now = Math.max(now, until);
    return this;
  }

  private long nextTime() {
    long t = Long.MAX_VALUE;
    for (Flight f : net) {
      t = Math.min(t, f.arrival());
    }
    for (Connection c : List.of(a, b)) {
      for (Timer tm : Timer.values()) {
        Long d = c.deadline(tm);
        if (d != null) {
          t = Math.min(t, d);
        }
      }
    }
    return t;
  }

  /** Segments in flight. */
  int inFlight() {
    return net.size();
  }
}
