package dev.tcpv.validate;

import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.SetCupValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * What the trace line being checked shows of the choices the spec leaves to a sender or a user: the text length
 * of a segment it sends ({@code TextLens}), the octets a SEND call queues ({@code SendLens}), the octets a
 * RECEIVE call takes ({@code ReadLens}); the ticks a {@code Tick} line passes ({@code TickSizes}, whose {@code
 * all} is every gap of the trace); and, for a host whose ISNs come from a keyed 4 µs clock, the ISS it draws at the
 * line's time ({@code IsnCandidates}, whose {@code all} is every ISS of the host the trace shows); and the segment
 * an arrival takes ({@code Arrivals}: the one the line shows, with its age when the trace shows ages), so that a
 * segment arriving among a hundred in flight costs one successor, not a hundred. The generated module defines
 * each as {@code TraceHint(kind, h, key, all)},
 * whose TLA+ definition is {@code all}; TLC evaluates it here instead ({@code tlc2.overrides.TLCOverrides}),
 * where it is the values of {@code all} the line shows, so that a segment of 1,460 octets costs one successor,
 * not 1,460.
 *
 * <p>Sound: for the line's own action and host, a successor with any other value differs from the line in what
 * the validator compares anyway (the segment sent, its length; the octets a call queued or took), so only
 * successors that could not match are left out; and the result is a subset of {@code all}, so a value the spec
 * does not allow stays refused. Steps of another host (the hidden peer of a one-endpoint trace) and lines that
 * show nothing of the kind get {@code all}. Without the override (stock TLC on an exported trace) the definition
 * is {@code all}: the same behaviours, enumerated.
 */
public final class TraceHints {
  private TraceHints() {}

  /** How often TLC has evaluated {@link #hint} in this JVM: the override is in use when this grows. */
  static final AtomicLong EVALUATIONS = new AtomicLong();

  /**
   * The line being checked and, for a Tick line, the ticks it passes; {@code part}: a part of the line's gap, which
   * a one-endpoint search passes on its own (any size, not only the trace's gaps).
   */
  private record Checked(TraceLine line, long ticks, boolean part) {}

  /** The line being checked, per thread; null outside a check. */
  private static final ThreadLocal<@Nullable Checked> LINE = new ThreadLocal<>();

