package dev.tcpv.wire;

/**
 * What {@link IpPacket#decode} found: a {@link Decoded packet} whose segment also decoded, or a
 * {@link DecodeError} of the IP header or of the segment (rule R-FMT-3).
 */
public sealed interface PacketDecodeResult permits PacketDecodeResult.Decoded, DecodeError {

  /**
   * A well-formed IP packet carrying a well-formed TCP segment.
   *
   * @param packet the packet
   */
  record Decoded(IpPacket packet) implements PacketDecodeResult {}
}
