package dev.tcpv.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcpv.wire.DecodeError.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * IPv4 and IPv6 framing: headers checked field by field, and every malformed header a {@link DecodeError} with
 * the offset of the offending octet from the start of the packet (R-FMT-3).
 */
class IpPacketTest {

  static final PseudoHeader.Ipv4 V4 = SegmentCodecKnownAnswerTest.CLIENT_TO_SERVER;
  static final PseudoHeader.Ipv6 V6 = SegmentCodecKnownAnswerTest.CLIENT_TO_SERVER_V6;

  static byte[] v4Packet() {
    return new IpPacket(V4, 64, SegmentCodecKnownAnswerTest.syn()).encode();
  }

  static byte[] v6Packet() {
    return new IpPacket(V6, 64, SegmentCodecKnownAnswerTest.syn()).encode();
  }

  /** Rewrites the IPv4 header checksum of {@code packet} after a test changed the header. */
  static byte[] withIpv4HeaderChecksum(byte[] packet) {
    int headerLength = 4 * (packet[0] & 0x0F);
    byte[] header = Arrays.copyOf(packet, headerLength);
    header[10] = 0;
    header[11] = 0;
    int checksum = ~ReferenceChecksum.onesComplementSum(header) & 0xFFFF;
    byte[] fixed = packet.clone();
    fixed[10] = (byte) (checksum >>> 8);
    fixed[11] = (byte) checksum;
    return fixed;
  }

  static PacketDecodeResult decode(byte[] packet) {
    return IpPacket.decode(packet);
  }

  @Test
  @DisplayName("R-FMT-2: an IPv4 packet encodes its header field by field, with the header checksum")
  void rFmt2_ipv4HeaderKnownAnswer() {
    byte[] b = v4Packet();
    assertEquals(60, b.length);
    assertArrayEquals(
        new byte[] {0x45, 0, 0, 60, 0, 0, 0x40, 0, 64, 6, 0x4E, (byte) 0x85, (byte) 192, 0, 2, 1, (byte) 198, 51,
            100, 2},
        Arrays.copyOf(b, 20));
    assertArrayEquals(SegmentCodec.encode(SegmentCodecKnownAnswerTest.syn(), V4), Arrays.copyOfRange(b, 20, 60));
  }

  @Test
  @DisplayName("R-FMT-2: an IPv6 packet encodes its fixed header field by field")
  void rFmt2_ipv6HeaderKnownAnswer() {
    byte[] b = v6Packet();
    assertEquals(80, b.length);
    assertArrayEquals(new byte[] {0x60, 0, 0, 0, 0, 40, 6, 64}, Arrays.copyOf(b, 8));
    assertArrayEquals(V6.source(), Arrays.copyOfRange(b, 8, 24));
    assertArrayEquals(V6.destination(), Arrays.copyOfRange(b, 24, 40));
    assertArrayEquals(SegmentCodec.encode(SegmentCodecKnownAnswerTest.syn(), V6), Arrays.copyOfRange(b, 40, 80));
  }

  @Test
  @DisplayName("R-FMT-2: a packet decodes with the pseudo-header built from its own addresses")
  void rFmt2_decodeUsesPacketAddresses() {
    IpPacket v4 = assertInstanceOf(PacketDecodeResult.Decoded.class, decode(v4Packet())).packet();
    assertEquals(V4, v4.pseudoHeader());
    assertEquals(64, v4.hopLimit());
    assertEquals(SegmentCodecKnownAnswerTest.syn().toBuilder().checksum(0x24E8).build(), v4.segment());
    IpPacket v6 = assertInstanceOf(PacketDecodeResult.Decoded.class, decode(v6Packet())).packet();
    assertEquals(V6, v6.pseudoHeader());
    assertEquals(0xB5AA, v6.segment().checksum());

    // Another source address, header checksum repaired: the TCP checksum catches the misrouting.
    byte[] b = v4Packet();
    b[15]++;
    assertEquals(new DecodeError(36, Reason.BAD_CHECKSUM), decode(withIpv4HeaderChecksum(b)));
    byte[] b6 = v6Packet();
    b6[39]++;
    assertEquals(new DecodeError(56, Reason.BAD_CHECKSUM), decode(b6));
  }

  @Test
  @DisplayName("R-FMT-3: IPv4 options are skipped, link-layer padding ignored, and buffers read in place")
  void rFmt3_ipv4OptionsAndPadding() {
    byte[] plain = v4Packet();
    byte[] withOptions = new byte[plain.length + 4 + 6];
    System.arraycopy(plain, 0, withOptions, 0, 20);
    System.arraycopy(plain, 20, withOptions, 24, 40);
    withOptions[0] = 0x46;
    withOptions[3] = 64;
    withOptions[20] = 1; // four IPv4 NOP options
    withOptions[21] = 1;
    withOptions[22] = 1;
    withOptions[23] = 1;
    byte[] fixed = withIpv4HeaderChecksum(withOptions);
    assertEquals(decode(plain), decode(fixed));
    assertEquals(decode(plain), IpPacket.decode(ByteBuffer.wrap(fixed)));
    fixed[24 + 12] = 0x30; // TCP data offset 3
    assertEquals(new DecodeError(24 + 16, Reason.BAD_CHECKSUM), decode(fixed));
  }

