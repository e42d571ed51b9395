package dev.tcpv.counterexample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpv.tlc.TraceState;
import dev.tcpv.tlc.TraceStateParser;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Renders hand-written trace states in the form TLC 2.18 prints them. */
class CounterexampleRendererTest {

  private static List<TraceState> trace(String... states) {
    return Arrays.stream(states).map(TraceStateParser::parse).toList();
  }

  private static String tcb(String a, String b) {
    return "/\\ tcb = [ A |->\n      " + a + ",\n  B |->\n      " + b + " ]\n";
  }

  private static String conn(String st, int iss, int irs, int una, int nxt, int rcvNxt, int rto) {
    return "[ st |-> \"" + st + "\",\n        passive |-> " + (st.equals("LISTEN") ? "TRUE" : "FALSE")
        + ",\n        iss |-> " + iss + ",\n        irs |-> " + irs + ",\n        sndUna |-> " + una
        + ",\n        sndNxt |-> " + nxt + ",\n        rcvNxt |-> " + rcvNxt + ",\n        rto |-> " + rto + " ]";
  }

  private static final String CLOSED = conn("CLOSED", 0, 0, 0, 0, 0, -1);
  private static final String LISTEN = conn("LISTEN", 0, 0, 0, 0, 0, -1);
  private static final String SYN_SENT = conn("SYN-SENT", 4, 0, 4, 5, 0, 1);
  private static final String SYN_RECEIVED = conn("SYN-RECEIVED", 9, 4, 9, 10, 5, 1);
  private static final String SYN = "[ src |-> \"A\",\n    dst |-> \"B\",\n    seq |-> 4,\n    ack |-> 0,\n"
      + "    ctl |-> {\"SYN\"},\n    len |-> 0,\n    sgen |-> 1,\n    age |-> %d ]";
  private static final String SYN_ACK = "[ src |-> \"B\",\n    dst |-> \"A\",\n    seq |-> 9,\n    ack |-> 5,\n"
      + "    ctl |-> {\"ACK\", \"SYN\"},\n    len |-> 0,\n    sgen |-> 1,\n    age |-> 0 ]";

  private static String rest(int clock, String net, String quiet, int loss, int genA, int genB) {
    return "/\\ isnClock = " + clock + "\n/\\ net = " + net + "\n/\\ quiet = " + quiet
        + "\n/\\ budget = [loss |-> " + loss + ", dup |-> 0]\n/\\ ghost = [gen |-> [A |-> " + genA + ", B |-> "
        + genB + "], stale |-> {}]\n";
  }

  @Test
  void tellsAHandshakeInRfcTerms() {
    String quiet = "[A |-> 0, B |-> 0]";
    String out = CounterexampleRenderer.render(trace(
        "1: <Initial predicate>\n" + tcb(CLOSED, LISTEN) + rest(0, "{}", quiet, 1, 0, 0),
        "2: <ActiveOpen line 309, col 5 to line 322, col 40 of module Tcp>\n" + tcb(SYN_SENT, LISTEN)
            + rest(1, "{ " + SYN.formatted(0) + " }", quiet, 1, 1, 0),
        "3: <Tick line 838, col 5 to line 850, col 40 of module Tcp>\n" + tcb(SYN_SENT, LISTEN)
            + rest(2, "{ " + SYN.formatted(1) + " }", quiet, 1, 1, 0),
        "4: <SegmentArrivesListen line 418, col 5 to line 440, col 40 of module Tcp>\n"
            + tcb(SYN_SENT, SYN_RECEIVED) + rest(2, "{ " + SYN_ACK + " }", quiet, 1, 1, 1),
        "5: <Lose line 815, col 5 to line 820, col 40 of module Tcp>\n" + tcb(SYN_SENT, SYN_RECEIVED)
            + rest(2, "{}", quiet, 0, 1, 1),
        "6: <Crash line 852, col 5 to line 860, col 40 of module Tcp>\n" + tcb(SYN_SENT, CLOSED)
            + rest(2, "{}", "[A |-> 0, B |-> 2]", 0, 1, 1),
        "7: Stuttering"));
    assertEquals("""
         1. Initial state
              A: CLOSED
              B: LISTEN
              clock: 0
         2. ActiveOpen
              A: CLOSED -> SYN-SENT   [ISS=4 SND.UNA=4 SND.NXT=5 rto=1]
              sent: A -> B <SEQ=4><CTL=SYN> (gen 1)
              clock: 0 -> 1
              ghost.gen[A]: 0 -> 1
         3. Tick
              clock: 1 -> 2
         4. SegmentArrivesListen  A -> B  <SEQ=4><CTL=SYN> (age 1, gen 1)
              B: LISTEN -> SYN-RECEIVED   [ISS=9 IRS=4 SND.UNA=9 SND.NXT=10 RCV.NXT=5 passive=FALSE rto=1]
              sent: B -> A <SEQ=9><ACK=5><CTL=SYN,ACK> (gen 1)
              ghost.gen[B]: 0 -> 1
         5. Lose  B -> A  <SEQ=9><ACK=5><CTL=SYN,ACK> (gen 1)
              budget.loss: 1 -> 0
         6. Crash
              B: SYN-RECEIVED -> CLOSED   [ISS=0 IRS=0 SND.UNA=0 SND.NXT=0 RCV.NXT=0 rto=off]
              quiet[B]: 0 -> 2
         7. (stuttering: nothing changes from here on)
        """, out);
  }

