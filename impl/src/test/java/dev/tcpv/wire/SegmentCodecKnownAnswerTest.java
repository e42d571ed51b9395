package dev.tcpv.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tcpv.seq.SeqNum;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Known answers: segments built by hand, their encoding checked field by field against Figure 1 of RFC 9293
 * §3.1, and their checksums against values computed outside the codec.
 */
class SegmentCodecKnownAnswerTest {

  static final PseudoHeader.Ipv4 CLIENT_TO_SERVER =
      new PseudoHeader.Ipv4(new byte[] {(byte) 192, 0, 2, 1}, new byte[] {(byte) 198, 51, 100, 2});

  static final PseudoHeader.Ipv6 CLIENT_TO_SERVER_V6 =
      new PseudoHeader.Ipv6(
          HexFormat.of().parseHex("20010db8000000000000000000000001"),
          HexFormat.of().parseHex("20010db8000000000000000000000002"));

  /** A SYN with the options a common stack sends, in its order: MSS, SACK-permitted, timestamps, NOP, WS. */
  static Segment syn() {
    return Segment.builder()
        .sourcePort(49152)
        .destinationPort(80)
        .seq(SeqNum.of(0xAABB_CCDDL))
        .flags(Flag.SYN)
        .window(64240)
        .options(
            new TcpOption.Mss(1460),
            new TcpOption.SackPermitted(),
            new TcpOption.Timestamps(0x0102_0304L, 0),
            new TcpOption.Nop(),
            new TcpOption.WindowScale(7))
        .build();
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  private static long u32(byte[] b, int i) {
    return ((long) u16(b, i) << 16) | u16(b, i + 2);
  }

  @Test
  @DisplayName("S-9: a SYN with MSS, SACK-permitted, timestamps, NOP and window scale encodes field by field")
  void s9_synEncodesFieldByField() {
    byte[] b = SegmentCodec.encode(syn(), CLIENT_TO_SERVER);

    assertEquals(40, b.length, "20-octet header + 20 octets of options, no data");
    assertEquals(49152, u16(b, 0), "source port");
    assertEquals(80, u16(b, 2), "destination port");
    assertEquals(0xAABB_CCDDL, u32(b, 4), "sequence number");
    assertEquals(0L, u32(b, 8), "acknowledgment number");
    assertEquals(10, (b[12] & 0xFF) >>> 4, "data offset: 10 words");
    assertEquals(0, b[12] & 0x0F, "reserved bits zero");
    assertEquals(0x02, b[13] & 0xFF, "control bits: SYN only");
    assertEquals(64240, u16(b, 14), "window");
    assertEquals(0, u16(b, 18), "urgent pointer");
    assertArrayEquals(new byte[] {2, 4, 0x05, (byte) 0xB4}, Arrays.copyOfRange(b, 20, 24), "MSS 1460");
    assertArrayEquals(new byte[] {4, 2}, Arrays.copyOfRange(b, 24, 26), "SACK-permitted");
    assertArrayEquals(
        new byte[] {8, 10, 1, 2, 3, 4, 0, 0, 0, 0}, Arrays.copyOfRange(b, 26, 36), "timestamps 0x01020304, 0");
    assertEquals(1, b[36], "NOP");
    assertArrayEquals(new byte[] {3, 3, 7}, Arrays.copyOfRange(b, 37, 40), "window scale 7");
  }

  @Test
  @DisplayName("R-FMT-2: the SYN's checksum matches the 16-bit reference loop and a value computed elsewhere")
  void rFmt2_synChecksumKnownAnswer() {
    byte[] b = SegmentCodec.encode(syn(), CLIENT_TO_SERVER);
    assertEquals(ReferenceChecksum.expected(CLIENT_TO_SERVER, b), u16(b, 16));
    assertEquals(0x24E8, u16(b, 16));

    byte[] v6 = SegmentCodec.encode(syn(), CLIENT_TO_SERVER_V6);
    assertEquals(ReferenceChecksum.expected(CLIENT_TO_SERVER_V6, v6), u16(v6, 16));
    assertEquals(0xB5AA, u16(v6, 16));
    assertArrayEquals(Arrays.copyOfRange(b, 18, 40), Arrays.copyOfRange(v6, 18, 40), "only the checksum differs");
  }

  @Test
  @DisplayName("R-FMT-2: an odd-length data segment is checksummed with a zero pad octet that is not sent")
  void rFmt2_oddLengthPayloadChecksum() {
    Segment data =
        Segment.builder()
            .sourcePort(80)
            .destinationPort(49152)
            .seq(SeqNum.of(1))
            .ack(SeqNum.of(0xAABB_CCDEL))
            .flags(Flag.PSH, Flag.ACK)
            .window(502)
            .payload("hello".getBytes(StandardCharsets.US_ASCII))
            .build();
    byte[] b = SegmentCodec.encode(data, CLIENT_TO_SERVER.reversed());
    assertEquals(25, b.length);
    assertEquals(5, (b[12] & 0xFF) >>> 4);
    assertEquals(0x18, b[13] & 0xFF, "PSH,ACK");
    assertEquals(0x45DC, u16(b, 16));
    assertEquals(ReferenceChecksum.expected(CLIENT_TO_SERVER.reversed(), b), u16(b, 16));
  }

  @Test
  @DisplayName("S-9: the SYN decodes back to its fields, with the checksum it was sent with")
  void s9_synDecodes() {
    byte[] b = SegmentCodec.encode(syn(), CLIENT_TO_SERVER);
    Segment decoded =
        assertInstanceOf(SegmentDecodeResult.Decoded.class, SegmentCodec.decode(b, CLIENT_TO_SERVER)).segment();
    assertEquals(syn().toBuilder().checksum(0x24E8).build(), decoded);
    assertEquals(10, decoded.dataOffset());
    assertEquals(1, decoded.segLen(), "a SYN consumes one sequence number");
    assertEquals(
        "49152 > 80 <SEQ=2864434397><ACK=0><CTL=SYN> WND=64240 LEN=0 OPT=[Mss[mss=1460], SackPermitted[], "
            + "Timestamps[tsVal=16909060, tsEcr=0], Nop[], WindowScale[shift=7]] CSUM=0x24e8",
        decoded.toString());
  }

  @Test
  @DisplayName("S-9: decoding reads a slice of a larger array and the remaining octets of a buffer")
  void s9_decodeSlicesAndBuffers() {
    byte[] b = SegmentCodec.encode(syn(), CLIENT_TO_SERVER);
    byte[] framed = new byte[b.length + 7];
    System.arraycopy(b, 0, framed, 3, b.length);
    SegmentDecodeResult expected = SegmentCodec.decode(b, CLIENT_TO_SERVER);

    assertEquals(expected, SegmentCodec.decode(framed, 3, b.length, CLIENT_TO_SERVER));

    ByteBuffer heap = ByteBuffer.wrap(framed, 3, b.length);
    assertEquals(expected, SegmentCodec.decode(heap, CLIENT_TO_SERVER));
    assertEquals(3, heap.position(), "position unchanged");

    ByteBuffer direct = ByteBuffer.allocateDirect(framed.length).put(framed).position(3).limit(3 + b.length);
    assertEquals(expected, SegmentCodec.decode(direct, CLIENT_TO_SERVER));
    assertEquals(expected, SegmentCodec.decode(heap.asReadOnlyBuffer(), CLIENT_TO_SERVER));
  }

  @Test
  @DisplayName("S-9: encoding into an array at an offset writes exactly the segment's octets there")
  void s9_encodeAtOffset() {
    byte[] expected = SegmentCodec.encode(syn(), CLIENT_TO_SERVER);
    byte[] dst = new byte[expected.length + 10];
    Arrays.fill(dst, (byte) 0x5A);
    assertEquals(expected.length, SegmentCodec.encode(syn(), CLIENT_TO_SERVER, dst, 4));
    assertArrayEquals(expected, Arrays.copyOfRange(dst, 4, 4 + expected.length));
    assertEquals(0x5A, dst[3]);
    assertEquals(0x5A, dst[4 + expected.length]);
  }

  @Test
  @DisplayName("S-9: options needing padding get EOL and zero padding (MUST-69), and decode to the same list")
  void s9_paddingAfterEol() {
    Segment s =
        Segment.builder().flags(Flag.SYN).options(new TcpOption.Mss(536), new TcpOption.WindowScale(2)).build();
    assertEquals(
        List.of(new TcpOption.Mss(536), new TcpOption.WindowScale(2), new TcpOption.Eol()), s.options());
    byte[] b = SegmentCodec.encode(s, CLIENT_TO_SERVER);
    assertEquals(28, b.length);
    assertArrayEquals(new byte[] {2, 4, 2, 24, 3, 3, 2, 0}, Arrays.copyOfRange(b, 20, 28));
    Segment decoded =
        assertInstanceOf(SegmentDecodeResult.Decoded.class, SegmentCodec.decode(b, CLIENT_TO_SERVER)).segment();
    assertEquals(s.options(), decoded.options());
  }
}
