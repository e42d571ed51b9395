package dev.tcpv.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes given to the segment decoder (R-FMT-*) yield a segment or a typed {@link DecodeError} with an offset
 * inside the input, never an exception; a segment that decodes is a fixed point of encode and decode. The input
 * is decoded as it is and, so that the fuzzer gets past the checksum (R-FMT-2) to the header and option checks,
 * once more with its checksum made valid. Fuzzed for a bounded time by the build's {@code fuzz} execution; the
 * unit tests run it on the stored inputs.
 */
class SegmentCodecFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void decodeIsTotal(byte[] bytes) {
    PseudoHeader pseudoHeader = SegmentCodecKnownAnswerTest.CLIENT_TO_SERVER;
    SegmentCodecPropertyTest.decodeChecked(bytes, pseudoHeader);
    if (bytes.length >= 20) {
      SegmentCodecPropertyTest.decodeChecked(ReferenceChecksum.withValidChecksum(pseudoHeader, bytes), pseudoHeader);
    }
  }
}
