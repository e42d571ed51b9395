package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.sim.ConnectionFactory;
import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.Timers;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.tracefile.TraceReader;
import dev.tcpv.tracefile.TraceWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real time (spec/README.md, "Real time"): traces whose lines carry microseconds and no Tick lines, checked at a
 * resolution of one millisecond against timer bounds. The traces are simulated runs (20 s between events) written
 * as a stack with a millisecond clock would write them: no Tick lines, ISS values taken as observed, R2 as a time.
 */
class RealTimeTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();
  private static final long MS = 1_000;
  /** R2 of the simulated engines: (MaxRetries + 1) x RTO. */
  private static final long R2 = (Simulator.MAX_RETRIES + 1L) * Simulator.RTO * Simulator.TICK_MICROS;

  /** {@code t} as a millisecond-clock stack writes it: no Tick lines, observed ISS values, R2 as a time. */
  static Trace realTime(Trace t) {
    TraceHeader h = t.header();
    TraceHeader r = new TraceHeader(h.observed(), h.seqMod(), h.msl(), MS, "observed", h.isnRate(), 0, 0, h.rcvWnd(),
        h.mss(),
        h.sendMax(), h.reads(), h.timers().withR2(Bounds.exactly(R2), Bounds.exactly(R2), -1), h.rfc5961(),
        h.rfc1337(), h.twReopen(), h.inject(), h.seed(), h.scenario());
    List<TraceLine> lines = new ArrayList<>();
    for (TraceLine l : t.lines()) {
      if (!l.action().equals("Tick")) {
        lines.add(l);
      }
    }
    return new Trace(t.source(), r, lines);
  }

  private static Trace withHeader(Trace t, TraceHeader h) {
    return new Trace(t.source(), h, t.lines());
  }

  /** {@code t} with line {@code i} moved {@code micros} earlier. */
  private static Trace earlier(Trace t, int i, long micros) {
    List<TraceLine> lines = new ArrayList<>(t.lines());
    TraceLine l = lines.get(i);
    lines.set(i, new TraceLine(l.line(), l.action(), l.host(), l.t() - micros, l.rules(), l.seg(), l.age(), l.dup(),
        l.sent(), l.tcb(), l.octets()));
    return new Trace(t.source(), t.header(), lines);
  }

  private static void assertValid(Trace t) throws Exception {
    assertValid(VALIDATOR, t);
  }

  private static void assertValid(TraceValidator validator, Trace t) throws Exception {
    Verdict v = validator.validate(t);
    Failure f = v.failure();
    assertTrue(v.ok(), () -> t.header().scenario() + ": " + (f == null ? "" : f.render()));
  }

  /** A seed's real-time trace with a line matching {@code p} that is at least 1 ms after the line before it. */
  private record Found(Trace trace, int index) {}

  private static Found find(boolean reads, Predicate<TraceLine> p) {
    return find(reads, p, false);
  }

  /** The same, and with {@code roomAfter} also at least 1 ms before the line after it. */
  private static Found find(boolean reads, Predicate<TraceLine> p, boolean roomAfter) {
    for (long seed = 1; seed < 2_000; seed++) {
      Trace t = realTime(Simulator.simulate(seed, 300, ConnectionFactory.ENGINE, reads ? 3 : 1, reads).trace());
      List<TraceLine> lines = t.lines();
      for (int i = 1; i < lines.size(); i++) {
        boolean room = !roomAfter || i + 1 < lines.size() && lines.get(i + 1).t() - lines.get(i).t() >= MS;
        if (p.test(lines.get(i)) && lines.get(i).t() - lines.get(i - 1).t() >= MS && room) {
          return new Found(t, i);
        }
      }
    }
    throw new AssertionError("no seed has such a line");
  }

  @Test
  @DisplayName("simulated runs validate in real time: no Tick lines, 1 ms ticks, R2 as a time, observed ISS values")
  void realTimeTracesValidate() throws Exception {
    int gaps = 0;
    for (long seed = 1; seed <= 48; seed++) {
      Trace t = realTime(Simulator.simulate(seed, 300, ConnectionFactory.ENGINE, 1 + (int) (seed % 3), seed % 2 == 0)
          .trace());
      assertValid(t);
      gaps += TickedTrace.of(t).gaps().size();
    }
    assertTrue(gaps > 48, "gaps of time checked: " + gaps);
  }

  @Test
  @DisplayName("one-endpoint projections of real-time runs validate, the peer open and the spec's, searched with the "
      + "peer's timeouts inside gaps of time")
  void oneEndpointInRealTime() throws Exception {
    int inside = 0;
    long[][] cases = {{1, 0}, {1, 1}, {2, 0}, {2, 1}, {3, 0}, {4, 0}, {4, 1}, {5, 0}, {6, 0}, {6, 1}};
    for (long[] c : cases) {
      Trace full = realTime(Simulator.simulate(c[0], 120, ConnectionFactory.ENGINE, 1, false).trace());
      String host = c[1] == 0 ? "A" : "B";
      Trace one = dev.tcpv.tracefile.TraceProjection.observe(full, host);
      assertValid(one);
      assertValid(VALIDATOR.withPeer(Peer.SPEC), one);
      // A peer timeout strictly between two of the observed host's lines: the search split that gap.
      long last = -1;
      boolean pending = false;
      for (TraceLine l : full.lines()) {
        if (host.equals(l.host())) {
          inside += pending && l.t() > last ? 1 : 0;
          pending = false;
          last = l.t();
        } else if (l.host() != null && l.action().contains("Timeout") && last >= 0 && l.t() > last) {
          pending = true;
        }
      }
    }
    assertTrue(inside > 0, "no peer timeout falls inside a gap of these runs");
  }

  @Test
  @DisplayName("a gap of hours costs one step: the same trace with its gaps a thousand times longer has as many steps")
  void longGapsCostOneStep() throws Exception {
    Trace t = realTime(Simulator.simulate(5, 300, ConnectionFactory.ENGINE, 1, false).trace());
    List<TraceLine> slow = new ArrayList<>();
    for (TraceLine l : t.lines()) {
      slow.add(new TraceLine(l.line(), l.action(), l.host(), l.t() * 1000, l.rules(), l.seg(), l.age() * 1000,
          l.dup(), l.sent(), l.tcb(), l.octets()));
    }
    TraceHeader h = t.header();
    Timers m = h.timers();
    Bounds r2 = m.r2();
    Bounds r2Syn = m.r2Syn();
    Timers slowTimers = new Timers(times1000(m.rto()), m.backoff(), m.maxRetries(),
        r2 == null ? null : times1000(r2), r2Syn == null ? null : times1000(r2Syn), times1000(m.timeWait()),
        m.keepAlive(), times1000(m.kaIdle()), times1000(m.kaInterval()), m.kaProbes());
    TraceHeader slowHeader = new TraceHeader(h.observed(), h.seqMod(), h.msl() * 1000, h.tickMicros() * 1000,
        h.isn(), h.isnRate(), 0, 0, h.rcvWnd(), h.mss(), h.sendMax(), h.reads(), slowTimers, h.rfc5961(),
        h.rfc1337(), h.twReopen(), h.inject(), h.seed(), h.scenario());
    Trace s = new Trace(t.source(), slowHeader, slow);
    assertTrue(s.lines().get(s.lines().size() - 1).t() > 3_600_000_000L, "the slow trace spans hours");
    assertEquals(TickedTrace.of(t).trace().lines().size(), TickedTrace.of(s).trace().lines().size());
    assertValid(s);
  }

  @Test
  @DisplayName("R-TW-1: a TIME-WAIT that ends one millisecond before 2 x MSL is rejected at that line")
  void timeWaitOneMillisecondShort() throws Exception {
    Failure x = movedAndRejected("TimeWaitTimeout", MS);
    assertTrue(x.closest().contains("TimeWaitTimeout") && x.closest().contains("TimeWaitLo"), x.render());
  }

  @Test
  @DisplayName("R-TO-1: a retransmission one millisecond earlier than the RTO's lower bound is rejected at that line")
  void retransmissionTooEarly() throws Exception {
    Failure x = movedAndRejected("RetransmitTimeout", MS);
    assertTrue(x.closest().contains("RtoExpired"), x.render());
  }

  @Test
  @DisplayName("R-TO-1, R-TW-1: a timeout one millisecond after its greatest delay is rejected at that line: the "
      + "time that passed before it could not pass with the timer still running")
  void timeoutTooLate() throws Exception {
    for (String action : List.of("RetransmitTimeout", "TimeWaitTimeout")) {
      Failure x = movedAndRejected(action, -MS);
      String timer = action.equals("TimeWaitTimeout") ? "TIME-WAIT must end" : "retransmission timer must fire";
      assertTrue(x.event().contains("tick(s) pass before the line") && x.closest().contains(timer), x.render());
    }
  }

  @Test
  @DisplayName("R-TO-2: a connection that goes on retransmitting after R2 is rejected at that retransmission")
  void keptOpenAfterR2() throws Exception {
    Found f = find(false, l -> l.action().equals("GiveUp"));
    assertValid(f.trace());
    // The stack gave up at the third timeout (300 s); with an R2 of 200 s the second retransmission is too late.
    Bounds shorter = Bounds.exactly(R2 - Simulator.RTO * Simulator.TICK_MICROS);
    TraceHeader h = f.trace().header();
    Trace t = withHeader(f.trace(), h.withTimers(h.timers().withR2(shorter, shorter, -1)));
    Verdict v = VALIDATOR.validate(t);
    Failure x = v.failure();
    if (x == null) {
      throw new AssertionError("kept open after R2 but accepted");
    }
    TraceLine at = lineNumbered(t, x.line());
    assertEquals("RetransmitTimeout", at.action(), x.render());
    assertTrue(x.closest().contains("BeforeR2"), x.render());
  }

  @Test
  @DisplayName("R-TO-2: with R2 a count (the header's maxRetries), one retransmission too many is rejected")
  void countedR2() throws Exception {
    Found f = find(false, l -> l.action().equals("GiveUp"));
    TraceHeader h = f.trace().header();
    Trace counted = withHeader(f.trace(), h.withTimers(h.timers().withR2(null, null, Simulator.MAX_RETRIES)));
    assertValid(counted);
    Trace fewer = withHeader(f.trace(), h.withTimers(h.timers().withR2(null, null, Simulator.MAX_RETRIES - 1)));
    assertFalse(VALIDATOR.validate(fewer).ok());
  }

  @Test
  @DisplayName("a trace whose time goes back, or spans more ticks than TLC's integers hold, is refused in one line")
  void badTimesRefused() throws Exception {
    Trace t = realTime(Simulator.simulate(5, 300, ConnectionFactory.ENGINE, 1, false).trace());
    int i = 1;
    while (t.lines().get(i - 1).t() == 0 || t.lines().get(i).seg() != null) {
      i++;
    }
    long before = t.lines().get(i - 1).t();
    String back = text(earlier(t, i, t.lines().get(i).t() - before + 1));
    TraceFormatException e = assertThrows(TraceFormatException.class,
        () -> TraceReader.read("back.ndjson", new StringReader(back)));
    assertEquals("back.ndjson:" + (i + 2) + ": time goes back, to " + (before - 1) + " us from " + before + " us",
        e.getMessage());
    String late = text(earlier(t, t.lines().size() - 1, -(1L << 40)));
    e = assertThrows(TraceFormatException.class, () -> TraceReader.read("late.ndjson", new StringReader(late)));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("late.ndjson:") && message.endsWith("give the trace a longer tickMicros")
        && !message.contains("\n"), message);
    assertThrows(IllegalArgumentException.class, () -> VALIDATOR.validate(earlier(t, t.lines().size() - 1,
        -(1L << 40))), "an in-memory trace is refused too");
  }

  private static String text(Trace t) throws Exception {
    StringWriter w = new StringWriter();
    new TraceWriter(w).trace(t);
    return w.toString();
  }

  private static Bounds times1000(Bounds b) {
    return new Bounds(b.min() * 1000, b.max() * 1000);
  }

  /**
   * The failure of a valid trace's first {@code action} line moved {@code micros} earlier (later when negative),
   * which must be rejected at that line.
   */
  private static Failure movedAndRejected(String action, long micros) throws Exception {
    Found f = find(false, l -> l.action().equals(action), micros < 0);
    assertValid(f.trace());
    return rejected(VALIDATOR.validate(earlier(f.trace(), f.index(), micros)), f.trace().lines().get(f.index()));
  }

  private static Failure rejected(Verdict v, TraceLine expected) {
    Failure x = v.failure();
    if (x == null) {
      throw new AssertionError("accepted");
    }
    assertEquals(expected.line(), x.line(), x.render());
    return x;
  }

  private static TraceLine lineNumbered(Trace t, int n) {
    for (TraceLine l : t.lines()) {
      if (l.line() == n) {
        return l;
      }
    }
    throw new AssertionError("no line " + n);
  }
}
