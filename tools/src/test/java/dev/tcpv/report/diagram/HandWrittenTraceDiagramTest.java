package dev.tcpv.report.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.tlc.TraceState;
import dev.tcpv.tlc.TraceStateParser;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Diagrams of hand-written TLC traces in the form TLC prints them: loss, ageing, lassos, odd text. */
class HandWrittenTraceDiagramTest {

  private static List<TraceState> trace(String... states) {
    return Arrays.stream(states).map(TraceStateParser::parse).toList();
  }

  private static String tcb(String a, String b) {
    return "/\\ tcb = [ A |-> " + a + ", B |-> " + b + " ]\n";
  }

  private static String conn(String st, int iss, int irs, int una, int nxt, int rcvNxt, int rto) {
    return "[ st |-> \"" + st + "\", iss |-> " + iss + ", irs |-> " + irs + ", sndUna |-> " + una + ", sndNxt |-> "
        + nxt + ", rcvNxt |-> " + rcvNxt + ", rto |-> " + rto + " ]";
  }

  private static final String CLOSED = conn("CLOSED", 0, 0, 0, 0, 0, -1);
  private static final String LISTEN = conn("LISTEN", 0, 0, 0, 0, 0, -1);
  private static final String SYN_SENT = conn("SYN-SENT", 4, 0, 4, 5, 0, 1);
  private static final String SYN_RECEIVED = conn("SYN-RECEIVED", 9, 4, 9, 10, 5, 1);

  private static String syn(int age) {
    return "[src |-> \"A\", dst |-> \"B\", seq |-> 4, ack |-> 0, ctl |-> {\"SYN\"}, len |-> 0, sgen |-> 1, age |-> "
        + age + "]";
  }

  private static final String SYN_ACK = "[src |-> \"B\", dst |-> \"A\", seq |-> 9, ack |-> 5, ctl |-> {\"ACK\", "
      + "\"SYN\"}, len |-> 0, sgen |-> 1, age |-> 0]";

  private static String rest(String net, int loss, int dup) {
    return "/\\ net = " + net + "\n/\\ budget = [loss |-> " + loss + ", dup |-> " + dup + ", inject |-> 0, forged |-> "
        + "{}]\n/\\ quiet = [A |-> 0, B |-> 0]\n";
  }

  private static String step(int n, String action) {
    return n + ": <" + action + " line 1, col 1 to line 2, col 2 of module Tcp>\n";
  }

  /** A SYN that ages in flight and arrives; the SYN,ACK it draws is lost; B crashes; then nothing happens. */
  private static final List<TraceState> LOSS = trace(
      "1: <Initial predicate>\n" + tcb(CLOSED, LISTEN) + rest("{}", 1, 0),
      step(2, "ActiveOpen") + tcb(SYN_SENT, LISTEN) + rest("{" + syn(0) + "}", 1, 0),
      step(3, "Tick") + tcb(SYN_SENT.replace("rto |-> 1", "rto |-> 0"), LISTEN) + rest("{" + syn(1) + "}", 1, 0),
      step(4, "SegmentArrivesListen") + tcb(SYN_SENT, SYN_RECEIVED) + rest("{" + SYN_ACK + "}", 1, 0),
      step(5, "Lose") + tcb(SYN_SENT, SYN_RECEIVED) + rest("{}", 0, 0),
      step(6, "Crash") + tcb(SYN_SENT, CLOSED) + rest("{}", 0, 0).replace("B |-> 0]", "B |-> 2]"),
      "7: Stuttering");

