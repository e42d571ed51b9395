package dev.tcpv.tracefile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Full 32-bit sequence numbers, mapped into the spec's sequence space.
 *
 * <p>TLC's integers are 32-bit signed, so the spec validates a trace of real traffic (header {@code seqMod}
 * 2^32) with {@code SeqMod} = 2^30 ({@link #SPEC_MOD}), every sequence and acknowledgment number reduced modulo
 * 2^30. The reduction is a ring homomorphism from the integers modulo 2^32 onto those modulo 2^30 (2^30 divides
 * 2^32), so the spec's {@code SeqAdd} and {@code SeqSub} commute with it. Its comparisons ({@code SeqLt}, {@code
 * InWindow}, {@code AckAcceptable}, all through {@code SeqDist}) keep their results when the two numbers compared
 * are less than 2^29 apart, minus the window a comparison adds: the distance modulo 2^32 is then the distance
 * modulo 2^30. The spec compares numbers of one direction only (a host's send space: its SEQ, ISS, SND.* and the
 * peer's IRS, RCV.NXT and SEG.ACK), so the mapping is sound when the numbers of each direction lie on an arc
 * shorter than {@link #MAX_SPAN} (2^28, which leaves room for windows of up to 2^16 and the clock's advance over
 * the trace). {@link #checkSpan} refuses any other trace, naming the line where the arc grew too wide.
 *
 * <p>Each direction's numbers are reduced after a shift of their own, 0 or 2^29 ({@link #shift}), which keeps
 * every difference within the direction. It exists for one number that belongs to no direction: the {@code
 * <SEQ=0>} of a RST,ACK answering a segment without ACK (RFC 9293 §3.5.2, first case), a placeholder chosen by no
 * incarnation and kept as 0 (as are the ACK fields of segments without ACK, 0 in the spec too). The only test it
 * meets is a synchronized receiver's window, {@code RCV.NXT =< 0 < RCV.NXT + RCV.WND}, and that test gives the
 * same answer in both spaces when the receiver's numbers are near 0 (modulo 2^32, where the reduction keeps them
 * near 0) or far from every multiple of 2^30: a direction whose arc comes within a window below a multiple of
 * 2^30 that is not one of 2^32 is shifted by 2^29, which moves it half a space away from every multiple.
 */
public final class SeqSpace {
  /** TCP's sequence space (R-SEQ-1). */
  public static final long TCP_MOD = 1L << 32;
  /** The spec's sequence space when it validates a trace of {@link #TCP_MOD}. */
  public static final long SPEC_MOD = 1L << 30;
  /** The widest arc the numbers of one direction may cover in a trace of {@link #TCP_MOD}. */
  public static final long MAX_SPAN = 1L << 28;
  /** The largest window a segment can advertise without window scaling. */
  static final long MAX_WINDOW = 65_535;

  private SeqSpace() {}

  /** Whether {@code trace} numbers its octets modulo 2^32 and so needs the mapping. */
  public static boolean needsMapping(TraceHeader header) {
    return header.seqMod() > SPEC_MOD;
  }

  /**
   * Checks that the mapping is sound for {@code trace} (nothing to check for a trace of at most {@link
   * #SPEC_MOD}).
   *
   * @throws TraceFormatException naming the first line at which one direction's numbers span {@link #MAX_SPAN}
   *     or more
   */
  public static void checkSpan(Trace trace) throws TraceFormatException {
    if (!needsMapping(trace.header())) {
      return;
    }
    arcs(trace);
  }

  /** The arcs of A's and B's numbers in {@code trace}. */
  private static Arc[] arcs(Trace trace) throws TraceFormatException {
    Arc a = new Arc("A");
    Arc b = new Arc("B");
    for (TraceLine line : trace.lines()) {
      String where = trace.source() + ":" + line.line();
      for (Map.Entry<String, TcbRecord> e : line.tcb().entrySet()) {
        Arc own = e.getKey().equals("A") ? a : b;
        Arc peer = own == a ? b : a;
        Map<String, Long> v = e.getValue().vars();
        if (e.getValue().st().equals("CLOSED") || e.getValue().st().equals("LISTEN")) {
          continue; // canonical zeros, no numbers of a connection
        }
        for (String f : List.of("iss", "sndUna", "sndNxt")) {
          own.add(where, v.get(f));
        }
        if (!e.getValue().st().equals("SYN-SENT")) {
          for (String f : List.of("irs", "rcvNxt")) {
            peer.add(where, v.get(f));
          }
        }
      }
      List<SegmentRecord> segs = new ArrayList<>(line.sent());
      SegmentRecord taken = line.seg();
      if (taken != null) {
        segs.add(taken);
      }
      for (SegmentRecord s : segs) {
        Arc own = s.src().equals("A") ? a : b;
        Arc peer = own == a ? b : a;
        if (!isPlaceholder(s)) {
          own.add(where, s.seq());
          own.add(where, (s.seq() + s.segLen()) % TCP_MOD);
        }
        if (s.ctl().contains("ACK")) {
          peer.add(where, s.ack());
        }
      }
    }
    return new Arc[] {a, b};
  }

  /**
   * The shift of each direction's numbers (A's, B's) before they are reduced: 2^29 for a direction whose arc comes
   * within a window below a multiple of 2^30 other than one of 2^32, else 0.
   *
   * @throws IllegalArgumentException when a direction's numbers span {@link #MAX_SPAN} or more ({@link
   *     #checkSpan} refuses such a trace first)
   */
  static long[] shift(Trace trace) {
    Arc[] arcs;
    try {
      arcs = arcs(trace);
    } catch (TraceFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new long[] {arcs[0].nearMultiple() ? SPEC_MOD / 2 : 0, arcs[1].nearMultiple() ? SPEC_MOD / 2 : 0};
  }

  /** {@code trace} in the spec's sequence space: itself, or with every number reduced modulo {@link #SPEC_MOD}. */
  public static Trace toSpec(Trace trace) {
    TraceHeader h = trace.header();
    if (!needsMapping(h)) {
      return trace;
    }
    long[] shift = shift(trace);
    TraceHeader mapped = new TraceHeader(h.observed(), SPEC_MOD, h.msl(), h.tickMicros(), h.isn(), h.isnRate(),
        reduce(h.isnOffsetA(), shift[0]), reduce(h.isnOffsetB(), shift[1]), h.rcvWnd(), h.mss(), h.sendMax(),
        h.reads(), h.timers(), h.rfc5961(), h.rfc1337(), h.twReopen(), h.inject(), h.seed(), h.scenario(),
        h.policies());
    List<TraceLine> lines = new ArrayList<>(trace.lines().size());
    for (TraceLine l : trace.lines()) {
      SegmentRecord seg = l.seg();
      List<SegmentRecord> sent = new ArrayList<>(l.sent().size());
      l.sent().forEach(s -> sent.add(reduce(s, shift)));
      Map<String, TcbRecord> tcb = new LinkedHashMap<>();
      l.tcb().forEach((host, r) -> tcb.put(host, reduce(host, r, shift)));
      lines.add(new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(),
          seg == null ? null : reduce(seg, shift), l.age(), l.dup(), sent, tcb, l.octets()));
    }
    return new Trace(trace.source(), mapped, lines);
  }

  private static long reduce(long v, long shift) {
    return Math.floorMod(v + shift, SPEC_MOD);
  }

  private static int index(String host) {
    return host.equals("A") ? 0 : 1;
  }

  /** A segment's numbers: its SEQ in its sender's direction (not the placeholder), its ACK in the peer's. */
  private static SegmentRecord reduce(SegmentRecord s, long[] shift) {
    int own = index(s.src());
    long seq = isPlaceholder(s) ? 0 : reduce(s.seq(), shift[own]);
    long ack = s.ctl().contains("ACK") ? reduce(s.ack(), shift[1 - own]) : s.ack() % SPEC_MOD;
    return new SegmentRecord(s.src(), seq, ack, s.ctl(), s.len(), s.wnd());
  }

  /** A TCB's numbers: ISS and SND.* in its host's direction, IRS and RCV.NXT in the peer's. */
  private static TcbRecord reduce(String host, TcbRecord r, long[] shift) {
    int own = index(host);
    Map<String, Long> vars = new LinkedHashMap<>();
    r.vars().forEach((f, v) -> vars.put(f, switch (f) {
      case "sndWnd" -> v;
      case "iss", "sndUna", "sndNxt" -> reduce(v, shift[own]);
      case "irs", "rcvNxt" -> r.st().equals("SYN-SENT") ? v % SPEC_MOD : reduce(v, shift[1 - own]);
      default -> v % SPEC_MOD;
    }));
    return new TcbRecord(r.st(), vars);
  }

  /** The SEQ=0 of a RST,ACK that answers a segment without ACK (§3.5.2): no incarnation's number. */
  public static boolean isPlaceholder(SegmentRecord s) {
    return s.seq() == 0 && s.ctl().contains("RST") && s.ctl().contains("ACK");
  }

  /**
   * The shortest arc [lo, lo + len] of the circle modulo 2^32 that holds every number of one direction seen so
   * far. While it is shorter than half the circle it is unique, and growing it the shorter way round to take in
   * a new number keeps it the shortest.
   */
  private static final class Arc {
    private final String host;
    private long lo = -1;
    private long len;

    Arc(String host) {
      this.host = host;
    }

    void add(String where, @Nullable Long value) throws TraceFormatException {
      if (value == null) {
        return;
      }
      long x = Math.floorMod(value, TCP_MOD);
      if (lo < 0) {
        lo = x;
        len = 0;
        return;
      }
      long ahead = Math.floorMod(x - lo, TCP_MOD);
      if (ahead <= len) {
        return;
      }
      long behind = Math.floorMod(lo - x, TCP_MOD);
      if (ahead - len <= behind) {
        len = ahead;
      } else {
        lo = x;
        len += behind;
      }
      if (len >= MAX_SPAN) {
        throw new TraceFormatException(where + ": the sequence numbers " + host + " sends span " + len
            + " octets (from " + lo + " to " + Math.floorMod(lo + len, TCP_MOD) + "), more than the "
            + MAX_SPAN + " (2^28) within which 32-bit numbers map soundly onto the spec's 2^30; split the trace");
      }
    }

    /** Whether the arc comes within a window below a multiple of 2^30 other than one of 2^32. */
    boolean nearMultiple() {
      if (lo < 0) {
        return false;
      }
      for (long k = 1; k < TCP_MOD / SPEC_MOD; k++) {
        long m = k * SPEC_MOD;
        // Some number of the arc lies in (m - MAX_WINDOW, m] exactly when m lies in [lo, lo + len + MAX_WINDOW - 1].
        if (Math.floorMod(m - lo, TCP_MOD) <= len + MAX_WINDOW - 1) {
          return true;
        }
      }
      return false;
    }
  }
}
