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
    assertEquals(List.of("abortRstAck", "bareSynRetransmit"), linux.policies());
    String json = TraceWriter.headerJson(linux);
    assertTrue(json.contains("\"policies\":[\"abortRstAck\",\"bareSynRetransmit\"]"), json);
    assertEquals(linux.policies(), TraceReader.header("p.ndjson", json).policies());
    // A copy with other timers keeps them.
    assertEquals(linux.policies(), linux.withTimers(linux.timers()).policies());
  }

  @Test
  void aStackThatFollowsNoneWritesNone() throws Exception {
    TraceHeader rfc = Profiles.of("rfc9293");
    assertEquals(List.of(), rfc.policies());
    assertFalse(TraceWriter.headerJson(rfc).contains("policies"));
  }

  @Test
  void anUnknownPolicyIsRefusedInOneLine() throws Exception {
    String json = TraceWriter.headerJson(Profiles.of("linux")).replace("abortRstAck", "abortRstAckk");
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.header("p.ndjson", json));
    assertEquals("p.ndjson:1: unknown policy \"abortRstAckk\" (policies: abortRstAck, bareSynRetransmit)",
        e.getMessage());
  }
}
