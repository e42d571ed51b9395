package dev.tcpv.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The pseudo-header the TCP checksum covers (RFC 9293 §3.1 Figure 2; RFC 8200 §8.1 for IPv6; rule R-FMT-2):
 * the source and destination addresses, protocol 6, and the TCP Length. The TCP Length is not a component:
 * it "is not an explicitly transmitted quantity but is computed" (§3.1), so the codec supplies the length of
 * the segment it encodes or decodes ({@link #sum(int)}). Including the addresses protects a connection against
 * misrouted segments: a segment checked against the wrong addresses fails with
 * {@link DecodeError.Reason#BAD_CHECKSUM}.
 */
public sealed interface PseudoHeader {

  /** The protocol number of TCP, the PTCL (IPv4) or Next Header (IPv6) value in the pseudo-header. */
  int PROTOCOL_TCP = 6;

  /**
   * The pseudo-header of the family the addresses are of: IPv4 for 4 octets each, IPv6 for 16.
   *
   * @throws IllegalArgumentException when they are of neither, or of different families
   */
  static PseudoHeader of(byte[] source, byte[] destination) {
    return source.length == Ipv4.ADDRESS_LENGTH ? new Ipv4(source, destination) : new Ipv6(source, destination);
  }

  /** A copy of the source address octets. */
  byte[] source();

  /** A copy of the destination address octets. */
  byte[] destination();

  /** The pseudo-header for a segment going the other way: source and destination swapped. */
  PseudoHeader reversed();

  /**
   * The unfolded ones' complement sum of this pseudo-header for a segment of {@code tcpLength} octets, the
   * starting accumulator of {@link Checksum#add}.
   */
  long sum(int tcpLength);

  /** The pseudo-header for two addresses of the same family. */
  static PseudoHeader of(InetAddress source, InetAddress destination) {
    if (source instanceof Inet4Address && destination instanceof Inet4Address) {
      return new Ipv4(source.getAddress(), destination.getAddress());
    }
    if (source instanceof Inet6Address && destination instanceof Inet6Address) {
      return new Ipv6(source.getAddress(), destination.getAddress());
    }
    throw new IllegalArgumentException("addresses of different families: " + source + ", " + destination);
  }

  /**
   * The IPv4 pseudo-header (96 bits): source, destination, zero, PTCL, TCP Length.
   *
   * @param source the 4 octets of the source address
   * @param destination the 4 octets of the destination address
   */
  record Ipv4(byte[] source, byte[] destination) implements PseudoHeader {
    /** The length of an IPv4 address. */
    public static final int ADDRESS_LENGTH = 4;

    /** Validates the address lengths and copies them. */
    public Ipv4 {
      source = copyAddress(source, ADDRESS_LENGTH);
      destination = copyAddress(destination, ADDRESS_LENGTH);
    }

    @Override
    public byte[] source() {
      return source.clone();
    }

    @Override
    public byte[] destination() {
      return destination.clone();
    }

    @Override
    public Ipv4 reversed() {
      return new Ipv4(destination, source);
    }

    @Override
    public long sum(int tcpLength) {
      return addressSum(source, destination, tcpLength);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Ipv4 p && Arrays.equals(p.source, source) && Arrays.equals(p.destination, destination);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(source) + Arrays.hashCode(destination);
    }

    @Override
    public String toString() {
      return "Ipv4[" + dotted(source) + " > " + dotted(destination) + "]";
    }
  }

  /**
   * The IPv6 pseudo-header (320 bits, RFC 8200 §8.1): source, destination, Upper-Layer Packet Length (32 bits),
   * three zero octets, Next Header.
   *
   * @param source the 16 octets of the source address
   * @param destination the 16 octets of the destination address
   */
  record Ipv6(byte[] source, byte[] destination) implements PseudoHeader {
    /** The length of an IPv6 address. */
    public static final int ADDRESS_LENGTH = 16;

    /** Validates the address lengths and copies them. */
    public Ipv6 {
      source = copyAddress(source, ADDRESS_LENGTH);
      destination = copyAddress(destination, ADDRESS_LENGTH);
    }

    @Override
    public byte[] source() {
      return source.clone();
    }

    @Override
    public byte[] destination() {
      return destination.clone();
    }

    @Override
    public Ipv6 reversed() {
      return new Ipv6(destination, source);
    }

    @Override
    public long sum(int tcpLength) {
      return addressSum(source, destination, tcpLength);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Ipv6 p && Arrays.equals(p.source, source) && Arrays.equals(p.destination, destination);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(source) + Arrays.hashCode(destination);
    }

    @Override
    public String toString() {
      return "Ipv6[" + hex(source) + " > " + hex(destination) + "]";
    }
  }

  // The same words for both families: the addresses, then the protocol and the length as 16-bit words. The
  // IPv4 layout puts PTCL and a 16-bit length in one 32-bit word; IPv6 puts a 32-bit length in one and the
  // Next Header in the low octet of the next; either way the sum is PTCL + the length's 16-bit halves.
  private static long addressSum(byte[] source, byte[] destination, int tcpLength) {
    long acc = Checksum.add(0, source, 0, source.length);
    acc = Checksum.add(acc, destination, 0, destination.length);
    acc = Checksum.add(acc, PROTOCOL_TCP);
    acc = Checksum.add(acc, tcpLength >>> 16);
    return Checksum.add(acc, tcpLength);
  }

  private static byte[] copyAddress(byte[] address, int length) {
    if (address.length != length) {
      throw new IllegalArgumentException("address of " + address.length + " octets, expected " + length);
    }
    return address.clone();
  }

  private static String dotted(byte[] address) {
    StringJoiner s = new StringJoiner(".");
    for (byte b : address) {
      s.add(Integer.toString(b & 0xFF));
    }
    return s.toString();
  }

  private static String hex(byte[] address) {
    StringJoiner s = new StringJoiner(":");
    for (int i = 0; i < address.length; i += 2) {
      s.add(Integer.toHexString(((address[i] & 0xFF) << 8) | (address[i + 1] & 0xFF)));
    }
    return s.toString();
  }
}
