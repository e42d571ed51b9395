package dev.tcpv.report.pages;

import dev.tcpv.check.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule catalogue, {@code spec/rules.md}: sections headed {@code ## title}, and in them one entry per line,
 * {@code - ID text}.
 *
 * @param rules the entries in the file's order
 */
record RuleCatalogue(List<Rule> rules) {
  private static final Pattern ENTRY = Pattern.compile("- ((?:[RS])-(?:[A-Z]+-)?[0-9]+) (.+)");
  private static final Pattern RFC_REF = Pattern.compile("§[0-9]+(?:\\.[0-9]+)*(?:[–-][0-9]+(?:\\.[0-9]+)*)?");
  private static final Pattern KEY = Pattern.compile("\\b(?:MUST|SHLD|MAY)-[0-9]+(?:\\.\\.[0-9]+)?\\b");

  RuleCatalogue {
    rules = List.copyOf(rules);
  }

  /** The entry of {@code id}, if the catalogue has one. */
  Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The IDs, in the catalogue's order. */
  List<String> ids() {
    return rules.stream().map(Rule::id).toList();
  }

  /** Reads the catalogue; an unreadable file, an entry without an ID or a repeated ID is an input error. */
  static RuleCatalogue read(Path file) throws InputException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InputException("cannot read the rule catalogue " + file + ": " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  static RuleCatalogue parse(String where, String text) throws InputException {
    List<Rule> rules = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String section = "";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("## ")) {
        section = line.substring(3).strip();
      } else if (line.startsWith("- ")) {
        Matcher m = ENTRY.matcher(line);
        if (!m.matches()) {
          throw new InputException(where + ":" + (i + 1) + ": a catalogue entry must start with a rule ID");
        }
        String id = Objects.requireNonNullElse(m.group(1), "");
        if (!seen.add(id)) {
          throw new InputException(where + ":" + (i + 1) + ": rule " + id + " is listed twice");
        }
        String body = Objects.requireNonNullElse(m.group(2), "");
        rules.add(new Rule(id, section, body, all(RFC_REF, section + " " + body), all(KEY, body),
            body.startsWith("(policy"), i + 1));
      }
    }
    if (rules.isEmpty()) {
      throw new InputException(where + ": no rule entries (lines '- ID text')");
    }
    return new RuleCatalogue(rules);
  }

  private static List<String> all(Pattern p, String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return List.copyOf(found);
  }
}
