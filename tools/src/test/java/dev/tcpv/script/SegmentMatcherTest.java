package dev.tcpv.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tcpv.seq.SeqNum;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Segment;
import dev.tcpv.wire.TcpOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict and lenient comparison of the engine's segments with the script's. */
class SegmentMatcherTest {
  private static final SegmentMatcher STRICT = new SegmentMatcher(SegmentMatcher.Mode.STRICT);
  private static final SegmentMatcher LENIENT = new SegmentMatcher(SegmentMatcher.Mode.LENIENT);

  private static SegmentSpec spec(String flags, long start, int len, Long ack, Integer win, List<String> options) {
    return new SegmentSpec(flags, start, len, ack, win, options);
  }

  @Test
  void relativeNumbersAndNotation() {
    Segment s = Segment.builder().seq(SeqNum.of(0xFFFF_FFFFL)).ack(SeqNum.of(5)).flags(Flag.SYN, Flag.ACK)
        .window(1000).options(new TcpOption.Mss(1460), new TcpOption.WindowScale(7)).build();
    SegmentSpec r = SegmentMatcher.relative(s, 0xFFFF_FFFFL, 4);
    // The codec pads the 7 option octets with an End of Option List.
    assertEquals("S. 0:0(0) ack 1 win 1000 <mss 1460,wscale 7,eol>", r.toString());
  }

  @Test
  void strictComparesEverythingLenientLeavesWindowAndOptions() {
    SegmentSpec actual = spec("S.", 0, 0, 1L, 65535, List.of("mss 1460"));
    assertNull(STRICT.mismatch(spec(".S", 0, 0, 1L, 65535, List.of("mss 1460", "eol")), actual));
    assertNull(STRICT.mismatch(new SegmentSpec("S.", null, 0, 1L, null, null), actual));
    assertEquals("window, options differ", STRICT.mismatch(spec("S.", 0, 0, 1L, 100, List.of()), actual));
    assertNull(LENIENT.mismatch(spec("S.", 0, 0, 1L, 100, List.of()), actual));
    assertEquals("flags, sequence number, length, ACK number differ",
        LENIENT.mismatch(spec("S", 1, 2, 2L, 65535, List.of("mss 1460")), actual));
  }
}