  /**
   * What the validator knows of the whole trace being checked, which the generated module reads through {@code
   * TraceData} instead of holding it as text (so that traces with one header share one loaded module).
   *
   * @param iss per host, the ISS values the trace shows (in the spec's sequence space)
   * @param gaps the tick counts of the trace's Tick lines
   * @param keyed per host whose ISS values come from a keyed 4 µs clock (header {@code "isn": "keyed"}), its
   *     offset F in the spec's space, read from the host's first ISS: its ISS at time t µs is F + ⌊t / 4⌋
   * @param micros per line number, the line's time in microseconds
   * @param seqMod the spec's sequence space
   * @param ages whether the lines show the ages of the segments taken (a fully observed trace)
   * @param marks per host, the sequence numbers at which a segment it sent (as the trace shows it, sent or
   *     taken) starts, and where its text ends: where a hidden host's text is cut into segments and SEND calls (a
   *     one-endpoint trace)
   * @param fins per host, the sequence numbers of the FINs it sent (as the trace shows them): no text of the host
   *     goes past one, so a hidden host's text is not cut at a mark beyond it
   */
  record Facts(Map<String, SortedSet<Long>> iss, SortedSet<Long> gaps, Map<String, Long> keyed, long[] micros,
      long seqMod, boolean ages, Map<String, NavigableSet<Long>> marks, Map<String, NavigableSet<Long>> fins) {
    /** Copies the collections. */
    Facts {
      iss = Map.copyOf(iss);
      keyed = Map.copyOf(keyed);
      micros = micros.clone();
      marks = Map.copyOf(marks);
      fins = Map.copyOf(fins);
    }

    /** Facts without FINs. */
    Facts(Map<String, SortedSet<Long>> iss, SortedSet<Long> gaps, Map<String, Long> keyed, long[] micros,
        long seqMod, boolean ages, Map<String, NavigableSet<Long>> marks) {
      this(iss, gaps, keyed, micros, seqMod, ages, marks, Map.of());
    }

    /**
     * {@code most}, or less when one of {@code host}'s FINs is within it from {@code from}: the distance to the
     * nearest (text may end there, not past it).
     */
    long beforeFin(String host, long from, long most) {
      NavigableSet<Long> m = fins.get(host);
      if (m == null || m.isEmpty()) {
        return most;
      }
      long lo = Math.floorMod(from, seqMod);
      Long f = m.ceiling(lo);
      if (f == null) {
        f = m.first() + seqMod;
      }
      return Math.min(most, f - lo);
    }

    /** Facts without marks (a fully observed trace needs none). */
    Facts(Map<String, SortedSet<Long>> iss, SortedSet<Long> gaps, Map<String, Long> keyed, long[] micros,
        long seqMod, boolean ages) {
      this(iss, gaps, keyed, micros, seqMod, ages, Map.of());
    }

    /**
     * The distances d, 1 to {@code most}, such that {@code from} + d (modulo the space) is one of {@code host}'s
     * marks, in increasing order.
     */
    List<Long> marksAfter(String host, long from, long most) {
      NavigableSet<Long> m = marks.get(host);
      List<Long> out = new ArrayList<>();
      if (m == null || most < 1) {
        return out;
      }
      long lo = Math.floorMod(from + 1, seqMod);
      long hi = lo + most - 1;
      for (long e : m.subSet(lo, true, Math.min(hi, seqMod - 1), true)) {
        out.add(Math.floorMod(e - from, seqMod));
      }
      if (hi >= seqMod) {
        for (long e : m.subSet(0L, true, hi - seqMod, true)) {
          out.add(Math.floorMod(e - from, seqMod));
        }
      }
      return out;
    }

    /** The ISS a keyed host draws at {@code line}, or -1 when the host's clock or the line is unknown. */
    long keyedIss(String host, int line) {
      Long f = keyed.get(host);
      if (f == null || line < 0 || line >= micros.length) {
        return -1;
      }
      return Math.floorMod(f + Math.floorDiv(micros[line], KEYED_CLOCK_MICROS), seqMod);
    }
  }

  /** The period of a keyed ISN clock (R-ISN-1, MUST-8: 4 µs). */
  static final long KEYED_CLOCK_MICROS = 4;

  /** The facts of the trace being checked, per thread; null outside a validation. */
  private static final ThreadLocal<@Nullable Facts> FACTS = new ThreadLocal<>();

  /** Runs {@code body} with {@code facts} as those of the trace being checked. */
  static <T> T forTrace(Facts facts, Supplier<T> body) {
    FACTS.set(facts);
    DATA.set(new java.util.HashMap<>());
    try {
      return body.get();
    } finally {
      FACTS.remove();
      DATA.remove();
    }
  }

  /** The values {@link #data} gave for the trace being checked, per kind and host: each is built once. */
  private static final ThreadLocal<@Nullable Map<String, Value>> DATA = new ThreadLocal<>();

  /**
   * {@code TraceData(kind, h)}: for "gaps", the tick counts between the lines of the trace being checked; for
   * "iss", the ISS values of host {@code h} it shows. Outside a validation, the empty set.
   */
  @TLAPlusOperator(identifier = "TraceData", module = SpecModel.MODULE, warn = false)
  public static Value data(Value kind, Value h) {
    Facts f = FACTS.get();
    if (f == null) {
      return new SetEnumValue(new Value[0], true);
    }
    String k = ((StringValue) kind).val.toString();
    String host = ((StringValue) h).val.toString();
    Map<String, Value> built = DATA.get();
    Value known = built == null ? null : built.get(k + " " + host);
    if (known != null) {
      return known;
    }
    SortedSet<Long> values = k.equals("gaps") ? f.gaps() : f.iss().getOrDefault(host, new java.util.TreeSet<>());
    List<Value> out = new ArrayList<>();
    for (long v : values) {
      if (v <= Integer.MAX_VALUE) {
        out.add(IntValue.gen((int) v));
      }
    }
    Value v = new SetEnumValue(out.toArray(new Value[0]), true);
    if (built != null) {
      built.put(k + " " + host, v);
    }
    return v;
  }

