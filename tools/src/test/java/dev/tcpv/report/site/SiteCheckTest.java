package dev.tcpv.report.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteCheckTest {
  private final Path root;

  SiteCheckTest(@TempDir Path root) {
    this.root = root;
  }

  @BeforeEach
  void writeGoodSite() throws IOException {
    Sites.good(root);
  }

  private List<String> check() throws IOException {
    return SiteCheck.check(root, Sites.RULES);
  }

  @Test
  void goodSitePasses() throws IOException {
    assertEquals(List.of(), check());
    assertEquals(List.of("index.html", "rule/R-TW-1.html", "rule/R-TW-2.html", "rules.html", "src/Tcp.tla.html"),
        SiteCheck.htmlPages(root));
  }

  @Test
  void brokenLink() throws IOException {
    Sites.edit(root, "index.html", "href=\"rule/R-TW-1.html#what\"", "href=\"rule/R-TW-9.html\"");
    assertEquals(List.of("index.html: broken link rule/R-TW-9.html"), check());
  }

  @Test
  void missingAnchor() throws IOException {
    Sites.edit(root, "index.html", "src/Tcp.tla.html#L2", "src/Tcp.tla.html#L9");
    assertEquals(List.of("index.html: missing anchor src/Tcp.tla.html#L9"), check());
  }

  @Test
  void missingAnchorOnThePageItself() throws IOException {
    Sites.edit(root, "index.html", "href=\"#top\"", "href=\"#bottom\"");
    assertEquals(List.of("index.html: missing anchor #bottom"), check());
  }

  @Test
  void missingAnchorInAnSvgFile() throws IOException {
    Sites.edit(root, "index.html", "logo.svg#mark", "logo.svg#ring");
    assertEquals(List.of("index.html: missing anchor logo.svg#ring"), check());
  }

  @Test
  void ruleMissingFromTheIndex() throws IOException {
    Sites.write(root, "rule/R-TW-3.html", Sites.page("R-TW-3", "../style.css", "<h1>R-TW-3</h1>\n"));
    assertEquals(List.of("rules.html: no element with id R-TW-3"),
        SiteCheck.check(root, Set.of("R-TW-1", "R-TW-2", "R-TW-3")));
  }

  @Test
  void ruleEntryWithoutItsLinkOrPage() throws IOException {
    Sites.edit(root, "rules.html", "<a href=\"rule/R-TW-2.html\">R-TW-2</a>", "R-TW-2");
    assertEquals(List.of("rules.html: the entry of R-TW-2 does not link to rule/R-TW-2.html"), check());
    Files.delete(root.resolve("rule/R-TW-1.html"));
    assertEquals(List.of("index.html: broken link rule/R-TW-1.html#what",
        "rules.html: broken link rule/R-TW-1.html",
        "rule/R-TW-1.html: missing (the page of rule R-TW-1)",
        "rules.html: the entry of R-TW-2 does not link to rule/R-TW-2.html"), check());
  }

  @Test
  void imageWithoutAlt() throws IOException {
    Sites.edit(root, "index.html", "alt=\"tcpv logo\" ", "");
    assertEquals(List.of("index.html: img without alt text: logo.svg"), check());
  }

  @Test
  void inlineSvgWithoutTitle() throws IOException {
    Sites.edit(root, "index.html", "<title>Two states and a step between them</title>", "");
    assertEquals(List.of("index.html: inline svg without a <title> (number 1 on the page)"), check());
  }

  @Test
  void externalStylesheet() throws IOException {
    Sites.edit(root, "rules.html", "<link rel=\"stylesheet\" href=\"style.css\">",
        "<link rel=\"stylesheet\" href=\"https://cdn.example.com/kit.css\">");
    assertEquals(
        List.of("rules.html: external stylesheet https://cdn.example.com/kit.css (the site must work offline)"),
        check());
  }

  @Test
  void externalScriptImageAndFont() throws IOException {
    Sites.edit(root, "index.html", "</ul>", """
        </ul>
        <script src="//cdn.example.com/lib.js"></script>
        <img src="http://img.example.com/a.png" alt="a">
        """);
    Sites.edit(root, "style.css", "table {", """
        @font-face { font-family: F; src: url("https://fonts.example.com/f") format("woff2"); }
        @import 'https://cdn.example.com/more.css';
        table {""");
    assertEquals(List.of(
        "index.html: external script //cdn.example.com/lib.js (the site must work offline)",
        "index.html: external image http://img.example.com/a.png (the site must work offline)",
        "style.css: external font https://fonts.example.com/f (the site must work offline)",
        "style.css: external stylesheet https://cdn.example.com/more.css (the site must work offline)"), check());
  }

  @Test
  void brokenReferenceInCss() throws IOException {
    Sites.edit(root, "style.css", "url(logo.svg)", "url('img/logo.svg')");
    Sites.edit(root, "index.html", "<header>", "<header style=\"background-image: url(gone.png)\">");
    assertEquals(List.of("index.html: broken link gone.png", "style.css: broken link img/logo.svg"), check());
  }

  @Test
  void absoluteAndOutsideReferences() throws IOException {
    Sites.edit(root, "index.html", "</ul>", """
        </ul>
        <p><a href="/etc/passwd">a</a> <a href="../../outside.html">b</a> <a href="file:///tmp/x.html">c</a>
        <a href="rule/">d</a></p>
        """);
    assertEquals(List.of(
        "index.html: absolute path /etc/passwd (references must be relative)",
        "index.html: link outside the site ../../outside.html",
        "index.html: reference that is not a relative path: file:///tmp/x.html",
        "index.html: link to a folder rule/ (name its file)"), check());
  }

  @Test
  void duplicateId() throws IOException {
    Sites.edit(root, "src/Tcp.tla.html", "id=\"L3\"", "id=\"L2\"");
    assertEquals(List.of("src/Tcp.tla.html: duplicate id L2"), check());
  }

  @Test
  void missingIndexAndRulePages() throws IOException {
    Files.delete(root.resolve("index.html"));
    Files.delete(root.resolve("rules.html"));
    assertEquals(List.of("index.html: missing (the home page)", "rules.html: missing (the rule index)",
        "rule/R-TW-1.html: broken link ../rules.html#R-TW-1", "rule/R-TW-2.html: broken link ../rules.html#R-TW-2")
        .stream().sorted().toList(), check().stream().sorted().toList());
  }

  @Test
  void escapedPathsResolve() throws IOException {
    Sites.write(root, "src/a b.html", Sites.page("a b", "../style.css", "<p id=\"x\">a b</p>\n"));
    Sites.edit(root, "index.html", "</ul>", "</ul>\n<p><a href=\"src/a%20b.html#x\">a b</a></p>\n");
    assertEquals(List.of(), check());
  }
}
