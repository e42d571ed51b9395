package dev.tcpv.report.pages;

/** Escaping and the page frame shared by every page of the site. */
final class Html {
  private Html() {}

  /** {@code text} escaped for HTML text and attribute values. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The prefix that leads from page {@code page} (a site-relative path) back to the site root. */
  static String up(String page) {
    int depth = (int) page.chars().filter(c -> c == '/').count();
    return "../".repeat(depth);
  }

  /** A link from {@code page} to the site-relative {@code target}. */
  static String link(String page, String target, String text) {
    return "<a href=\"" + esc(up(page) + target) + "\">" + esc(text) + "</a>";
  }

  /** A whole page: the frame with its navigation around {@code body} (HTML). */
  static String page(String page, String title, String body) {
    String up = up(page);
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · tcpv</title>
        <link rel="stylesheet" href="%sstyle.css">
        </head>
        <body>
        <header><nav>
        <a class="home" href="%sindex.html">tcpv report</a>
        <a href="%srules.html">Rules</a>
        <a href="%smodels.html">Models</a>
        <a href="%scounterexamples.html">Counterexamples</a>
        <a href="%sscenarios.html">Scenarios</a>
        <a href="%stests.html">Tests</a>
        <a href="%smutations.html">Mutations</a>
        <a href="%sproofs.html">Proofs</a>
        <a href="%sfindings.html">Findings</a>
        <a href="%ssrc/spec/Tcp.tla.html">Spec</a>
        </nav></header>
        <main>
        <h1>%s</h1>
        %s
        </main>
        </body>
        </html>
        """.formatted(esc(title), up, up, up, up, up, up, up, up, up, up, up, esc(title), body);
  }
}
