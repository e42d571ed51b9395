package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.SeqSpace;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.tracefile.TraceReader;
import dev.tcpv.tracefile.TraceWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Traces of full 32-bit sequence numbers: a simulated trace moved to the top of TCP's sequence space, so that its
 * ISS values lie within 1,000 of 2^32 and its data crosses the wrap, validates; one whose numbers of a direction
 * span more than the mapping keeps sound is refused with one line naming where.
 */
class SeqSpaceTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();
  private static final long TOP = SeqSpace.TCP_MOD;

  @Test
  @DisplayName("a trace whose ISS is within 1,000 of 2^32 and whose data crosses the wrap validates")
  void dataAcrossTheWrapValidates() throws Exception {
    int crossed = 0;
    for (long s = 1; s <= 40; s++) {
      long seed = s;
      Trace t = Simulator.run(seed, 300);
      if (hasPlaceholderRst(t)) {
        // Its <SEQ=0> does not move with the rest, and near 2^32 it may fall into a window it was outside of:
        // the moved trace would no longer be a run of the engine.
        continue;
      }
      Trace moved = moved(t, TOP - 2, TOP - 1000);
      // Through the file format, as a capture would come: the reader checks the span.
      Trace read = TraceReader.read(t.source(), new StringReader(text(moved)));
      Verdict v = VALIDATOR.validate(read);
      Failure f = v.failure();
      assertTrue(v.ok(), () -> "seed " + seed + ": " + (f == null ? "" : f.render()));
      if (crossesTheWrap(read)) {
        crossed++;
      }
    }
    assertTrue(crossed >= 5, "too few of the traces carry data across 2^32: " + crossed);
  }

  @Test
  @DisplayName("a 32-bit trace changed in one line is still rejected at that line")
  void tamperedWrappedTraceRejected() throws Exception {
    for (long seed = 1; seed <= 40; seed++) {
      Trace t = moved(Simulator.run(seed, 300), TOP - 2, TOP - 1000);
      for (int i = 0; i < t.lines().size(); i++) {
        TraceLine l = t.lines().get(i);
        SegmentRecord s = l.seg();
        if (s == null || s.len() == 0) {
          continue;
        }
        // The octet taken claims a sequence number one higher (still across the wrap).
        SegmentRecord bad = new SegmentRecord(s.src(), (s.seq() + 1) % TOP, s.ack(), s.ctl(), s.len(), s.wnd());
        List<TraceLine> lines = new ArrayList<>(t.lines());
        lines.set(i, new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), bad, l.age(), l.dup(),
            l.sent(), l.tcb()));
        Failure f = VALIDATOR.validate(new Trace(t.source(), t.header(), lines)).failure();
        if (f == null) {
          throw new AssertionError("seed " + seed + " line " + l.line() + ": not rejected");
        }
        assertEquals(l.line(), f.line(), f.render());
        return;
      }
    }
    throw new AssertionError("no simulated trace takes an octet");
  }

  @Test
  @DisplayName("a 32-bit trace spanning more than 2^28 in one direction is refused at the line that widens it")
  void tooWideRefused() throws Exception {
    Trace t = moved(Simulator.run(3, 300), TOP - 2, TOP - 1000);
    int i = firstLineSending(t, "A");
    TraceLine l = t.lines().get(i);
    List<SegmentRecord> sent = new ArrayList<>();
    for (SegmentRecord s : l.sent()) {
      sent.add(s.src().equals("A")
          ? new SegmentRecord(s.src(), (s.seq() + SeqSpace.MAX_SPAN) % TOP, s.ack(), s.ctl(), s.len(), s.wnd())
          : s);
    }
    List<TraceLine> lines = new ArrayList<>(t.lines());
    lines.set(i, new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), sent,
        l.tcb()));
    Trace wide = new Trace("wide.ndjson", t.header(), lines);
    TraceFormatException e =
        assertThrows(TraceFormatException.class, () -> TraceReader.read("wide.ndjson", new StringReader(text(wide))));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("wide.ndjson:" + l.line() + ": the sequence numbers A sends span "), message);
    assertEquals(1, message.lines().count(), message);
    assertThrows(IllegalArgumentException.class, () -> VALIDATOR.validate(wide));
  }

  @Test
  @DisplayName("runs with a placeholder RST whose numbers lie just below multiples of 2^30 validate: those directions "
      + "are shifted by 2^29 and the placeholder stays 0")
  void placeholderNearAMultipleValidates() throws Exception {
    int checked = 0;
    for (long s = 1; s <= 400 && checked < 5; s++) {
      long seed = s;
      Trace t = Simulator.run(seed, 300);
      if (!hasPlaceholderRst(t)) {
        continue;
      }
      Trace moved = moved(t, 3 * SeqSpace.SPEC_MOD - 500, 2 * SeqSpace.SPEC_MOD - 300);
      Verdict v = VALIDATOR.validate(TraceReader.read(t.source(), new StringReader(text(moved))));
      Failure f = v.failure();
      assertTrue(v.ok(), () -> "seed " + seed + ": " + (f == null ? "" : f.render()));
      checked++;
    }
    assertEquals(5, checked, "runs with a placeholder RST");
    TraceHeader h = moved(Simulator.run(1, 10), 0, 0).header();
    long below = 3 * SeqSpace.SPEC_MOD - 10; // within a window below 3 x 2^30, far from 2^32
    Trace mapped = SeqSpace.toSpec(refusedSyn("placeholder.ndjson", h, below));
    long half = SeqSpace.SPEC_MOD / 2;
    assertEquals((below + half) % SeqSpace.SPEC_MOD, mapped.lines().get(0).sent().get(0).seq());
    SegmentRecord rst = mapped.lines().get(1).sent().get(0);
    assertEquals(0, rst.seq(), "the placeholder stays 0");
    assertEquals((below + 1 + half) % SeqSpace.SPEC_MOD, rst.ack(), "A's numbers move together");
    // Far from every multiple of 2^30 nothing is shifted.
    Trace far = SeqSpace.toSpec(refusedSyn("far.ndjson", h, 12_345));
    assertEquals(12_345, far.lines().get(0).sent().get(0).seq());
    assertDoesNotThrowFormat(far);
  }

  /** A opens with ISS {@code iss}; B, closed, refuses the SYN with the placeholder {@code <SEQ=0>} RST,ACK. */
  private static Trace refusedSyn(String source, TraceHeader h, long iss) {
    SegmentRecord syn = new SegmentRecord("A", iss, 0, List.of("SYN"), 0, 4);
    TraceLine open = new TraceLine(2, "ActiveOpen", "A", 0, List.of(), null, 0, false, List.of(syn),
        Map.of("A", new TcbRecord("SYN-SENT", Map.of("iss", iss, "sndUna", iss, "sndNxt", iss + 1))));
    TraceLine refused = new TraceLine(3, "SegmentArrivesClosed", "B", 0, List.of(), syn, 0, false,
        List.of(new SegmentRecord("B", 0, iss + 1, List.of("ACK", "RST"), 0, 0)), Map.of());
    return new Trace(source, h, List.of(open, refused));
  }

  private static void assertDoesNotThrowFormat(Trace t) {
    try {
      SeqSpace.checkSpan(t);
    } catch (TraceFormatException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static int firstLineSending(Trace t, String host) {
    for (int i = 0; i < t.lines().size(); i++) {
      for (SegmentRecord s : t.lines().get(i).sent()) {
        if (s.src().equals(host)) {
          return i;
        }
      }
    }
    throw new AssertionError("no line sends from " + host);
  }

  private static String text(Trace t) throws Exception {
    StringWriter w = new StringWriter();
    new TraceWriter(w).trace(t);
    return w.toString();
  }

  private static boolean hasPlaceholderRst(Trace t) {
    for (TraceLine l : t.lines()) {
      for (SegmentRecord s : l.sent()) {
        if (SeqSpace.isPlaceholder(s)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether some octet A or B sends has a sequence number below the sender's first ISS (it wrapped). */
  private static boolean crossesTheWrap(Trace t) {
    for (TraceLine l : t.lines()) {
      SegmentRecord s = l.seg();
      if (s != null && s.len() > 0 && s.seq() < TOP / 2) {
        return true;
      }
    }
    return false;
  }

  /**
   * The trace with A's sequence space moved so that A's first ISS is {@code issA} and B's so that B's is {@code
   * issB}, in TCP's 2^32 (header {@code seqMod} 2^32, ISS values as observed). The simulated trace's numbers do
   * not wrap its 2^30, so each is its first ISS plus a small signed distance, which the move keeps; the
   * placeholder {@code <SEQ=0>} of a RST,ACK stays 0, and canonical zeros of a TCB stay zeros.
   */
  private static Trace moved(Trace t, long issA, long issB) {
    TraceHeader h = t.header();
    long mod = h.seqMod();
    Map<String, Long> first = new LinkedHashMap<>();
    for (TraceLine l : t.lines()) {
      for (SegmentRecord s : l.sent()) {
        if (s.ctl().contains("SYN")) {
          first.putIfAbsent(s.src(), s.seq());
        }
      }
    }

    java.util.function.BiFunction<String, Long, Long> move = (host, x) -> {
      Long f = first.get(host);
      if (f == null) {
        return x;
      }
      long d = Math.floorMod(x - f, mod);
      if (d >= mod / 2) {
        d -= mod;
      }
      return Math.floorMod((host.equals("A") ? issA : issB) + d, TOP);
    };
    TraceHeader h32 = new TraceHeader(h.observed(), TOP, h.msl(), h.tickMicros(), "observed", h.isnRate(),
        h.isnOffsetA(), h.isnOffsetB(), h.rcvWnd(), h.mss(), h.sendMax(), h.reads(), h.timers(), h.rfc5961(),
        h.rfc1337(), h.twReopen(), h.inject(), h.seed(), h.scenario());
    List<TraceLine> lines = new ArrayList<>();
    for (TraceLine l : t.lines()) {
      SegmentRecord seg = l.seg();
      List<SegmentRecord> sent = new ArrayList<>();
      for (SegmentRecord s : l.sent()) {
        sent.add(movedSegment(s, move));
      }
      Map<String, TcbRecord> tcb = new LinkedHashMap<>();
      for (Map.Entry<String, TcbRecord> e : l.tcb().entrySet()) {
        String host = e.getKey();
        String peer = host.equals("A") ? "B" : "A";
        TcbRecord r = e.getValue();
        Map<String, Long> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Long> v : r.vars().entrySet()) {
          String f = v.getKey();
          boolean canonical = r.st().equals("CLOSED") || r.st().equals("LISTEN")
              || (r.st().equals("SYN-SENT") && (f.equals("irs") || f.equals("rcvNxt")));
          long x = v.getValue();
          vars.put(f, canonical || f.equals("sndWnd") ? x
              : f.equals("irs") || f.equals("rcvNxt") ? move.apply(peer, x) : move.apply(host, x));
        }
        tcb.put(host, new TcbRecord(r.st(), vars));
      }
      lines.add(new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(),
          seg == null ? null : movedSegment(seg, move), l.age(), l.dup(), sent, tcb));
    }
    return new Trace(t.source(), h32, lines);
  }

  private static SegmentRecord movedSegment(SegmentRecord s,
      java.util.function.BiFunction<String, Long, Long> move) {
    String peer = s.src().equals("A") ? "B" : "A";
    long seq = SeqSpace.isPlaceholder(s) ? 0 : move.apply(s.src(), s.seq());
    long ack = s.ctl().contains("ACK") ? move.apply(peer, s.ack()) : s.ack();
    return new SegmentRecord(s.src(), seq, ack, s.ctl(), s.len(), s.wnd());
  }
}