  /** Runs {@code body} with {@code line} as the line being checked; a Tick line passes {@code ticks}. */
  static <T> T with(TraceLine line, long ticks, Supplier<T> body) {
    return checking(new Checked(line, ticks, false), body);
  }

  /**
   * Runs {@code body} with {@code line}, a Tick line, passing {@code ticks} of its gap: a part, of any size (sound:
   * the spec's Tick takes any number of ticks that NothingDue allows; TickSizes lists the trace's gaps only so
   * that stock TLC can enumerate them).
   */
  static <T> T passing(TraceLine line, long ticks, Supplier<T> body) {
    return checking(new Checked(line, ticks, true), body);
  }

  private static <T> T checking(Checked c, Supplier<T> body) {
    Checked outer = LINE.get();
    LINE.set(c);
    try {
      return body.get();
    } finally {
      if (outer == null) {
        LINE.remove();
      } else {
        LINE.set(outer);
      }
    }
  }

  /**
   * {@code TraceHint(kind, h, key, all)}: for {@code kind} "text", the lengths of the text segments host {@code h}
   * sends in the line starting at sequence number {@code key}; "send" and "read", the octets of the line's SEND or
   * RECEIVE call of {@code h}; "readOpen", how far that RECEIVE opens the window, when the line's window update
   * shows it; "tick", the ticks of the Tick line being checked; each only those in {@code all}.
   * Otherwise {@code all}.
   */
  @TLAPlusOperator(identifier = "TraceHint", module = SpecModel.MODULE, warn = false)
  public static Value hint(Value kind, Value h, Value key, Value all) {
    EVALUATIONS.incrementAndGet();
    Checked checked = LINE.get();
    if (checked == null) {
      return all;
    }
    TraceLine line = checked.line();
    String k = ((StringValue) kind).val.toString();
    List<Long> shown = new ArrayList<>();
    if (k.equals("tick")) {
      if (!line.action().equals("Tick")) {
        return all;
      }
      if (checked.part()) {
        return checked.ticks() >= 1 && checked.ticks() <= Integer.MAX_VALUE
            ? new SetEnumValue(new Value[] {IntValue.gen((int) checked.ticks())}, true) : new SetEnumValue();
      }
      shown.add(checked.ticks());
      return within(shown, all);
    }
    if (!(h instanceof StringValue host)) {
      return all;
    }
    if (k.equals("wnd0") || k.equals("offer")) {
      return window(k, line, host.val.toString(), key, all);
    }
    if (k.equals("peer")) {
      return peer(line, host.val.toString());
    }
    if (k.equals("read") && line.action().equals(TraceValidator.WIRE)) {
      // A capture's hosts make no hidden RECEIVE call: its header's buffer holds all the text a host receives
      // beside its largest window (dev.tcpv.capture.Captures), so no read is needed to make room, and OfferWindow
      // makes any opening the segments show. Sound: the empty subset of all.
      return new SetEnumValue();
    }
    if (!host.val.toString().equals(line.host())) {
      return hidden(k, host.val.toString(), key, all);
    }
    if (line.action().equals(TraceValidator.WIRE) && !k.equals("text")) {
      // A capture's line shows a segment, not the call or choice of its host that came before it.
      return hidden(k, host.val.toString(), key, all);
    }
    switch (k) {
      case "text" -> {
        if (!(key instanceof IntValue seq)) {
          return all;
        }
        for (SegmentRecord s : line.sent()) {
          if (s.len() > 0 && s.seq() == seq.val) {
            shown.add((long) s.len());
          }
        }
        if (shown.isEmpty()) {
          return line.action().equals(TraceValidator.WIRE) ? hidden(k, host.val.toString(), key, all) : all;
        }
      }
      case "send" -> {
        if (!line.action().equals("Send")) {
          return all;
        }
        shown.add((long) line.octets());
      }
      case "read" -> {
        if (!line.action().equals("Receive")) {
          return all;
        }
        shown.add((long) line.octets());
      }
      case "readOpen" -> {
        // key: RCV.WND before the RECEIVE. A window update the line shows puts the new window in its window
        // field (below 65,535, which a larger window is capped at), so the opening is its difference.
        if (!line.action().equals("Receive") || !(key instanceof IntValue wnd)) {
          return all;
        }
        for (SegmentRecord s : line.sent()) {
          if (s.src().equals(line.host()) && s.ctl().contains("ACK") && s.wnd() < 65_535) {
            shown.add(s.wnd() - (long) wnd.val);
          }
        }
        if (shown.isEmpty()) {
          return all;
        }
      }
      case "keep" -> {
        // Whether an arrival at the line's host keeps a copy in flight: a fully observed line says (dup).
        Facts f = FACTS.get();
        if (line.seg() == null || f == null || !f.ages()) {
          return all;
        }
        Value keep = line.dup() ? BoolValue.ValTrue : BoolValue.ValFalse;
        return new SetEnumValue(all.member(keep) ? new Value[] {keep} : new Value[0], false);
      }
      case "isn" -> {
        Facts f = FACTS.get();
        long iss = f == null ? -1 : f.keyedIss(host.val.toString(), line.line());
        if (iss < 0) {
          return all;
        }
        shown.add(iss);
      }
      default -> {
        return all;
      }
    }
    return within(shown, all);
  }

