package dev.tcpv.trace;

import dev.tcpv.conn.Action;
import dev.tcpv.conn.Rule;
import dev.tcpv.wire.Segment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step of the engine, named as the spec action it mirrors ({@code spec/Tcp.tla}).
 *
 * @param nowMicros the time of the input that caused the step
 * @param action the step, named as its spec action ({@link Action#specName()}, e.g. {@code SegmentArrivesSynSent})
 * @param rules the rules of {@code spec/rules.md} the step implements, in the order the engine names them
 * @param stateBefore the RFC state name before the step, e.g. {@code SYN-SENT}
 * @param stateAfter the RFC state name after the step
 * @param variables the TCB variables after the step (RFC names, e.g. {@code SND.NXT}), unsigned values
 * @param received the segment the step received, or null for a user call or a timeout
 * @param sent the segments the step sent, in order
 * @param octets the octets the step took from the user (a SEND call) or gave the user (a RECEIVE call), 0 for any
 *     other step
 */
public record TraceEvent(
    long nowMicros,
    Action action,
    List<Rule> rules,
    String stateBefore,
    String stateAfter,
    Map<String, Long> variables,
    @Nullable Segment received,
    List<Segment> sent,
    int octets) {

  /** Copies the lists and the variables, keeping their order. */
  public TraceEvent {
    rules = List.copyOf(rules);
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    sent = List.copyOf(sent);
  }

  /** An event that neither received nor sent a segment. */
  public TraceEvent(
      long nowMicros,
      Action action,
      List<Rule> rules,
      String stateBefore,
      String stateAfter,
      Map<String, Long> variables) {
    this(nowMicros, action, rules, stateBefore, stateAfter, variables, null, List.of(), 0);
  }

  /** The IDs of {@link #rules}, as {@code spec/rules.md} and trace files write them (e.g. {@code R-OPEN-1}). */
  public List<String> ruleIds() {
    return rules.stream().map(Rule::id).toList();
  }
}
