package dev.tcpv.counterexample;

import dev.tcpv.tla.TlaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint's TCB change in RFC 9293 terms: {@code B: LISTEN -> SYN-RECEIVED   [ISS=9 IRS=4 SND.NXT=10]}.
 *
 * <p>The sequence variables carry the RFC's names (§3.3.1) and come first, in the RFC's order; the spec's
 * other fields (timers, retries, incarnation numbers) keep their spec names, and a timer at -1 reads
 * {@code off}.
 */
public final class TcbNotation {
  private static final List<Map.Entry<String, String>> RFC_NAMES = List.of(
      Map.entry("iss", "ISS"),
      Map.entry("irs", "IRS"),
      Map.entry("sndUna", "SND.UNA"),
      Map.entry("sndNxt", "SND.NXT"),
      Map.entry("sndWnd", "SND.WND"),
      Map.entry("rcvNxt", "RCV.NXT"),
      Map.entry("rcvWnd", "RCV.WND"));
  private static final Set<String> TIMERS = Set.of("rto", "tw", "ka");
  private static final String STATE = "st";

  private TcbNotation() {}

  /** The host's state alone ({@code A: CLOSED}), for the initial state. */
  static String state(String host, TlaValue tcb) throws ShapeException {
    return host + ": " + stateName(Shapes.fields(tcb, "tcb[" + host + "]"), host);
  }

  /** The host's change from {@code before} (null: the host is new) to {@code after}, if anything changed. */
  public static Optional<String> change(String host, @Nullable TlaValue before, TlaValue after) throws ShapeException {
    Map<String, TlaValue> now = Shapes.fields(after, "tcb[" + host + "]");
    Map<String, TlaValue> was = before == null ? Map.of() : Shapes.fields(before, "tcb[" + host + "]");
    String newState = stateName(now, host);
    TlaValue oldStateValue = was.get(STATE);
    String oldState = oldStateValue == null ? null : Shapes.show(oldStateValue);
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, String> rfc : RFC_NAMES) {
      changedField(was, now, rfc.getKey(), rfc.getValue()).ifPresent(changed::add);
    }
    for (String field : now.keySet()) {
      if (!field.equals(STATE) && RFC_NAMES.stream().noneMatch(e -> e.getKey().equals(field))) {
        changedField(was, now, field, field).ifPresent(changed::add);
      }
    }
    boolean stateChanged = !newState.equals(oldState);
    if (!stateChanged && changed.isEmpty()) {
      return Optional.empty();
    }
    String transition = stateChanged && oldState != null ? oldState + " -> " + newState : newState;
    String fields = changed.isEmpty() ? "" : "   [" + String.join(" ", changed) + "]";
    return Optional.of(host + ": " + transition + fields);
  }

  private static Optional<String> changedField(
      Map<String, TlaValue> was, Map<String, TlaValue> now, String field, String label) {
    TlaValue value = now.get(field);
    if (value == null || value.equals(was.get(field))) {
      return Optional.empty();
    }
    boolean timerOff = TIMERS.contains(field) && value instanceof TlaValue.Int i && i.value() < 0;
    return Optional.of(label + "=" + (timerOff ? "off" : Shapes.show(value)));
  }

  private static String stateName(Map<String, TlaValue> tcb, String host) throws ShapeException {
    TlaValue st = tcb.get(STATE);
    if (st == null) {
      throw new ShapeException("tcb[" + host + "] has no st field");
    }
    return Shapes.show(st);
  }
}