  @Test
  void aLostSegmentEndsInACrossAtTheRowOfItsLoss() throws Exception {
    Diagram d = Diagrams.fromTlcTrace(LOSS, "HandshakeCompletesProp violated: A waits in SYN-SENT forever");
    assertEquals(List.of("Initial state", "ActiveOpen(A)", "Tick", "SegmentArrivesListen(B)", "Lose", "Crash(B)",
        "stutters forever"), d.rows().stream().map(Diagram.Row::label).toList());
    assertEquals(List.of(
        new Diagram.Message("A", "B", 1, 3, Diagram.Kind.SENT, Diagram.Fate.ARRIVED, "<SEQ=4><CTL=SYN> (gen 1)"),
        new Diagram.Message("B", "A", 3, 4, Diagram.Kind.SENT, Diagram.Fate.LOST,
            "<SEQ=9><ACK=5><CTL=SYN,ACK> (gen 1)")), d.messages());
    assertEquals(List.of(new Diagram.Change("A", "CLOSED", "SYN-SENT", "ISS=4 SND.UNA=4 SND.NXT=5")),
        d.rows().get(1).changes());
    assertEquals(List.of(new Diagram.Change("B", "LISTEN", "SYN-RECEIVED",
        "ISS=9 IRS=4 SND.UNA=9 SND.NXT=10 RCV.NXT=5")), d.rows().get(3).changes());
    assertTrue(d.rows().get(2).changes().isEmpty(), "a tick's timers are not state changes");
    assertEquals(List.of(new Diagram.Change("B", "SYN-RECEIVED", "CLOSED", "")), d.rows().get(5).changes());
    assertEquals(6, d.verdict() == null ? -1 : d.verdict().row(), "the verdict is at the last row");
    assertNull(d.loopsBackTo());

    String svgText = SequenceDiagramSvg.render(d, "loss");
    Svg svg = Svg.parse(svgText);
    svg.checkDocument("loss", d);
    double[] x = svg.lifelines();
    List<Element> lost = svg.withClasses("g", "msg", "lost");
    assertEquals(2, lost.size(), "the lost segment's lines, then its label");
    List<Element> cross = Svg.children(lost.get(0), "line").stream()
        .filter(l -> l.getAttribute("class").equals("cross")).toList();
    assertEquals(2, cross.size(), "a cross of two strokes");
    double crossX = (Svg.num(cross.get(0), "x1") + Svg.num(cross.get(0), "x2")) / 2;
    double crossY = (Svg.num(cross.get(0), "y1") + Svg.num(cross.get(0), "y2")) / 2;
    assertEquals(svg.rowY(4), crossY, 0.1, "at the row of the loss");
    assertTrue(crossX > x[0] && crossX < x[1], "between the timelines");
    Svg.Arrow toCross = svg.arrows("msg", "lost").get(0);
    assertEquals(x[1], toCross.x1(), 0.1, "from B, which sent it");
    assertEquals(svg.rowY(3), toCross.y1(), 0.1);
    assertEquals(1, svg.arrows("msg", "arrived").size());
    assertTrue(d.describe().contains("5. Lose: the network loses <SEQ=9><ACK=5><CTL=SYN,ACK> (gen 1) from B (sent "
        + "at step 4)."), d.describe());
  }

  @Test
  void aSegmentIsFollowedThroughTicksEvenWhenAnIdenticalOneIsYounger() {
    // The SYN is sent twice, a tick apart; the tick after makes the first 2 ticks old and the second 1, the age the
    // first had before it: each must stay itself. The older one arrives first.
    String two = "{" + syn(1) + ", " + syn(0) + "}";
    Diagram d = Diagrams.fromTlcTrace(trace(
        "1: <Initial predicate>\n" + tcb(CLOSED, LISTEN) + rest("{}", 0, 0),
        step(2, "ActiveOpen") + tcb(SYN_SENT, LISTEN) + rest("{" + syn(0) + "}", 0, 0),
        step(3, "Tick") + tcb(SYN_SENT, LISTEN) + rest("{" + syn(1) + "}", 0, 0),
        step(4, "RetransmitTimeout") + tcb(SYN_SENT.replace("rto |-> 1", "rto |-> 2"), LISTEN) + rest(two, 0, 0),
        step(5, "Tick") + tcb(SYN_SENT, LISTEN) + rest("{" + syn(2) + ", " + syn(1) + "}", 0, 0),
        step(6, "SegmentArrivesListen") + tcb(SYN_SENT, SYN_RECEIVED) + rest("{" + syn(1) + "}", 0, 0)), null);
    assertEquals("RetransmitTimeout(A)", d.rows().get(3).label());
    List<Diagram.Message> syns = d.messages();
    assertEquals(2, syns.size());
    assertEquals(List.of(1, 5, Diagram.Fate.ARRIVED), List.of(syns.get(0).sentRow(), syns.get(0).endRow(),
        syns.get(0).fate()));
    assertEquals(List.of(3, Diagram.Fate.IN_FLIGHT), List.of(syns.get(1).sentRow(), syns.get(1).fate()));
    assertNull(d.verdict());
  }

