package dev.tcpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint rule ID listed in {@code rule-ids.txt} is named by some test source under {@code
 * src/test/java}: as a word (so an ID ending in 1 is not found inside the one ending in 10), in a display
 * name, a comment or, for the R- rules, a method name in camel case (the rule R-OPEN-1 as {@code rOpen1}).
 * This file itself is not searched.
 */
class RuleIdCoverageTest {

  private static final Path TESTS = Path.of("src", "test", "java");
  private static final Pattern ID = Pattern.compile("([RS])-(?:([A-Z]+)-)?([0-9]+)");

  /** The IDs of the resource {@code rule-ids.txt}, comments and blank lines left out. */
  static List<String> listedIds() throws IOException {
    try (InputStream in = RuleIdCoverageTest.class.getResourceAsStream("/rule-ids.txt")) {
      if (in == null) {
        throw new AssertionError("rule-ids.txt missing from the test resources");
      }
      List<String> ids = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int hash = line.indexOf('#');
        String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!id.isEmpty()) {
          if (!ID.matcher(id).matches()) {
            throw new AssertionError("not a rule ID: " + id);
          }
          ids.add(id);
        }
      }
      return ids;
    }
  }

  /** The pattern that finds {@code id} as a word, or in camel case for an R- rule. */
  static Pattern patternOf(String id) {
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a rule ID: " + id);
    }
    String word = "(?<![A-Za-z0-9-])" + Pattern.quote(id) + "(?![0-9])";
    String group = m.group(2);
    if (group == null) {
      return Pattern.compile(word);
    }
    String camel = "r" + group.charAt(0) + group.substring(1).toLowerCase(java.util.Locale.ROOT) + m.group(3);
    return Pattern.compile(word + "|(?<![A-Za-z0-9])" + Pattern.quote(camel) + "(?![0-9])");
  }

  /** The IDs of {@code ids} that occur in none of {@code sources}, in list order. */
  static List<String> missing(List<String> ids, List<String> sources) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      Pattern p = patternOf(id);
      if (sources.stream().noneMatch(s -> p.matcher(s).find())) {
        out.add(id);
      }
    }
    return out;
  }

  private static List<String> testSources() throws IOException {
    assertTrue(Files.isDirectory(TESTS), "run from the module directory: " + TESTS.toAbsolutePath());
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TESTS)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.toString().endsWith(".java") && !f.endsWith("RuleIdCoverageTest.java")) {
          sources.add(Files.readString(f));
        }
      }
    }
    return sources;
  }

  @Test
  @DisplayName("Every endpoint rule ID in rule-ids.txt is named by a test")
  void everyRuleHasATest() throws IOException {
    List<String> ids = listedIds();
    assertTrue(ids.size() >= 48, "the list holds the endpoint rules: " + ids.size());
    assertEquals(List.of(), missing(ids, testSources()), "rule IDs named by no test");
  }

  @Test
  @DisplayName("The coverage check reports a missing ID, and one ID is not found inside a longer one")
  void checkerReportsMissing() {
    List<String> sources = List.of("@DisplayName(\"R-OPEN-10: SYN retransmitted\")", "void rKa3_probes() {}",
        "// S-12 only");
    assertEquals(
        List.of("R-OPEN-1", "R-FAKE-99", "S-1"),
        missing(List.of("R-OPEN-1", "R-OPEN-10", "R-FAKE-99", "R-KA-3", "S-1", "S-12"), sources));
  }
}
