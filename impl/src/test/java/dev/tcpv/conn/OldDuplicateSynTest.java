package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The endpoint-side half of S-2: the third segment of the handshake is what stops an old duplicate SYN. */
class OldDuplicateSynTest {

  @Test
  @DisplayName("S-2, R-OPEN-7: an old duplicate SYN alone opens nothing: A's RST returns B to LISTEN, B never ESTABLISHED")
  void oldDuplicateSynOpensNothing() {
    Harness h = new Harness(100, 300);
    h.take(false, h.b.passiveOpen(0));
    h.inject(true, "<SEQ=90><CTL=SYN>", 5_000);
    h.step();
    assertEquals("SYN-RECEIVED", h.b.state().rfcName());
    h.runUntilIdle();
    assertEquals(List.of("B: <SEQ=300><ACK=91><CTL=SYN,ACK>", "A: <SEQ=91><CTL=RST>"), h.wire);
    assertEquals("LISTEN", h.b.state().rfcName());
    assertEquals("CLOSED", h.a.state().rfcName());
    assertEquals(List.of(), h.eventsB, "no connection was ever reported to B's user");
    assertEquals(0, h.inFlight());
  }
}
