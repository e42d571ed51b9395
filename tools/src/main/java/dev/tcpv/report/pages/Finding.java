package dev.tcpv.report.pages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A finding of {@code docs/findings.md}: where a real stack departs from RFC 9293 and how its profile says so.
 * Each finding is a section {@code ### F<n>. title} whose text names the rules it concerns.
 *
 * @param id the finding's ID, {@code F1}
 * @param title its title
 * @param rules the rule IDs its text names
 * @param html its text, as HTML
 */
record Finding(String id, String title, Set<String> rules, String html) {
  /** The findings file's path in the repository. */
  static final String FILE = "docs/findings.md";

  private static final Pattern HEAD = Pattern.compile("^### (F[0-9]+)\\. (.+)$");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]+\\)");

  Finding {
    rules = Set.copyOf(rules);
  }

  /** The findings of {@code root}'s {@code docs/findings.md}, in order; none when the file is missing. */
  static List<Finding> read(Path root) throws IOException {
    Path file = root.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<Finding> all = new ArrayList<>();
    @Nullable String id = null;
    String title = "";
    List<String> body = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher m = HEAD.matcher(line);
      boolean end = m.matches() || line.startsWith("## ") || line.startsWith("### ");
      if (end && id != null) {
        all.add(of(id, title, body));
        id = null;
      }
      if (m.matches()) {
        // "### F3. Title": the ID runs from after "### " to the first '.', the title from after ". ".
        id = line.substring(4, line.indexOf('.'));
        title = line.substring(line.indexOf(". ") + 2);
        body = new ArrayList<>();
      } else if (id != null) {
        body.add(line);
      }
    }
    if (id != null) {
      all.add(of(id, title, body));
    }
    return List.copyOf(all);
  }

  private static Finding of(String id, String title, List<String> body) {
    String text = String.join("\n", body);
    return new Finding(id, title, RuleIds.in(text), html(body));
  }

  /** The section's Markdown as HTML: paragraphs and one level of bullets, code, bold and link texts. */
  private static String html(List<String> body) {
    List<String> blocks = new ArrayList<>();
    StringBuilder cur = null;
    boolean list = false;
    StringBuilder b = new StringBuilder();
    for (String raw : body) {
      String line = raw.strip();
      if (line.isEmpty()) {
        if (cur != null) {
          blocks.add((list ? "li:" : "p:") + cur);
          cur = null;
        }
        continue;
      }
      if (line.startsWith("- ")) {
        if (cur != null) {
          blocks.add((list ? "li:" : "p:") + cur);
        }
        cur = new StringBuilder(line.substring(2));
        list = true;
      } else if (cur == null) {
        cur = new StringBuilder(line);
        list = false;
      } else {
        cur.append(' ').append(line);
      }
    }
    if (cur != null) {
      blocks.add((list ? "li:" : "p:") + cur);
    }
    boolean open = false;
    for (String block : blocks) {
      boolean item = block.startsWith("li:");
      String text = inline(block.substring(item ? 3 : 2));
      if (item && !open) {
        b.append("<ul>\n");
        open = true;
      } else if (!item && open) {
        b.append("</ul>\n");
        open = false;
      }
      b.append(item ? "<li>" : "<p>").append(text).append(item ? "</li>\n" : "</p>\n");
    }
    if (open) {
      b.append("</ul>\n");
    }
    return b.toString();
  }

  private static String inline(String markdown) {
    String s = Html.esc(LINK.matcher(markdown).replaceAll("$1"));
    s = CODE.matcher(s).replaceAll("<code>$1</code>");
    return BOLD.matcher(s).replaceAll("<b>$1</b>");
  }
}
