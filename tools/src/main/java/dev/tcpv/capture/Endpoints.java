package dev.tcpv.capture;

/** Text forms of addresses and endpoints: {@code 10.0.0.1:80}, {@code [fd00::1]:80}. */
final class Endpoints {
  private Endpoints() {}

  /** {@code addr} (4 or 16 octets) and {@code port} as text. */
  static String format(byte[] addr, int port) {
    if (addr.length == 4) {
      return (addr[0] & 0xFF) + "." + (addr[1] & 0xFF) + "." + (addr[2] & 0xFF) + "." + (addr[3] & 0xFF) + ":"
          + port;
    }
    // RFC 5952: lower case, leading zeros dropped, the longest run of two or more zero groups as "::".
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((addr[2 * i] & 0xFF) << 8) | (addr[2 * i + 1] & 0xFF);
    }
    int bestAt = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestAt = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 8; i++) {
      if (i == bestAt) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 1 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.append("]:").append(port).toString();
  }
}
