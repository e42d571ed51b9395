package dev.tcpv.counterexample;

import dev.tcpv.tla.TlaSyntaxException;
import dev.tcpv.tla.TlaValue;
import dev.tcpv.tla.TlaValueParser;
import dev.tcpv.tlc.TraceState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of a TLC error trace's states as parsed TLA+ values, each distinct text parsed once: a trace
 * repeats most values from state to state. A value that does not parse is empty, so that a reader of the trace
 * can fall back on its text instead of losing the counterexample.
 */
public final class TraceValues {
  private final Map<String, Optional<TlaValue>> parsed = new HashMap<>();

  /** The value of {@code variable} in {@code state}; empty when the state lacks it or it does not parse. */
  public Optional<TlaValue> value(TraceState state, String variable) {
    String text = state.variables().get(variable);
    if (text == null) {
      return Optional.empty();
    }
    return parsed.computeIfAbsent(text, t -> {
      try {
        return Optional.of(TlaValueParser.parse(t));
      } catch (TlaSyntaxException e) {
        return Optional.empty();
      }
    });
  }

  /** The name of the action that led to {@code state}, or {@code (unnamed action)}. */
  public static String actionName(TraceState state) {
    String action = state.action();
    return action == null ? "(unnamed action)" : action;
  }
}
