package dev.tcpv.report.pages;

import dev.tcpv.check.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The results of the last {@code mvn verify}, from Surefire's XML reports ({@code TEST-*.xml} under each
 * module's {@code target/surefire-reports}): per test method, how many of its runs (a parameterized test has
 * several) passed, failed or were skipped.
 *
 * @param results by {@code fully.qualified.Class#method}
 * @param written when the newest report was written, or null when there is none
 */
record TestResults(Map<String, Outcome> results, @Nullable Instant written) {
  /** What happened to one test method's runs. */
  record Outcome(int passed, int failed, int skipped) {
    Outcome plus(Outcome o) {
      return new Outcome(passed + o.passed, failed + o.failed, skipped + o.skipped);
    }

    /** {@code passed}, {@code FAILED}, {@code skipped}. */
    String label() {
      return failed > 0 ? "FAILED" : passed > 0 ? "passed" : "skipped";
    }
  }

  TestResults {
    results = Map.copyOf(results);
  }

  /** The outcome of {@code type.method}, where {@code type} is a class's simple name, or null if not run. */
  @Nullable Outcome of(String packageName, String type, String method) {
    Outcome o = results.get(packageName + "." + type + "#" + method);
    if (o != null) {
      return o;
    }
    // A @Nested class: Surefire names it Outer$Inner.
    String suffix = "$" + type + "#" + method;
    for (Map.Entry<String, Outcome> e : results.entrySet()) {
      if (e.getKey().startsWith(packageName + ".") && e.getKey().endsWith(suffix)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Reads the reports of the modules under {@code root}; a report that is not well-formed XML is an input error. */
  static TestResults read(Path root, List<String> modules) throws InputException {
    Map<String, Outcome> results = new HashMap<>();
    @Nullable Instant newest = null;
    DocumentBuilder builder = builder();
    for (String module : modules) {
      Path dir = root.resolve(module).resolve("target/surefire-reports");
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> reports;
      try (Stream<Path> list = Files.list(dir)) {
        reports = list.filter(p -> String.valueOf(p.getFileName()).matches("TEST-.*\\.xml")).sorted().toList();
      } catch (IOException e) {
        throw new InputException("cannot list " + dir + ": " + e.getMessage());
      }
      for (Path report : reports) {
        try (InputStream in = Files.newInputStream(report)) {
          NodeList cases = builder.parse(in).getElementsByTagName("testcase");
          for (int i = 0; i < cases.getLength(); i++) {
            if (!(cases.item(i) instanceof Element c)) {
              continue;
            }
            String method = c.getAttribute("name");
            int cut = indexOfAny(method, "([");
            String key = c.getAttribute("classname") + "#" + (cut < 0 ? method : method.substring(0, cut));
            boolean failed =
                c.getElementsByTagName("failure").getLength() + c.getElementsByTagName("error").getLength() > 0;
            boolean skipped = c.getElementsByTagName("skipped").getLength() > 0;
            results.merge(key, new Outcome(failed || skipped ? 0 : 1, failed ? 1 : 0, skipped ? 1 : 0), Outcome::plus);
          }
          Instant modified = Files.getLastModifiedTime(report).toInstant();
          if (newest == null || modified.isAfter(newest)) {
            newest = modified;
          }
        } catch (IOException | SAXException e) {
          throw new InputException(report + ": not a readable Surefire report: " + e.getMessage());
        }
      }
    }
    return new TestResults(results, newest);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static DocumentBuilder builder() throws InputException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new InputException("no XML parser for the Surefire reports: " + e.getMessage());
    }
  }
}
