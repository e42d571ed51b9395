package dev.tcpv.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeqNumTest {

  @Test
  @DisplayName("R-SEQ-1: ISS = 2^32-1, the SYN consumes one number and the ACK field wraps to 0")
  void rSeq1_wrapAtIssMax() {
    SeqNum iss = SeqNum.of(0xFFFF_FFFFL);
    SeqNum synAck = iss.plus(1);
    assertEquals(0L, synAck.unsigned());
    assertTrue(iss.lt(synAck));
    assertTrue(synAck.gt(iss));
    assertEquals(1L, synAck.minus(iss));
  }

  @Test
  @DisplayName("R-SEQ-1: the window test holds across the wrap and excludes its upper edge")
  void rSeq1_windowAcrossWrap() {
    SeqNum low = SeqNum.of(0xFFFF_FFF0L);
    assertTrue(low.plus(15).inWindow(low, 32));
    assertTrue(low.plus(31).inWindow(low, 32));
    assertFalse(low.plus(32).inWindow(low, 32));
    assertFalse(low.plus(-1).inWindow(low, 32));
  }

  @Test
  @DisplayName("R-SEQ-1: numbers 2^31 apart are unordered")
  void rSeq1_halfSpaceUnordered() {
    SeqNum a = SeqNum.of(0);
    SeqNum b = SeqNum.of(0x8000_0000L);
    assertFalse(a.lt(b));
    assertFalse(b.lt(a));
  }
}
