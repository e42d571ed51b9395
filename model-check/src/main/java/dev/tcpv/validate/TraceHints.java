package dev.tcpv.validate;

import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.IntValue;
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
   */
  record Facts(Map<String, SortedSet<Long>> iss, SortedSet<Long> gaps, Map<String, Long> keyed, long[] micros,
      long seqMod, boolean ages) {
    /** Copies the collections. */
    Facts {
      iss = Map.copyOf(iss);
      keyed = Map.copyOf(keyed);
      micros = micros.clone();
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
    try {
      return body.get();
    } finally {
      FACTS.remove();
    }
  }

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
    SortedSet<Long> values = k.equals("gaps") ? f.gaps()
        : f.iss().getOrDefault(((StringValue) h).val.toString(), new java.util.TreeSet<>());
    List<Value> out = new ArrayList<>();
    for (long v : values) {
      if (v <= Integer.MAX_VALUE) {
        out.add(IntValue.gen((int) v));
      }
    }
    return new SetEnumValue(out.toArray(new Value[0]), true);
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
   * RECEIVE call of {@code h}; "tick", the ticks of the Tick line being checked; each only those in {@code all}.
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
    if (!(h instanceof StringValue host) || !host.val.toString().equals(line.host())) {
      return all;
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
          return all;
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
      case "arrival" -> {
        SegmentRecord seg = line.seg();
        Facts f = FACTS.get();
        if (seg == null || f == null) {
          return all;
        }
        StateView.NetKey wanted = StateView.NetKey.of(seg, line.age());
        List<Value> taken = new ArrayList<>();
        SetEnumValue set = (SetEnumValue) all.toSetEnum();
        for (int i = 0; i < set.elems.size(); i++) {
          Value v = set.elems.elementAt(i);
          StateView.NetKey inFlight = StateView.NetKey.of(v);
          if (f.ages() ? inFlight.equals(wanted) : inFlight.sameSegment(wanted)) {
            taken.add(v);
          }
        }
        return new SetEnumValue(taken.toArray(new Value[0]), false);
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