  /**
   * {@code TraceHint("peer", h, 0, {})}, the open peer's segment to {@code host} ({@link Peer#OPEN}): the segment
   * the line shows {@code host} taking, as {@code <<SEQ, ACK, CTL, LEN, WND>>}; none when the line takes none (or
   * one of the host's own, which no trace shows).
   */
  private static Value peer(TraceLine line, String host) {
    SegmentRecord s = line.seg();
    if (s == null || s.src().equals(host) || !fits(s.seq()) || !fits(s.ack())) {
      return new SetEnumValue();
    }
    List<Value> flags = new ArrayList<>();
    for (String f : s.ctl()) {
      flags.add(new StringValue(f));
    }
    Value seg = new tlc2.value.impl.TupleValue(new Value[] {IntValue.gen((int) s.seq()), IntValue.gen((int) s.ack()),
        new SetEnumValue(flags.toArray(new Value[0]), false), IntValue.gen(s.len()), IntValue.gen(s.wnd())});
    return new SetEnumValue(new Value[] {seg}, true);
  }

  /** Whether {@code v} is a TLC integer (the spec's sequence space is 2^30). */
  private static boolean fits(long v) {
    return v >= 0 && v <= Integer.MAX_VALUE;
  }

  /**
   * The windows of a capture ({@code kind} "wnd0": the window {@code host}'s SYN or SYN,ACK offers; "offer": the
   * held-back buffer it offers when its right edge is {@code key}, or in SYN-SENT, where there is no edge yet, when
   * its window is -1 - {@code key}): what the line's segments from {@code host} show, that is the window of its SYN,
   * and the openings that take the right edge to where a segment's SEG.ACK + SEG.WND puts it, or one short of it for
   * a step that takes a FIN before it sends (in SYN-SENT, the window to SEG.WND). A step of another host, or of a
   * line that is not a capture's, gets none. Sound: a subset of {@code all}; an opening the line does not show
   * changes nothing the line shows (arrivals move RCV.NXT and RCV.WND together and leave the right edge where it
   * is), and a SYN whose window is not the line's does not match it.
   */
  private static Value window(String kind, TraceLine line, String host, Value key, Value all) {
    if (!line.action().equals(TraceValidator.WIRE) || !host.equals(line.host())) {
      return new SetEnumValue();
    }
    Facts f = FACTS.get();
    List<Long> shown = new ArrayList<>();
    for (SegmentRecord s : line.sent()) {
      if (kind.equals("wnd0") && s.ctl().contains("SYN")) {
        shown.add((long) s.wnd());
      } else if (kind.equals("offer") && s.ctl().contains("ACK") && f != null && key instanceof IntValue edge) {
        // key: the right edge RCV.NXT + RCV.WND, or in SYN-SENT (no RCV.NXT yet) -1 - RCV.WND.
        long d = edge.val < 0 ? s.wnd() - (-1L - edge.val) : Math.floorMod(s.ack() + (long) s.wnd() - edge.val,
            f.seqMod());
        if (d > 0) {
          shown.add(d);
        }
        if (d > 1) {
          // The step that sends the segment may take a FIN first, which moves RCV.NXT, and the edge, by one.
          shown.add(d - 1);
        }
      }
    }
    return within(shown, all);
  }

