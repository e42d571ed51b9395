package dev.tcpv.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceStateParserTest {

  @Test
  void readsTheInitialState() {
    TraceState s = TraceStateParser.parse("""
        1: <Initial predicate>
        /\\ tcb = [ A |->
              [st |-> "CLOSED", rto |-> -1],
          B |-> [st |-> "LISTEN", rto |-> -1] ]
        /\\ isnClock = 0
        /\\ net = {}
        """);
    assertEquals(1, s.number());
    assertEquals(TraceState.Kind.INITIAL, s.kind());
    assertNull(s.action());
    assertEquals(List.of("tcb", "isnClock", "net"), List.copyOf(s.variables().keySet()));
    assertEquals("""
        [ A |->
              [st |-> "CLOSED", rto |-> -1],
          B |-> [st |-> "LISTEN", rto |-> -1] ]""", s.variables().get("tcb"));
    assertEquals("0", s.variables().get("isnClock"));
  }

  @Test
  void readsTheActionAndItsModule() {
    TraceState s = TraceStateParser.parse("""
        4: <SegmentArrivesListen line 418, col 3 to line 440, col 40 of module Tcp>
        /\\ isnClock = 2""");
    assertEquals(TraceState.Kind.STEP, s.kind());
    assertEquals("SegmentArrivesListen", s.action());
    assertEquals("Tcp", s.module());
    assertEquals(Map.of("isnClock", "2"), s.variables());
  }

  @Test
  void readsASingleVariableWithoutConjunction() {
    TraceState s = TraceStateParser.parse("2: <Next line 5, col 9 to line 5, col 24 of module MCLasso>\nx = 1\n");
    assertEquals(Map.of("x", "1"), s.variables());
  }

  @Test
  void readsTheEndsOfALivenessCounterexample() {
    TraceState stutter = TraceStateParser.parse("6: Stuttering");
    assertEquals(TraceState.Kind.STUTTERING, stutter.kind());
    assertEquals(6, stutter.number());
    TraceState back = TraceStateParser.parse("1: Back to state: <Next line 5, col 9 to line 5, col 24 of module M>\n");
    assertEquals(TraceState.Kind.BACK_TO_STATE, back.kind());
    assertEquals(1, back.number());
    assertEquals("Next", back.action());
  }
}