  @Test
  @DisplayName("R-FMT-3: the offsets of TCP errors count from the start of the packet")
  void rFmt3_segmentErrorOffsetsShifted() {
    byte[] v4 = v4Packet();
    byte[] tcp = ReferenceChecksum.withValidChecksum(V4, withDataOffset(Arrays.copyOfRange(v4, 20, 60), 4));
    System.arraycopy(tcp, 0, v4, 20, 40);
    assertEquals(new DecodeError(32, Reason.DATA_OFFSET_TOO_SMALL), decode(v4));

    byte[] v6 = v6Packet();
    byte[] tcp6 = ReferenceChecksum.withValidChecksum(V6, withDataOffset(Arrays.copyOfRange(v6, 40, 80), 4));
    System.arraycopy(tcp6, 0, v6, 40, 40);
    assertEquals(new DecodeError(52, Reason.DATA_OFFSET_TOO_SMALL), decode(v6));
  }

  private static byte[] withDataOffset(byte[] segment, int dataOffset) {
    segment[12] = (byte) (dataOffset << 4);
    return segment;
  }

  @Test
  @DisplayName("R-FMT-3: an empty input or an unknown IP version is an error at offset 0")
  void rFmt3_emptyAndVersion() {
    assertEquals(new DecodeError(0, Reason.IP_HEADER_TRUNCATED), decode(new byte[0]));
    byte[] b = v4Packet();
    b[0] = 0x55;
    assertEquals(new DecodeError(0, Reason.IP_VERSION_UNSUPPORTED), decode(b));
  }

  @Test
  @DisplayName("R-FMT-3: malformed IPv4 headers are errors at the offending field")
  void rFmt3_malformedIpv4() {
    byte[] b = v4Packet();
    assertEquals(new DecodeError(19, Reason.IP_HEADER_TRUNCATED), decode(Arrays.copyOf(b, 19)));

    byte[] ihl = b.clone();
    ihl[0] = 0x44;
    assertEquals(new DecodeError(0, Reason.IPV4_IHL_TOO_SMALL), decode(ihl));

    byte[] longIhl = b.clone();
    longIhl[0] = 0x4F;
    assertEquals(new DecodeError(40, Reason.IP_HEADER_TRUNCATED), decode(Arrays.copyOf(longIhl, 40)));

    byte[] checksum = b.clone();
    checksum[8]--;
    assertEquals(new DecodeError(10, Reason.BAD_IPV4_HEADER_CHECKSUM), decode(checksum));

    byte[] shortTotal = b.clone();
    shortTotal[3] = 19;
    assertEquals(new DecodeError(2, Reason.IPV4_TOTAL_LENGTH_TOO_SMALL), decode(withIpv4HeaderChecksum(shortTotal)));

    assertEquals(new DecodeError(59, Reason.IP_PACKET_TRUNCATED), decode(Arrays.copyOf(b, 59)));

    byte[] moreFragments = b.clone();
    moreFragments[6] = 0x20;
    assertEquals(new DecodeError(6, Reason.IPV4_FRAGMENT), decode(withIpv4HeaderChecksum(moreFragments)));
    byte[] fragmentOffset = b.clone();
    fragmentOffset[7] = 1;
    assertEquals(new DecodeError(6, Reason.IPV4_FRAGMENT), decode(withIpv4HeaderChecksum(fragmentOffset)));

    byte[] udp = b.clone();
    udp[9] = 17;
    assertEquals(new DecodeError(9, Reason.NOT_TCP), decode(withIpv4HeaderChecksum(udp)));
  }

  @Test
  @DisplayName("R-FMT-3: malformed IPv6 headers and extension headers are errors at the offending field")
  void rFmt3_malformedIpv6() {
    byte[] b = v6Packet();
    assertEquals(new DecodeError(39, Reason.IP_HEADER_TRUNCATED), decode(Arrays.copyOf(b, 39)));
    assertEquals(new DecodeError(79, Reason.IP_PACKET_TRUNCATED), decode(Arrays.copyOf(b, 79)));
    for (int extension : new int[] {0, 43, 44, 50, 51, 60, 135, 139, 140, 253, 254}) {
      byte[] e = b.clone();
      e[6] = (byte) extension;
      assertEquals(new DecodeError(6, Reason.IPV6_EXTENSION_HEADER), decode(e), "next header " + extension);
    }
    byte[] udp = b.clone();
    udp[6] = 17;
    assertEquals(new DecodeError(6, Reason.NOT_TCP), decode(udp));
    byte[] empty = Arrays.copyOf(b, 40);
    empty[5] = 0;
    assertEquals(new DecodeError(40, Reason.TRUNCATED_HEADER), decode(empty));
  }

  @Test
  @DisplayName("S-9: an IPv4 packet is limited to 65535 octets and the hop limit to one octet")
  void s9_packetLimits() {
    Segment largest = Segment.builder().payload(new byte[Segment.MAX_LENGTH - 20]).build();
    assertThrows(IllegalArgumentException.class, () -> new IpPacket(V4, 64, largest));
    assertEquals(40 + Segment.MAX_LENGTH, new IpPacket(V6, 64, largest).encodedLength());
    assertThrows(IllegalArgumentException.class, () -> new IpPacket(V6, 256, largest));
  }
}
