package dev.tcpv.tlc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text of a TLC state message: a header line ({@code 3: <Deliver line 80, col 3 to line 95, col
 * 40 of module Tcp>}) and the variables, one conjunct {@code /\ name = value} each, a value running on over
 * the indented lines that follow. A spec with a single variable gets {@code name = value} without the
 * conjunction sign.
 */
public final class TraceStateParser {
  private static final Pattern HEADER = Pattern.compile("(\\d+): (.*)");
  private static final Pattern LOCATED_ACTION =
      Pattern.compile("<([^\\s(<>]+)[^<>]*? line \\d+, col \\d+ to line \\d+, col \\d+ of module ([^\\s>]+)>");
  private static final Pattern ANY_ACTION = Pattern.compile("<([^\\s<>]+)[^<>]*>");
  private static final String BACK_TO_STATE = "Back to state:";

  private TraceStateParser() {}

  /** The state a {@code 2216}/{@code 2217} (state), {@code 2218} (stuttering) or {@code 2122} message describes. */
  public static TraceState parse(String text) {
    String[] lines = text.split("\n", -1);
    Matcher header = HEADER.matcher(lines[0].strip());
    int number = 0;
    String what = lines[0].strip();
    if (header.matches()) {
      number = Integer.parseInt(Groups.of(header, 1));
      what = Groups.of(header, 2).strip();
    }
    Map<String, String> variables = variables(lines);
    if (what.equals("<Initial predicate>")) {
      return new TraceState(number, TraceState.Kind.INITIAL, null, null, variables);
    }
    if (what.startsWith("Stuttering")) {
      return new TraceState(number, TraceState.Kind.STUTTERING, null, null, variables);
    }
    TraceState.Kind kind = TraceState.Kind.STEP;
    if (what.startsWith(BACK_TO_STATE)) {
      kind = TraceState.Kind.BACK_TO_STATE;
      what = what.substring(BACK_TO_STATE.length()).strip();
    }
    Matcher located = LOCATED_ACTION.matcher(what);
    if (located.find()) {
      return new TraceState(number, kind, Groups.of(located, 1), Groups.of(located, 2), variables);
    }
    Matcher any = ANY_ACTION.matcher(what);
    @Nullable String action = any.find() ? Groups.of(any, 1) : what.isEmpty() ? null : what;
    return new TraceState(number, kind, action, null, variables);
  }

  private static Map<String, String> variables(String[] lines) {
    Map<String, String> out = new LinkedHashMap<>();
    @Nullable String name = null;
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      boolean conjunct = line.startsWith("/\\ ");
      boolean single = name == null && !line.isBlank() && !line.startsWith(" ") && line.contains(" = ");
      if (conjunct || single) {
        if (name != null) {
          out.put(name, value.toString().strip());
        }
        String assignment = conjunct ? line.substring(3) : line;
        int eq = assignment.indexOf(" = ");
        if (eq < 0) {
          name = null;
          continue;
        }
        name = assignment.substring(0, eq).strip();
        value.setLength(0);
        value.append(assignment.substring(eq + 3));
      } else if (name != null) {
        value.append('\n').append(line);
      }
    }
    if (name != null) {
      out.put(name, value.toString().strip());
    }
    return out;
  }
}
