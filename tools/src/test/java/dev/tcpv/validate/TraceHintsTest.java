package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.sim.ConnectionFactory;
import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TraceLine;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import util.UniqueString;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/** The narrowing of the sender's and user's choices to what the line being checked shows. */
class TraceHintsTest {

  private static final Value ALL = new IntervalValue(1, 1460);

  private static TraceLine sendData(String host, long seq, int len) {
    SegmentRecord s = new SegmentRecord(host, seq, 7, List.of("ACK"), len, 100);
    return new TraceLine(5, "SendData", host, 0, List.of(), null, 0, false, List.of(s), Map.of(), 0);
  }

  private static Value hint(String kind, String host, int key, Value all) {
    return TraceHints.hint(new StringValue(kind), new StringValue(host), IntValue.gen(key), all);
  }

  private static Value set(int... values) {
    Value[] v = new Value[values.length];
    for (int i = 0; i < values.length; i++) {
      v[i] = IntValue.gen(values[i]);
    }
    return new SetEnumValue(v, false);
  }

  @Test
  @DisplayName("a segment's text length is narrowed to the one the line shows, for the line's host and SEQ only")
  void textLength() {
    TraceHints.with(sendData("A", 500, 1460), 0, () -> {
      assertEquals(set(1460), hint("text", "A", 500, ALL));
      assertSame(ALL, hint("text", "B", 500, ALL), "another host (a hidden peer) keeps every length");
      assertSame(ALL, hint("text", "A", 501, ALL), "another SEQ shows nothing");
      assertEquals(set(), hint("text", "A", 500, new IntervalValue(1, 536)), "a length the spec refuses stays out");
      return null;
    });
    assertSame(ALL, hint("text", "A", 500, ALL), "outside a check nothing is narrowed");
  }

  @Test
  @DisplayName("a SEND's and a RECEIVE's octets are narrowed to the line's, on Send and Receive lines only")
  void callOctets() {
    TraceLine send = new TraceLine(3, "Send", "B", 0, List.of(), null, 0, false, List.of(), Map.of(), 900);
    TraceHints.with(send, 0, () -> {
      assertEquals(set(900), hint("send", "B", 0, ALL));
      assertSame(ALL, hint("read", "B", 0, ALL));
      return null;
    });
    TraceLine read = new TraceLine(4, "Receive", "A", 0, List.of(), null, 0, false, List.of(), Map.of(), 30);
    TraceHints.with(read, 0, () -> {
      assertEquals(set(30), hint("read", "A", 40, new IntervalValue(1, 40)));
      assertEquals(set(), hint("read", "A", 20, new IntervalValue(1, 20)), "more than waits: refused");
      return null;
    });
  }

  @Test
  @DisplayName("R-WND-2 (MUST-39): a RECEIVE's opening is narrowed to what its window update shows; without one, "
      + "or on another line or host, every opening stays")
  void readOpening() {
    Value openings = set(0, 30, 100);
    SegmentRecord update = new SegmentRecord("A", 500, 7, List.of("ACK"), 0, 140);
    TraceLine updating = new TraceLine(4, "Receive", "A", 0, List.of(), null, 0, false, List.of(update), Map.of(),
        30);
    TraceHints.with(updating, 0, () -> {
      assertEquals(set(100), hint("readOpen", "A", 40, openings), "from a window of 40 to the update's 140");
      assertEquals(set(), hint("readOpen", "A", 41, openings), "an opening of 99 the spec refuses stays out");
      assertSame(openings, hint("readOpen", "B", 40, openings), "the other host keeps every opening");
      return null;
    });
    TraceLine silent = new TraceLine(5, "Receive", "A", 0, List.of(), null, 0, false, List.of(), Map.of(), 30);
    TraceHints.with(silent, 0, () -> {
      assertSame(openings, hint("readOpen", "A", 40, openings), "no update: later windows decide");
      return null;
    });
  }