  /**
   * {@code TraceArrival(h, net, forged)}: the segments that may arrive at {@code h}, {@code net \cup forged}; for
   * the host of the line being checked, only the segment the line shows it taking (with its age, when the trace
   * shows ages). A segment in flight is compared through {@link StateView#key}, cached by identity.
   */
  @TLAPlusOperator(identifier = "TraceArrival", module = SpecModel.MODULE, warn = false)
  public static Value arrival(Value h, Value net, Value forged) {
    EVALUATIONS.incrementAndGet();
    Checked checked = LINE.get();
    Facts f = FACTS.get();
    SegmentRecord seg = checked == null ? null : checked.line().seg();
    if (checked == null || seg == null || f == null || !(h instanceof StringValue host)
        || !host.val.toString().equals(checked.line().host())) {
      return forged.size() == 0 ? net : new SetCupValue(net, forged);
    }
    StateView.NetKey wanted = StateView.NetKey.of(seg, checked.line().age());
    List<Value> taken = new ArrayList<>();
    for (Value all : List.of(net, forged)) {
      SetEnumValue set = (SetEnumValue) all.toSetEnum();
      for (int i = 0; i < set.elems.size(); i++) {
        Value v = set.elems.elementAt(i);
        StateView.NetKey inFlight = StateView.key(v);
        if (f.ages() ? inFlight.equals(wanted) : inFlight.sameSegment(wanted)) {
          taken.add(v);
        }
      }
    }
    return new SetEnumValue(taken.toArray(new Value[0]), false);
  }

  /**
   * A choice of {@code host} that no line shows, in a one-endpoint trace (the hidden peer): the length of a
   * segment it sends at {@code key} ("text") is one that ends at one of its marks; the octets of a SEND call whose
   * text would start at {@code key} ("send") take its queue to the nearest or the farthest of its marks in reach;
   * when no mark is in reach (no segment of that text is ever seen), the least or the most {@code all} allows.
   * Other choices: {@code all}. Sound: a subset
   * of {@code all}, so that only behaviours of the spec are accepted; a behaviour that cuts the peer's text
   * elsewhere than any segment the trace shows is not searched (the search's bounds, docs/traces.md).
   */
  private static Value hidden(String kind, String host, Value key, Value all) {
    Facts f = FACTS.get();
    if (f == null || f.ages() || !(key instanceof IntValue from)) {
      return all;
    }
    List<Long> shown = new ArrayList<>();
    switch (kind) {
      case "text" -> shown.addAll(f.marksAfter(host, from.val, f.beforeFin(host, from.val, HIDDEN_TEXT_MOST)));
      case "send" -> {
        List<Long> reach = new ArrayList<>();
        for (long d : f.marksAfter(host, from.val, f.beforeFin(host, from.val, HIDDEN_SEND_MOST))) {
          if (d <= Integer.MAX_VALUE && all.member(IntValue.gen((int) d))) {
            reach.add(d);
          }
        }
        if (!reach.isEmpty()) {
          shown.add(reach.get(0));
          shown.add(reach.get(reach.size() - 1));
        }
      }
      default -> {
        return all;
      }
    }
    Value in = within(shown, all);
    if (in.size() > 0) {
      return in;
    }
    // Nothing the trace shows is in reach: the text is never seen, and only its end can matter; the least and the
    // most the spec allows (both choices are ranges, 1..MaxSegLen and 1..sendMax).
    if (!(all instanceof IntervalValue range) || range.size() < 3) {
      return all;
    }
    return new SetEnumValue(new Value[] {IntValue.gen(range.low), IntValue.gen(range.high)}, true);
  }

  /** The longest text segment and SEND call a hidden host's marks are looked for within (MSS, sendMax at most). */
  private static final long HIDDEN_TEXT_MOST = 65_535;
  private static final long HIDDEN_SEND_MOST = 1L << 20;

  /** The values of {@code shown} that are in {@code all}. */
  private static Value within(List<Long> shown, Value all) {
    List<Value> in = new ArrayList<>();
    for (long v : shown) {
      if (v > Integer.MAX_VALUE) {
        continue;
      }
      Value x = IntValue.gen((int) v);
      if (all.member(x)) {
        in.add(x);
      }
    }
    return new SetEnumValue(in.toArray(new Value[0]), false);
  }
}
