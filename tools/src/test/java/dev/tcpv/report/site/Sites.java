package dev.tcpv.report.site;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Tiny sites written by hand for the tests: a good one, and ways to break it. */
final class Sites {
  /** The rule IDs of the good site. */
  static final Set<String> RULES = Set.of("R-TW-1", "R-TW-2");

  private Sites() {}

  /** Writes a small site that passes every check into {@code root}. */
  static void good(Path root) throws IOException {
    write(root, "style.css", """
        body { font-family: sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem; }
        header { background: url(logo.svg) no-repeat right center; }
        table { border-collapse: collapse; }
        pre { overflow-x: auto; }
        svg { max-width: 100%; height: auto; }
        """);
    write(root, "logo.svg", """
        <svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">
          <title>tcpv</title>
          <circle id="mark" cx="10" cy="10" r="8" fill="#36c"/>
        </svg>
        """);
    write(root, "index.html", page("tcpv", "style.css", """
        <header><h1 id="top">tcpv</h1></header>
        <p><img src="logo.svg" alt="tcpv logo" width="20" height="20"> The TCP lifecycle, checked.</p>
        <ul>
          <li><a href="rules.html">Rules</a> (<a href="rules.html#R-TW-2">R-TW-2</a>)</li>
          <li><a href="rule/R-TW-1.html#what">R-TW-1</a></li>
          <li><a href="src/Tcp.tla.html#L2">Tcp.tla line 2</a></li>
          <li><a href="logo.svg#mark">the mark</a></li>
          <li><a href="#top">top</a>, <a href="https://example.org/">elsewhere</a>,
            <a href="mailto:someone@example.org">mail</a></li>
        </ul>
        <svg viewBox="0 0 100 40" width="100" height="40" role="img">
          <title>Two states and a step between them</title>
          <defs><marker id="arrow" markerWidth="6" markerHeight="6" refX="5" refY="3" orient="auto">
            <path d="M0,0 L6,3 L0,6 z"/></marker></defs>
          <rect x="1" y="10" width="30" height="20" fill="none" stroke="black"/>
          <line x1="31" y1="20" x2="69" y2="20" stroke="black" marker-end="url(#arrow)"/>
          <rect x="69" y="10" width="30" height="20" fill="none" stroke="black"/>
        </svg>
        """));
    write(root, "rules.html", page("Rules", "style.css", """
        <h1>Rules</h1>
        <table>
          <tr id="R-TW-1"><td><a href="rule/R-TW-1.html">R-TW-1</a></td><td>TIME-WAIT lasts 2 MSL.</td></tr>
          <tr id="R-TW-2"><td><a href="rule/R-TW-2.html">R-TW-2</a></td><td>A new SYN may reopen it.</td></tr>
        </table>
        """));
    for (String id : RULES) {
      write(root, "rule/" + id + ".html", page(id, "../style.css", """
          <h1 id="what">%s</h1>
          <p>See <a href="../rules.html#%s">the index</a> and <a href="../src/Tcp.tla.html#L1">the spec</a>.</p>
          """.formatted(id, id)));
    }
    write(root, "src/Tcp.tla.html", page("Tcp.tla", "../style.css", """
        <pre><span id="L1">---- MODULE Tcp ----</span>
        <span id="L2">EXTENDS Naturals</span>
        <span id="L3">====</span></pre>
        """));
  }

  /** A whole HTML page with a title, a stylesheet and a body. */
  static String page(String title, String stylesheet, String body) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <link rel="stylesheet" href="%s">
        </head>
        <body>
        %s</body>
        </html>
        """.formatted(title, stylesheet, body);
  }

  static void write(Path root, String name, String text) throws IOException {
    Path file = root.resolve(name);
    Path folder = file.getParent();
    if (folder != null) {
      Files.createDirectories(folder);
    }
    Files.writeString(file, text);
  }

  /** Replaces {@code from} (which must occur) with {@code to} in the site's file {@code name}. */
  static void edit(Path root, String name, String from, String to) throws IOException {
    Path file = root.resolve(name);
    String text = Files.readString(file);
    assertTrue(text.contains(from), name + " should contain " + from);
    Files.writeString(file, text.replace(from, to));
  }
}
