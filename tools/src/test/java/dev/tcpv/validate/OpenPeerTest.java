package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.FaultyEngines;
import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.tracefile.TraceProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One-endpoint traces with the peer open ({@link Peer#OPEN}): the segments the observed host takes are given, its
 * own steps are checked as in a fully observed trace. Production runs validate as either end sees them; a change to
 * what the observed host did, or to what it was given, is rejected at that line; each injected engine bug is caught.
 */
class OpenPeerTest {
  private static final TraceValidator OPEN = TraceValidator.forRepository();

  private static Trace observed(long seed, String host) {
    return TraceProjection.observe(Simulator.production(seed).trace(), host);
  }

  private static void assertValid(Trace t) throws Exception {
    Verdict v = OPEN.validate(t);
    Failure f = v.failure();
    assertTrue(v.ok(), () -> t.header().scenario() + ": " + (f == null ? "" : f.render()));
  }

  @Test
  @DisplayName("production runs validate as each of their ends sees it, the peer open")
  void productionRunsValidateFromEitherEnd() throws Exception {
    long events = 0;
    for (long seed = 1; seed <= 60; seed++) {
      for (String host : List.of("A", "B")) {
        Trace t = observed(seed, host);
        assertEquals(List.of(host), t.header().observed());
        assertValid(t);
        events += t.lines().size();
      }
    }
    assertTrue(events > 10_000, "events: " + events);
  }

  /** The index of the first line of {@code t} at or after a third of it that {@code which} accepts. */
  private static int first(Trace t, java.util.function.Predicate<TraceLine> which) {
    for (int i = t.lines().size() / 3; i < t.lines().size(); i++) {
      if (which.test(t.lines().get(i))) {
        return i;
      }
    }
    for (int i = 0; i < t.lines().size(); i++) {
      if (which.test(t.lines().get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code t} with line {@code i} changed by {@code change}. */
  private static Trace with(Trace t, int i, UnaryOperator<TraceLine> change) {
    List<TraceLine> lines = new ArrayList<>(t.lines());
    lines.set(i, change.apply(lines.get(i)));
    return new Trace(t.source(), t.header(), lines);
  }

  private static TraceLine withSeg(TraceLine l, @Nullable SegmentRecord seg) {
    return new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), seg, l.age(), l.dup(), l.sent(), l.tcb());
  }

  private static TraceLine withSent(TraceLine l, List<SegmentRecord> sent) {
    return new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), sent, l.tcb());
  }

  private static SegmentRecord ackPlus(SegmentRecord s, long d) {
    return new SegmentRecord(s.src(), s.seq(), s.ack() + d, s.ctl(), s.len(), s.wnd());
  }

  /** Seed 1's run as A sees it, with line {@code i} changed, rejected at that line; the trace unchanged valid. */
  private static void rejectedAt(Trace t, int i, UnaryOperator<TraceLine> change, String what) throws Exception {
    assertTrue(i >= 0, what + ": no such line");
    assertValid(t);
    Failure f = OPEN.validate(with(t, i, change)).failure();
    if (f == null) {
      throw new AssertionError(what + ": accepted");
    }
    assertEquals(t.lines().get(i).line(), f.line(), what + ": " + f.render());
  }

  /** A production run with data both ways, as {@code host} sees it. */
  private static Trace withData(String host) {
    for (long seed = 1; seed <= 200; seed++) {
      Trace t = observed(seed, host);
      boolean sends = false;
      boolean takes = false;
      for (TraceLine l : t.lines()) {
        SegmentRecord s = l.seg();
        takes |= s != null && s.len() > 0;
        sends |= l.sent().stream().anyMatch(o -> o.len() > 0);
      }
      if (sends && takes && t.lines().size() > 40) {
        return t;
      }
    }
    throw new AssertionError("no production run with data both ways");
  }

  @Test
  @DisplayName("what the observed host sent, changed, is rejected at that line")
  void aChangedSegmentSentIsRejected() throws Exception {
    Trace t = withData("A");
    int i = first(t, l -> !l.sent().isEmpty() && l.sent().get(0).ctl().contains("ACK"));
    rejectedAt(t, i, l -> {
      List<SegmentRecord> sent = new ArrayList<>(l.sent());
      sent.set(0, ackPlus(sent.get(0), 1));
      return withSent(l, sent);
    }, "an ACK one too far");
  }

  @Test
  @DisplayName("the observed host's TCB, changed, is rejected at that line")
  void aChangedTcbIsRejected() throws Exception {
    Trace t = withData("B");
    int i = first(t, l -> {
      TcbRecord r = l.tcb().get("B");
      return r != null && r.vars().containsKey("rcvNxt");
    });
    rejectedAt(t, i, l -> {
      TcbRecord r = l.tcb().get("B");
      Map<String, Long> vars = new LinkedHashMap<>(r == null ? Map.of() : r.vars());
      vars.merge("rcvNxt", 1L, Long::sum);
      return new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), l.sent(),
          Map.of("B", new TcbRecord(r == null ? "CLOSED" : r.st(), vars)));
    }, "RCV.NXT one too far");
  }

  @Test
  @DisplayName("a segment given to the observed host that its step does not answer as the line shows is rejected")
  void aChangedSegmentTakenIsRejected() throws Exception {
    Trace t = withData("A");
    // A segment with text taken in order (RCV.NXT after it is where its text ends): with one octet more, RCV.NXT and
    // the ACK the line shows are one short. (One held out of order would show it only when it is drained.)
    int i = first(t, l -> {
      SegmentRecord s = l.seg();
      TcbRecord r = l.tcb().get("A");
      Long next = r == null ? null : r.vars().get("rcvNxt");
      return s != null && s.len() > 0 && l.action().equals("ReceiveSegment") && next != null
          && next == Math.floorMod(s.seq() + s.len(), 1L << 32);
    });
    rejectedAt(t, i, l -> {
      SegmentRecord s = l.seg();
      return withSeg(l, s == null ? null
          : new SegmentRecord(s.src(), s.seq(), s.ack(), s.ctl(), s.len() + 1, s.wnd()));
    }, "one octet more");
  }

  @Test
  @DisplayName("a segment the observed host takes from itself is none the peer sent: rejected")
  void aSegmentFromTheObservedHostIsRejected() throws Exception {
    Trace t = withData("A");
    int i = first(t, l -> l.seg() != null && l.action().equals("ReceiveSegment"));
    // One A sent before: its own numbers, so that the trace's sequence spaces stay as they were.
    SegmentRecord own = null;
    for (int k = 0; k < i; k++) {
      List<SegmentRecord> sent = t.lines().get(k).sent();
      own = sent.isEmpty() ? own : sent.get(0);
    }
    SegmentRecord mine = own;
    assertTrue(mine != null && mine.src().equals("A"));
    rejectedAt(t, i, l -> withSeg(l, mine), "a segment from A to A");
  }

  @Test
  @DisplayName("a rejection with the peer open names the observed host's actions only, not the peer's")
  void theReportNamesTheObservedHostsActions() throws Exception {
    Trace t = withData("A");
    int i = first(t, l -> !l.sent().isEmpty() && l.sent().get(0).ctl().contains("ACK"));
    List<SegmentRecord> sent = new ArrayList<>(t.lines().get(i).sent());
    sent.set(0, ackPlus(sent.get(0), 1));
    Failure f = OPEN.validate(with(t, i, l -> withSent(l, sent))).failure();
    if (f == null) {
      throw new AssertionError("accepted");
    }
    assertFalse(f.enabled().isEmpty(), f.render());
    for (String e : f.enabled()) {
      assertFalse(e.endsWith("(B)") || e.startsWith(TraceValidator.OPEN_PEER), f.render());
    }
    assertFalse(f.closest().contains("hidden steps"), f.render());
  }

  static List<String> faults() {
    return FaultyEngines.names();
  }

  @ParameterizedTest(name = "injected bug {0} is caught as one end of a production run sees it, the peer open")
  @MethodSource("faults")
  void injectedBugCaught(String fault) throws Exception {
    for (long seed = 1; seed <= 1200; seed++) {
      Trace run = Simulator.production(seed, Simulator.PROD_STEPS, FaultyEngines.with(fault)).trace();
      if (run.lines().equals(Simulator.production(seed).trace().lines())) {
        continue; // The fault never acted: the run is the correct engine's, line for line.
      }
      for (String host : List.of("A", "B")) {
        Failure f = OPEN.validate(TraceProjection.observe(run, host)).failure();
        if (f != null) {
          assertTrue(f.line() >= 2, f.render());
          assertValid(observed(seed, host));
          return;
        }
      }
    }
    throw new AssertionError(fault + " not caught in one-endpoint traces of 1200 production runs");
  }
}