  @Test
  void aLassoEndsInARowThatLoopsBack() throws Exception {
    Diagram d = Diagrams.fromTlcTrace(trace(
        "1: <Initial predicate>\n" + tcb(CLOSED, LISTEN) + rest("{}", 0, 0),
        step(2, "ActiveOpen") + tcb(SYN_SENT, LISTEN) + rest("{" + syn(0) + "}", 0, 0),
        step(3, "Tick") + tcb(SYN_SENT, LISTEN) + rest("{" + syn(1) + "}", 0, 0),
        "2: Back to state: <Tick line 1, col 1 to line 2, col 2 of module Tcp>\n"), "LivenessProp violated");
    assertEquals("Tick: back to state 2", d.rows().get(3).label());
    assertEquals(Optional.of(1), Optional.ofNullable(d.loopsBackTo()));
    assertEquals(3, d.verdict() == null ? -1 : d.verdict().row());
    assertTrue(d.describe().contains("The run repeats from step 2 forever."), d.describe());
    Svg svg = Svg.parse(SequenceDiagramSvg.render(d, "lasso"));
    List<Element> loop = svg.withClasses("g", "loop");
    assertEquals(1, loop.size());
    String path = Svg.children(loop.get(0), "path").get(0).getAttribute("d");
    assertTrue(path.contains("V" + fmt(svg.rowY(1))), "the loop climbs to the row it repeats from: " + path);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Test
  void textIsEscapedAndAnUnreadableStateIsNoFailure() throws Exception {
    Diagram d = Diagrams.fromTlcTrace(trace(
        "1: <Initial predicate>\n/\\ tcb = 17\n/\\ net = {1}\n",
        "2: <Odd line 1, col 1 to line 2, col 2 of module Tcp>\n/\\ tcb = 18\n/\\ net = {[x \\in {2} |-> x]}\n"),
        "Inv <violated> & \"quoted\" \u0001");
    assertEquals(List.of("Initial state", "Odd"), d.rows().stream().map(Diagram.Row::label).toList());
    assertTrue(d.messages().isEmpty());
    String text = SequenceDiagramSvg.render(d, "a <title> & more");
    Svg svg = Svg.parse(text);
    assertEquals("a <title> & more", Svg.text(svg.all("title").get(0)));
    assertTrue(Svg.text(svg.withClasses("g", "verdict").get(0)).contains("Inv <violated> & \"quoted\" \ufffd"));
  }

  @Test
  void aDiagramRefusesRowsItDoesNotHave() {
    Diagram.Row row = new Diagram.Row("x", List.of(), List.of());
    Diagram.Message late = new Diagram.Message("A", "B", 0, 2, Diagram.Kind.SENT, Diagram.Fate.ARRIVED, "m");
    assertThrows(IllegalArgumentException.class,
        () -> new Diagram("A", "B", List.of(row, row), List.of(late), null, null));
    Diagram.Message toSelf = new Diagram.Message("A", "A", 0, 1, Diagram.Kind.SENT, Diagram.Fate.ARRIVED, "m");
    assertThrows(IllegalArgumentException.class,
        () -> new Diagram("A", "B", List.of(row, row), List.of(toSelf), null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new Diagram.Message("A", "B", 1, 1, Diagram.Kind.SENT, Diagram.Fate.ARRIVED, "m"));
    assertThrows(IllegalArgumentException.class,
        () -> new Diagram("A", "B", List.of(row), List.of(), new Diagram.Verdict(1, "v"), null));
  }

  @Test
  void wrapsAtSpacesAndCutsWordsLongerThanALine() {
    assertEquals(List.of("ISS=9 IRS=4", "SND.UNA=9"), SequenceDiagramSvg.wrap("ISS=9 IRS=4 SND.UNA=9", 12));
    assertEquals(List.of("abcde", "fgh x", "yz"), SequenceDiagramSvg.wrap("abcdefgh x yz", 5));
    assertEquals(List.of(""), SequenceDiagramSvg.wrap("", 5));
  }
}
