package dev.tcpv.wire;

/**
 * What {@link SegmentCodec#decode} found: a {@link Decoded segment}, or a {@link DecodeError} (rule R-FMT-3).
 */
public sealed interface SegmentDecodeResult permits SegmentDecodeResult.Decoded, DecodeError {

  /**
   * A well-formed segment whose checksum verified.
   *
   * @param segment the segment
   */
  record Decoded(Segment segment) implements SegmentDecodeResult {}
}
