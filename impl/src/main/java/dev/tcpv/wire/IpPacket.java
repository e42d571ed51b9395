package dev.tcpv.wire;

import static dev.tcpv.wire.NetworkOrder.put16;
import static dev.tcpv.wire.NetworkOrder.u16;
import static dev.tcpv.wire.NetworkOrder.u8;

import dev.tcpv.wire.DecodeError.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 packet carrying one TCP segment, and its codec (RFC 791 §3.1, RFC 8200 §3; rules R-FMT-2,
 * R-FMT-3).
 *
 * <p>The packet holds only what TCP uses: the addresses, as the {@link PseudoHeader} the segment's checksum is
 * verified against (R-FMT-2), the hop limit (IPv4 Time to Live), and the segment.
 *
 * <p>Decoding checks the IP header and then decodes the segment with the pseudo-header built from it; every
 * failure, of the IP header or of the segment, is a {@link DecodeError} whose offset counts from the first
 * octet of the packet, never an exception (R-FMT-3). IPv4: the version, IHL ≥ 5, the header checksum, Total
 * Length ≥ IHL and within the input, no fragment, Protocol = 6; header options are skipped. IPv6: the fixed
 * header, Payload Length within the input, Next Header = 6; extension headers are rejected
 * ({@link Reason#IPV6_EXTENSION_HEADER}). Octets after the IP length (link-layer padding) are ignored.
 *
 * <p>Encoding writes a 20-octet IPv4 header (no options, Don't Fragment, Identification 0 as RFC 6864 §4.1
 * allows for atomic datagrams, TOS 0) or a 40-octet IPv6 header (traffic class and flow label 0).
 *
 * @param pseudoHeader the source and destination addresses; its type gives the IP version
 * @param hopLimit the IPv4 Time to Live or IPv6 Hop Limit, in [0, 255]
 * @param segment the TCP segment
 */
public record IpPacket(PseudoHeader pseudoHeader, int hopLimit, Segment segment) {

  /** The length of an IPv4 header without options. */
  public static final int IPV4_HEADER_LENGTH = 20;
  /** The length of the fixed IPv6 header. */
  public static final int IPV6_HEADER_LENGTH = 40;

  private static final int IPV4_MAX_TOTAL_LENGTH = 0xFFFF;
  private static final int IPV4_DONT_FRAGMENT = 0x4000;
  private static final int IPV4_FRAGMENT_BITS = 0x3FFF; // More Fragments and Fragment Offset

  /** Validates the hop limit and that an IPv4 packet's Total Length fits 16 bits. */
  public IpPacket {
    if ((hopLimit & ~0xFF) != 0) {
      throw new IllegalArgumentException("hop limit out of range [0, 255]: " + hopLimit);
    }
    if (pseudoHeader instanceof PseudoHeader.Ipv4
        && IPV4_HEADER_LENGTH + segment.encodedLength() > IPV4_MAX_TOTAL_LENGTH) {
      throw new IllegalArgumentException("segment of " + segment.encodedLength() + " octets too long for IPv4");
    }
  }

  /** The length of the IP header this packet is encoded with. */
  public int headerLength() {
    return switch (pseudoHeader) {
      case PseudoHeader.Ipv4 v4 -> IPV4_HEADER_LENGTH;
      case PseudoHeader.Ipv6 v6 -> IPV6_HEADER_LENGTH;
    };
  }

  /** The length of the encoded packet. */
  public int encodedLength() {
    return headerLength() + segment.encodedLength();
  }

  /** Encodes the packet, header checksum and TCP checksum included. */
  public byte[] encode() {
    byte[] out = new byte[encodedLength()];
    int headerLength = headerLength();
    int tcpLength = SegmentCodec.encode(segment, pseudoHeader, out, headerLength);
    switch (pseudoHeader) {
      case PseudoHeader.Ipv4 v4 -> {
        out[0] = 0x45;
        put16(out, 2, headerLength + tcpLength);
        put16(out, 6, IPV4_DONT_FRAGMENT);
        out[8] = (byte) hopLimit;
        out[9] = PseudoHeader.PROTOCOL_TCP;
        System.arraycopy(v4.source(), 0, out, 12, PseudoHeader.Ipv4.ADDRESS_LENGTH);
        System.arraycopy(v4.destination(), 0, out, 16, PseudoHeader.Ipv4.ADDRESS_LENGTH);
        put16(out, 10, Checksum.complement(Checksum.add(0, out, 0, headerLength)));
      }
      case PseudoHeader.Ipv6 v6 -> {
        out[0] = 0x60;
        put16(out, 4, tcpLength);
        out[6] = PseudoHeader.PROTOCOL_TCP;
        out[7] = (byte) hopLimit;
        System.arraycopy(v6.source(), 0, out, 8, PseudoHeader.Ipv6.ADDRESS_LENGTH);
        System.arraycopy(v6.destination(), 0, out, 24, PseudoHeader.Ipv6.ADDRESS_LENGTH);
      }
    }
    return out;
  }

  /** Decodes all of {@code bytes} as one packet. */
  public static PacketDecodeResult decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** Decodes the remaining octets of {@code buffer} as one packet, without moving its position. */
  public static PacketDecodeResult decode(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      return decode(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(buffer.position(), copy);
    return decode(copy);
  }

  /**
   * Decodes {@code bytes[offset, offset + length)} as one packet. Error offsets count from {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the slice is not within {@code bytes}
   */
  public static PacketDecodeResult decode(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      return new DecodeError(0, Reason.IP_HEADER_TRUNCATED);
    }
    return switch (u8(bytes, offset) >>> 4) {
      case 4 -> decodeIpv4(bytes, offset, length);
      case 6 -> decodeIpv6(bytes, offset, length);
      default -> new DecodeError(0, Reason.IP_VERSION_UNSUPPORTED);
    };
  }

  private static PacketDecodeResult decodeIpv4(byte[] bytes, int offset, int length) {
    if (length < IPV4_HEADER_LENGTH) {
      return new DecodeError(length, Reason.IP_HEADER_TRUNCATED);
    }
    int headerLength = 4 * (u8(bytes, offset) & 0x0F);
    if (headerLength < IPV4_HEADER_LENGTH) {
      return new DecodeError(0, Reason.IPV4_IHL_TOO_SMALL);
    }
    if (headerLength > length) {
      return new DecodeError(length, Reason.IP_HEADER_TRUNCATED);
    }
    if (!Checksum.verifies(Checksum.add(0, bytes, offset, headerLength))) {
      return new DecodeError(10, Reason.BAD_IPV4_HEADER_CHECKSUM);
    }
    int totalLength = u16(bytes, offset + 2);
    if (totalLength < headerLength) {
      return new DecodeError(2, Reason.IPV4_TOTAL_LENGTH_TOO_SMALL);
    }
    if (totalLength > length) {
      return new DecodeError(length, Reason.IP_PACKET_TRUNCATED);
    }
    if ((u16(bytes, offset + 6) & IPV4_FRAGMENT_BITS) != 0) {
      return new DecodeError(6, Reason.IPV4_FRAGMENT);
    }
    if (u8(bytes, offset + 9) != PseudoHeader.PROTOCOL_TCP) {
      return new DecodeError(9, Reason.NOT_TCP);
    }
    PseudoHeader pseudoHeader =
        new PseudoHeader.Ipv4(
            Arrays.copyOfRange(bytes, offset + 12, offset + 16),
            Arrays.copyOfRange(bytes, offset + 16, offset + 20));
    return withSegment(
        pseudoHeader, u8(bytes, offset + 8), bytes, offset, headerLength, totalLength - headerLength);
  }

  private static PacketDecodeResult decodeIpv6(byte[] bytes, int offset, int length) {
    if (length < IPV6_HEADER_LENGTH) {
      return new DecodeError(length, Reason.IP_HEADER_TRUNCATED);
    }
    int payloadLength = u16(bytes, offset + 4);
    if (IPV6_HEADER_LENGTH + payloadLength > length) {
      return new DecodeError(length, Reason.IP_PACKET_TRUNCATED);
    }
    int nextHeader = u8(bytes, offset + 6);
    if (isIpv6ExtensionHeader(nextHeader)) {
      return new DecodeError(6, Reason.IPV6_EXTENSION_HEADER);
    }
    if (nextHeader != PseudoHeader.PROTOCOL_TCP) {
      return new DecodeError(6, Reason.NOT_TCP);
    }
    PseudoHeader pseudoHeader =
        new PseudoHeader.Ipv6(
            Arrays.copyOfRange(bytes, offset + 8, offset + 24),
            Arrays.copyOfRange(bytes, offset + 24, offset + 40));
    return withSegment(pseudoHeader, u8(bytes, offset + 7), bytes, offset, IPV6_HEADER_LENGTH, payloadLength);
  }

  /** Decodes the segment after an IP header of {@code headerLength} octets, shifting error offsets by it. */
  private static PacketDecodeResult withSegment(
      PseudoHeader pseudoHeader, int hopLimit, byte[] bytes, int offset, int headerLength, int tcpLength) {
    return switch (SegmentCodec.decode(bytes, offset + headerLength, tcpLength, pseudoHeader)) {
      // The IP header bounds the segment to 65535 - 20 octets for IPv4, so the constructor cannot throw.
      case SegmentDecodeResult.Decoded(Segment segment) ->
          new PacketDecodeResult.Decoded(new IpPacket(pseudoHeader, hopLimit, segment));
      case DecodeError(int segmentOffset, Reason reason) -> new DecodeError(headerLength + segmentOffset, reason);
    };
  }

  /** The IPv6 extension header types (RFC 8200 §4; IANA "IPv6 Extension Header Types"). */
  private static boolean isIpv6ExtensionHeader(int nextHeader) {
    return switch (nextHeader) {
      case 0, 43, 44, 50, 51, 60, 135, 139, 140, 253, 254 -> true;
      default -> false;
    };
  }
}
