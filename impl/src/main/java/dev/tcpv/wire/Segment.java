package dev.tcpv.wire;

import dev.tcpv.seq.SeqNum;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A TCP segment: the header fields of RFC 9293 §3.1 (rule S-9) and the data. Immutable; the payload is copied
 * in and out.
 *
 * <p>The data offset is not a component: it is derived from the options ({@link #dataOffset()}). The options are
 * the list as it appears on the wire. Their octets are padded with zeros to a multiple of 32 bits (MUST-69), and
 * a zero octet reads as End of Option List, so a list whose length needs padding and does not already end with
 * {@link TcpOption.Eol} gets one appended here; that keeps {@code decode(encode(s))} equal to {@code s}.
 *
 * @param sourcePort the source port, in [0, 65535]
 * @param destinationPort the destination port, in [0, 65535]
 * @param seq the sequence number (SEG.SEQ)
 * @param ack the acknowledgment number (SEG.ACK), significant only with {@link Flag#ACK}
 * @param flags the control bits
 * @param window the window field (SEG.WND) as sent, before any scaling, in [0, 65535] (MUST-1: unsigned)
 * @param checksum the checksum field as received; {@link SegmentCodec#encode} ignores it and computes its own
 * @param urgentPointer the urgent pointer field, in [0, 65535], significant only with {@link Flag#URG}
 * @param options the options, at most {@value #MAX_OPTIONS_LENGTH} octets, {@link TcpOption.Eol} only last
 * @param payload the data octets; the whole segment is at most {@value #MAX_LENGTH} octets
 */
public record Segment(
    int sourcePort,
    int destinationPort,
    SeqNum seq,
    SeqNum ack,
    Flags flags,
    int window,
    int checksum,
    int urgentPointer,
    List<TcpOption> options,
    byte[] payload) {

  /** The length of the header without options (data offset 5). */
  public static final int MIN_HEADER_LENGTH = 20;
  /** The most option octets a header can hold (data offset 15). */
  public static final int MAX_OPTIONS_LENGTH = 40;
  /** The most octets a segment can have: the TCP Length of the pseudo-header is 16 bits for IPv4. */
  public static final int MAX_LENGTH = 0xFFFF;

  /** Validates every field, normalises the option list and copies the payload. */
  public Segment {
    checkField("source port", sourcePort);
    checkField("destination port", destinationPort);
    checkField("window", window);
    checkField("checksum", checksum);
    checkField("urgent pointer", urgentPointer);
    options = normaliseOptions(options);
    int headerLength = MIN_HEADER_LENGTH + paddedLength(optionsLength(options));
    if (headerLength + payload.length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "segment of " + (headerLength + payload.length) + " octets exceeds " + MAX_LENGTH);
    }
    payload = payload.clone();
  }

  /** A builder with every field zero, no flags, no options and no data. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this segment's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy of the data octets. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The data as a read-only buffer, without copying. */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /** The number of data octets. */
  public int payloadLength() {
    return payload.length;
  }

  /** The header length in 32-bit words (the Data Offset field, in [5, 15]). */
  public int dataOffset() {
    return headerLength() / 4;
  }

  /** The header length in octets, options and padding included. */
  public int headerLength() {
    return MIN_HEADER_LENGTH + paddedLength(optionsLength(options));
  }

  /** The length of header plus data in octets: the TCP Length of the pseudo-header (RFC 9293 §3.1). */
  public int encodedLength() {
    return headerLength() + payload.length;
  }

  /** SEG.LEN (RFC 9293 §3.4): the data octets plus one for SYN and one for FIN. */
  public int segLen() {
    return payload.length + (flags.contains(Flag.SYN) ? 1 : 0) + (flags.contains(Flag.FIN) ? 1 : 0);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Segment s
        && s.sourcePort == sourcePort
        && s.destinationPort == destinationPort
        && s.seq.equals(seq)
        && s.ack.equals(ack)
        && s.flags.equals(flags)
        && s.window == window
        && s.checksum == checksum
        && s.urgentPointer == urgentPointer
        && s.options.equals(options)
        && Arrays.equals(s.payload, payload);
  }

  @Override
  public int hashCode() {
    int h = sourcePort;
    h = 31 * h + destinationPort;
    h = 31 * h + seq.hashCode();
    h = 31 * h + ack.hashCode();
    h = 31 * h + flags.hashCode();
    h = 31 * h + window;
    h = 31 * h + checksum;
    h = 31 * h + urgentPointer;
    h = 31 * h + options.hashCode();
    return 31 * h + Arrays.hashCode(payload);
  }

  /** The segment in the RFC's notation, e.g. {@code 49152 > 80 <SEQ=100><ACK=0><CTL=SYN> WND=65535 LEN=0}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(sourcePort).append(" > ").append(destinationPort);
    sb.append(" <SEQ=").append(seq).append('>');
    sb.append("<ACK=").append(ack).append('>');
    if (!flags.isEmpty()) {
      sb.append("<CTL=").append(flags.names()).append('>');
    }
    sb.append(" WND=").append(window);
    if (flags.contains(Flag.URG)) {
      sb.append(" UP=").append(urgentPointer);
    }
    sb.append(" LEN=").append(payload.length);
    if (!options.isEmpty()) {
      sb.append(" OPT=").append(options);
    }
    sb.append(String.format(" CSUM=0x%04x", checksum));
    return sb.toString();
  }

  private static void checkField(String what, int value) {
    if ((value & ~0xFFFF) != 0) {
      throw new IllegalArgumentException(what + " out of range [0, 65535]: " + value);
    }
  }

  private static List<TcpOption> normaliseOptions(List<TcpOption> options) {
    List<TcpOption> copy = List.copyOf(options);
    for (int i = 0; i < copy.size() - 1; i++) {
      if (copy.get(i) instanceof TcpOption.Eol) {
        throw new IllegalArgumentException("End of Option List must be the last option: " + copy);
      }
    }
    int length = optionsLength(copy);
    boolean endsWithEol = !copy.isEmpty() && copy.get(copy.size() - 1) instanceof TcpOption.Eol;
    if (length % 4 != 0 && !endsWithEol) {
      List<TcpOption> withEol = new ArrayList<>(copy);
      withEol.add(new TcpOption.Eol());
      copy = List.copyOf(withEol);
      length++;
    }
    if (paddedLength(length) > MAX_OPTIONS_LENGTH) {
      throw new IllegalArgumentException("options take " + length + " octets, more than 40: " + copy);
    }
    return copy;
  }

  private static int optionsLength(List<TcpOption> options) {
    int length = 0;
    for (TcpOption option : options) {
      length += option.length();
    }
    return length;
  }

  private static int paddedLength(int length) {
    return (length + 3) & ~3;
  }

  /** Builds a {@link Segment}; every setter returns this builder. */
  public static final class Builder {
    private int sourcePort;
    private int destinationPort;
    private SeqNum seq = new SeqNum(0);
    private SeqNum ack = new SeqNum(0);
    private Flags flags = Flags.NONE;
    private int window;
    private int checksum;
    private int urgentPointer;
    private List<TcpOption> options = List.of();
    private byte[] payload = new byte[0];

    private Builder() {}

    private Builder(Segment s) {
      sourcePort = s.sourcePort;
      destinationPort = s.destinationPort;
      seq = s.seq;
      ack = s.ack;
      flags = s.flags;
      window = s.window;
      checksum = s.checksum;
      urgentPointer = s.urgentPointer;
      options = s.options;
      payload = s.payload;
    }

    /** Sets the source port. */
    public Builder sourcePort(int port) {
      sourcePort = port;
      return this;
    }

    /** Sets the destination port. */
    public Builder destinationPort(int port) {
      destinationPort = port;
      return this;
    }

    /** Sets SEG.SEQ. */
    public Builder seq(SeqNum value) {
      seq = value;
      return this;
    }

    /** Sets SEG.ACK. */
    public Builder ack(SeqNum value) {
      ack = value;
      return this;
    }

    /** Sets the control bits. */
    public Builder flags(Flags value) {
      flags = value;
      return this;
    }

    /** Sets the control bits to exactly {@code value}. */
    public Builder flags(Flag... value) {
      flags = Flags.of(value);
      return this;
    }

    /** Sets the window field. */
    public Builder window(int value) {
      window = value;
      return this;
    }

    /** Sets the checksum field (ignored by the encoder). */
    public Builder checksum(int value) {
      checksum = value;
      return this;
    }

    /** Sets the urgent pointer field. */
    public Builder urgentPointer(int value) {
      urgentPointer = value;
      return this;
    }

    /** Sets the options. */
    public Builder options(List<TcpOption> value) {
      options = value;
      return this;
    }

    /** Sets the options. */
    public Builder options(TcpOption... value) {
      options = List.of(value);
      return this;
    }

    /** Sets the data (copied when the segment is built). */
    public Builder payload(byte[] value) {
      payload = value;
      return this;
    }

    /** The segment; throws {@link IllegalArgumentException} if a field is out of range. */
    public Segment build() {
      return new Segment(
          sourcePort, destinationPort, seq, ack, flags, window, checksum, urgentPointer, options, payload);
    }
  }
}
