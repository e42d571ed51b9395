package dev.tcpv.validate;

import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.List;
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
 * RECEIVE call takes ({@code ReadLens}); and the ticks a {@code Tick} line passes ({@code TickSizes}, whose {@code
 * all} is every gap of the trace). The generated module defines each as {@code TraceHint(kind, h, key, all)},
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

  /** The line being checked and, for a Tick line, the ticks it passes. */
  private record Checked(TraceLine line, long ticks) {}

  /** The line being checked, per thread; null outside a check. */
  private static final ThreadLocal<@Nullable Checked> LINE = new ThreadLocal<>();

  /** Runs {@code body} with {@code line} as the line being checked; a Tick line passes {@code ticks}. */
  static <T> T with(TraceLine line, long ticks, Supplier<T> body) {
    LINE.set(new Checked(line, ticks));
    try {
      return body.get();
    } finally {
      LINE.remove();
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
