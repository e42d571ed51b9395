package dev.tcpv.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.seq.SeqNum;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The segment, option, flag and pseudo-header values: validation in their constructors, and immutability. */
class SegmentTest {

  @Test
  @DisplayName("S-9: fields wider than the header's are rejected")
  void s9_fieldRanges() {
    Segment.Builder b = Segment.builder();
    assertThrows(IllegalArgumentException.class, () -> b.sourcePort(65536).build());
    assertThrows(IllegalArgumentException.class, () -> Segment.builder().destinationPort(-1).build());
    assertThrows(IllegalArgumentException.class, () -> Segment.builder().window(65536).build());
    assertThrows(IllegalArgumentException.class, () -> Segment.builder().checksum(-1).build());
    assertThrows(IllegalArgumentException.class, () -> Segment.builder().urgentPointer(70000).build());
    assertEquals(65535, Segment.builder().window(65535).build().window(), "MUST-1: the window is unsigned");
  }

  @Test
  @DisplayName("S-9: options longer than 40 octets, or EOL before the end, are rejected")
  void s9_optionSpace() {
    TcpOption ts = new TcpOption.Timestamps(1, 2);
    assertEquals(15, Segment.builder().options(ts, ts, ts, ts).build().dataOffset());
    assertThrows(
        IllegalArgumentException.class,
        () -> Segment.builder().options(ts, ts, ts, ts, new TcpOption.Nop()).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> Segment.builder().options(new TcpOption.Eol(), new TcpOption.Nop()).build());
  }

  @Test
  @DisplayName("S-9: data offset is derived from the options and padded to 32 bits")
  void s9_dataOffsetDerived() {
    assertEquals(5, Segment.builder().build().dataOffset());
    assertEquals(6, Segment.builder().options(new TcpOption.Nop()).build().dataOffset());
    assertEquals(6, Segment.builder().options(new TcpOption.Mss(1460)).build().dataOffset());
    assertEquals(7, Segment.builder().options(new TcpOption.Mss(1460), new TcpOption.Nop()).build().dataOffset());
  }

  @Test
  @DisplayName("S-9: a segment is at most 65535 octets, header included")
  void s9_maximumLength() {
    byte[] largest = new byte[Segment.MAX_LENGTH - 20];
    assertEquals(Segment.MAX_LENGTH, Segment.builder().payload(largest).build().encodedLength());
    assertThrows(
        IllegalArgumentException.class,
        () -> Segment.builder().payload(largest).options(new TcpOption.Nop()).build());
  }

  @Test
  @DisplayName("S-9: the payload is copied in and out, so a segment cannot change")
  void s9_payloadDefensiveCopies() {
    byte[] data = {1, 2, 3};
    Segment s = Segment.builder().payload(data).build();
    data[0] = 9;
    s.payload()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, s.payload());
    assertTrue(s.payloadBuffer().isReadOnly());
    assertEquals(Segment.builder().payload(new byte[] {1, 2, 3}).build(), s);
    assertEquals(Segment.builder().payload(new byte[] {1, 2, 3}).build().hashCode(), s.hashCode());
    assertNotEquals(Segment.builder().payload(new byte[] {1, 2, 4}).build(), s);
  }

  @Test
  @DisplayName("S-1: SEG.LEN counts the data and one each for SYN and FIN")
  void s1_segLen() {
    assertEquals(0, Segment.builder().flags(Flag.ACK).build().segLen());
    assertEquals(1, Segment.builder().flags(Flag.SYN).build().segLen());
    assertEquals(5, Segment.builder().flags(Flag.SYN, Flag.FIN).payload(new byte[3]).build().segLen());
  }

  @Test
  @DisplayName("S-9: options validate their fields and copy their data")
  void s9_optionValidation() {
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Mss(65536));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.WindowScale(256));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Timestamps(1L << 32, 0));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Timestamps(0, -1));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Sack(List.of()));
    TcpOption.SackBlock block = new TcpOption.SackBlock(SeqNum.of(1), SeqNum.of(2));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Sack(Collections.nCopies(5, block)));
    assertEquals(34, new TcpOption.Sack(Collections.nCopies(4, block)).length());
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(2, new byte[2]));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(0, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(256, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(30, new byte[39]));
    byte[] data = {7};
    TcpOption.Unknown unknown = new TcpOption.Unknown(30, data);
    data[0] = 8;
    unknown.data()[0] = 9;
    assertEquals(new TcpOption.Unknown(30, new byte[] {7}), unknown);
    assertEquals("Unknown[kind=30, data=07]", unknown.toString());
  }

  @Test
  @DisplayName("S-9: flags are an immutable set of the eight control bits")
  void s9_flags() {
    Flags synAck = Flags.of(Flag.ACK, Flag.SYN);
    assertEquals(0x12, synAck.bits());
    assertEquals("SYN,ACK", synAck.names());
    assertEquals("Flags[SYN,ACK]", synAck.toString());
    assertEquals(EnumSet.of(Flag.SYN, Flag.ACK), synAck.asSet());
    assertEquals(Flags.of(Flag.SYN), synAck.without(Flag.ACK));
    assertEquals(Flags.of(Flag.SYN, Flag.ACK, Flag.FIN), synAck.with(Flag.FIN));
    assertTrue(synAck.contains(Flag.SYN));
    assertFalse(synAck.contains(Flag.RST));
    assertTrue(Flags.NONE.isEmpty());
    assertEquals(0xFF, Flags.of(Flag.values()).bits());
    assertEquals("FIN,SYN,RST,PSH,ACK,URG,ECE,CWR", Flags.of(Flag.values()).names());
    assertThrows(IllegalArgumentException.class, () -> new Flags(0x100));
    assertThrows(UnsupportedOperationException.class, () -> synAck.asSet().add(Flag.FIN));
  }

  @Test
  @DisplayName("R-FMT-2: pseudo-headers take addresses of the right length and copy them")
  void rFmt2_pseudoHeaderAddresses() throws UnknownHostException {
    assertThrows(IllegalArgumentException.class, () -> new PseudoHeader.Ipv4(new byte[16], new byte[4]));
    assertThrows(IllegalArgumentException.class, () -> new PseudoHeader.Ipv6(new byte[16], new byte[4]));
    byte[] source = {10, 0, 0, 1};
    PseudoHeader.Ipv4 p = new PseudoHeader.Ipv4(source, new byte[] {10, 0, 0, 2});
    source[3] = 7;
    p.source()[3] = 8;
    assertEquals("Ipv4[10.0.0.1 > 10.0.0.2]", p.toString());
    assertEquals("Ipv4[10.0.0.2 > 10.0.0.1]", p.reversed().toString());
    assertEquals(p, p.reversed().reversed());

    InetAddress v4 = InetAddress.getByAddress(new byte[] {10, 0, 0, 1});
    InetAddress v6 = InetAddress.getByAddress(new byte[16]);
    assertEquals(new PseudoHeader.Ipv4(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 1}), PseudoHeader.of(v4, v4));
    assertEquals(new PseudoHeader.Ipv6(new byte[16], new byte[16]), PseudoHeader.of(v6, v6));
    assertThrows(IllegalArgumentException.class, () -> PseudoHeader.of(v4, v6));
  }
}
