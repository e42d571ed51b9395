package dev.tcpv.report.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** A rendered diagram parsed back as XML, and the geometry the tests check: where arrows start and end. */
final class Svg {
  static final String NS = "http://www.w3.org/2000/svg";

  final Document doc;
  final Element root;

  private Svg(Document doc) {
    this.doc = doc;
    this.root = doc.getDocumentElement();
  }

  /** Parses {@code text}; fails the test when it is not well-formed XML. */
  static Svg parse(String text) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return new Svg(f.newDocumentBuilder().parse(new InputSource(new StringReader(text))));
  }

  /** The elements named {@code name}, in document order. */
  List<Element> all(String name) {
    NodeList list = doc.getElementsByTagNameNS(NS, name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      if (list.item(i) instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  /** The elements named {@code name} whose class list holds every one of {@code classes}. */
  List<Element> withClasses(String name, String... classes) {
    return all(name).stream()
        .filter(e -> Arrays.asList(e.getAttribute("class").split(" ")).containsAll(Arrays.asList(classes)))
        .toList();
  }

  /** The element children of {@code e} named {@code name}. */
  static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && name.equals(c.getLocalName())) {
        out.add(c);
      }
    }
    return out;
  }

  /** The text inside {@code e}. */
  static String text(Element e) {
    String t = e.getTextContent();
    return t == null ? "" : t;
  }

  static double num(Element e, String attribute) {
    return Double.parseDouble(e.getAttribute(attribute));
  }

  /** The x of the timelines, left host first. */
  double[] lifelines() {
    List<Element> lines = withClasses("line", "lifeline");
    assertEquals(2, lines.size(), "two timelines");
    return new double[] {num(lines.get(0), "x1"), num(lines.get(1), "x1")};
  }

  /** The y where row {@code row} (from 0) happens: its step label's baseline, less the offset the renderer adds. */
  double rowY(int row) {
    String prefix = (row + 1) + ". ";
    for (Element t : withClasses("text", "step")) {
      if (text(t).startsWith(prefix)) {
        return num(t, "y") - 4;
      }
    }
    throw new AssertionError("no step label " + prefix);
  }

  /**
   * An arrow: where its line starts and where it ends (the tip of its head when it has one, else the line's end).
   */
  record Arrow(double x1, double y1, double x2, double y2) {}

  /** The arrows of the message groups that have every one of {@code classes}, in document order. */
  List<Arrow> arrows(String... classes) {
    List<Arrow> out = new ArrayList<>();
    for (Element g : withClasses("g", classes)) {
      List<Element> lines = children(g, "line").stream()
          .filter(l -> !l.getAttribute("class").contains("cross"))
          .toList();
      if (lines.isEmpty()) {
        continue;
      }
      Element line = lines.get(0);
      List<Element> heads = children(g, "polygon");
      double x2 = num(line, "x2");
      double y2 = num(line, "y2");
      if (!heads.isEmpty()) {
        String[] tip = heads.get(0).getAttribute("points").split(" ")[0].split(",");
        x2 = Double.parseDouble(tip[0]);
        y2 = Double.parseDouble(tip[1]);
      }
      out.add(new Arrow(num(line, "x1"), num(line, "y1"), x2, y2));
    }
    return out;
  }

  /** The label texts of the message groups that have every one of {@code classes}. */
  List<Element> labels(String... classes) {
    List<Element> out = new ArrayList<>();
    for (Element g : withClasses("g", classes)) {
      out.addAll(children(g, "text"));
    }
    return out;
  }

  /** Checks what every rendering must have: the SVG namespace, a scaling viewBox, a title and a description. */
  void checkDocument(String title, Diagram d) {
    assertEquals(NS, root.getNamespaceURI());
    assertEquals("svg", root.getLocalName());
    assertEquals("100%", root.getAttribute("width"));
    assertTrue(root.getAttribute("viewBox").matches("0 0 [0-9.]+ [0-9.]+"), root.getAttribute("viewBox"));
    List<Element> first = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null && first.size() < 2; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        first.add(e);
      }
    }
    assertEquals("title", first.get(0).getLocalName());
    assertEquals(title, text(first.get(0)));
    assertEquals("desc", first.get(1).getLocalName());
    assertEquals(d.describe(), text(first.get(1)));
    assertTrue(all("script").isEmpty(), "no script");
    assertTrue(all("image").isEmpty() && all("use").isEmpty(), "no references");
    for (Element e : all("*")) {
      assertTrue(e.getAttributeNS("http://www.w3.org/1999/xlink", "href").isEmpty() && e.getAttribute("href").isEmpty()
          && e.getAttribute("id").isEmpty(), "no links and no ids: " + e.getLocalName());
    }
  }
}
