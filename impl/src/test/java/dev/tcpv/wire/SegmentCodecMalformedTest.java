package dev.tcpv.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tcpv.wire.DecodeError.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every class of malformed segment of R-FMT-1 and R-FMT-2 yields its {@link DecodeError} with the offset of
 * the offending octet, as a value (R-FMT-3). Unless a test is about the checksum, its input carries a correct
 * checksum, so that the decoder gets past R-FMT-2 to the check under test.
 */
class SegmentCodecMalformedTest {

  static final PseudoHeader PSEUDO_HEADER = SegmentCodecKnownAnswerTest.CLIENT_TO_SERVER;

  /** A segment of {@code dataOffset} words of header (options as given, then zeros) and {@code dataLength} octets. */
  static byte[] raw(int dataOffset, int[] options, int dataLength, int totalHeaderOctets) {
    byte[] b = new byte[totalHeaderOctets + dataLength];
    b[0] = (byte) 0xC0; // source port 49152
    b[3] = 80; // destination port 80
    b[7] = 1; // sequence number 1
    b[12] = (byte) (dataOffset << 4);
    b[13] = 0x02; // SYN
    b[14] = (byte) 0xFF; // window 65535
    b[15] = (byte) 0xFF;
    for (int i = 0; i < options.length; i++) {
      b[20 + i] = (byte) options[i];
    }
    for (int i = totalHeaderOctets; i < b.length; i++) {
      b[i] = (byte) i;
    }
    return ReferenceChecksum.withValidChecksum(PSEUDO_HEADER, b);
  }

  /** A well-formed-looking segment whose header is exactly {@code options} long after the fixed 20 octets. */
  static byte[] withOptions(int... options) {
    return raw(5 + options.length / 4, options, 3, 20 + options.length);
  }

  static SegmentDecodeResult decode(byte[] b) {
    return SegmentCodec.decode(b, PSEUDO_HEADER);
  }

  static Segment decoded(byte[] b) {
    return assertInstanceOf(SegmentDecodeResult.Decoded.class, decode(b)).segment();
  }

  @ParameterizedTest(name = "{0} octets")
  @ValueSource(ints = {0, 1, 12, 17, 19})
  @DisplayName("R-FMT-1: fewer than 20 octets is a truncated header at the input length")
  void rFmt1_truncatedHeader(int length) {
    byte[] b = new byte[length];
    assertEquals(new DecodeError(length, Reason.TRUNCATED_HEADER), decode(b));
  }

  @Test
  @DisplayName("R-FMT-1: a segment longer than any TCP Length (65535) is malformed")
  void rFmt1_segmentTooLong() {
    assertEquals(new DecodeError(65535, Reason.SEGMENT_TOO_LONG), decode(new byte[65536]));
  }

