package dev.tcpv.validate;

import java.util.List;

/**
 * Where a trace left the spec.
 *
 * @param source the trace file
 * @param line the line number of the step no spec behaviour matches, or whose rule IDs are wrong
 * @param event the step, summarised
 * @param enabled the spec actions enabled at that point, as {@code Action(host)}; empty when {@code matched}
 * @param closest why the named action does not match: its false conjunct, or the fields in which its closest
 *     successor differs from the trace; when {@code matched}, which rule IDs of the line its step's branches do not
 *     declare, and what they declare
 * @param matched a spec behaviour matches the step, but the rule IDs the line carries are not all declared (in
 *     {@code spec/branches.json}) by the branches of the spec the step took
 */
public record Failure(String source, int line, String event, List<String> enabled, String closest, boolean matched) {

  /** Copies the list. */
  public Failure {
    enabled = List.copyOf(enabled);
  }

  /** This failure naming only the enabled actions that {@code keep} accepts. */
  public Failure enabledOnly(java.util.function.Predicate<String> keep) {
    return new Failure(source, line, event, enabled.stream().filter(keep).toList(), closest, matched);
  }

  /** A step no spec behaviour matches. */
  public Failure(String source, int line, String event, List<String> enabled, String closest) {
    this(source, line, event, enabled, closest, false);
  }

  /** A step a spec behaviour matches whose rule IDs are not all declared by its branches, {@code why} says how. */
  static Failure undeclaredRules(String source, int line, String event, String why) {
    return new Failure(source, line, event, List.of(), why, true);
  }

  /**
   * The report, its first line naming {@code file:line}: one line for wrong rule IDs; for a step no spec behaviour
   * matches, two more with the actions enabled there and the closest successor.
   */
  public String render() {
    if (matched) {
      return source + ":" + line + ": " + closest;
    }
    return source + ":" + line + ": no spec behaviour matches " + event + "\n"
        + "  enabled here: " + (enabled.isEmpty() ? "(none)" : String.join(", ", enabled)) + "\n"
        + "  closest: " + closest;
  }
}
