package dev.tcpv.wire;

import java.io.ByteArrayOutputStream;

/**
 * A deliberately plain Internet checksum to check the codec against: the pseudo-header laid out octet by octet
 * as RFC 9293 §3.1 Figure 2 (IPv4) and RFC 8200 §8.1 (IPv6) draw it, then a loop over 16-bit words with the
 * end-around carry applied after every addition.
 */
final class ReferenceChecksum {

  private ReferenceChecksum() {}

  /** The pseudo-header octets for a segment of {@code tcpLength} octets. */
  static byte[] pseudoHeaderBytes(PseudoHeader pseudoHeader, int tcpLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(pseudoHeader.source());
    out.writeBytes(pseudoHeader.destination());
    switch (pseudoHeader) {
      case PseudoHeader.Ipv4 v4 -> {
        out.write(0);
        out.write(6);
        out.write(tcpLength >>> 8);
        out.write(tcpLength);
      }
      case PseudoHeader.Ipv6 v6 -> {
        out.write(tcpLength >>> 24);
        out.write(tcpLength >>> 16);
        out.write(tcpLength >>> 8);
        out.write(tcpLength);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(6);
      }
    }
    return out.toByteArray();
  }

  /** The ones' complement sum of the 16-bit words of {@code bytes}, an odd last octet padded with zero. */
  static int onesComplementSum(byte[] bytes) {
    int sum = 0;
    for (int i = 0; i < bytes.length; i += 2) {
      int high = bytes[i] & 0xFF;
      int low = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0;
      sum += (high << 8) | low;
      if (sum > 0xFFFF) {
        sum = (sum & 0xFFFF) + 1;
      }
    }
    return sum;
  }

  /** The checksum field value {@code segment} should carry: its own field counted as zero. */
  static int expected(PseudoHeader pseudoHeader, byte[] segment) {
    byte[] copy = segment.clone();
    copy[16] = 0;
    copy[17] = 0;
    byte[] pseudo = pseudoHeaderBytes(pseudoHeader, segment.length);
    byte[] all = new byte[pseudo.length + copy.length];
    System.arraycopy(pseudo, 0, all, 0, pseudo.length);
    System.arraycopy(copy, 0, all, pseudo.length, copy.length);
    return ~onesComplementSum(all) & 0xFFFF;
  }

  /** Writes the correct checksum into a segment of at least 18 octets, whatever else it holds. */
  static byte[] withValidChecksum(PseudoHeader pseudoHeader, byte[] segment) {
    byte[] fixed = segment.clone();
    int checksum = expected(pseudoHeader, segment);
    fixed[16] = (byte) (checksum >>> 8);
    fixed[17] = (byte) checksum;
    return fixed;
  }
}