  @ParameterizedTest(name = "data offset {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4})
  @DisplayName("R-FMT-1: data offset < 5 is malformed, at the data offset field (offset 12)")
  void rFmt1_dataOffsetTooSmall(int dataOffset) {
    assertEquals(
        new DecodeError(12, Reason.DATA_OFFSET_TOO_SMALL), decode(raw(dataOffset, new int[0], 20, 20)));
  }

  @ParameterizedTest(name = "data offset {0} in a 40-octet segment")
  @ValueSource(ints = {11, 12, 15})
  @DisplayName("R-FMT-1: data offset beyond the segment is malformed, at offset 12")
  void rFmt1_dataOffsetBeyondSegment(int dataOffset) {
    assertEquals(
        new DecodeError(12, Reason.DATA_OFFSET_BEYOND_SEGMENT), decode(raw(dataOffset, new int[0], 0, 40)));
  }

  @Test
  @DisplayName("R-FMT-1: a data offset reaching exactly the end of the segment is well formed")
  void rFmt1_dataOffsetAtEnd() {
    int[] nops = new int[40];
    Arrays.fill(nops, TcpOption.Nop.KIND);
    Segment s = decoded(raw(15, nops, 0, 60));
    assertEquals(15, s.dataOffset());
    assertEquals(40, s.options().size());
    assertEquals(0, s.payloadLength());
  }

  static Stream<Arguments> invalidLengths() {
    return Stream.of(
        Arguments.of("unknown kind, length 0 (MUST-7)", new int[] {0x99, 0, 0, 0}, 21),
        Arguments.of("unknown kind, length 1", new int[] {0x99, 1, 0, 0}, 21),
        Arguments.of("MSS, length 3", new int[] {2, 3, 0, 0}, 21),
        Arguments.of("MSS, length 5", new int[] {2, 5, 0, 0, 0, 0, 0, 0}, 21),
        Arguments.of("window scale, length 2", new int[] {3, 2, 0, 0}, 21),
        Arguments.of("window scale, length 4", new int[] {3, 4, 0, 0}, 21),
        Arguments.of("SACK-permitted, length 3", new int[] {4, 3, 0, 0}, 21),
        Arguments.of("SACK, no block (length 2)", new int[] {5, 2, 0, 0}, 21),
        Arguments.of("SACK, length 9", new int[] {5, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 21),
        Arguments.of("SACK, five blocks (length 42)", new int[] {5, 42, 0, 0}, 21),
        Arguments.of("timestamps, length 8", new int[] {8, 8, 0, 0, 0, 0, 0, 0}, 21),
        Arguments.of("timestamps, length 255", new int[] {8, 255, 0, 0}, 21),
        Arguments.of("MSS after a NOP, length 0", new int[] {1, 2, 0, 0}, 22),
        Arguments.of("second option, length 1", new int[] {4, 2, 0x99, 1}, 23));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidLengths")
  @DisplayName("R-FMT-1: a bad option length is malformed, at the option's length octet")
  void rFmt1_optionLengthInvalid(String what, int[] options, int offset) {
    assertEquals(new DecodeError(offset, Reason.OPTION_LENGTH_INVALID), decode(withOptions(options)));
  }

  static Stream<Arguments> truncatedOptions() {
    return Stream.of(
        Arguments.of("MSS kind in the last header octet, no length", new int[] {1, 1, 1, 2}, 23),
        Arguments.of("unknown kind in the last header octet", new int[] {1, 1, 1, 0x99}, 23),
        Arguments.of("unknown option, length 6 in 4 octets", new int[] {0x99, 6, 0, 0}, 20),
        Arguments.of("MSS of length 4 starting 2 octets before the end", new int[] {1, 1, 2, 4}, 22),
        Arguments.of("timestamps after MSS, 4 octets short", new int[] {2, 4, 5, 0xB4, 8, 10, 0, 0}, 24));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truncatedOptions")
  @DisplayName("R-FMT-1: an option running past the header is malformed, at the option's kind octet")
  void rFmt1_optionTruncated(String what, int[] options, int offset) {
    assertEquals(new DecodeError(offset, Reason.OPTION_TRUNCATED), decode(withOptions(options)));
  }

  @Test
  @DisplayName("MUST-64: an unknown option kind is skipped by its length and the options after it are read")
  void must64_unknownKindSkippedByLength() {
    Segment s = decoded(withOptions(0x99, 4, 0xAB, 0xCD, 2, 4, 5, 0xB4));
    assertEquals(
        List.of(new TcpOption.Unknown(0x99, new byte[] {(byte) 0xAB, (byte) 0xCD}), new TcpOption.Mss(1460)),
        s.options());
  }

  @Test
  @DisplayName("MUST-64: options not starting on a word boundary are read")
  void must64_unalignedOptions() {
    Segment s = decoded(withOptions(1, 3, 3, 14, 2, 4, 5, 0xB4, 4, 2, 0, 0));
    assertEquals(
        List.of(
            new TcpOption.Nop(),
            new TcpOption.WindowScale(14),
            new TcpOption.Mss(1460),
            new TcpOption.SackPermitted(),
            new TcpOption.Eol()),
        s.options());
    assertEquals(
        List.of(new TcpOption.Unknown(0x99, new byte[0]), new TcpOption.Nop(), new TcpOption.Eol()),
        decoded(withOptions(0x99, 2, 1, 0)).options());
  }

  @Test
  @DisplayName("R-FMT-1: octets after End of Option List are padding and are not parsed")
  void rFmt1_octetsAfterEolIgnored() {
    Segment s = decoded(withOptions(2, 4, 5, 0xB4, 0, 0xFF, 0x99, 0));
    assertEquals(List.of(new TcpOption.Mss(1460), new TcpOption.Eol()), s.options());
    assertEquals(3, s.payloadLength(), "the data still starts at the data offset");
  }

  @Test
  @DisplayName("S-9: the four reserved bits are ignored on receipt")
  void s9_reservedBitsIgnored() {
    byte[] b = withOptions();
    b[12] |= 0x0F;
    Segment s = decoded(ReferenceChecksum.withValidChecksum(PSEUDO_HEADER, b));
    assertEquals(5, s.dataOffset());
    assertEquals(Flags.of(Flag.SYN), s.flags());
  }

  @Test
  @DisplayName("R-FMT-2: a flipped bit makes the checksum fail, at the checksum field (offset 16)")
  void rFmt2_flippedBit() {
    byte[] b = withOptions(2, 4, 5, 0xB4);
    decoded(b);
    b[25] ^= 0x10;
    assertEquals(new DecodeError(16, Reason.BAD_CHECKSUM), decode(b));
  }

  @Test
  @DisplayName("R-FMT-2: a segment checked against another pseudo-header (misrouted) fails its checksum")
  void rFmt2_wrongPseudoHeader() {
    byte[] b = withOptions();
    DecodeError bad = new DecodeError(16, Reason.BAD_CHECKSUM);
    assertEquals(bad, SegmentCodec.decode(b, SegmentCodecKnownAnswerTest.CLIENT_TO_SERVER_V6));
    byte[] otherDestination = PSEUDO_HEADER.destination();
    otherDestination[3]++;
    assertEquals(bad, SegmentCodec.decode(b, new PseudoHeader.Ipv4(PSEUDO_HEADER.source(), otherDestination)));
  }

  @Test
  @DisplayName("R-FMT-2: the sum is commutative, so swapping source and destination goes unnoticed")
  void rFmt2_swappedAddressesNotDetected() {
    // A known limit of the Internet checksum, kept here so nobody relies on it for direction.
    assertInstanceOf(SegmentDecodeResult.Decoded.class, decode(withOptions()));
    assertInstanceOf(
        SegmentDecodeResult.Decoded.class, SegmentCodec.decode(withOptions(), PSEUDO_HEADER.reversed()));
  }

  @Test
  @DisplayName("R-FMT-2: 0xFFFF and 0x0000 are the same checksum in ones' complement; both verify")
  void rFmt2_negativeZeroChecksum() {
    // Find a segment whose correct checksum is 0x0000 by adjusting the urgent pointer, then send it as 0xFFFF.
    byte[] b = withOptions();
    int checksum = ReferenceChecksum.expected(PSEUDO_HEADER, b);
    b[18] = (byte) (checksum >>> 8);
    b[19] = (byte) checksum;
    assertEquals(0, ReferenceChecksum.expected(PSEUDO_HEADER, b));
    b[16] = 0;
    b[17] = 0;
    decoded(b);
    b[16] = (byte) 0xFF;
    b[17] = (byte) 0xFF;
    decoded(b);
  }

  @Test
  @DisplayName("R-FMT-2: the checksum is checked before the header's structure")
  void rFmt2_checksumBeforeStructure() {
    byte[] b = raw(3, new int[0], 0, 20);
    b[16] ^= 1;
    assertEquals(new DecodeError(16, Reason.BAD_CHECKSUM), decode(b));
  }
}
