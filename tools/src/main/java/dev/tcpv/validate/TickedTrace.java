package dev.tcpv.validate;

import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.Timers;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.tracefile.TraceReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A trace in the spec's time, the form the validator checks: every time and age in ticks of the header's {@code
 * tickMicros} (a time t µs is tick ⌊t / tick⌋; an age is the ticks between the segment's sending and its taking),
 * and a {@code Tick} line, of the ticks that passed, before every line whose tick is later than the line before
 * it. So a gap of hours between two lines is one step of the spec, whatever its length.
 *
 * <p>Timer bounds (microseconds in the header) become ticks so that no delay a stack may take is refused: the
 * delay between two lines that are D µs apart shows as ⌊D / tick⌋ or ⌈D / tick⌉ ticks, so a least delay m is
 * ⌊m / tick⌋ ticks and a greatest ⌈m / tick⌉. When every time and age of the trace is a multiple of the tick
 * the conversion is exact instead (⌈m / tick⌉ and ⌊m / tick⌋): a simulated run in ticks is checked to the tick.
 *
 * @param trace the trace with times in ticks and the Tick lines added ({@code Tick} lines of the original that pass
 *     no tick are dropped: their TCBs did not change)
 * @param tick the length of a tick, in microseconds
 * @param exact whether every time and age of the original is a multiple of the tick
 * @param gaps the tick counts of the trace's Tick lines (the sizes a Tick step may take)
 */
record TickedTrace(Trace trace, long tick, boolean exact, SortedSet<Long> gaps) {

  /**
   * {@code original} in ticks.
   *
   * @throws IllegalArgumentException when its times or timer bounds are too many ticks ({@link
   *     TraceReader#checkTicks}; a trace read from a file has been checked)
   */
  static TickedTrace of(Trace original) {
    try {
      TraceReader.checkTicks(original);
    } catch (TraceFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    TraceHeader h = original.header();
    long tick = h.tickMicros();
    boolean exact = true;
    for (TraceLine l : original.lines()) {
      exact &= l.t() % tick == 0 && l.age() % tick == 0;
    }
    List<TraceLine> lines = new ArrayList<>();
    SortedSet<Long> gaps = new TreeSet<>();
    long now = 0;
    for (TraceLine l : original.lines()) {
      long at = Math.floorDiv(l.t(), tick);
      int age = Math.toIntExact(at - Math.floorDiv(l.t() - l.age(), tick));
      boolean tickLine = l.action().equals("Tick");
      if (at > now) {
        gaps.add(at - now);
        if (!tickLine) {
          lines.add(new TraceLine(l.line(), "Tick", null, at, List.of(), null, 0, false, List.of(), Map.of()));
        }
      }
      if (!tickLine || at > now) {
        lines.add(new TraceLine(l.line(), l.action(), l.host(), at, l.rules(), l.seg(), age, l.dup(), l.sent(),
            l.tcb(), l.octets()));
      }
      now = at;
    }
    return new TickedTrace(new Trace(original.source(), h, lines), tick, exact, gaps);
  }

  /** Whether {@code line} is a Tick the validator added (the time that passed before a line), not the trace's. */
  static boolean added(TraceLine line) {
    return line.action().equals("Tick") && line.tcb().isEmpty();
  }

  /** The fewest ticks a delay of at least {@code micros} shows. */
  long lo(long micros) {
    return exact ? Math.ceilDiv(micros, tick) : Math.floorDiv(micros, tick);
  }

  /** The most ticks a delay of at most {@code micros} shows. */
  long hi(long micros) {
    return exact ? Math.floorDiv(micros, tick) : Math.ceilDiv(micros, tick);
  }

  /** The fewest ticks of a least delay {@code b.min()}. */
  long lo(Bounds b) {
    return lo(b.min());
  }

  /** The most ticks of a greatest delay {@code b.max()}. */
  long hi(Bounds b) {
    return hi(b.max());
  }

  /** R2's strict bound: a retransmission is allowed while the ticks counted are below this (D < max). */
  long r2Hi(Bounds b) {
    return hi(b.max() - 1) + 1;
  }

  /**
   * The least retransmission timeout after k retransmissions, in ticks, for k = 0, 1, ... until it stops growing
   * (backoff doubles it up to the greatest, RFC 6298 §5.5).
   */
  List<Long> rtoLo() {
    Timers t = trace.header().timers();
    List<Long> out = new ArrayList<>();
    long least = t.rto().min();
    out.add(lo(least));
    while (t.backoff() && least < t.rto().max()) {
      least = least > t.rto().max() / 2 ? t.rto().max() : 2 * least;
      out.add(lo(least));
    }
    return out;
  }
}