  @Test
  @DisplayName("a Tick's size is narrowed to the ticks its line passes, on Tick lines only")
  void tickSize() {
    TraceLine tick = new TraceLine(9, "Tick", null, 12, List.of(), null, 0, false, List.of(), Map.of());
    TraceHints.with(tick, 7, () -> {
      assertEquals(set(7), hint("tick", "A", 0, ALL));
      assertEquals(set(), hint("tick", "A", 0, set(1, 5)), "a gap the trace does not have stays out");
      return null;
    });
    TraceHints.with(sendData("A", 500, 1460), 0, () -> {
      assertSame(ALL, hint("tick", "A", 0, ALL), "a line that is not a Tick narrows nothing");
      return null;
    });
  }

  private static Value segment(String src, int seq, int age) {
    UniqueString[] names = {UniqueString.uniqueStringOf("src"), UniqueString.uniqueStringOf("seq"),
        UniqueString.uniqueStringOf("ack"), UniqueString.uniqueStringOf("ctl"), UniqueString.uniqueStringOf("len"),
        UniqueString.uniqueStringOf("wnd"), UniqueString.uniqueStringOf("age")};
    Value[] values = {new StringValue(src), IntValue.gen(seq), IntValue.gen(7),
        new SetEnumValue(new Value[] {new StringValue("ACK")}, false), IntValue.gen(0), IntValue.gen(100),
        IntValue.gen(age)};
    return new RecordValue(names, values, false);
  }

  private static TraceHints.Facts facts(boolean ages, Map<String, Long> keyed) {
    return new TraceHints.Facts(Map.of(), new TreeSet<>(), keyed, new long[] {0, 0, 0, 0, 0, 0, 10_003}, 1L << 30,
        ages);
  }

  @Test
  @DisplayName("an arrival takes the line's segment with its age, or of any age when the trace shows no ages")
  void arrival() {
    SegmentRecord seg = new SegmentRecord("A", 500, 7, List.of("ACK"), 0, 100);
    TraceLine taken = new TraceLine(6, "ReceiveSegment", "B", 3, List.of(), seg, 2, false, List.of(), Map.of());
    Value net = new SetEnumValue(new Value[] {segment("A", 500, 2), segment("A", 500, 1), segment("A", 501, 2)},
        false);
    Value none = new SetEnumValue();
    Value forged = new SetEnumValue(new Value[] {segment("B", 9, 0)}, false);
    TraceHints.forTrace(facts(true, Map.of()), () -> TraceHints.with(taken, 0, () -> {
      assertEquals(new SetEnumValue(new Value[] {segment("A", 500, 2)}, false), arrival("B", net, none));
      assertEquals(new SetEnumValue(new Value[] {segment("A", 500, 2)}, false), arrival("B", net, forged),
          "a forged segment the line does not show is not taken");
      assertSame(net, arrival("A", net, none), "another host's arrivals are not narrowed");
      assertEquals(4, arrival("A", net, forged).size(), "another host's arrivals: in flight and forged");
      return null;
    }));
    TraceHints.forTrace(facts(false, Map.of()), () -> TraceHints.with(taken, 0, () -> {
      assertEquals(2, arrival("B", net, none).size(), "one endpoint: any age");
      return null;
    }));
  }

  private static Value arrival(String host, Value net, Value forged) {
    return TraceHints.arrival(new StringValue(host), net, forged);
  }

