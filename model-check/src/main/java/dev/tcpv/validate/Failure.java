package dev.tcpv.validate;

import java.util.List;

/**
 * Where a trace left the spec.
 *
 * @param source the trace file
 * @param line the line number of the step no spec behaviour matches
 * @param event the step, summarised
 * @param enabled the spec actions enabled at that point, as {@code Action(host)}
 * @param closest why the named action does not match: its false conjunct, or the fields in which its closest
 *     successor differs from the trace
 */
public record Failure(String source, int line, String event, List<String> enabled, String closest) {

  /** Copies the list. */
  public Failure {
    enabled = List.copyOf(enabled);
  }

  /** The report, several lines, the first naming {@code file:line}. */
  public String render() {
    return source + ":" + line + ": no spec behaviour matches " + event + "\n"
        + "  enabled here: " + (enabled.isEmpty() ? "(none)" : String.join(", ", enabled)) + "\n"
        + "  closest: " + closest;
  }
}
