package dev.tcpv.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of IP framing over seeded random inputs; each case's seed is in its name. */
class IpPacketPropertyTest {

  static LongStream seeds() {
    return RandomWire.seeds(1000);
  }

  static IpPacket packet(SplittableRandom random) {
    PseudoHeader pseudoHeader = RandomWire.pseudoHeader(random);
    int maxSegment = pseudoHeader instanceof PseudoHeader.Ipv4 ? 0xFFFF - 20 : Segment.MAX_LENGTH;
    return new IpPacket(pseudoHeader, random.nextInt(256), RandomWire.segment(random, maxSegment));
  }

  /** Decodes and checks that the outcome is well formed. */
  static PacketDecodeResult decodeChecked(byte[] bytes) {
    PacketDecodeResult result = IpPacket.decode(bytes);
    switch (result) {
      case DecodeError(int offset, DecodeError.Reason reason) ->
          assertTrue(offset <= bytes.length, () -> "offset past the input: " + result);
      case PacketDecodeResult.Decoded(IpPacket packet) ->
          assertEquals(result, IpPacket.decode(packet.encode()), "a decoded packet is a fixed point");
    }
    return result;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-FMT-2: decode(encode(p)) == p for random IPv4 and IPv6 packets")
  void rFmt2_roundTrip(long seed) {
    IpPacket packet = packet(new SplittableRandom(seed));
    byte[] bytes = packet.encode();
    assertEquals(packet.encodedLength(), bytes.length);
    int checksumAt = packet.headerLength() + 16;
    int checksum = ((bytes[checksumAt] & 0xFF) << 8) | (bytes[checksumAt + 1] & 0xFF);
    IpPacket expected =
        new IpPacket(
            packet.pseudoHeader(), packet.hopLimit(), packet.segment().toBuilder().checksum(checksum).build());
    assertEquals(new PacketDecodeResult.Decoded(expected), IpPacket.decode(bytes));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-FMT-3: random bytes, often with a plausible IP header, decode or yield a DecodeError")
  void rFmt3_randomBytes(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] bytes = RandomWire.bytes(random, random.nextInt(120));
    if (bytes.length > 0 && random.nextBoolean()) {
      bytes[0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
      if (bytes.length >= 20 && bytes[0] == 0x45) {
        bytes[2] = 0;
        bytes[3] = (byte) (20 + random.nextInt(bytes.length - 19));
        bytes[9] = 6;
        bytes = IpPacketTest.withIpv4HeaderChecksum(bytes);
      } else if (bytes.length >= 40) {
        bytes[4] = 0;
        bytes[5] = (byte) random.nextInt(bytes.length - 39);
        bytes[6] = 6;
      }
    }
    decodeChecked(bytes);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-FMT-3: mutated valid packets never throw")
  void rFmt3_mutatedPackets(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] bytes = packet(random).encode();
    for (int m = 1 + random.nextInt(3); m > 0; m--) {
      bytes = SegmentCodecPropertyTest.mutate(random, bytes);
    }
    // Half the time repair a mutated IPv4 header checksum, so that the mutation reaches the later checks.
    int ihl = bytes.length > 0 ? 4 * (bytes[0] & 0x0F) : 0;
    if (ihl >= 20 && ihl <= bytes.length && (bytes[0] & 0xF0) == 0x40 && random.nextBoolean()) {
      bytes = IpPacketTest.withIpv4HeaderChecksum(bytes);
    }
    decodeChecked(bytes);
  }
}
