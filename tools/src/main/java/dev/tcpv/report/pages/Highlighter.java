package dev.tcpv.report.pages;

import java.util.List;
import java.util.Set;

/**
 * Syntax highlighting of TLA+ and Java source for the site's source pages: comments, strings and keywords as
 * {@code <span class="c|s|k">}, escaped, one HTML fragment per source line (a comment or text block that spans
 * lines is closed at each line's end and reopened on the next, so every line stands alone).
 */
final class Highlighter {
  /** The languages the site shows. */
  enum Language {
    TLA(Set.of("MODULE", "EXTENDS", "CONSTANT", "CONSTANTS", "VARIABLE", "VARIABLES", "ASSUME", "LET", "IN", "IF",
        "THEN", "ELSE", "CASE", "OTHER", "EXCEPT", "UNCHANGED", "ENABLED", "CHOOSE", "LOCAL", "INSTANCE", "WITH",
        "THEOREM", "DOMAIN", "SUBSET", "UNION", "TRUE", "FALSE", "BOOLEAN", "WF_", "SF_"), "\\*", "(*", "*)"),
    JAVA(Set.of("abstract", "boolean", "break", "byte", "case", "catch", "char", "class", "continue", "default", "do",
        "double", "else", "enum", "extends", "final", "finally", "float", "for", "if", "implements", "import",
        "instanceof", "int", "interface", "long", "new", "package", "permits", "private", "protected", "public",
        "record", "return", "sealed", "short", "static", "super", "switch", "this", "throw", "throws", "try", "var",
        "void", "while", "yield", "null", "true", "false", "non-sealed"), "//", "/*", "*/"),
    /** Packetdrill-style scripts: only their comments. */
    SCRIPT(Set.of(), "//", "/*", "*/");

    private final Set<String> keywords;
    private final String lineComment;
    private final String open;
    private final String close;

    Language(Set<String> keywords, String lineComment, String open, String close) {
      this.keywords = keywords;
      this.lineComment = lineComment;
      this.open = open;
      this.close = close;
    }

    /** The language of a file by its name. */
    static Language of(String file) {
      return file.endsWith(".tla") || file.endsWith(".cfg") ? TLA : file.endsWith(".java") ? JAVA : SCRIPT;
    }
  }

  private Highlighter() {}

  /** The lines, highlighted. */
  static List<String> highlight(List<String> lines, Language lang) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(lines.size());
    int depth = 0; // open block comments (TLA+ nests them; Java does not, so it stays at most 1)
    boolean textBlock = false;
    for (String line : lines) {
      StringBuilder b = new StringBuilder();
      int i = 0;
      int n = line.length();
      if (depth > 0 || textBlock) {
        b.append(depth > 0 ? "<span class=\"c\">" : "<span class=\"s\">");
      }
      while (i < n) {
        if (textBlock) {
          int end = line.indexOf("\"\"\"", i);
          if (end < 0) {
            b.append(Html.esc(line.substring(i)));
            i = n;
          } else {
            b.append(Html.esc(line.substring(i, end + 3))).append("</span>");
            i = end + 3;
            textBlock = false;
          }
        } else if (depth > 0) {
          if (line.startsWith(lang.close, i)) {
            b.append(Html.esc(lang.close));
            i += lang.close.length();
            depth--;
            if (depth == 0) {
              b.append("</span>");
            }
          } else if (lang == Language.TLA && line.startsWith(lang.open, i)) {
            b.append(Html.esc(lang.open));
            i += lang.open.length();
            depth++;
          } else {
            b.append(Html.esc(String.valueOf(line.charAt(i))));
            i++;
          }
        } else if (line.startsWith(lang.lineComment, i)) {
          b.append("<span class=\"c\">").append(Html.esc(line.substring(i))).append("</span>");
          i = n;
        } else if (line.startsWith(lang.open, i)) {
          b.append("<span class=\"c\">").append(Html.esc(lang.open));
          i += lang.open.length();
          depth = 1;
        } else if (lang == Language.JAVA && line.startsWith("\"\"\"", i)) {
          b.append("<span class=\"s\">").append(Html.esc("\"\"\""));
          i += 3;
          textBlock = true;
        } else if (line.charAt(i) == '"' || lang == Language.JAVA && line.charAt(i) == '\'') {
          char q = line.charAt(i);
          int j = i + 1;
          while (j < n && line.charAt(j) != q) {
            j += line.charAt(j) == '\\' && lang == Language.JAVA ? 2 : 1;
          }
          j = Math.min(j + 1, n);
          b.append("<span class=\"s\">").append(Html.esc(line.substring(i, j))).append("</span>");
          i = j;
        } else if (Character.isLetter(line.charAt(i)) || line.charAt(i) == '_') {
          int j = i;
          while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
            j++;
          }
          String word = line.substring(i, j);
          b.append(lang.keywords.contains(word) ? "<span class=\"k\">" + word + "</span>" : Html.esc(word));
          i = j;
        } else {
          b.append(Html.esc(String.valueOf(line.charAt(i))));
          i++;
        }
      }
      if (depth > 0 || textBlock) {
        b.append("</span>");
      }
      out.add(b.toString());
    }
    return out;
  }
}
