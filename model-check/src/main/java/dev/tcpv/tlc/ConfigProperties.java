package dev.tcpv.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The names a TLC configuration file lists after {@code PROPERTY}/{@code PROPERTIES} (or, {@link #invariants},
 * after {@code INVARIANT}/{@code INVARIANTS}).
 *
 * <p>TLC reports a temporal violation without naming the property; when the configuration checks exactly
 * one, that is the one.
 */
public final class ConfigProperties {
  /** The keywords that open a section of a configuration file. */
  static final Set<String> KEYWORDS = Set.of(
      "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS", "PROPERTY",
      "PROPERTIES", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW",
      "CHECK_DEADLOCK", "POSTCONDITION", "ALIAS");

  private ConfigProperties() {}

  /** The property names of the configuration file at {@code cfg}, in order. */
  public static List<String> read(Path cfg) throws IOException {
    return parse(Files.readString(cfg));
  }

  /** The property names of configuration text. */
  public static List<String> parse(String text) {
    return names(text, "PROPERTY", "PROPERTIES");
  }

  /** The invariant names of configuration text. */
  public static List<String> invariants(String text) {
    return names(text, "INVARIANT", "INVARIANTS");
  }

  /** Whether configuration text turns deadlock checking off ({@code CHECK_DEADLOCK FALSE}). */
  public static boolean disablesDeadlock(String text) {
    List<String> tokens = tokens(text);
    int at = tokens.lastIndexOf("CHECK_DEADLOCK");
    return at >= 0 && at + 1 < tokens.size() && tokens.get(at + 1).equals("FALSE");
  }

  private static List<String> tokens(String text) {
    String withoutComments = text.replaceAll("(?s)\\(\\*.*?\\*\\)", " ").replaceAll("\\\\\\*[^\n]*", " ");
    return java.util.Arrays.stream(withoutComments.split("\\s+")).filter(t -> !t.isEmpty()).toList();
  }

  private static List<String> names(String text, String one, String many) {
    List<String> names = new ArrayList<>();
    boolean inProperties = false;
    for (String token : tokens(text)) {
      if (KEYWORDS.contains(token)) {
        inProperties = token.equals(one) || token.equals(many);
      } else if (inProperties) {
        names.add(token);
      }
    }
    return names;
  }
}
