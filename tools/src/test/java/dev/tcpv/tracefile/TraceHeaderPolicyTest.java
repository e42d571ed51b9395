package dev.tcpv.tracefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.capture.Profiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A header's named policies: written and read back, absent for a stack that follows none, refused when unknown. */
class TraceHeaderPolicyTest {
  @Test
  void theLinuxProfileNamesItsPolicyAndItSurvivesTheFile() throws Exception {
    TraceHeader linux = Profiles.of("linux");
    assertEquals(List.of("abortRstAck", "bareSynRetransmit", "emptyAtRightEdge", "fastRetransmit", "finKeepsEdge",
        "holdsFin"), linux.policies());
    String json = TraceWriter.headerJson(linux);
    assertTrue(json.contains("\"policies\":[\"abortRstAck\",\"bareSynRetransmit\",\"emptyAtRightEdge\","
        + "\"fastRetransmit\",\"finKeepsEdge\",\"holdsFin\"]"), json);
    assertEquals(linux.policies(), TraceReader.header("p.ndjson", json).policies());
    // A copy with other timers keeps them.
    assertEquals(linux.policies(), linux.withTimers(linux.timers()).policies());
  }

  @Test
  void aStackThatFollowsNoneWritesNone() throws Exception {
    // RFC 9293 departs from itself nowhere, but takes fast retransmit from RFC 5681 (MUST-19); so does the engine
    // as it ships (R-CC-1). The engine configured by the spec's constants has no congestion control: no policy.
    assertEquals(List.of("fastRetransmit"), Profiles.of("rfc9293").policies());
    assertEquals(List.of("fastRetransmit"), Profiles.of("tcpv").policies());
    TraceHeader spec = dev.tcpv.sim.Simulator.header(1, "s", 1, false, 0);
    assertEquals(List.of(), spec.policies());
    assertFalse(TraceWriter.headerJson(spec).contains("policies"));
  }

  @Test
  void anUnknownPolicyIsRefusedInOneLine() throws Exception {
    String json = TraceWriter.headerJson(Profiles.of("linux")).replace("abortRstAck", "abortRstAckk");
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.header("p.ndjson", json));
    assertEquals("p.ndjson:1: unknown policy \"abortRstAckk\" (policies: abortRstAck, bareSynRetransmit, "
        + "emptyAtRightEdge, fastRetransmit, finKeepsEdge, holdsFin, noLocalTimeWait, swsReceiver, each alone or after "
        + "A: or B:)",
        e.getMessage());
    String host = TraceWriter.headerJson(Profiles.of("linux")).replace("\"abortRstAck\"", "\"C:abortRstAck\"");
    TraceFormatException c = assertThrows(TraceFormatException.class, () -> TraceReader.header("p.ndjson", host));
    String said = String.valueOf(c.getMessage());
    assertTrue(said.startsWith("p.ndjson:1: unknown policy \"C:abortRstAck\""), said);
  }

  @Test
  void aPolicyMayBeOneHostsAndSurvivesTheFile() throws Exception {
    // docs/findings.md F5: a capture between two stacks names each host's policies with its host.
    TraceHeader h = Profiles.of("tcpv").withPolicies(List.of("B:abortRstAck", "fastRetransmit"));
    assertTrue(h.follows("B", "abortRstAck"));
    assertFalse(h.follows("A", "abortRstAck"));
    assertTrue(h.follows("A", "fastRetransmit") && h.follows("B", "fastRetransmit"));
    TraceHeader back = TraceReader.header("p.ndjson", TraceWriter.headerJson(h));
    assertEquals(h.policies(), back.policies());
    assertThrows(IllegalArgumentException.class, () -> h.withPolicies(List.of("A:abortRstAckk")));
  }

  @Test
  void theFreeBsdProfileCarriesItsCitedValues() throws Exception {
    // Each value is cited in Profiles.freebsd() and docs/captures.md; a changed one must change there too.
    TraceHeader bsd = Profiles.of("freebsd");
    assertEquals(List.of("abortRstAck", "fastRetransmit", "noLocalTimeWait"), bsd.policies());
    assertEquals(30_000_000L, bsd.msl());
    Timers t = bsd.timers();
    assertEquals(new Bounds(30_000, 64_000_000), t.rto());
    assertTrue(t.backoff());
    assertEquals(12, t.maxRetries());
    assertEquals(new Bounds(15_600_000, 75_000_000), t.r2Syn());
    assertEquals(Bounds.exactly(60_000_000), t.timeWait());
    assertTrue(t.keepAlive());
    assertEquals(Bounds.exactly(7_200_000_000L), t.kaIdle());
    assertEquals(8, t.kaProbes());
    assertEquals(new Bounds(0, 40_000), t.delayedAck());
    assertTrue(bsd.rfc5961() && bsd.rfc1337() && bsd.twReopen());
    // The policies survive the file.
    assertEquals(bsd.policies(), TraceReader.header("p.ndjson", TraceWriter.headerJson(bsd)).policies());
  }
}
