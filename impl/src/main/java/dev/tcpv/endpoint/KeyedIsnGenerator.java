package dev.tcpv.endpoint;

import dev.tcpv.conn.IsnGenerator;
import dev.tcpv.seq.SeqNum;
import java.security.SecureRandom;

/**
 * R-ISN-1 (RFC 9293 §3.4.1, SHLD-1, MUST-8, MUST-9): ISN = M + F(localip, localport, remoteip, remoteport,
 * secretkey) mod 2^32. M is a 32-bit counter that ticks once every 4 µs of the {@code now} passed in (no clock
 * is read); F is SipHash-2-4 of the 4-tuple under a 128-bit secret, truncated to 32 bits, so that it cannot be
 * computed from outside. The secret is drawn once per endpoint ({@link Secret#draw}).
 */
public final class KeyedIsnGenerator implements IsnGenerator {

  /** Microseconds per tick of M (MUST-8). */
  public static final long TICK_MICROS = 4;

  /**
   * The secret key of F.
   *
   * @param k0 the key's first 64 bits
   * @param k1 the key's last 64 bits
   */
  public record Secret(long k0, long k1) {

    /** A fresh key from {@code random}; an endpoint draws one at start. */
    public static Secret draw(SecureRandom random) {
      return new Secret(random.nextLong(), random.nextLong());
    }

    @Override
    public String toString() {
      return "Secret[hidden]";
    }
  }

  private final Secret secret;
  private final FourTuple tuple;

  /** The generator of the connection {@code tuple} under {@code secret}. */
  public KeyedIsnGenerator(Secret secret, FourTuple tuple) {
    this.secret = secret;
    this.tuple = tuple;
  }

  @Override
  public SeqNum iss(long nowMicros) {
    return SeqNum.of(isn(secret, tuple, nowMicros));
  }

  /** R-ISN-1: the ISN of {@code tuple} at {@code nowMicros}, as an unsigned 32-bit value. */
  public static long isn(Secret secret, FourTuple tuple, long nowMicros) {
    long m = Math.floorDiv(nowMicros, TICK_MICROS);
    return (m + f(secret, tuple)) & 0xFFFF_FFFFL;
  }

  /**
   * F of R-ISN-1: SipHash-2-4 of localip, localport, remoteip, remoteport (12 octets for IPv4, 36 for IPv6, the
   * addresses as on the wire), low 32 bits.
   */
  static long f(Secret secret, FourTuple t) {
    byte[] local = t.local().bytes();
    byte[] remote = t.remote().bytes();
    byte[] msg = new byte[local.length + remote.length + 4];
    System.arraycopy(local, 0, msg, 0, local.length);
    int at = local.length;
    msg[at] = (byte) (t.localPort() >>> 8);
    msg[at + 1] = (byte) t.localPort();
    System.arraycopy(remote, 0, msg, at + 2, remote.length);
    at += 2 + remote.length;
    msg[at] = (byte) (t.remotePort() >>> 8);
    msg[at + 1] = (byte) t.remotePort();
    return sipHash24(secret.k0(), secret.k1(), msg) & 0xFFFF_FFFFL;
  }

  /** SipHash-2-4 (Aumasson and Bernstein) of {@code msg} under the key (k0, k1), little-endian words. */
  static long sipHash24(long k0, long k1, byte[] msg) {
    long[] v = {
      k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L
    };
    int whole = msg.length & ~7;
    for (int i = 0; i < whole; i += 8) {
      long m = 0;
      for (int j = 7; j >= 0; j--) {
        m = m << 8 | (msg[i + j] & 0xFFL);
      }
      compress(v, m);
    }
    long last = (long) (msg.length & 0xFF) << 56;
    for (int j = msg.length - whole - 1; j >= 0; j--) {
      last |= (msg[whole + j] & 0xFFL) << (8 * j);
    }
    compress(v, last);
    v[2] ^= 0xFF;
    for (int r = 0; r < 4; r++) {
      round(v);
    }
    return v[0] ^ v[1] ^ v[2] ^ v[3];
  }

  private static void compress(long[] v, long m) {
    v[3] ^= m;
    round(v);
    round(v);
    v[0] ^= m;
  }

  private static void round(long[] v) {
    v[0] += v[1];
    v[1] = Long.rotateLeft(v[1], 13);
    v[1] ^= v[0];
    v[0] = Long.rotateLeft(v[0], 32);
    v[2] += v[3];
    v[3] = Long.rotateLeft(v[3], 16);
    v[3] ^= v[2];
    v[0] += v[3];
    v[3] = Long.rotateLeft(v[3], 21);
    v[3] ^= v[0];
    v[2] += v[1];
    v[1] = Long.rotateLeft(v[1], 17);
    v[1] ^= v[2];
    v[2] = Long.rotateLeft(v[2], 32);
  }
}
