package dev.tcpv.wire;

import static dev.tcpv.wire.NetworkOrder.i32;
import static dev.tcpv.wire.NetworkOrder.put16;
import static dev.tcpv.wire.NetworkOrder.put32;
import static dev.tcpv.wire.NetworkOrder.u16;
import static dev.tcpv.wire.NetworkOrder.u8;

import dev.tcpv.seq.SeqNum;
import dev.tcpv.wire.DecodeError.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes TCP segments (RFC 9293 §3.1 Figure 1, §3.2; rules S-9, R-FMT-1, R-FMT-2, R-FMT-3).
 *
 * <p>Decoding checks, in this order, and returns the first failure as a {@link DecodeError}: the fixed header
 * is present and the segment fits a TCP Length; the checksum over pseudo-header, header and data verifies
 * (R-FMT-2, MUST-3); the Data Offset is at least 5 and within the segment (R-FMT-1); every option fits the
 * header and has a valid length (R-FMT-1, MUST-7). Options are parsed at any octet boundary (MUST-64); an
 * option of unknown kind is skipped by its length (MUST-6) and kept as {@link TcpOption.Unknown}; parsing stops
 * at End of Option List and ignores the padding after it. The reserved header bits are ignored (§3.1).
 * Decoding never throws on any input bytes (R-FMT-3); only a slice outside its array is a caller error.
 *
 * <p>Encoding writes the Data Offset derived from the options, zero padding after them (MUST-69), zero reserved
 * bits, and the checksum (MUST-2). The segment's own checksum field is ignored.
 */
public final class SegmentCodec {

  private static final int CHECKSUM_OFFSET = 16;
  private static final int DATA_OFFSET_OFFSET = 12;

  private SegmentCodec() {}

  /** Decodes all of {@code bytes} as one segment. */
  public static SegmentDecodeResult decode(byte[] bytes, PseudoHeader pseudoHeader) {
    return decode(bytes, 0, bytes.length, pseudoHeader);
  }

  /**
   * Decodes the remaining octets of {@code buffer} as one segment, without moving its position.
   */
  public static SegmentDecodeResult decode(ByteBuffer buffer, PseudoHeader pseudoHeader) {
    if (buffer.hasArray()) {
      return decode(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), pseudoHeader);
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(buffer.position(), copy);
    return decode(copy, pseudoHeader);
  }

