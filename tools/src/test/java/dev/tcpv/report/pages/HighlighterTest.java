package dev.tcpv.report.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlighterTest {
  @Test
  void tlaCommentsNestAndEveryLineStandsAlone() {
    List<String> out = Highlighter.highlight(List.of(
        "(* outer (* inner *)", "still outer *) x == a < b", "\\* line IF"), Highlighter.Language.TLA);
    assertEquals(List.of(
        "<span class=\"c\">(* outer (* inner *)</span>",
        "<span class=\"c\">still outer *)</span> x == a &lt; b",
        "<span class=\"c\">\\* line IF</span>"), out);
  }

  @Test
  void tlaKeywordsAndStrings() {
    assertEquals(List.of("<span class=\"k\">IF</span> st = <span class=\"s\">&quot;TIME-WAIT&quot;</span>"),
        Highlighter.highlight(List.of("IF st = \"TIME-WAIT\""), Highlighter.Language.TLA));
  }

  @Test
  void javaStringsWithEscapesCommentsAndTextBlocks() {
    List<String> out = Highlighter.highlight(List.of(
        "String s = \"a\\\"b\"; // c<d", "/* one", "two */ return \"\"\"", "x & y\"\"\";"), Highlighter.Language.JAVA);
    assertEquals(List.of(
        "String s = <span class=\"s\">&quot;a\\&quot;b&quot;</span>; <span class=\"c\">// c&lt;d</span>",
        "<span class=\"c\">/* one</span>",
        "<span class=\"c\">two */</span> <span class=\"k\">return</span> <span class=\"s\">&quot;&quot;&quot;</span>",
        "<span class=\"s\">x &amp; y&quot;&quot;&quot;</span>;"), out);
  }
}
