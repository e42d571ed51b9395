package dev.tcpv.sim;

import dev.tcpv.wire.IpPacket;
import dev.tcpv.wire.PseudoHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes the segments of a simulated run as a pcap file (libpcap format, microsecond timestamps, link type
 * {@value #LINKTYPE_RAW}: each record is an IPv4 packet). Packets are framed by {@link IpPacket}, so their IP and
 * TCP checksums are real. Host A is {@code 192.0.2.1} and host B {@code 192.0.2.2} (documentation addresses);
 * the ports are the engines' own (A 40000, B 80). Timestamps are the simulated clock.
 */
public final class PcapWriter {

  /** The pcap magic number for microsecond timestamps. */
  public static final int MAGIC = 0xA1B2C3D4;
  /** LINKTYPE_RAW: the packet begins with an IPv4 or IPv6 header. */
  public static final int LINKTYPE_RAW = 101;
  /** The snapshot length written in the header: every packet fits whole. */
  public static final int SNAPLEN = 65535;
  /** Time to live of the packets written. */
  public static final int TTL = 64;
  /** The addresses of hosts A and B. */
  public static final List<byte[]> ADDRESSES =
      List.of(new byte[] {(byte) 192, 0, 2, 1}, new byte[] {(byte) 192, 0, 2, 2});

  private static final long MICROS = 1_000_000L;

  private PcapWriter() {}

  /** The IPv4 packet carrying {@code s} from its host to the other. */
  public static IpPacket packet(SentSegment s) {
    PseudoHeader ph = new PseudoHeader.Ipv4(ADDRESSES.get(s.host()), ADDRESSES.get(1 - s.host()));
    return new IpPacket(ph, TTL, s.segment());
  }

  /** Writes the global header and one record per segment, in order. */
  public static void write(List<SentSegment> segments, OutputStream out) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(MAGIC).putShort((short) 2).putShort((short) 4); // version 2.4
    h.putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_RAW); // UTC, accuracy, snapshot length, link type
    out.write(h.array());
    for (SentSegment s : segments) {
      byte[] p = packet(s).encode();
      ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      r.putInt((int) (s.micros() / MICROS)).putInt((int) (s.micros() % MICROS)).putInt(p.length).putInt(p.length);
      out.write(r.array());
      out.write(p);
    }
  }
}