  /**
   * Decodes {@code bytes[offset, offset + length)} as one segment. Error offsets count from {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the slice is not within {@code bytes}
   */
  public static SegmentDecodeResult decode(byte[] bytes, int offset, int length, PseudoHeader pseudoHeader) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length < Segment.MIN_HEADER_LENGTH) {
      return new DecodeError(length, Reason.TRUNCATED_HEADER);
    }
    if (length > Segment.MAX_LENGTH) {
      return new DecodeError(Segment.MAX_LENGTH, Reason.SEGMENT_TOO_LONG);
    }
    if (!Checksum.verifies(Checksum.add(pseudoHeader.sum(length), bytes, offset, length))) {
      return new DecodeError(CHECKSUM_OFFSET, Reason.BAD_CHECKSUM);
    }
    int headerLength = 4 * (u8(bytes, offset + DATA_OFFSET_OFFSET) >>> 4);
    if (headerLength < Segment.MIN_HEADER_LENGTH) {
      return new DecodeError(DATA_OFFSET_OFFSET, Reason.DATA_OFFSET_TOO_SMALL);
    }
    if (headerLength > length) {
      return new DecodeError(DATA_OFFSET_OFFSET, Reason.DATA_OFFSET_BEYOND_SEGMENT);
    }
    List<TcpOption> options = new ArrayList<>();
    DecodeError optionError = decodeOptions(bytes, offset, headerLength, options);
    if (optionError != null) {
      return optionError;
    }
    // Every field below was range-checked by its width or by decodeOptions, so the constructor cannot throw.
    return new SegmentDecodeResult.Decoded(
        new Segment(
            u16(bytes, offset),
            u16(bytes, offset + 2),
            new SeqNum(i32(bytes, offset + 4)),
            new SeqNum(i32(bytes, offset + 8)),
            new Flags(u8(bytes, offset + 13)),
            u16(bytes, offset + 14),
            u16(bytes, offset + CHECKSUM_OFFSET),
            u16(bytes, offset + 18),
            options,
            Arrays.copyOfRange(bytes, offset + headerLength, offset + length)));
  }

  /**
   * Parses the options between octet 20 and {@code headerLength} of the segment at {@code base} into
   * {@code out}.
   *
   * @return null if they are well formed, else the error with its offset from {@code base}
   */
  private static @Nullable DecodeError decodeOptions(
      byte[] bytes, int base, int headerLength, List<TcpOption> out) {
    int i = Segment.MIN_HEADER_LENGTH;
    while (i < headerLength) {
      int kind = u8(bytes, base + i);
      if (kind == TcpOption.Eol.KIND) {
        out.add(new TcpOption.Eol());
        return null;
      }
      if (kind == TcpOption.Nop.KIND) {
        out.add(new TcpOption.Nop());
        i++;
        continue;
      }
      if (i + 1 >= headerLength) {
        return new DecodeError(i, Reason.OPTION_TRUNCATED);
      }
      int length = u8(bytes, base + i + 1);
      if (!isValidLength(kind, length)) {
        return new DecodeError(i + 1, Reason.OPTION_LENGTH_INVALID);
      }
      if (i + length > headerLength) {
        return new DecodeError(i, Reason.OPTION_TRUNCATED);
      }
      out.add(decodeOption(bytes, base + i + 2, kind, length));
      i += length;
    }
    return null;
  }

  /** Whether {@code length} is a legal option-length for {@code kind} (MUST-7, MUST-68). */
  private static boolean isValidLength(int kind, int length) {
    return switch (kind) {
      case TcpOption.Mss.KIND -> length == TcpOption.Mss.LENGTH;
      case TcpOption.WindowScale.KIND -> length == TcpOption.WindowScale.LENGTH;
      case TcpOption.SackPermitted.KIND -> length == TcpOption.SackPermitted.LENGTH;
      case TcpOption.Timestamps.KIND -> length == TcpOption.Timestamps.LENGTH;
      case TcpOption.Sack.KIND -> {
        int blocks = (length - 2) / TcpOption.Sack.BLOCK_LENGTH;
        yield length == 2 + TcpOption.Sack.BLOCK_LENGTH * blocks
            && blocks >= 1
            && blocks <= TcpOption.Sack.MAX_BLOCKS;
      }
      default -> length >= 2;
    };
  }

  /** The option of {@code kind} and legal {@code length} whose data starts at {@code data}. */
  private static TcpOption decodeOption(byte[] bytes, int data, int kind, int length) {
    return switch (kind) {
      case TcpOption.Mss.KIND -> new TcpOption.Mss(u16(bytes, data));
      case TcpOption.WindowScale.KIND -> new TcpOption.WindowScale(u8(bytes, data));
      case TcpOption.SackPermitted.KIND -> new TcpOption.SackPermitted();
      case TcpOption.Timestamps.KIND ->
          new TcpOption.Timestamps(
              Integer.toUnsignedLong(i32(bytes, data)), Integer.toUnsignedLong(i32(bytes, data + 4)));
      case TcpOption.Sack.KIND -> {
        List<TcpOption.SackBlock> blocks = new ArrayList<>();
        for (int b = data; b < data + length - 2; b += TcpOption.Sack.BLOCK_LENGTH) {
          blocks.add(new TcpOption.SackBlock(new SeqNum(i32(bytes, b)), new SeqNum(i32(bytes, b + 4))));
        }
        yield new TcpOption.Sack(blocks);
      }
      default -> new TcpOption.Unknown(kind, Arrays.copyOfRange(bytes, data, data + length - 2));
    };
  }

  /** Encodes {@code segment} into a new array, with the checksum for {@code pseudoHeader}. */
  public static byte[] encode(Segment segment, PseudoHeader pseudoHeader) {
    byte[] out = new byte[segment.encodedLength()];
    encode(segment, pseudoHeader, out, 0);
    return out;
  }

  /**
   * Encodes {@code segment} into {@code dst} at {@code offset}, with the checksum for {@code pseudoHeader}.
   *
   * @return the number of octets written, {@link Segment#encodedLength()}
   * @throws IndexOutOfBoundsException if the segment does not fit {@code dst} at {@code offset}
   */
  public static int encode(Segment segment, PseudoHeader pseudoHeader, byte[] dst, int offset) {
    int headerLength = segment.headerLength();
    int length = headerLength + segment.payloadLength();
    Objects.checkFromIndexSize(offset, length, dst.length);
    put16(dst, offset, segment.sourcePort());
    put16(dst, offset + 2, segment.destinationPort());
    put32(dst, offset + 4, segment.seq().value());
    put32(dst, offset + 8, segment.ack().value());
    dst[offset + DATA_OFFSET_OFFSET] = (byte) ((headerLength / 4) << 4);
    dst[offset + 13] = (byte) segment.flags().bits();
    put16(dst, offset + 14, segment.window());
    put16(dst, offset + CHECKSUM_OFFSET, 0);
    put16(dst, offset + 18, segment.urgentPointer());
    int i = offset + Segment.MIN_HEADER_LENGTH;
    for (TcpOption option : segment.options()) {
      encodeOption(option, dst, i);
      i += option.length();
    }
    Arrays.fill(dst, i, offset + headerLength, (byte) 0);
    segment.payloadBuffer().get(dst, offset + headerLength, segment.payloadLength());
    int checksum = Checksum.complement(Checksum.add(pseudoHeader.sum(length), dst, offset, length));
    put16(dst, offset + CHECKSUM_OFFSET, checksum);
    return length;
  }

  private static void encodeOption(TcpOption option, byte[] dst, int i) {
    dst[i] = (byte) option.kind();
    if (option.length() > 1) {
      dst[i + 1] = (byte) option.length();
    }
    switch (option) {
      case TcpOption.Eol eol -> {}
      case TcpOption.Nop nop -> {}
      case TcpOption.SackPermitted sackPermitted -> {}
      case TcpOption.Mss(int mss) -> put16(dst, i + 2, mss);
      case TcpOption.WindowScale(int shift) -> dst[i + 2] = (byte) shift;
      case TcpOption.Timestamps(long tsVal, long tsEcr) -> {
        put32(dst, i + 2, (int) tsVal);
        put32(dst, i + 6, (int) tsEcr);
      }
      case TcpOption.Sack(List<TcpOption.SackBlock> blocks) -> {
        int b = i + 2;
        for (TcpOption.SackBlock block : blocks) {
          put32(dst, b, block.left().value());
          put32(dst, b + 4, block.right().value());
          b += TcpOption.Sack.BLOCK_LENGTH;
        }
      }
      case TcpOption.Unknown unknown -> {
        byte[] data = unknown.data();
        System.arraycopy(data, 0, dst, i + 2, data.length);
      }
    }
  }
}
