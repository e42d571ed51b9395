package dev.tcpv.report.pages;

import dev.tcpv.check.BranchCatalogue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level definitions of a TLA+ module and the rule IDs each declares.
 *
 * <p>A definition starts at a line {@code Name ==} or {@code Name(args) ==} in column 0; the comment lines
 * right above it ({@code \*} lines, or a {@code (* ... *)} block) belong to it; it ends before the next
 * definition's comment, a separator line ({@code ----}, {@code ====}) or the module's end.
 *
 * @param lines the module's lines
 * @param definitions its definitions, in order
 */
record SpecIndex(List<String> lines, List<SpecDefinition> definitions) {
  private static final Pattern HEAD = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*(?:\\([^=]*\\))?\\s*==(?!=).*");

  private static final Pattern CONSTANT = Pattern.compile("^\\s+([A-Za-z][A-Za-z0-9_]*)\\s*,?\\s*(?:\\\\\\*.*)?$");

  SpecIndex {
    lines = List.copyOf(lines);
    definitions = List.copyOf(definitions);
  }

  /** The definitions that declare {@code id}. */
  List<SpecDefinition> declaring(String id) {
    return definitions.stream().filter(d -> d.rules().contains(id))
        .sorted(java.util.Comparator.comparing(SpecDefinition::kind)).toList();
  }

  static SpecIndex of(String text, BranchCatalogue branches) {
    List<String> lines = List.of(text.split("\n", -1));
    List<Integer> heads = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = HEAD.matcher(lines.get(i));
      if (m.matches()) {
        heads.add(i);
        names.add(Objects.requireNonNullElse(m.group(1), ""));
      }
    }
    List<SpecDefinition> defs = new ArrayList<>();
    for (int k = 0; k < heads.size(); k++) {
      int head = heads.get(k);
      int first = commentStart(lines, head);
      int limit = k + 1 < heads.size() ? commentStart(lines, heads.get(k + 1)) : lines.size();
      int last = head;
      for (int i = head + 1; i < limit; i++) {
        String l = lines.get(i);
        if (l.startsWith("----") || l.startsWith("====") || l.startsWith("(****")) {
          break;
        }
        if (!l.isBlank()) {
          last = i;
        }
      }
      String name = names.get(k);
      Set<String> rules = new LinkedHashSet<>(RuleIds.in(String.join("\n", lines.subList(first, last + 1))));
      List<String> own = new ArrayList<>();
      for (BranchCatalogue.Branch b : branches.branches()) {
        if (b.name().equals(name) || b.name().startsWith(name + ".")) {
          own.add(b.name());
          rules.addAll(b.rules());
        }
      }
      SpecDefinition.Kind kind = !own.isEmpty() ? SpecDefinition.Kind.ACTION
          : name.endsWith("Inv") || name.endsWith("Prop") ? SpecDefinition.Kind.PROPERTY
          : SpecDefinition.Kind.DEFINITION;
      defs.add(new SpecDefinition(name, kind, first + 1, head + 1, last + 1, rules, own));
    }
    defs.addAll(constants(lines));
    return new SpecIndex(lines, defs);
  }

  /**
   * The constants of {@code CONSTANT}/{@code CONSTANTS} blocks, one per {@code Name,  \* comment} line (with the
   * comment lines that continue it), with the rule IDs of their comments: the policies and knobs the spec carries.
   */
  private static List<SpecDefinition> constants(List<String> lines) {
    List<SpecDefinition> out = new ArrayList<>();
    boolean inBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("CONSTANT")) {
        inBlock = true;
        continue;
      }
      if (!inBlock) {
        continue;
      }
      Matcher m = CONSTANT.matcher(l);
      if (!m.matches()) {
        inBlock = l.strip().startsWith("\\*");
        continue;
      }
      int last = i;
      while (last + 1 < lines.size() && lines.get(last + 1).strip().startsWith("\\*")) {
        last++;
      }
      Set<String> rules = RuleIds.in(String.join("\n", lines.subList(i, last + 1)));
      out.add(new SpecDefinition(Objects.requireNonNullElse(m.group(1), ""), SpecDefinition.Kind.CONSTANT, i + 1,
          i + 1, last + 1, rules, List.of()));
    }
    return out;
  }

  /** The first line of the comment right above line {@code head} (both from 0), or {@code head}. */
  private static int commentStart(List<String> lines, int head) {
    int i = head;
    while (i > 0) {
      String above = lines.get(i - 1).strip();
      if (above.startsWith("\\*")) {
        i--;
      } else if (above.endsWith("*)") && !above.startsWith("(****")) {
        int j = i - 1;
        while (j > 0 && !lines.get(j).strip().startsWith("(*")) {
          j--;
        }
        if (lines.get(j).strip().startsWith("(****")) {
          return i;
        }
        i = j;
      } else {
        return i;
      }
    }
    return i;
  }
}
