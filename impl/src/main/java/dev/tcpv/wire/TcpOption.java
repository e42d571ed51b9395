package dev.tcpv.wire;

import dev.tcpv.seq.SeqNum;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One TCP option as it appears in the header (RFC 9293 §3.1 "Options", §3.2; rules S-9, R-FMT-1).
 *
 * <p>An option is either a single kind octet ({@link Eol}, {@link Nop}) or a kind octet, a length octet counting
 * the whole option, and data (MUST-68). The options the codec knows have a fixed layout, and a known kind with
 * any other length is malformed (R-FMT-1). Every other kind is kept as {@link Unknown}: the decoder skips it by
 * its length (MUST-6, MUST-64) and the state machine ignores it.
 */
public sealed interface TcpOption {

  /** The option-kind octet. */
  int kind();

  /** The number of octets the option occupies in the header, kind and length octets included. */
  int length();

  /** End of Option List (kind 0, RFC 9293 §3.2): the rest of the header is zero padding (MUST-69). */
  record Eol() implements TcpOption {
    /** The option kind. */
    public static final int KIND = 0;

    @Override
    public int kind() {
      return KIND;
    }

    @Override
    public int length() {
      return 1;
    }
  }

  /** No-Operation (kind 1, RFC 9293 §3.2): a single octet, used to align the next option. */
  record Nop() implements TcpOption {
    /** The option kind. */
    public static final int KIND = 1;

    @Override
    public int kind() {
      return KIND;
    }

    @Override
    public int length() {
      return 1;
    }
  }

  /**
   * Maximum Segment Size (kind 2, length 4; RFC 9293 §3.2, §3.7.1). The codec does not enforce that it appears
   * only on SYN segments (MUST-65): that is the sender's rule.
   *
   * @param mss the largest segment the sender of this option can receive, in [0, 65535]
   */
  record Mss(int mss) implements TcpOption {
    /** The option kind. */
    public static final int KIND = 2;
    /** The option length. */
    public static final int LENGTH = 4;

    /** Validates that {@code mss} fits 16 bits. */
    public Mss {
      checkUnsigned("MSS", mss, 0xFFFF);
    }

    @Override
    public int kind() {
      return KIND;
    }

    @Override
    public int length() {
      return LENGTH;
    }
  }

  /**
   * Window Scale (kind 3, length 3; RFC 7323 §2.2). The shift count is kept as received; clamping it to 14 is
   * the receiver's business (RFC 7323 §2.3).
   *
   * @param shift the shift count, in [0, 255]
   */
  record WindowScale(int shift) implements TcpOption {
    /** The option kind. */
    public static final int KIND = 3;
    /** The option length. */
    public static final int LENGTH = 3;

    /** Validates that {@code shift} fits one octet. */
    public WindowScale {
      checkUnsigned("window scale shift", shift, 0xFF);
    }

    @Override
    public int kind() {
      return KIND;
    }

    @Override
    public int length() {
      return LENGTH;
    }
  }

  /** SACK-Permitted (kind 4, length 2; RFC 2018 §2). */
  record SackPermitted() implements TcpOption {
    /** The option kind. */
    public static final int KIND = 4;
    /** The option length. */
    public static final int LENGTH = 2;

    @Override
    public int kind() {
      return KIND;
    }

    @Override
    public int length() {
      return LENGTH;
    }
  }

  /**
   * One block of a SACK option: the received range [left, right) of sequence space (RFC 2018 §3).
   *
   * @param left the first sequence number of the block
   * @param right the sequence number just after the block
   */
  record SackBlock(SeqNum left, SeqNum right) {}

  /**
   * Selective Acknowledgment (kind 5, length 2 + 8n; RFC 2018 §3).
   *
   * @param blocks between 1 and {@value #MAX_BLOCKS} blocks, the most the 40 octets of option space can hold
   */
  record Sack(List<SackBlock> blocks) implements TcpOption {
    /** The option kind. */
    public static final int KIND = 5;
    /** The octets each block occupies. */
    public static final int BLOCK_LENGTH = 8;
    /** The most blocks that fit in the option space of a header. */
    public static final int MAX_BLOCKS = 4;

    /** Copies {@code blocks} and validates their number. */
    public Sack {
      blocks = List.copyOf(blocks);
      if (blocks.isEmpty() || blocks.size() > MAX_BLOCKS) {
        throw new IllegalArgumentException("a SACK option holds 1 to 4 blocks, not " + blocks.size());
      }
    }

    @Override
    public int kind() {
      return KIND;
    }

    @Override
    public int length() {
      return 2 + BLOCK_LENGTH * blocks.size();
    }
  }

  /**
   * Timestamps (kind 8, length 10; RFC 7323 §3.2).
   *
   * @param tsVal the sender's timestamp clock, an unsigned 32-bit value
   * @param tsEcr the echoed timestamp, an unsigned 32-bit value
   */
  record Timestamps(long tsVal, long tsEcr) implements TcpOption {
    /** The option kind. */
    public static final int KIND = 8;
    /** The option length. */
    public static final int LENGTH = 10;

    /** Validates that both values fit 32 bits unsigned. */
    public Timestamps {
      checkUnsigned("TSval", tsVal, 0xFFFF_FFFFL);
      checkUnsigned("TSecr", tsEcr, 0xFFFF_FFFFL);
    }

    @Override
    public int kind() {
      return KIND;
    }

    @Override
    public int length() {
      return LENGTH;
    }
  }

  /**
   * An option of a kind the codec does not interpret, kept so that it can be shown and re-encoded; it is skipped
   * by its length (MUST-6, MUST-64). Its kind is none of those above, so that every option has one
   * representation.
   *
   * @param kind the option kind, in [0, 255] and not a known kind
   * @param data the option data after the kind and length octets, at most {@value #MAX_DATA_LENGTH} octets
   */
  record Unknown(int kind, byte[] data) implements TcpOption {
    /** The most data octets an option can carry: 40 octets of option space less kind and length. */
    public static final int MAX_DATA_LENGTH = 38;

    /** Validates the kind and the data length, and copies the data. */
    public Unknown {
      checkUnsigned("option kind", kind, 0xFF);
      if (isKnownKind(kind)) {
        throw new IllegalArgumentException("kind " + kind + " has its own option record");
      }
      if (data.length > MAX_DATA_LENGTH) {
        throw new IllegalArgumentException("option data longer than 38 octets: " + data.length);
      }
      data = data.clone();
    }

    /** A copy of the option data. */
    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public int length() {
      return 2 + data.length;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Unknown u && u.kind == kind && Arrays.equals(u.data, data);
    }

    @Override
    public int hashCode() {
      return 31 * kind + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Unknown[kind=" + kind + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
  }

  /** Whether {@code kind} has its own record (and so a fixed layout the decoder checks). */
  private static boolean isKnownKind(int kind) {
    return switch (kind) {
      case Eol.KIND, Nop.KIND, Mss.KIND, WindowScale.KIND, SackPermitted.KIND, Sack.KIND, Timestamps.KIND -> true;
      default -> false;
    };
  }

  private static void checkUnsigned(String what, long value, long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(what + " out of range [0, " + max + "]: " + value);
    }
  }
}
