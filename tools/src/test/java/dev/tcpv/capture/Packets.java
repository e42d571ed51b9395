package dev.tcpv.capture;

import dev.tcpv.wire.Checksum;
import dev.tcpv.wire.PseudoHeader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Builds packets and capture files octet by octet, for tests of the reader and the decoder. */
final class Packets {
  private Packets() {}

  static final byte[] V4_A = {10, 0, 0, 1};
  static final byte[] V4_B = {10, 0, 0, 2};

  /** A TCP segment (header with {@code options}, padded to 4, then {@code payload} zero octets), checksum 0. */
  static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int window, byte[] options,
      int payload) {
    int optLen = (options.length + 3) / 4 * 4;
    ByteBuffer b = ByteBuffer.allocate(20 + optLen + payload);
    b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack);
    b.put((byte) (((20 + optLen) / 4) << 4)).put((byte) flags).putShort((short) window).putShort((short) 0)
        .putShort((short) 0);
    b.put(options);
    return b.array();
  }

  /** An IPv4 packet carrying {@code tcp}, with the TCP checksum filled in. */
  static byte[] ipv4(byte[] src, byte[] dst, byte[] tcp) {
    ByteBuffer b = ByteBuffer.allocate(20 + tcp.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcp.length)).putInt(0).put((byte) 64).put((byte) 6)
        .putShort((short) 0).put(src).put(dst).put(withChecksum(src, dst, tcp));
    return b.array();
  }

  /** An IPv6 packet carrying {@code tcp} behind a hop-by-hop options header, with the TCP checksum filled in. */
  static byte[] ipv6(byte[] src, byte[] dst, byte[] tcp) {
    ByteBuffer b = ByteBuffer.allocate(40 + 8 + tcp.length);
    b.putInt(0x60000000).putShort((short) (8 + tcp.length)).put((byte) 0).put((byte) 64).put(src).put(dst);
    b.put((byte) 6).put((byte) 0).put(new byte[] {1, 4, 0, 0, 0, 0}); // hop-by-hop: next TCP, PadN
    b.put(withChecksum(src, dst, tcp));
    return b.array();
  }

  private static byte[] withChecksum(byte[] src, byte[] dst, byte[] tcp) {
    byte[] t = tcp.clone();
    PseudoHeader ph = src.length == 4 ? new PseudoHeader.Ipv4(src, dst) : new PseudoHeader.Ipv6(src, dst);
    int c = Checksum.complement(Checksum.add(ph.sum(t.length), t, 0, t.length));
    t[16] = (byte) (c >>> 8);
    t[17] = (byte) c;
    return t;
  }

  /** A libpcap file: little-endian, microseconds (or nanoseconds), one link type; records at 1 s apart. */
  static byte[] pcap(int linkType, boolean nanos, ByteOrder order, List<byte[]> packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(order);
    h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
        .putInt(262144).putInt(linkType);
    out.writeBytes(h.array());
    int i = 0;
    for (byte[] p : packets) {
      ByteBuffer r = ByteBuffer.allocate(16).order(order);
      r.putInt(1000 + i).putInt(nanos ? 500_000_000 : 500_000).putInt(p.length).putInt(p.length);
      out.writeBytes(r.array());
      out.writeBytes(p);
      i++;
    }
    return out.toByteArray();
  }

  /** A pcapng block of {@code type} with {@code body} (padded to 4), little-endian. */
  static byte[] block(int type, byte[] body) {
    int len = 12 + (body.length + 3) / 4 * 4;
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(type).putInt(len).put(body);
    b.position(len - 4);
    b.putInt(len);
    return b.array();
  }

  static byte[] shb() {
    return block(0x0A0D0D0A, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1A2B3C4D)
        .putShort((short) 1).putShort((short) 0).putLong(-1).array());
  }

  /** An interface description block; {@code tsresol} 0 for none (microseconds). */
  static byte[] idb(int linkType, int tsresol) {
    ByteBuffer b = ByteBuffer.allocate(tsresol == 0 ? 8 : 20).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) linkType).putShort((short) 0).putInt(0);
    if (tsresol != 0) {
      b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putShort((short) 0)
          .putShort((short) 0);
    }
    return block(1, b.array());
  }

  /** An enhanced packet block on interface {@code ifc} at {@code ts} units. */
  static byte[] epb(int ifc, long ts, byte[] packet) {
    ByteBuffer b = ByteBuffer.allocate(20 + (packet.length + 3) / 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(ifc).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(packet.length).putInt(packet.length)
        .put(packet);
    return block(6, b.array());
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
