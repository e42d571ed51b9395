package dev.tcpv.capture;

import dev.tcpv.wire.PseudoHeader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a captured frame down to its TCP header: the link layer (Ethernet with VLAN tags, Linux cooked SLL and
 * SLL2, raw IPv4/IPv6, BSD loopback), IPv4 or IPv6 (with extension headers), then TCP with its options. Lengths
 * come from the IP header, not from the octets captured: a capture cut by a snap length still gives every
 * segment's length. A frame that is not a whole TCP segment's header (another protocol, a fragment, headers cut
 * short) is a {@link Decoded.Skipped} with its reason, never an exception.
 */
public final class PacketDecoder {
  private PacketDecoder() {}

  /** LINKTYPE_* values (tcpdump's link-layer header type registry). */
  static final int NULL = 0;
  static final int ETHERNET = 1;
  static final int RAW_OLD = 12;
  static final int RAW_OPENBSD = 14;
  static final int RAW = 101;
  static final int LOOP = 108;
  static final int LINUX_SLL = 113;
  static final int IPV4 = 228;
  static final int IPV6 = 229;
  static final int LINUX_SLL2 = 276;

  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;

  /** TCP flag bits, as in the header's flags octet. */
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  public static final int URG = 0x20;

  /** A frame decoded: a TCP segment's header, or the reason it is not one. */
  public sealed interface Decoded permits TcpPacket, Decoded.Skipped {
    /**
     * A frame that carries no TCP segment the validator can read.
     *
     * @param frame the frame number
     * @param reason why, in a few words (the counts of the summary group by it)
     */
    record Skipped(int frame, String reason) implements Decoded {}
  }

  /** The checksum of a segment: right, wrong (offload, or damage), or not verifiable (the capture cut it). */
  public enum Checksum { GOOD, BAD, UNVERIFIED }

  /**
   * A TCP segment as captured.
   *
   * @param frame the frame number
   * @param micros the capture time in microseconds
   * @param src the source address (4 or 16 octets)
   * @param dst the destination address
   * @param srcPort the source port
   * @param dstPort the destination port
   * @param seq SEG.SEQ, 0 to 2^32 - 1
   * @param ack SEG.ACK as carried (meaningful with the ACK bit)
   * @param flags the flag bits ({@link #SYN}, {@link #ACK}, ...)
   * @param window the window field as carried (unscaled)
   * @param payload the octets of text, from the IP header's lengths
   * @param mss the MSS option's value, or -1
   * @param windowScale the window-scale option's shift, or -1
   * @param sackPermitted whether the SACK-permitted option is present
   * @param tsVal the timestamps option's TSval, or -1 without the option
   * @param tsEcr the timestamps option's TSecr, or -1 without the option
   * @param checksum whether the TCP checksum verifies
   */
  public record TcpPacket(int frame, long micros, byte[] src, byte[] dst, int srcPort, int dstPort, long seq,
      long ack, int flags, int window, int payload, int mss, int windowScale, boolean sackPermitted, long tsVal,
      long tsEcr, Checksum checksum) implements Decoded {
    /** Copies the addresses. */
    public TcpPacket {
      src = src.clone();
      dst = dst.clone();
    }

    @Override
    public byte[] src() {
      return src.clone();
    }

    @Override
    public byte[] dst() {
      return dst.clone();
    }

    /** Whether flag {@code bit} is set. */
    public boolean has(int bit) {
      return (flags & bit) != 0;
    }

    /** The source endpoint, {@code 10.0.0.1:80} or {@code [fd00::1]:80}. */
    public String source() {
      return Endpoints.format(src, srcPort);
    }

    /** The destination endpoint. */
    public String destination() {
      return Endpoints.format(dst, dstPort);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof TcpPacket p && frame == p.frame && micros == p.micros && Arrays.equals(src, p.src)
          && Arrays.equals(dst, p.dst) && srcPort == p.srcPort && dstPort == p.dstPort && seq == p.seq
          && ack == p.ack && flags == p.flags && window == p.window && payload == p.payload && mss == p.mss
          && windowScale == p.windowScale && sackPermitted == p.sackPermitted && tsVal == p.tsVal
          && tsEcr == p.tsEcr && checksum == p.checksum;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(src) * 31 + Arrays.hashCode(dst) + Long.hashCode(seq) * 17 + frame;
    }

    @Override
    public String toString() {
      return "frame " + frame + " " + source() + " > " + destination() + " seq " + seq + " ack " + ack
          + " flags 0x" + Integer.toHexString(flags) + " win " + window + " len " + payload;
    }
  }

