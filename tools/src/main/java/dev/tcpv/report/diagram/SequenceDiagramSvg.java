package dev.tcpv.report.diagram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Draws a {@link Diagram} as a standalone SVG document: the two hosts' timelines with their names on top (and again
 * at the bottom), one row per step with its number and label on the left, state changes beside each timeline, each
 * segment an arrow from its sender's timeline to its receiver's sloping down from the row it was sent at to the row
 * it arrived at, labelled in RFC notation along the arrow. A lost segment's line ends in a cross at the row of the
 * loss, a segment still in flight at the end is a dashed stub marked "in flight", a copy (duplication) a dashed
 * arrow labelled "copy", a forged segment an arrow from a dot between the timelines. The verdict's row is marked in
 * red with the verdict's text below it; a lasso's loop is drawn left of the steps.
 *
 * <p>Labels are placed along their arrows where they overlap no other label and cross the fewest other arrows;
 * where the labels of crossing arrows cannot be kept apart, the timelines move up to half as far again apart.
 *
 * <p>The document is made to be inlined in an HTML page or opened alone: no script, no external reference (no
 * {@code id} either, so that several diagrams can share a page), text as {@code <text>} elements, {@code <title>}
 * and {@code <desc>} ({@link Diagram#describe()}) as its text alternative, a {@code viewBox} with width 100% (and a
 * {@code max-width} of its natural size) so that it scales to the page. Its parts carry CSS classes under the root's
 * {@code seqdiag}: {@code msg sent arrived}, {@code msg sent lost} (with {@code cross}), {@code msg copy arrived},
 * {@code msg forged arrived}, {@code msg sent inflight}, {@code lifeline}, {@code host}, {@code step}, {@code
 * change} ({@code state}, {@code note}, {@code mark}), {@code verdict}, {@code loop}, {@code row odd}. The document's
 * own {@code <style>} styles them, every selector under {@code .seqdiag}, so that a page's stylesheet may override
 * it. Text is monospace, so that widths are known without the fonts: a long run only makes the picture taller.
 */
public final class SequenceDiagramSvg {
  /** The advance of a monospace glyph, in ems. */
  private static final double CHAR = 0.6;
  private static final double MSG_FONT = 11;
  private static final double STATE_FONT = 12;
  private static final double NOTE_FONT = 10.5;
  private static final double STEP_FONT = 11.5;
  private static final double HOST_FONT = 14;
  private static final double VERDICT_FONT = 12.5;
  private static final double CAPTION_FONT = 13;
  /** The pitch of stacked lines of the larger and of the smaller text. */
  private static final double LINE = 14.5;
  private static final double SMALL_LINE = 12.5;
  private static final double MARGIN = 12;
  /** The strip left of the step labels where a lasso's loop is drawn. */
  private static final double LOOP_STRIP = 18;
  private static final double MIN_ROW = 32;
  /** From a row's top to its event line, where arrows start and end. */
  private static final double EVENT = 14;
  /** Between a timeline and the text beside it. */
  private static final double BESIDE = 10;
  private static final double HOST_BOX = 26;
  /** The step labels and the TCB notes wrap at these widths, in characters. */
  private static final int STEP_CHARS = 30;
  private static final int NOTE_CHARS = 34;
  /** The distance between the timelines: enough for the longest label, within these bounds. */
  private static final double MIN_SPAN = 300;
  private static final double MAX_SPAN = 540;
  /** How much wider than that the timelines may move apart to keep the labels of crossing arrows apart. */
  private static final double MAX_STRETCH = 1.5;
  private static final int STRETCH_STEPS = 2;
  /**
   * Where a lost segment's line ends in the cross, and a segment in flight at the end its dashed stub, as a share of
   * the distance between the timelines.
   */
  private static final double LOSS_AT = 0.7;
  private static final double STUB = 0.7;
  /** How far a stub falls over its length: as much as an arrow over one row. */
  private static final double STUB_FALL = 22;
  /** How far a label keeps from the start of its line, clear of the heads of arrows that end there. */
  private static final double START_MARGIN = 16;
  private static final double HEAD_LENGTH = 9;
  private static final double HEAD_HALF_WIDTH = 4;
  /** Shares of an arrow's length at which its label may be centred, the best first: the middle, then outwards. */
  private static final double[] LABEL_AT = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9};

  private static final String FONTS =
      "ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace";
  private static final String STYLE = """
      .seqdiag text{font-family:%s;fill:#1e293b}
      .seqdiag .caption{font-size:%spx;font-weight:bold}
      .seqdiag .row.odd{fill:#f1f5f9}
      .seqdiag .lifeline{stroke:#334155;stroke-width:1.5}
      .seqdiag .host rect{fill:#e2e8f0;stroke:#334155;stroke-width:1.2}
      .seqdiag .host text{font-size:%spx;font-weight:bold;text-anchor:middle}
      .seqdiag .host-foot{font-size:%spx;font-weight:bold;text-anchor:middle;fill:#475569}
      .seqdiag .step{font-size:%spx;fill:#334155}
      .seqdiag .step-note{font-size:%spx;font-style:italic;fill:#64748b}
      .seqdiag .state{font-size:%spx;font-weight:bold;fill:#0f172a}
      .seqdiag .state.same{font-weight:normal;fill:#475569}
      .seqdiag .note{font-size:%spx;fill:#475569}
      .seqdiag .mark{fill:#0f172a}
      .seqdiag .msg line,.seqdiag .msg path{stroke:#1d4ed8;stroke-width:1.4;fill:none}
      .seqdiag .msg polygon,.seqdiag .msg circle{fill:#1d4ed8}
      .seqdiag .msg text{font-size:%spx;fill:#1d4ed8;stroke:#fff;stroke-width:3.5px;stroke-linejoin:round;\
      paint-order:stroke}
      .seqdiag .msg.copy line{stroke:#7c3aed;stroke-dasharray:7 3}
      .seqdiag .msg.copy polygon{fill:#7c3aed}
      .seqdiag .msg.copy text{fill:#7c3aed}
      .seqdiag .msg.forged line{stroke:#b91c1c;stroke-dasharray:3 3}
      .seqdiag .msg.forged polygon,.seqdiag .msg.forged circle{fill:#b91c1c}
      .seqdiag .msg.forged text{fill:#b91c1c}
      .seqdiag .msg.lost line{stroke:#b45309}
      .seqdiag .msg.lost text{fill:#b45309}
      .seqdiag .msg.lost .cross{stroke:#dc2626;stroke-width:2.4}
      .seqdiag .msg.inflight line{stroke:#64748b;stroke-dasharray:5 4}
      .seqdiag .msg.inflight text{fill:#475569}
      .seqdiag .msg .fate{font-size:%spx;font-style:italic;stroke:none}
      .seqdiag .verdict rect{fill:#fee2e2}
      .seqdiag .verdict .bar{fill:#dc2626}
      .seqdiag .verdict text{font-size:%spx;font-weight:bold;fill:#b91c1c}
      .seqdiag .loop path{stroke:#0f766e;stroke-width:1.6;fill:none}
      .seqdiag .loop polygon{fill:#0f766e}
      """.formatted(FONTS, num(CAPTION_FONT), num(HOST_FONT), num(NOTE_FONT), num(STEP_FONT), num(NOTE_FONT),
      num(STATE_FONT), num(NOTE_FONT), num(MSG_FONT), num(NOTE_FONT), num(VERDICT_FONT));

  private final Diagram d;
  private final String title;
  private final StringBuilder out = new StringBuilder();

  // What the text needs, whatever the layout: each row's step label and notes, the text beside each timeline.
  private final List<List<String>> steps = new ArrayList<>();
  private final List<List<String>> stepNotes = new ArrayList<>();
  private final List<List<String>> leftText = new ArrayList<>();
  private final List<List<String>> rightText = new ArrayList<>();
  private double gutter;
  private double leftWidth;
  private double rightWidth;
  private double longestLabel;

  // The layout for a distance between the timelines.
  private double xLeft;
  private double xRight;
  private double width;
  private double height;
  private double gutterX;
  private List<String> caption = List.of();
  private double hostTop;
  private double[] rowTop = new double[0];
  private double[] rowHeight = new double[0];
  private List<String> verdictLines = List.of();
  private double verdictTop;
  private double lifelineEnd;

  private SequenceDiagramSvg(Diagram d, String title) {
    this.d = d;
    this.title = title;
    leftWidth = textWidth(d.left(), HOST_FONT) / 2 + 14;
    rightWidth = textWidth(d.right(), HOST_FONT) / 2 + 14;
    for (int i = 0; i < d.rows().size(); i++) {
      Diagram.Row row = d.rows().get(i);
      steps.add(wrap((i + 1) + ". " + row.label(), STEP_CHARS));
      List<String> notes = new ArrayList<>();
      row.notes().forEach(n -> notes.addAll(wrap(n, STEP_CHARS + 4)));
      stepNotes.add(notes);
      for (String s : steps.get(i)) {
        gutter = Math.max(gutter, textWidth(s, STEP_FONT));
      }
      for (String s : notes) {
        gutter = Math.max(gutter, textWidth(s, NOTE_FONT));
      }
      leftText.add(sideLines(row, d.left()));
      rightText.add(sideLines(row, d.right()));
      leftWidth = Math.max(leftWidth, sideWidth(leftText.get(i)));
      rightWidth = Math.max(rightWidth, sideWidth(rightText.get(i)));
    }
    for (Diagram.Message m : d.messages()) {
      longestLabel = Math.max(longestLabel, textWidth(labelText(m), MSG_FONT));
    }
  }

  /** The diagram as an SVG document whose {@code <title>} is {@code title}. */
  public static String render(Diagram d, String title) {
    return new SequenceDiagramSvg(d, title).draw();
  }

  /**
   * Lays the diagram out with the timelines as close as the longest label allows, or, when labels of crossing arrows
   * cannot all be kept apart there, wider apart, up to {@link #MAX_STRETCH}: the width and order of placing the
   * labels with the fewest overlaps.
   */
  private String draw() {
    double base = Math.min(MAX_SPAN, Math.max(MIN_SPAN, longestLabel + 130));
    double span = base;
    boolean longFirst = false;
    Score best = new Score(Integer.MAX_VALUE, Integer.MAX_VALUE);
    for (int step = 0; step <= STRETCH_STEPS && best.overlaps() > 0; step++) {
      double wider = base * (1 + (MAX_STRETCH - 1) * step / STRETCH_STEPS);
      layout(wider);
      for (boolean order : new boolean[] {false, true}) {
        Score score = placeLabels(labels(), order);
        boolean sameWidth = wider == span;
        if (score.overlaps() < best.overlaps()
            || (sameWidth && score.overlaps() == best.overlaps() && score.crossings() < best.crossings())) {
          best = score;
          span = wider;
          longFirst = order;
        }
      }
    }
    layout(span);
    List<Label> labels = labels();
    placeLabels(labels, longFirst);
    emit(labels);
    return out.toString();
  }

  /** Places the timelines {@code span} apart, and every row below the last. */
  private void layout(double span) {
    gutterX = MARGIN + (d.loopsBackTo() == null ? 0 : LOOP_STRIP);
    xLeft = gutterX + gutter + 18 + leftWidth + BESIDE;
    xRight = xLeft + span;
    width = xRight + BESIDE + rightWidth + MARGIN;
    double y = MARGIN;
    caption = title.isBlank() ? List.of() : wrap(title, chars(width - 2 * MARGIN, CAPTION_FONT));
    y += caption.size() * (CAPTION_FONT + 5) + (caption.isEmpty() ? 0 : 8);
    hostTop = y;
    y += HOST_BOX + 10;
    int n = d.rows().size();
    rowTop = new double[n];
    rowHeight = new double[n];
    Diagram.Verdict verdict = d.verdict();
    verdictLines = verdict == null ? List.of() : wrap(verdict.text(), chars(width - 2 * MARGIN - 12, VERDICT_FONT));
    for (int i = 0; i < n; i++) {
      rowTop[i] = y;
      double gutterBelow = (steps.get(i).size() - 1) * LINE + stepNotes.get(i).size() * SMALL_LINE;
      double below = Math.max(gutterBelow, Math.max(sideHeight(leftText.get(i)), sideHeight(rightText.get(i))));
      rowHeight[i] = Math.max(MIN_ROW, EVENT + below + 14);
      y += rowHeight[i];
      if (verdict != null && verdict.row() == i) {
        verdictTop = y;
        y += verdictHeight();
      }
    }
    boolean stubBelow = d.messages().stream()
        .anyMatch(m -> m.fate() == Diagram.Fate.IN_FLIGHT && m.sentRow() == n - 1);
    lifelineEnd = y + (stubBelow ? 18 : 6);
    height = lifelineEnd + 22 + MARGIN;
  }

  private double verdictHeight() {
    return verdictLines.size() * (VERDICT_FONT + 4) + 12;
  }

  /**
   * Places the labels, those of the shortest arrows first (a long arrow has more room along it to move its label
   * aside) or, when {@code longFirst}, last (the long arrow's label takes its best place, and the short ones move
   * aside). Each takes the place, among its {@link #candidates}, that overlaps the fewest labels placed before it,
   * then crosses the fewest other arrows, then overlaps the fewest first choices of the labels still to place; then
   * each label that still overlaps another moves where it overlaps fewer, if there is such a place. Returns how many
   * pairs of labels overlap and how many arrows the labels cross.
   */
  private Score placeLabels(List<Label> labels, boolean longFirst) {
    List<Label> order = new ArrayList<>(labels);
    order.sort((a, b) -> Double.compare(Math.hypot(a.dx, a.dy), Math.hypot(b.dx, b.dy)));
    if (longFirst) {
      Collections.reverse(order);
    }
    List<List<Box>> candidates = new ArrayList<>();
    List<Box> lines = new ArrayList<>();
    for (Label l : order) {
      candidates.add(candidates(l));
      lines.add(new Box(l.x + l.dx / 2, l.y + l.dy / 2, Math.hypot(l.dx, l.dy) / 2, 0.5, Math.atan2(l.dy, l.dx),
          0, 0));
    }
    List<Box> chosen = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Box best = candidates.get(i).get(0);
      int lowest = Integer.MAX_VALUE;
      for (Box b : candidates.get(i)) {
        int cost = 16 * overlaps(b, chosen, -1) + 4 * overlaps(b, lines, i);
        for (int j = i + 1; j < order.size(); j++) {
          cost += b.overlaps(candidates.get(j).get(0)) ? 1 : 0;
        }
        if (cost < lowest) {
          lowest = cost;
          best = b;
        }
      }
      chosen.add(best);
    }
    for (int i = 0; i < order.size(); i++) {
      int now = overlaps(chosen.get(i), chosen, i);
      for (Box b : candidates.get(i)) {
        int there = now == 0 ? now : overlaps(b, chosen, i);
        if (there < now) {
          chosen.set(i, b);
          now = there;
        }
      }
    }
    int pairs = 0;
    int crossings = 0;
    for (int i = 0; i < order.size(); i++) {
      order.get(i).box = chosen.get(i);
      pairs += overlaps(chosen.get(i), chosen.subList(0, i), -1);
      crossings += overlaps(chosen.get(i), lines, i);
    }
    return new Score(pairs, crossings);
  }

  /** How good a placement of the labels is: how many pairs overlap, and how many arrows they cross. */
  private record Score(int overlaps, int crossings) {}

  /** How many of {@code boxes}, except the one at {@code except}, {@code b} overlaps. */
  private static int overlaps(Box b, List<Box> boxes, int except) {
    int n = 0;
    for (int i = 0; i < boxes.size(); i++) {
      n += i != except && b.overlaps(boxes.get(i)) ? 1 : 0;
    }
    return n;
  }

  private void emit(List<Label> labels) {
    int n = d.rows().size();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"seqdiag\" role=\"img\" width=\"100%\" viewBox=\"0 0 ")
        .append(num(width)).append(' ').append(num(height))
        .append("\" preserveAspectRatio=\"xMidYMin meet\" style=\"max-width:").append(num(width))
        .append("px;height:auto\">\n");
    out.append("<title>").append(escape(title)).append("</title>\n");
    out.append("<desc>").append(escape(d.describe())).append("</desc>\n");
    out.append("<style>\n").append(escape(STYLE)).append("</style>\n");
    out.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(num(width)).append("\" height=\"")
        .append(num(height)).append("\" fill=\"#fff\"/>\n");
    for (int i = 0; i < caption.size(); i++) {
      text("caption", MARGIN, MARGIN + CAPTION_FONT + i * (CAPTION_FONT + 5), null, caption.get(i));
    }
    out.append("<g class=\"rows\">\n");
    for (int i = 1; i < n; i += 2) {
      rect("row odd", 0, rowTop[i], width, rowHeight[i]);
    }
    out.append("</g>\n");
    Diagram.Verdict verdict = d.verdict();
    if (verdict != null) {
      int v = verdict.row();
      out.append("<g class=\"verdict\">\n");
      rect("band", 0, rowTop[v], width, rowHeight[v] + verdictHeight());
      rect("bar", 0, rowTop[v], 4, rowHeight[v] + verdictHeight());
      for (int i = 0; i < verdictLines.size(); i++) {
        text(null, MARGIN + 4, verdictTop + VERDICT_FONT + i * (VERDICT_FONT + 4), null, verdictLines.get(i));
      }
      out.append("</g>\n");
    }
    lifeline(xLeft, hostTop, lifelineEnd, d.left());
    lifeline(xRight, hostTop, lifelineEnd, d.right());
    for (int i = 0; i < n; i++) {
      double event = event(i);
      out.append("<g class=\"step\">");
      List<String> step = steps.get(i);
      for (int k = 0; k < step.size(); k++) {
        text("step", gutterX, event + 4 + k * LINE, null, step.get(k));
      }
      List<String> notes = stepNotes.get(i);
      for (int k = 0; k < notes.size(); k++) {
        text("step-note", gutterX, event + 4 + (step.size() - 1) * LINE + (k + 1) * SMALL_LINE, null, notes.get(k));
      }
      out.append("</g>\n");
      for (Diagram.Change c : d.rows().get(i).changes()) {
        change(c, i);
      }
    }
    Integer loop = d.loopsBackTo();
    if (loop != null && n > 0) {
      loop(loop, n - 1);
    }
    for (Label l : labels) {
      message(l);
    }
    out.append("<g class=\"labels\">\n");
    for (Label l : labels) {
      Box box = l.box;
      if (box == null) {
        continue;
      }
      out.append("<g class=\"").append(l.classes).append("\">");
      out.append("<text x=\"").append(num(box.baseX)).append("\" y=\"").append(num(box.baseY))
          .append("\" text-anchor=\"middle\" transform=\"rotate(").append(num(Math.toDegrees(box.angle)))
          .append(' ').append(num(box.baseX)).append(' ').append(num(box.baseY)).append(")\">")
          .append(escape(l.text)).append("</text></g>\n");
    }
    out.append("</g>\n");
    out.append("</svg>\n");
  }

  /** The text beside a host's timeline at a row: its state line, then its note's lines. */
  private static List<String> sideLines(Diagram.Row row, String host) {
    List<String> lines = new ArrayList<>();
    for (Diagram.Change c : row.changes()) {
      if (c.host().equals(host)) {
        lines.add(c.state());
        lines.addAll(c.note().isEmpty() ? List.of() : wrap(c.note(), NOTE_CHARS));
      }
    }
    return lines;
  }

  private static double sideWidth(List<String> lines) {
    double w = 0;
    for (int i = 0; i < lines.size(); i++) {
      w = Math.max(w, textWidth(lines.get(i), i == 0 ? STATE_FONT : NOTE_FONT));
    }
    return w;
  }

  /** How far below the event line the text beside a timeline reaches. */
  private static double sideHeight(List<String> lines) {
    return lines.isEmpty() ? 0 : (lines.size() - 1) * SMALL_LINE + 2;
  }

  private double event(int row) {
    return rowTop[row] + EVENT;
  }

  private double x(String host) {
    return host.equals(d.left()) ? xLeft : xRight;
  }

  private void lifeline(double x, double top, double bottom, String host) {
    double w = textWidth(host, HOST_FONT) + 24;
    out.append("<g class=\"host\">");
    rect(null, x - w / 2, top, w, HOST_BOX, 4);
    text(null, x, top + HOST_BOX / 2 + HOST_FONT * 0.35, null, host);
    out.append("</g>\n");
    out.append("<line class=\"lifeline\" x1=\"").append(num(x)).append("\" y1=\"").append(num(top + HOST_BOX))
        .append("\" x2=\"").append(num(x)).append("\" y2=\"").append(num(bottom)).append("\"/>\n");
    text("host-foot", x, bottom + 16, null, host);
  }

  private void change(Diagram.Change c, int row) {
    boolean left = c.host().equals(d.left());
    double x = left ? xLeft - BESIDE : xRight + BESIDE;
    String anchor = left ? "end" : "start";
    double y = event(row);
    boolean same = c.from() == null && row > 0;
    out.append("<g class=\"change\">");
    if (!same) {
      out.append("<circle class=\"mark\" cx=\"").append(num(x(c.host()))).append("\" cy=\"").append(num(y))
          .append("\" r=\"3\"/>");
    }
    text(same ? "state same" : "state", x, y + 4, anchor, c.state());
    List<String> note = c.note().isEmpty() ? List.of() : wrap(c.note(), NOTE_CHARS);
    for (int k = 0; k < note.size(); k++) {
      text("note", x, y + 4 + (k + 1) * SMALL_LINE, anchor, note.get(k));
    }
    out.append("</g>\n");
  }

  /** The lasso: from the last row back up to the row the run repeats from, in the strip left of the steps. */
  private void loop(int target, int last) {
    double x = MARGIN + 3;
    double right = gutterX - 4;
    double from = event(last);
    double to = event(target);
    out.append("<g class=\"loop\"><path d=\"M").append(num(right)).append(' ').append(num(from)).append(" H")
        .append(num(x)).append(" V").append(num(to)).append(" H").append(num(right - 5)).append("\"/>");
    polygon(new double[] {right, to, right - 7, to - 4, right - 7, to + 4});
    out.append("</g>\n");
  }

  /** Each message's line and label, in the layout as it stands. */
  private List<Label> labels() {
    List<Label> labels = new ArrayList<>();
    for (Diagram.Message m : d.messages()) {
      double from = x(m.from());
      double to = x(m.to());
      double x1 = from;
      double y1 = event(m.sentRow());
      double x2 = to;
      double y2 = event(m.endRow());
      if (m.kind() == Diagram.Kind.FORGED) {
        x1 = (xLeft + xRight) / 2;
        y1 = Math.max(rowTop[m.sentRow()] - 6, y2 - 26);
      }
      if (m.fate() == Diagram.Fate.LOST) {
        x2 = from + (to - from) * LOSS_AT;
      } else if (m.fate() == Diagram.Fate.IN_FLIGHT) {
        x2 = from + (to - from) * STUB;
        y2 = y1 + STUB_FALL;
      }
      double margin = m.fate() == Diagram.Fate.ARRIVED ? HEAD_LENGTH + 6 : 8;
      labels.add(new Label(m, labelText(m), x1, y1, x2 - x1, y2 - y1, margin));
    }
    return labels;
  }

  /** Draws a message's line, with its head, cross, or the words "in flight". */
  private void message(Label l) {
    Diagram.Message m = l.message;
    double x2 = l.x + l.dx;
    double y2 = l.y + l.dy;
    out.append("<g class=\"").append(l.classes).append("\">");
    double length = Math.max(1, Math.hypot(l.dx, l.dy));
    double ux = l.dx / length;
    double uy = l.dy / length;
    boolean head = m.fate() == Diagram.Fate.ARRIVED;
    double endX = head ? x2 - ux * (HEAD_LENGTH - 1) : x2;
    double endY = head ? y2 - uy * (HEAD_LENGTH - 1) : y2;
    line(null, l.x, l.y, endX, endY);
    if (head) {
      double bx = x2 - ux * HEAD_LENGTH;
      double by = y2 - uy * HEAD_LENGTH;
      polygon(new double[] {x2, y2, bx - uy * HEAD_HALF_WIDTH, by + ux * HEAD_HALF_WIDTH,
          bx + uy * HEAD_HALF_WIDTH, by - ux * HEAD_HALF_WIDTH});
    }
    if (m.fate() == Diagram.Fate.LOST) {
      line("cross", x2 - 5, y2 - 5, x2 + 5, y2 + 5);
      line("cross", x2 - 5, y2 + 5, x2 + 5, y2 - 5);
    }
    if (m.fate() == Diagram.Fate.IN_FLIGHT) {
      boolean rightwards = l.dx > 0;
      text("fate", x2 + (rightwards ? 4 : -4), y2 + 4, rightwards ? "start" : "end", "in flight");
    }
    if (m.kind() == Diagram.Kind.FORGED) {
      out.append("<circle cx=\"").append(num(l.x)).append("\" cy=\"").append(num(l.y)).append("\" r=\"3.5\"/>");
    }
    out.append("</g>\n");
  }

  /** A message's label, to be placed along its line once every line is drawn. */
  private static final class Label {
    final Diagram.Message message;
    final String classes;
    final String text;
    final double x;
    final double y;
    final double dx;
    final double dy;
    final double margin;
    @Nullable Box box;

    Label(Diagram.Message message, String text, double x, double y, double dx, double dy, double margin) {
      this.message = message;
      this.classes = "msg " + switch (message.kind()) {
        case SENT -> "sent";
        case COPY -> "copy";
        case FORGED -> "forged";
      } + " " + switch (message.fate()) {
        case ARRIVED -> "arrived";
        case LOST -> "lost";
        case IN_FLIGHT -> "inflight";
      };
      this.text = text;
      this.x = x;
      this.y = y;
      this.dx = dx;
      this.dy = dy;
      this.margin = margin;
    }
  }

  private static String labelText(Diagram.Message m) {
    String prefix = switch (m.kind()) {
      case SENT -> "";
      case COPY -> "copy ";
      case FORGED -> "forged ";
    };
    return prefix + m.label();
  }

  /**
   * The places a label may take along its line, the best first: just above the line, reading left to right, centred
   * at each of {@link #LABEL_AT} where it keeps its margins from the line's ends; then the same below the line. A
   * label longer than its line has only the middle.
   */
  private static List<Box> candidates(Label l) {
    double length = Math.max(1, Math.hypot(l.dx, l.dy));
    double angle = Math.atan2(l.dy, l.dx);
    if (l.dx < 0) {
      angle = angle > 0 ? angle - Math.PI : angle + Math.PI;
    }
    double upX = Math.sin(angle);
    double upY = -Math.cos(angle);
    double ascent = MSG_FONT * 0.75;
    double descent = MSG_FONT * 0.22;
    double half = textWidth(l.text, MSG_FONT) / 2 + 3;
    List<Box> boxes = new ArrayList<>();
    for (int side = 0; side < 2; side++) {
      for (double at : LABEL_AT) {
        boolean fits = at * length - START_MARGIN >= half && (1 - at) * length - l.margin >= half;
        if (!fits && at != 0.5) {
          continue;
        }
        double lift = side == 0 ? 3 : -(3 + ascent);
        double baseX = l.x + at * l.dx + upX * lift;
        double baseY = l.y + at * l.dy + upY * lift;
        double centre = (ascent - descent) / 2;
        boxes.add(new Box(baseX + upX * centre, baseY + upY * centre, half, (ascent + descent) / 2 + 1, angle,
            baseX, baseY));
      }
    }
    return boxes;
  }

  /**
   * A label's box: centre, half width along the text, half height across it, the text's angle (radians), and the
   * point where the text's baseline is centred.
   */
  private record Box(double cx, double cy, double halfWidth, double halfHeight, double angle, double baseX,
      double baseY) {

    boolean overlaps(Box o) {
      double[][] axes = {
          {Math.cos(angle), Math.sin(angle)}, {-Math.sin(angle), Math.cos(angle)},
          {Math.cos(o.angle), Math.sin(o.angle)}, {-Math.sin(o.angle), Math.cos(o.angle)}};
      for (double[] a : axes) {
        double distance = Math.abs((o.cx - cx) * a[0] + (o.cy - cy) * a[1]);
        if (distance > radius(a) + o.radius(a)) {
          return false;
        }
      }
      return true;
    }

    private double radius(double[] axis) {
      double c = Math.cos(angle);
      double s = Math.sin(angle);
      return halfWidth * Math.abs(c * axis[0] + s * axis[1]) + halfHeight * Math.abs(-s * axis[0] + c * axis[1]);
    }
  }

  private void text(@Nullable String cls, double x, double y, @Nullable String anchor, String content) {
    out.append("<text");
    if (cls != null) {
      out.append(" class=\"").append(cls).append('"');
    }
    out.append(" x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"');
    if (anchor != null) {
      out.append(" text-anchor=\"").append(anchor).append('"');
    }
    out.append('>').append(escape(content)).append("</text>");
  }

  private void rect(@Nullable String cls, double x, double y, double w, double h) {
    rect(cls, x, y, w, h, 0);
  }

  private void rect(@Nullable String cls, double x, double y, double w, double h, double radius) {
    out.append("<rect");
    if (cls != null) {
      out.append(" class=\"").append(cls).append('"');
    }
    out.append(" x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
        .append("\" height=\"").append(num(h)).append('"');
    if (radius > 0) {
      out.append(" rx=\"").append(num(radius)).append('"');
    }
    out.append("/>");
  }

  private void line(@Nullable String cls, double x1, double y1, double x2, double y2) {
    out.append("<line");
    if (cls != null) {
      out.append(" class=\"").append(cls).append('"');
    }
    out.append(" x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
        .append("\" y2=\"").append(num(y2)).append("\"/>");
  }

  private void polygon(double[] points) {
    out.append("<polygon points=\"");
    for (int i = 0; i < points.length; i += 2) {
      out.append(i == 0 ? "" : " ").append(num(points[i])).append(',').append(num(points[i + 1]));
    }
    out.append("\"/>");
  }

  private static double textWidth(String s, double font) {
    return s.codePointCount(0, s.length()) * font * CHAR;
  }

  /** How many monospace characters of size {@code font} fit in {@code width}. */
  private static int chars(double width, double font) {
    return Math.max(20, (int) (width / (font * CHAR)));
  }

  /** {@code text} in lines of at most {@code max} characters, broken at spaces where it can be. */
  static List<String> wrap(String text, int max) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      String rest = word;
      while (rest.length() > max) {
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(rest.substring(0, max));
        rest = rest.substring(max);
      }
      if (!line.isEmpty() && line.length() + 1 + rest.length() > max) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!rest.isEmpty()) {
        line.append(line.isEmpty() ? "" : " ").append(rest);
      }
    }
    if (!line.isEmpty() || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** A coordinate with at most one decimal. */
  private static String num(double v) {
    long tenths = Math.round(v * 10);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }

  /** {@code s} as XML character data or attribute text; characters XML 1.0 does not allow become U+FFFD. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
          b.appendCodePoint(allowed ? c : 0xFFFD);
        }
      }
    });
    return b.toString();
  }
}
