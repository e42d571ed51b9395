package dev.tcpv.report.site;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * The static checks of a generated site, on its files alone (no browser).
 *
 * <p>Every {@code .html} file under the root is read. Each reference in it ({@code href}, {@code src},
 * {@code srcset}, {@code poster}, SVG's {@code xlink:href}) that is a relative path must name a file inside the root,
 * and its {@code #anchor}, if any, an element {@code id} (or {@code <a name>}) of that file (of an HTML or SVG file);
 * links to other sites ({@code http:}, {@code https:}, {@code mailto:}) are left alone, but a script, stylesheet,
 * font, image or other resource loaded from another site is a problem, since the site must work offline. The same
 * holds for {@code url(...)} and {@code @import} in every {@code .css} file, {@code <style>} element and
 * {@code style} attribute. Every {@code <img>} needs a non-blank {@code alt}, every inline {@code <svg>} a
 * {@code <title>}; ids are unique on a page. The site has {@code index.html} and {@code rules.html}, and each given
 * rule ID is the id of an element of {@code rules.html} that links to {@code rule/ID.html}, which exists.
 *
 * <p>Each problem is one line that starts with the file it was found in, relative to the root:
 * {@code rules.html: broken link rule/R-TW-9.html}.
 */
public final class SiteCheck {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern CSS_URL =
      Pattern.compile("url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\\s\"']*))\\s*\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CSS_IMPORT =
      Pattern.compile("@import\\s+(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
  private static final Pattern FONT_FILE = Pattern.compile(".*\\.(woff2?|ttf|otf|eot)([?#].*)?");
  /** Attributes that hold one reference. */
  private static final List<String> REFERENCE_ATTRIBUTES = List.of("href", "src", "xlink:href", "poster");

  private final Path root;
  private final Map<Path, Set<String>> idsByFile = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  private SiteCheck(Path root) {
    this.root = root;
  }

  /**
   * Checks the site under {@code siteRoot}; {@code ruleIds} are the rule IDs that must each have an entry in
   * {@code rules.html} and a page {@code rule/ID.html}.
   *
   * @return the problems, one line each, in the order of the files (sorted by path); empty when the site passes
   * @throws IOException when the site's folder cannot be listed
   */
  public static List<String> check(Path siteRoot, Set<String> ruleIds) throws IOException {
    SiteCheck check = new SiteCheck(siteRoot.toAbsolutePath().normalize());
    for (String page : htmlPages(siteRoot)) {
      check.page(page);
    }
    for (String css : files(siteRoot, ".css")) {
      check.stylesheet(css);
    }
    check.required(ruleIds);
    return List.copyOf(check.problems);
  }

  /** The {@code .html} files under {@code siteRoot}, as paths relative to it with {@code /}, sorted. */
  public static List<String> htmlPages(Path siteRoot) throws IOException {
    return files(siteRoot, ".html");
  }

  private static List<String> files(Path siteRoot, String suffix) throws IOException {
    Path root = siteRoot.toAbsolutePath().normalize();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(root::relativize)
          .map(SiteCheck::name)
          .filter(name -> name.endsWith(suffix))
          .sorted()
          .toList();
    }
  }

  private static String name(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }

  private void page(String page) {
    Path file = root.resolve(page);
    Document doc;
    try {
      doc = Jsoup.parse(Files.readString(file));
    } catch (IOException e) {
      problem(page, unreadable(e));
      return;
    }
    Set<String> ids = new HashSet<>();
    for (Element e : doc.select("[id]")) {
      if (!ids.add(e.id())) {
        problem(page, "duplicate id " + e.id());
      }
    }
    for (Element e : doc.select("a[name]")) {
      ids.add(e.attr("name"));
    }
    idsByFile.put(file, ids);

    for (Element e : doc.getAllElements()) {
      for (String attribute : REFERENCE_ATTRIBUTES) {
        if (e.hasAttr(attribute)) {
          reference(page, file, e, attribute, e.attr(attribute));
        }
      }
      if (e.hasAttr("srcset")) {
        for (String candidate : e.attr("srcset").split(",")) {
          String url = candidate.strip().split("\\s+", 2)[0];
          if (!url.isEmpty()) {
            reference(page, file, e, "srcset", url);
          }
        }
      }
      if (e.hasAttr("style")) {
        css(page, file, e.attr("style"));
      }
    }
    for (Element style : doc.select("style")) {
      css(page, file, style.data());
    }
    for (Element img : doc.select("img")) {
      if (img.attr("alt").isBlank()) {
        problem(page, "img without alt text: " + img.attr("src"));
      }
    }
    int number = 0;
    for (Element svg : doc.select("svg")) {
      if (svg.parents().stream().anyMatch(p -> p.normalName().equals("svg"))) {
        continue;
      }
      number++;
      boolean titled = svg.children().stream().anyMatch(c -> c.normalName().equals("title") && !c.text().isBlank());
      if (!titled) {
        String which = svg.id().isEmpty() ? "number " + number + " on the page" : "#" + svg.id();
        problem(page, "inline svg without a <title> (" + which + ")");
      }
    }
  }

  private void stylesheet(String name) {
    Path file = root.resolve(name);
    try {
      css(name, file, Files.readString(file));
    } catch (IOException e) {
      problem(name, unreadable(e));
    }
  }

  /** The references in CSS text found in {@code where}; relative ones resolve against {@code base}'s folder. */
  private void css(String where, Path base, String css) {
    Matcher url = CSS_URL.matcher(css);
    while (url.find()) {
      String ref = firstGroup(url);
      int fontFace = css.lastIndexOf("@font-face", url.start());
      boolean inFontFace = fontFace >= 0 && fontFace > css.lastIndexOf('}', url.start());
      String kind = inFontFace || FONT_FILE.matcher(ref.toLowerCase(Locale.ROOT)).matches() ? "font" : "image";
      if (!ref.startsWith("#")) {
        resolve(where, base, ref, kind);
      }
    }
    Matcher imports = CSS_IMPORT.matcher(css);
    while (imports.find()) {
      resolve(where, base, firstGroup(imports), "stylesheet");
    }
  }

  private static String firstGroup(Matcher m) {
    for (int i = 1; i <= m.groupCount(); i++) {
      String group = m.group(i);
      if (group != null) {
        return group.strip();
      }
    }
    return "";
  }

  private void reference(String page, Path file, Element e, String attribute, String value) {
    resolve(page, file, value.strip(), resourceKind(e, attribute, value.strip().toLowerCase(Locale.ROOT)));
  }

  /**
   * What loading this reference from another site would fetch: {@code script}, {@code stylesheet}, {@code font},
   * {@code image} or {@code resource}; null for a link the reader follows (a link to another site is fine).
   */
  private static @Nullable String resourceKind(Element e, String attribute, String ref) {
    switch (e.normalName()) {
      case "a", "area" -> {
        return null;
      }
      case "script" -> {
        return "script";
      }
      case "img", "image", "picture", "use" -> {
        return "image";
      }
      case "link" -> {
        Set<String> rel = Set.of(e.attr("rel").toLowerCase(Locale.ROOT).split("\\s+"));
        String as = e.attr("as").toLowerCase(Locale.ROOT);
        if (rel.contains("stylesheet") || as.equals("style")) {
          return "stylesheet";
        }
        if (as.equals("font") || FONT_FILE.matcher(ref).matches()) {
          return "font";
        }
        if (as.equals("script") || rel.contains("modulepreload")) {
          return "script";
        }
        if (as.equals("image") || rel.contains("icon") || rel.contains("apple-touch-icon")) {
          return "image";
        }
        return rel.contains("preload") || rel.contains("prefetch") || rel.contains("manifest") ? "resource" : null;
      }
      default -> {
        return attribute.equals("href") ? null : "resource";
      }
    }
  }

  /**
   * Checks one reference written in {@code where} (a file relative to the root), relative to {@code base}'s
   * folder; {@code externalKind} is what it would load if it named another site (null: a link, which may).
   */
  private void resolve(String where, Path base, String ref, @Nullable String externalKind) {
    String lower = ref.toLowerCase(Locale.ROOT);
    if (ref.isEmpty()) {
      problem(where, "empty reference");
      return;
    }
    if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("//")) {
      if (externalKind != null) {
        problem(where, "external " + externalKind + " " + ref + " (the site must work offline)");
      }
      return;
    }
    if (lower.startsWith("mailto:") || lower.startsWith("data:")) {
      return;
    }
    if (SCHEME.matcher(ref).find()) {
      problem(where, "reference that is not a relative path: " + ref);
      return;
    }
    if (ref.startsWith("/")) {
      problem(where, "absolute path " + ref + " (references must be relative)");
      return;
    }
    URI uri;
    try {
      uri = new URI(ref);
    } catch (URISyntaxException e) {
      problem(where, "malformed reference " + ref);
      return;
    }
    String path = uri.getPath();
    String fragment = uri.getFragment();
    Path folder = base.getParent();
    Path target = path == null || path.isEmpty() ? base : (folder == null ? root : folder).resolve(path).normalize();
    if (!target.startsWith(root)) {
      problem(where, "link outside the site " + ref);
    } else if (!Files.exists(target)) {
      problem(where, "broken link " + ref);
    } else if (Files.isDirectory(target)) {
      problem(where, "link to a folder " + ref + " (name its file)");
    } else if (fragment != null && !fragment.isEmpty() && !ids(target).contains(fragment)) {
      problem(where, "missing anchor " + ref);
    }
  }

  /** The ids a fragment can name in {@code file}: element ids and {@code <a name>} in HTML, ids in SVG. */
  private Set<String> ids(Path file) {
    Set<String> known = idsByFile.get(file);
    if (known != null) {
      return known;
    }
    Set<String> ids = new HashSet<>();
    String lower = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".html") || lower.endsWith(".htm")) {
        Document doc = Jsoup.parse(Files.readString(file));
        doc.select("[id]").forEach(e -> ids.add(e.id()));
        doc.select("a[name]").forEach(e -> ids.add(e.attr("name")));
      } else if (lower.endsWith(".svg")) {
        Document doc = Parser.xmlParser().parseInput(Files.readString(file), "");
        doc.select("[id]").forEach(e -> ids.add(e.attr("id")));
      }
    } catch (IOException e) {
      problem(name(root.relativize(file)), unreadable(e));
    }
    idsByFile.put(file, ids);
    return ids;
  }

  private void required(Set<String> ruleIds) {
    if (!Files.isRegularFile(root.resolve("index.html"))) {
      problem("index.html", "missing (the home page)");
    }
    Path rules = root.resolve("rules.html");
    if (!Files.isRegularFile(rules)) {
      problem("rules.html", "missing (the rule index)");
      return;
    }
    Document doc;
    try {
      doc = Jsoup.parse(Files.readString(rules));
    } catch (IOException e) {
      return; // reported with the pages
    }
    for (String id : new TreeSet<>(ruleIds)) {
      String page = "rule/" + id + ".html";
      Element entry = doc.getElementById(id);
      if (entry == null) {
        problem("rules.html", "no element with id " + id);
      } else if (entry.select("a[href]").stream().noneMatch(a -> a.attr("href").split("#", 2)[0].equals(page))) {
        problem("rules.html", "the entry of " + id + " does not link to " + page);
      }
      if (!Files.isRegularFile(root.resolve(page))) {
        problem(page, "missing (the page of rule " + id + ")");
      }
    }
  }

  private static String unreadable(IOException e) {
    return e instanceof CharacterCodingException ? "not UTF-8" : "unreadable (" + e.getMessage() + ")";
  }

  private void problem(String where, String what) {
    problems.add(where + ": " + what);
  }
}