  /** Decodes {@code f}. */
  public static Decoded decode(CaptureFile.Frame f) {
    ByteBuffer b = f.view();
    int n = f.number();
    int cap = b.capacity();
    switch (f.linkType()) {
      case RAW, RAW_OLD, RAW_OPENBSD, IPV4, IPV6 -> {
        return ip(f, b, 0, f.origLen());
      }
      case ETHERNET -> {
        int at = 12;
        if (cap < 14) {
          return short_(n, "Ethernet header");
        }
        int type = Short.toUnsignedInt(b.getShort(at));
        // 802.1Q and 802.1ad tags (possibly stacked) come before the real type.
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
          at += 4;
          if (cap < at + 2) {
            return short_(n, "VLAN tag");
          }
          type = Short.toUnsignedInt(b.getShort(at));
        }
        return byType(f, b, type, at + 2);
      }
      case LINUX_SLL -> {
        if (cap < 16) {
          return short_(n, "Linux cooked (SLL) header");
        }
        return byType(f, b, Short.toUnsignedInt(b.getShort(14)), 16);
      }
      case LINUX_SLL2 -> {
        if (cap < 20) {
          return short_(n, "Linux cooked (SLL2) header");
        }
        return byType(f, b, Short.toUnsignedInt(b.getShort(0)), 20);
      }
      case NULL, LOOP -> {
        if (cap < 4) {
          return short_(n, "loopback header");
        }
        // NULL: the family in the capturing host's byte order; LOOP: in network order. Either way the families
        // are small numbers, so the order is the one that reads one.
        int family = b.getInt(0);
        if (family > 0xFFFF || family < 0) {
          family = Integer.reverseBytes(family);
        }
        return switch (family) {
          case 2 -> ipAt(f, b, 4, 4);
          case 10, 24, 28, 30 -> ipAt(f, b, 4, 6); // AF_INET6: Linux, NetBSD/OpenBSD, FreeBSD, macOS
          default -> new Decoded.Skipped(n, "not IP (loopback family " + family + ")");
        };
      }
      default -> {
        return new Decoded.Skipped(n, "link type " + f.linkType() + " is not supported (Ethernet, Linux cooked"
            + " SLL/SLL2, raw IP and BSD loopback are)");
      }
    }
  }

  private static Decoded byType(CaptureFile.Frame f, ByteBuffer b, int type, int at) {
    return switch (type) {
      case ETHERTYPE_IPV4 -> ipAt(f, b, at, 4);
      case ETHERTYPE_IPV6 -> ipAt(f, b, at, 6);
      default -> new Decoded.Skipped(f.number(), String.format("not IP (EtherType 0x%04x)", type));
    };
  }

  private static Decoded ipAt(CaptureFile.Frame f, ByteBuffer b, int at, int version) {
    if (b.capacity() <= at) {
      return short_(f.number(), "IP header");
    }
    int v = (b.get(at) & 0xF0) >>> 4;
    if (v != version) {
      return new Decoded.Skipped(f.number(), "IP version " + v + " where the link layer says " + version);
    }
    return ip(f, b, at, f.origLen() - at);
  }

  private static Decoded ip(CaptureFile.Frame f, ByteBuffer b, int at, int wireLen) {
    int n = f.number();
    if (b.capacity() <= at) {
      return short_(n, "IP header");
    }
    int version = (b.get(at) & 0xF0) >>> 4;
    if (version == 4) {
      if (b.capacity() < at + 20) {
        return short_(n, "IPv4 header");
      }
      int ihl = (b.get(at) & 0x0F) * 4;
      int total = Short.toUnsignedInt(b.getShort(at + 2));
      int frag = Short.toUnsignedInt(b.getShort(at + 6));
      int proto = b.get(at + 9) & 0xFF;
      if (ihl < 20 || total < ihl) {
        return new Decoded.Skipped(n, "malformed IPv4 header (header length " + ihl + ", total " + total + ")");
      }
      if (proto != 6) {
        return new Decoded.Skipped(n, "not TCP (IP protocol " + proto + ")");
      }
      if ((frag & 0x3FFF) != 0) {
        return new Decoded.Skipped(n, "an IPv4 fragment");
      }
      // TSO on the capturing host shows a segment larger than any wire packet, with total length 0.
      int tcpLen = (total == 0 ? wireLen : total) - ihl;
      byte[] src = new byte[4];
      byte[] dst = new byte[4];
      b.get(at + 12, src);
      b.get(at + 16, dst);
      return tcp(f, b, at + ihl, tcpLen, src, dst);
    }
    if (version == 6) {
      if (b.capacity() < at + 40) {
        return short_(n, "IPv6 header");
      }
      int payloadLen = Short.toUnsignedInt(b.getShort(at + 4));
      int next = b.get(at + 6) & 0xFF;
      byte[] src = new byte[16];
      byte[] dst = new byte[16];
      b.get(at + 8, src);
      b.get(at + 24, dst);
      int o = at + 40;
      int left = payloadLen == 0 ? wireLen - 40 : payloadLen;
      // Extension headers: hop-by-hop, routing, destination options (each: next header, length in 8-octet units).
      while (next == 0 || next == 43 || next == 60 || next == 44) {
        if (next == 44) {
          return new Decoded.Skipped(n, "an IPv6 fragment");
        }
        if (b.capacity() < o + 2) {
          return short_(n, "IPv6 extension header");
        }
        int len = ((b.get(o + 1) & 0xFF) + 1) * 8;
        next = b.get(o) & 0xFF;
        o += len;
        left -= len;
      }
      if (next != 6) {
        return new Decoded.Skipped(n, "not TCP (IPv6 next header " + next + ")");
      }
      return tcp(f, b, o, left, src, dst);
    }
    return new Decoded.Skipped(n, "not IP (version " + version + ")");
  }

  private static Decoded tcp(CaptureFile.Frame f, ByteBuffer b, int at, int tcpLen, byte[] src, byte[] dst) {
    int n = f.number();
    if (b.capacity() < at + 20) {
      return short_(n, "TCP header");
    }
    int off = ((b.get(at + 12) & 0xF0) >>> 4) * 4;
    if (off < 20 || tcpLen < off) {
      return new Decoded.Skipped(n, "malformed TCP header (data offset " + off + ", segment " + tcpLen
          + " octets)");
    }
    int mss = -1;
    int ws = -1;
    boolean sackOk = false;
    long tsVal = -1;
    long tsEcr = -1;
    // Options, as far as they were captured (a snap length may cut them; the lifecycle needs none of them).
    int end = Math.min(at + off, b.capacity());
    int o = at + 20;
    while (o < end) {
      int kind = b.get(o) & 0xFF;
      if (kind == 0) {
        break;
      }
      if (kind == 1) {
        o++;
        continue;
      }
      if (o + 1 >= end) {
        break;
      }
      int len = b.get(o + 1) & 0xFF;
      if (len < 2 || o + len > end) {
        break;
      }
      switch (kind) {
        case 2 -> mss = len == 4 ? Short.toUnsignedInt(b.getShort(o + 2)) : mss;
        case 3 -> ws = len == 3 ? Math.min(b.get(o + 2) & 0xFF, 14) : ws;
        case 4 -> sackOk = true;
        case 8 -> {
          if (len == 10) {
            tsVal = Integer.toUnsignedLong(b.getInt(o + 2));
            tsEcr = Integer.toUnsignedLong(b.getInt(o + 6));
          }
        }
        default -> { }
      }
      o += len;
    }
    int srcPort = Short.toUnsignedInt(b.getShort(at));
    int dstPort = Short.toUnsignedInt(b.getShort(at + 2));
    long seq = Integer.toUnsignedLong(b.getInt(at + 4));
    long ack = Integer.toUnsignedLong(b.getInt(at + 8));
    int flags = b.get(at + 13) & 0x3F;
    int window = Short.toUnsignedInt(b.getShort(at + 14));
    Checksum sum = b.capacity() >= at + tcpLen ? verify(b, at, tcpLen, src, dst) : Checksum.UNVERIFIED;
    return new TcpPacket(n, f.micros(), src, dst, srcPort, dstPort, seq, ack, flags, window, tcpLen - off, mss, ws,
        sackOk, tsVal, tsEcr, sum);
  }

  /** The TCP checksum over the pseudo-header and the segment (RFC 9293 §3.1, RFC 8200 §8.1), as the engine sums. */
  private static Checksum verify(ByteBuffer b, int at, int len, byte[] src, byte[] dst) {
    PseudoHeader ph = PseudoHeader.of(src, dst);
    byte[] segment = new byte[len];
    b.get(at, segment);
    return dev.tcpv.wire.Checksum.verifies(dev.tcpv.wire.Checksum.add(ph.sum(len), segment, 0, len))
        ? Checksum.GOOD : Checksum.BAD;
  }

  private static Decoded short_(int frame, String what) {
    return new Decoded.Skipped(frame, "cut short in the " + what);
  }
}