  @Test
  void readsFunctionsPrintedWithColonGreater() {
    String out = CounterexampleRenderer.render(trace(
        "1: <Initial predicate>\n/\\ tcb = (\"A\" :> " + CLOSED + " @@ \"B\" :> " + LISTEN + ")\n/\\ net = {}\n",
        "2: <ActiveOpen line 1, col 1 to line 2, col 2 of module Tcp>\n/\\ tcb = (\"A\" :> " + SYN_SENT
            + " @@ \"B\" :> " + LISTEN + ")\n/\\ net = {" + SYN.formatted(0) + "}\n"));
    assertEquals("""
         1. Initial state
              A: CLOSED
              B: LISTEN
         2. ActiveOpen
              A: CLOSED -> SYN-SENT   [ISS=4 SND.UNA=4 SND.NXT=5 rto=1]
              sent: A -> B <SEQ=4><CTL=SYN> (gen 1)
        """, out);
  }

  @Test
  void listsEverySegmentThatLeftWhenSeveralDid() {
    String two = "{" + SYN.formatted(2) + ", " + SYN_ACK + "}";
    String out = CounterexampleRenderer.render(trace(
        "1: <Initial predicate>\n/\\ net = " + two + "\n/\\ isnClock = 2\n",
        "2: <Tick line 1, col 1 to line 2, col 2 of module Tcp>\n/\\ net = {}\n/\\ isnClock = 3\n"));
    assertEquals("""
         1. Initial state
              in flight: A -> B <SEQ=4><CTL=SYN> (age 2, gen 1)
              in flight: B -> A <SEQ=9><ACK=5><CTL=SYN,ACK> (gen 1)
              clock: 2
         2. Tick
              left: A -> B <SEQ=4><CTL=SYN> (age 2, gen 1)
              left: B -> A <SEQ=9><ACK=5><CTL=SYN,ACK> (gen 1)
              clock: 2 -> 3
        """, out);
  }

  @Test
  void printsRawWhatItCannotRead() {
    String out = CounterexampleRenderer.render(trace(
        "1: <Initial predicate>\n/\\ tcb = 17\n/\\ net = {[x \\in {1} |-> x]}\n/\\ extra = <<1, 2>>\n",
        "2: <Odd line 1, col 1 to line 2, col 2 of module Tcp>\n/\\ tcb = 18\n/\\ net = {[x \\in {2} |->\n  x]}\n"
            + "/\\ extra = <<1, 3>>\n",
        "3: <Odd line 1, col 1 to line 2, col 2 of module Tcp>\n/\\ tcb = [A |-> [nost |-> 1]]\n"
            + "/\\ net = {1}\n/\\ extra = <<1, 3, 4>>\n"));
    assertEquals("""
         1. Initial state
              tcb = 17
              net = {[x \\in {1} |-> x]}
              extra = <<1, 2>>
         2. Odd
              tcb = 18
              net = {[x \\in {2} |-> x]}
              extra[2]: 2 -> 3
         3. Odd
              tcb = [A |-> [nost |-> 1]]
              net = {1}
              extra: <<1, 3>> -> <<1, 3, 4>>
        """, out);
  }

  @Test
  void closesALassoWithTheStateItReturnsTo() {
    String out = CounterexampleRenderer.render(trace(
        "1: <Initial predicate>\nx = 0\n",
        "2: <Next line 5, col 9 to line 5, col 24 of module M>\nx = 1\n",
        "1: Back to state: <Next line 5, col 9 to line 5, col 24 of module M>\n"));
    assertEquals("""
         1. Initial state
              x = 0
         2. Next
              x: 0 -> 1
         3. Next  back to state 1 (the behavior repeats from there forever)
        """, out);
  }
}
