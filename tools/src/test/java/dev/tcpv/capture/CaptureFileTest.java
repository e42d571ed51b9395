package dev.tcpv.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.capture.PacketDecoder.Decoded;
import dev.tcpv.capture.PacketDecoder.TcpPacket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The capture reader and the packet decoder: every format and link type, and bad input refused in one line. */
class CaptureFileTest {
  private static final byte[] MSS_WS_SACK_TS = {2, 4, 0x05, (byte) 0xB4, 4, 2, 8, 10, 0, 0, 0, 7, 0, 0, 0, 0, 1,
      3, 3, 7};

  private static byte[] syn() {
    return Packets.ipv4(Packets.V4_A, Packets.V4_B,
        Packets.tcp(40000, 80, 4_294_967_000L, 0, PacketDecoder.SYN, 65535, MSS_WS_SACK_TS, 0));
  }

  private static TcpPacket only(byte[] file) throws CaptureFormatException {
    CaptureFile f = CaptureFile.read(file, "t.pcap");
    assertEquals(1, f.frames().size());
    return assertInstanceOf(TcpPacket.class, PacketDecoder.decode(f.frames().get(0)));
  }

  @Test
  void pcapRawIpv4WithOptions() throws Exception {
    TcpPacket p = only(Packets.pcap(101, false, ByteOrder.LITTLE_ENDIAN, List.of(syn())));
    assertEquals("10.0.0.1:40000", p.source());
    assertEquals("10.0.0.2:80", p.destination());
    assertEquals(4_294_967_000L, p.seq());
    assertTrue(p.has(PacketDecoder.SYN) && !p.has(PacketDecoder.ACK));
    assertEquals(1460, p.mss());
    assertEquals(7, p.windowScale());
    assertTrue(p.sackPermitted());
    assertEquals(7, p.tsVal());
    assertEquals(PacketDecoder.Checksum.GOOD, p.checksum());
    assertEquals(1000_500_000L, p.micros());
  }

  @Test
  void pcapBigEndianNanoseconds() throws Exception {
    TcpPacket p = only(Packets.pcap(228, true, ByteOrder.BIG_ENDIAN, List.of(syn())));
    assertEquals(1000_500_000L, p.micros());
    assertEquals(1, p.frame());
  }

  @Test
  void ethernetWithVlanAndLinuxCooked() throws Exception {
    byte[] ip = syn();
    byte[] eth = Packets.concat(new byte[12], new byte[] {(byte) 0x81, 0, 0, 5, 0x08, 0}, ip);
    assertEquals(4_294_967_000L, only(Packets.pcap(1, false, ByteOrder.LITTLE_ENDIAN, List.of(eth))).seq());
    byte[] sll = Packets.concat(new byte[14], new byte[] {0x08, 0}, ip);
    assertEquals(80, only(Packets.pcap(113, false, ByteOrder.LITTLE_ENDIAN, List.of(sll))).dstPort());
    byte[] sll2 = Packets.concat(new byte[] {0x08, 0}, new byte[18], ip);
    assertEquals(80, only(Packets.pcap(276, false, ByteOrder.LITTLE_ENDIAN, List.of(sll2))).dstPort());
  }

  @Test
  void bsdLoopbackIpv6WithAnExtensionHeader() throws Exception {
    byte[] a = new byte[16];
    byte[] b = new byte[16];
    a[0] = (byte) 0xfd;
    a[15] = 1;
    b[0] = (byte) 0xfd;
    b[15] = 2;
    byte[] v6 = Packets.ipv6(a, b, Packets.tcp(5000, 443, 9, 0, PacketDecoder.SYN, 1000, new byte[0], 0));
    // NULL: the family in the capturing host's order (little-endian here); LOOP: network order, FreeBSD's 28.
    byte[] nul = Packets.concat(new byte[] {30, 0, 0, 0}, v6);
    TcpPacket p = only(Packets.pcap(0, false, ByteOrder.LITTLE_ENDIAN, List.of(nul)));
    assertEquals("[fd00::1]:5000", p.source());
    assertEquals(PacketDecoder.Checksum.GOOD, p.checksum());
    byte[] loop = Packets.concat(new byte[] {0, 0, 0, 28}, v6);
    assertEquals("[fd00::2]:443", only(Packets.pcap(108, false, ByteOrder.LITTLE_ENDIAN, List.of(loop)))
        .destination());
  }