  @Test
  @DisplayName("an arrival keeps a copy in flight as a fully observed line says (dup); otherwise either")
  void keep() {
    SegmentRecord seg = new SegmentRecord("A", 500, 7, List.of("ACK"), 0, 100);
    Value both = new SetEnumValue(new Value[] {BoolValue.ValFalse, BoolValue.ValTrue}, false);
    Value no = new SetEnumValue(new Value[] {BoolValue.ValFalse}, false);
    Value yes = new SetEnumValue(new Value[] {BoolValue.ValTrue}, false);
    TraceLine taken = new TraceLine(6, "ReceiveSegment", "B", 3, List.of(), seg, 2, false, List.of(), Map.of());
    TraceLine copied = new TraceLine(6, "ReceiveSegment", "B", 3, List.of(), seg, 2, true, List.of(), Map.of());
    TraceLine send = new TraceLine(6, "Send", "B", 3, List.of(), null, 0, false, List.of(), Map.of(), 5);
    TraceHints.forTrace(facts(true, Map.of()), () -> {
      TraceHints.with(taken, 0, () -> {
        assertEquals(no, hint("keep", "B", 0, both));
        assertEquals(0, hint("keep", "B", 0, yes).size(), "a choice the spec does not offer stays refused");
        assertSame(both, hint("keep", "A", 0, both), "another host's arrivals keep either");
        return null;
      });
      TraceHints.with(copied, 0, () -> {
        assertEquals(yes, hint("keep", "B", 0, both));
        return null;
      });
      return TraceHints.with(send, 0, () -> {
        assertSame(both, hint("keep", "B", 0, both), "a line that takes no segment says nothing");
        return null;
      });
    });
    TraceHints.forTrace(facts(false, Map.of()), () -> TraceHints.with(taken, 0, () -> {
      assertSame(both, hint("keep", "B", 0, both), "one endpoint: the network is not observed");
      return null;
    }));
  }

  @Test
  @DisplayName("one endpoint: the hidden peer's segments and SEND calls end at the marks its segments show")
  void hiddenPeerCutAtMarks() {
    Map<String, java.util.NavigableSet<Long>> marks = Map.of("A", new TreeSet<>(List.of(1_000L, 2_460L, 3_000L,
        9_000L)));
    TraceHints.Facts oneEndpoint = new TraceHints.Facts(Map.of(), new TreeSet<>(), Map.of(), new long[] {0}, 1L << 30,
        false, marks);
    TraceLine mine = new TraceLine(6, "Send", "B", 3, List.of(), null, 0, false, List.of(), Map.of(), 5);
    Value text = new IntervalValue(1, 1_460);
    Value send = new IntervalValue(1, 65_536);
    TraceHints.forTrace(oneEndpoint, () -> TraceHints.with(mine, 0, () -> {
      assertEquals(set(1_460), hint("text", "A", 1_000, text), "from 1,000: only 2,460 is in reach of one segment");
      assertEquals(set(1_460, 8_000), hint("send", "A", 1_000, send), "the nearest and the farthest mark");
      assertEquals(set(1, 1_460), hint("text", "A", 20_000, text), "nothing in reach: the least and the most");
      assertEquals(set(5), hint("send", "B", 1_000, send), "the observed host's call is the line's");
      return null;
    }));
    TraceHints.forTrace(new TraceHints.Facts(Map.of(), new TreeSet<>(), Map.of(), new long[] {0}, 1L << 30, true,
        marks), () -> TraceHints.with(mine, 0, () -> {
          assertSame(text, hint("text", "A", 1_000, text), "a fully observed trace shows every segment");
          return null;
        }));
  }

  @Test
  @DisplayName("R-ISN-1: a keyed host's ISS is narrowed to F + t / 4 us at the line's time; other hosts keep all")
  void keyedIss() {
    TraceLine open = new TraceLine(6, "ActiveOpen", "A", 10, List.of(), null, 0, false, List.of(), Map.of());
    Value all = set(100, 2_600, 2_601);
    TraceHints.forTrace(facts(true, Map.of("A", 100L)), () -> TraceHints.with(open, 0, () -> {
      assertEquals(set(2_600), hint("isn", "A", 0, all), "100 + 10,003 / 4");
      assertSame(all, hint("isn", "B", 0, all), "B's clock is not known");
      return null;
    }));
    TraceHints.with(open, 0, () -> {
      assertSame(all, hint("isn", "A", 0, all), "outside a validation nothing is narrowed");
      return null;
    });
  }

  @Test
  @DisplayName("TLC evaluates TraceHint in Java while validating (the override is loaded)")
  void tlcUsesTheOverride() throws Exception {
    long before = TraceHints.EVALUATIONS.get();
    Verdict v = TraceValidator.forRepository()
        .validate(Simulator.simulate(2, 300, ConnectionFactory.ENGINE, 3, true).trace());
    assertTrue(v.ok());
    assertTrue(TraceHints.EVALUATIONS.get() > before, "TraceHint was never evaluated in Java");
  }
}
