package dev.tcpv.wire;

/** Reads and writes big-endian (network byte order) fields of 8, 16 and 32 bits in byte arrays. */
final class NetworkOrder {

  private NetworkOrder() {}

  static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  static int i32(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
  }

  static void put16(byte[] b, int i, int value) {
    b[i] = (byte) (value >>> 8);
    b[i + 1] = (byte) value;
  }

  static void put32(byte[] b, int i, int value) {
    b[i] = (byte) (value >>> 24);
    b[i + 1] = (byte) (value >>> 16);
    b[i + 2] = (byte) (value >>> 8);
    b[i + 3] = (byte) value;
  }
}
