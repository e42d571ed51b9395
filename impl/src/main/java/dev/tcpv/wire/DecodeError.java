package dev.tcpv.wire;

/**
 * Why some bytes are not a segment or a packet, and where (rule R-FMT-3): a value, never an exception, so that
 * malformed input is dropped (and counted) before it reaches the state machine.
 *
 * @param offset the offset of the offending octet from the first octet given to the decoder; for the
 *     truncation reasons, the offset at which more octets were needed
 * @param reason what is wrong
 */
public record DecodeError(int offset, Reason reason) implements SegmentDecodeResult, PacketDecodeResult {

  /** Validates the offset. */
  public DecodeError {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
  }

  /** A one-line description: reason, offset and explanation. */
  @Override
  public String toString() {
    return reason + " at offset " + offset + ": " + reason.message();
  }

  /**
   * The reasons, each with the rule that makes it an error and the octet {@link #offset()} points at. The
   * segment reasons come first, in the order {@link SegmentCodec} checks them (the two option reasons are
   * checked option by option); then the IP header reasons of {@link IpPacket}.
   */
  public enum Reason {
    /** R-FMT-1: fewer than 20 octets (§3.1); offset: the input length. */
    TRUNCATED_HEADER("fewer than the 20 octets of a TCP header"),
    /** R-FMT-1: more than 65535 octets, too long for any TCP Length (§3.1); offset: 65535. */
    SEGMENT_TOO_LONG("segment longer than 65535 octets"),
    /** R-FMT-2 (MUST-3): the checksum over pseudo-header, header and data is wrong; offset: 16, the field. */
    BAD_CHECKSUM("checksum does not match pseudo-header, header and data"),
    /** R-FMT-1: Data Offset below 5 words (§3.1); offset: 12, the field. */
    DATA_OFFSET_TOO_SMALL("data offset below 5 words"),
    /** R-FMT-1: Data Offset points past the end of the segment (§3.1); offset: 12, the field. */
    DATA_OFFSET_BEYOND_SEGMENT("data offset points past the end of the segment"),
    /**
     * R-FMT-1: an option's kind, or kind and length, do not fit before the end of the header (§3.1); offset:
     * the option's kind octet.
     */
    OPTION_TRUNCATED("option runs past the end of the header"),
    /**
     * R-FMT-1 (MUST-7): an option length below 2, or not the fixed length of a known kind (§3.2, RFC 2018,
     * RFC 7323); offset: the option's length octet.
     */
    OPTION_LENGTH_INVALID("option length invalid for its kind"),

    /** Fewer octets than the IP header needs (fixed part, or IHL); offset: the input length. */
    IP_HEADER_TRUNCATED("fewer octets than the IP header"),
    /** The IP version is neither 4 nor 6; offset: 0. */
    IP_VERSION_UNSUPPORTED("IP version is neither 4 nor 6"),
    /** IPv4 Internet Header Length below 5 words (RFC 791 §3.1); offset: 0. */
    IPV4_IHL_TOO_SMALL("IPv4 header length below 5 words"),
    /** The IPv4 header checksum is wrong (RFC 791 §3.1); offset: 10, the field. */
    BAD_IPV4_HEADER_CHECKSUM("IPv4 header checksum does not match"),
    /** IPv4 Total Length smaller than the header (RFC 791 §3.1); offset: 2, the field. */
    IPV4_TOTAL_LENGTH_TOO_SMALL("IPv4 total length smaller than its header"),
    /** The IP length field claims more octets than were given; offset: the input length. */
    IP_PACKET_TRUNCATED("IP length field claims more octets than present"),
    /** An IPv4 fragment (More Fragments set or non-zero offset): reassembly is not the codec's job; offset: 6. */
    IPV4_FRAGMENT("IPv4 fragment"),
    /** An IPv6 extension header precedes the payload (RFC 8200 §4); not supported; offset: 6, Next Header. */
    IPV6_EXTENSION_HEADER("IPv6 extension headers are not supported"),
    /** The IP payload is not TCP; offset: 9 (IPv4 Protocol) or 6 (IPv6 Next Header). */
    NOT_TCP("IP payload is not TCP");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    /** What the reason means, in one line. */
    public String message() {
      return message;
    }
  }
}
