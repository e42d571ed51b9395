package dev.tcpv.tracefile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step: a spec action with its parameters and the observed post-state.
 *
 * @param line the line number in the file (1 is the header), 0 for a line not read from a file
 * @param action the spec action, as named in {@code spec/Tcp.tla} (e.g. {@code SegmentArrivesSynSent}, {@code
 *     Tick}, {@code Lose})
 * @param host the host that took it, or null for {@code Tick} and {@code Lose}
 * @param t the time of the step in microseconds, from the start of the trace (in the form the validator checks,
 *     {@code dev.tcpv.validate.TickedTrace}, in the spec's ticks)
 * @param rules the rule IDs the engine names for the step
 * @param seg the segment the step took from the network (received or lost), or null
 * @param age how long {@code seg} had been in flight when taken, in microseconds (ticks in the checked form)
 * @param dup the network delivered a copy of {@code seg} and kept it in flight (duplication)
 * @param sent the segments the step put in flight, in order
 * @param tcb the observed TCB of each observed host after the step
 * @param octets the octets a {@code Send} line's call queued or a {@code Receive} line's call took (at least 1);
 *     0 on every other line
 */
public record TraceLine(
    int line,
    String action,
    @Nullable String host,
    long t,
    List<String> rules,
    @Nullable SegmentRecord seg,
    long age,
    boolean dup,
    List<SegmentRecord> sent,
    Map<String, TcbRecord> tcb,
    int octets) {

  /** Copies the collections. */
  public TraceLine {
    rules = List.copyOf(rules);
    sent = List.copyOf(sent);
    tcb = Collections.unmodifiableMap(new LinkedHashMap<>(tcb));
  }

  /** A line whose call, if it is a {@code Send}, queued one octet. */
  public TraceLine(
      int line,
      String action,
      @Nullable String host,
      long t,
      List<String> rules,
      @Nullable SegmentRecord seg,
      long age,
      boolean dup,
      List<SegmentRecord> sent,
      Map<String, TcbRecord> tcb) {
    this(line, action, host, t, rules, seg, age, dup, sent, tcb, action.equals("Send") ? 1 : 0);
  }

  /** This line with another line number. */
  public TraceLine atLine(int n) {
    return new TraceLine(n, action, host, t, rules, seg, age, dup, sent, tcb, octets);
  }

  /** A one-line summary: the action, the host, the segment taken. */
  public String summary() {
    StringBuilder b = new StringBuilder(action);
    if (host != null) {
      b.append('(').append(host).append(')');
    }
    SegmentRecord s = seg;
    if (s != null) {
      b.append(' ').append(s.notation()).append(" age ").append(age);
      if (dup) {
        b.append(" (duplicated)");
      }
    }
    for (SegmentRecord o : sent) {
      b.append(" sends ").append(o.notation());
    }
    return b.toString();
  }
}
