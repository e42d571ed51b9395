package dev.tcpv.endpoint;

import java.util.Locale;

/**
 * An IPv4 or IPv6 address as 128 bits, an IPv4 address held as its IPv4-mapped IPv6 form ({@code ::ffff:a.b.c.d},
 * RFC 4291 §2.5.5.2), so that one 4-tuple type, one TIME-WAIT table and one ISN hash serve both families.
 *
 * @param hi the first 64 bits, in network order
 * @param lo the last 64 bits
 */
public record IpAddress(long hi, long lo) {

  private static final long MAPPED = 0x0000_FFFFL << 32;

  /** The IPv4 address {@code bits} (32 bits in network order). */
  public static IpAddress v4(int bits) {
    return new IpAddress(0, MAPPED | (bits & 0xFFFF_FFFFL));
  }

  /**
   * The address of {@code bytes}: 4 octets for IPv4, 16 for IPv6.
   *
   * @throws IllegalArgumentException for another length
   */
  public static IpAddress of(byte[] bytes) {
    if (bytes.length == 4) {
      return v4(word(bytes, 0));
    }
    if (bytes.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 octets, not " + bytes.length);
    }
    return new IpAddress((long) word(bytes, 0) << 32 | (word(bytes, 4) & 0xFFFF_FFFFL),
        (long) word(bytes, 8) << 32 | (word(bytes, 12) & 0xFFFF_FFFFL));
  }

  private static int word(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }

  /** Whether this is an IPv4 address (held IPv4-mapped). */
  public boolean isV4() {
    return hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == MAPPED;
  }

  /** The low 32 bits: the IPv4 address itself for an IPv4 address. */
  public int low32() {
    return (int) lo;
  }

  /** The address on the wire: 4 octets for IPv4, 16 for IPv6. */
  public byte[] bytes() {
    if (isV4()) {
      return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  @Override
  public String toString() {
    if (isV4()) {
      return (lo >>> 24 & 0xFF) + "." + (lo >>> 16 & 0xFF) + "." + (lo >>> 8 & 0xFF) + "." + (lo & 0xFF);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      long word = i < 4 ? hi : lo;
      int group = (int) (word >>> (48 - 16 * (i % 4)) & 0xFFFF);
      sb.append(i == 0 ? "" : ":").append(Integer.toHexString(group).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }
}