  @Test
  void pcapngInterfacesKeepTheirOwnLinkTypeAndResolution() throws Exception {
    byte[] ip = syn();
    byte[] file = Packets.concat(Packets.shb(), Packets.idb(101, 0), Packets.idb(276, 9),
        Packets.block(4, new byte[8]), // a name-resolution block: not a frame
        Packets.epb(0, 2_000_000L, ip), Packets.epb(1, 3_000_000_123L, Packets.concat(new byte[] {0x08, 0},
            new byte[18], ip)));
    CaptureFile f = CaptureFile.read(file, "t.pcapng");
    assertEquals(2, f.frames().size());
    assertEquals(2_000_000L, f.frames().get(0).micros());
    assertEquals(3_000_000L, f.frames().get(1).micros());
    assertEquals(276, f.frames().get(1).linkType());
    assertEquals(2, assertInstanceOf(TcpPacket.class, PacketDecoder.decode(f.frames().get(1))).frame());
  }

  @Test
  void snapLengthKeepsLengthsAndLeavesTheChecksumUnverified() throws Exception {
    byte[] data = Packets.ipv4(Packets.V4_A, Packets.V4_B,
        Packets.tcp(40000, 80, 5, 6, PacketDecoder.ACK, 100, new byte[0], 1400));
    byte[] cut = Arrays.copyOf(data, 54);
    byte[] file = Packets.pcap(101, false, ByteOrder.LITTLE_ENDIAN, List.of(cut));
    // The record says 54 captured of a longer packet: set its original length.
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 12, data.length);
    TcpPacket p = only(file);
    assertEquals(1400, p.payload());
    assertEquals(PacketDecoder.Checksum.UNVERIFIED, p.checksum());
    data[40] ^= 1; // a payload octet changed: the checksum no longer verifies
    assertEquals(PacketDecoder.Checksum.BAD,
        only(Packets.pcap(101, false, ByteOrder.LITTLE_ENDIAN, List.of(data))).checksum());
  }

  @Test
  void framesThatAreNotTcpAreSkippedWithTheirReason() throws Exception {
    byte[] udp = syn();
    udp[9] = 17;
    byte[] arp = Packets.concat(new byte[12], new byte[] {0x08, 0x06}, new byte[28]);
    byte[] fragment = syn();
    fragment[6] = 0x20; // more fragments
    byte[] shortTcp = Arrays.copyOf(syn(), 30);
    CaptureFile f = CaptureFile.read(Packets.pcap(1, false, ByteOrder.LITTLE_ENDIAN, List.of(
        Packets.concat(new byte[12], new byte[] {0x08, 0}, udp), arp,
        Packets.concat(new byte[12], new byte[] {0x08, 0}, fragment),
        Packets.concat(new byte[12], new byte[] {0x08, 0}, shortTcp))), "t.pcap");
    List<String> reasons = f.frames().stream().map(PacketDecoder::decode)
        .map(d -> assertInstanceOf(Decoded.Skipped.class, d).reason()).toList();
    assertEquals(List.of("not TCP (IP protocol 17)", "not IP (EtherType 0x0806)", "an IPv4 fragment",
        "cut short in the TCP header"), reasons);
    CaptureFile unknown = CaptureFile.read(Packets.pcap(147, false, ByteOrder.LITTLE_ENDIAN, List.of(syn())), "u");
    String reason = assertInstanceOf(Decoded.Skipped.class, PacketDecoder.decode(unknown.frames().get(0))).reason();
    assertTrue(reason.startsWith("link type 147 is not supported"), reason);
  }

  @Test
  void badFilesAreRefusedInOneLine() {
    byte[] good = Packets.pcap(101, false, ByteOrder.LITTLE_ENDIAN, List.of(syn(), syn()));
    List<byte[]> bad = List.of(
        new byte[] {1, 2},
        new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
        Arrays.copyOf(good, 20),
        Arrays.copyOf(good, good.length - 5),
        Arrays.copyOf(good, 24 + 16 + syn().length + 7));
    for (byte[] b : bad) {
      CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFile.read(b, "x.pcap"));
      String m = String.valueOf(e.getMessage());
      assertTrue(m.startsWith("x.pcap: "), m);
      assertFalse(m.contains("\n"), m);
    }
    byte[] block = Packets.concat(Packets.shb(), Packets.idb(101, 0), Packets.epb(0, 1, syn()));
    ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).putInt(block.length - 4, 12);
    assertThrows(CaptureFormatException.class, () -> CaptureFile.read(block, "x.pcapng"));
    byte[] noInterface = Packets.concat(Packets.shb(), Packets.epb(0, 1, syn()));
    CaptureFormatException e = assertThrows(CaptureFormatException.class,
        () -> CaptureFile.read(noInterface, "y.pcapng"));
    assertTrue(String.valueOf(e.getMessage()).contains("interface 0 is not described"), String.valueOf(e.getMessage()));
  }

  @Test
  void connectionsAreSplitByFourTupleAndIncarnation() throws Exception {
    byte[] s1 = Packets.ipv4(Packets.V4_A, Packets.V4_B, Packets.tcp(40000, 80, 100, 0, PacketDecoder.SYN, 1000,
        new byte[] {3, 3, 2, 1}, 0));
    byte[] sa = Packets.ipv4(Packets.V4_B, Packets.V4_A, Packets.tcp(80, 40000, 500, 101,
        PacketDecoder.SYN | PacketDecoder.ACK, 2000, new byte[] {3, 3, 3, 1}, 0));
    byte[] ack = Packets.ipv4(Packets.V4_A, Packets.V4_B, Packets.tcp(40000, 80, 101, 501, PacketDecoder.ACK, 1000,
        new byte[0], 0));
    byte[] rst = Packets.ipv4(Packets.V4_A, Packets.V4_B, Packets.tcp(40000, 80, 101, 501,
        PacketDecoder.RST | PacketDecoder.ACK, 0, new byte[0], 0));
    byte[] retransmittedSyn = s1;
    byte[] s2 = Packets.ipv4(Packets.V4_A, Packets.V4_B, Packets.tcp(40000, 80, 9000, 0, PacketDecoder.SYN, 1000,
        new byte[0], 0));
    byte[] other = Packets.ipv4(Packets.V4_A, Packets.V4_B, Packets.tcp(40001, 80, 7, 8, PacketDecoder.ACK, 1,
        new byte[0], 0));
    CaptureFile f = CaptureFile.read(Packets.pcap(101, false, ByteOrder.LITTLE_ENDIAN,
        List.of(other, s1, retransmittedSyn, sa, ack, rst, s2)), "t.pcap");
    Captures.Split split = Captures.split(f);
    assertEquals(1, split.conversations().size());
    assertEquals(Map.of("a connection that does not open in the capture (no SYN without ACK)", 1), split.skipped());
    Captures.Conversation c = split.conversations().get(0);
    assertEquals("10.0.0.1:40000", c.a());
    assertEquals(List.of(new Captures.Incarnation(1, 2, 6, 5), new Captures.Incarnation(2, 7, 7, 1)),
        c.incarnations());
    var trace = Captures.trace(c, 0, c.packets().size(), Profiles.of("rfc9293"), "t.pcap");
    assertTrue(trace.header().observed().isEmpty());
    // Both SYNs offered window scaling: A's ACK carries 1000 << 2, B's SYN,ACK its window unscaled.
    assertEquals(2000, trace.lines().get(2).sent().get(0).wnd());
    assertEquals(4000, trace.lines().get(3).sent().get(0).wnd());
    assertEquals(0, trace.lines().get(4).sent().get(0).wnd());
    assertEquals(5, trace.lines().get(3).line());
  }
}
