package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine's rule tags ({@link Rule}) are exactly the rules of {@code spec/rules.md}. */
class RuleTest {
  /** A rule's line in rules.md: "- ID text". */
  private static final Pattern RULE_LINE = Pattern.compile("^- ([A-Z]+(?:-[A-Z]+)?-\\d+) ", Pattern.MULTILINE);

  /** The IDs that rules.md text defines, in its order. */
  static Set<String> idsOf(String rulesMd) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = RULE_LINE.matcher(rulesMd);
    while (m.find()) {
      ids.add(String.valueOf(m.group(1)));
    }
    return ids;
  }

  /** How {@code ids} differ from the enum's: "missing X" for an ID without a constant, "extra Y" for the reverse. */
  static List<String> differences(Set<String> ids) {
    List<String> out = new ArrayList<>();
    Set<String> constants = new LinkedHashSet<>();
    Arrays.stream(Rule.values()).forEach(r -> constants.add(r.id()));
    ids.stream().filter(id -> !constants.contains(id)).forEach(id -> out.add("missing " + id));
    constants.stream().filter(id -> !ids.contains(id)).forEach(id -> out.add("extra " + id));
    return out;
  }

  private static String rulesMd() throws IOException {
    return RepoSource.read("spec", "rules.md");
  }

  @Test
  @DisplayName("Every rule ID of spec/rules.md has a constant, in the file's order, and there is no other")
  void constantsAreTheIdsOfRulesMd() throws IOException {
    Set<String> ids = idsOf(rulesMd());
    assertTrue(ids.size() >= 50, "rules.md defines its rules as \"- ID text\" lines: " + ids);
    assertEquals(List.of(), differences(ids));
    assertEquals(List.copyOf(ids), Arrays.stream(Rule.values()).map(Rule::id).toList());
  }

  @Test
  @DisplayName("A rule missing from the enum, or a constant rules.md does not define, is reported")
  void differencesAreReported() {
    Set<String> ids = new LinkedHashSet<>();
    Arrays.stream(Rule.values()).forEach(r -> ids.add(r.id()));
    ids.remove("R-TW-2");
    ids.add("R-TW-5");
    assertEquals(List.of("missing R-TW-5", "extra R-TW-2"), differences(ids));
  }

  @Test
  @DisplayName("A constant's ID is its name with hyphens")
  void idsAreNamesWithHyphens() {
    assertEquals("R-OPEN-10", Rule.R_OPEN_10.id());
    assertEquals("S-4", Rule.S_4.id());
    assertEquals("R-OPEN-1", Rule.R_OPEN_1.toString());
  }
}
