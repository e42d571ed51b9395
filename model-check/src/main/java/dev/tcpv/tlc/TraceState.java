package dev.tcpv.tlc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One state of a TLC error trace, as TLC printed it: its number, the action that led to it, and each
 * variable's value as TLA+ text (parsed only when rendered, so that an odd value cannot lose the trace).
 *
 * @param number TLC's state number (for {@link Kind#BACK_TO_STATE}, the state the behavior loops back to)
 * @param kind what the state is in the behavior
 * @param action the name of the action that produced it, or null for the initial state and stuttering
 * @param module the module that defines {@code action}, or null when TLC did not say
 * @param variables variable name to value text, in TLC's order
 */
public record TraceState(
    int number, Kind kind, @Nullable String action, @Nullable String module, Map<String, String> variables) {

  /** What a state is in the behavior. */
  public enum Kind {
    /** A state satisfying the initial predicate. */
    INITIAL,
    /** A state reached by an action. */
    STEP,
    /** The behavior stutters here forever (end of a liveness counterexample). */
    STUTTERING,
    /** The behavior loops back to an earlier state (end of a liveness counterexample). */
    BACK_TO_STATE
  }

  public TraceState {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }
}
