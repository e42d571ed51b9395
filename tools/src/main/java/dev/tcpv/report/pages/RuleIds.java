package dev.tcpv.report.pages;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds rule IDs ({@code S-7}, {@code R-TW-1}) in text, and in the camel-case names of test methods. */
final class RuleIds {
  /** A rule ID as a word: not inside a longer ID (R-OPEN-1 is not found in R-OPEN-10). */
  static final Pattern ID = Pattern.compile("(?<![A-Za-z0-9-])([RS])-(?:([A-Z]+)-)?([0-9]+)(?![0-9])");
  /** An R- rule in a method name written in camel case ({@code rOpen1}, {@code rTw1Restart}). */
  private static final Pattern CAMEL = Pattern.compile("(?<![a-z])r([A-Z][a-z]+)([0-9]+)(?![0-9])");

  private RuleIds() {}

  /** The IDs that occur in {@code text}, in order of first occurrence. */
  static Set<String> in(String text) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = ID.matcher(text);
    while (m.find()) {
      ids.add(m.group());
    }
    return ids;
  }

  /** The R- rule IDs a method name spells in camel case ({@code rOpen1} is R-OPEN-1). */
  static Set<String> inMethodName(String name) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = CAMEL.matcher(name);
    while (m.find()) {
      ids.add("R-" + Objects.requireNonNullElse(m.group(1), "").toUpperCase(Locale.ROOT) + "-" + m.group(2));
    }
    return ids;
  }
}
