package dev.tcpv.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes given to the IP packet decoder yield a packet or a typed {@link DecodeError}, never an exception.
 * Fuzzed for a bounded time by the build's {@code fuzz} execution; the unit tests run it on the stored inputs.
 */
class IpPacketFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void decodeNeverThrows(byte[] bytes) {
    PacketDecodeResult r = IpPacket.decode(bytes);
    if (!(r instanceof PacketDecodeResult.Decoded) && !(r instanceof DecodeError)) {
      throw new AssertionError("neither a packet nor a decode error: " + r);
    }
  }
}
