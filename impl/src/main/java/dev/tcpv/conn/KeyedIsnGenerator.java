package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * R-ISN-1 (RFC 9293 §3.4.1, RFC 6528): ISN = M + F(localip, localport, remoteip, remoteport, secretkey). M is a
 * clock that advances once every {@value #CLOCK_MICROS} µs (MUST-8); F is the first 32 bits of HMAC-SHA-256 of
 * the 4-tuple under a secret key (MUST-9: not computable from outside without the key, SHLD-1: one value per
 * 4-tuple, so that successive incarnations of one 4-tuple draw ISNs that follow the clock). One generator serves
 * one 4-tuple; F is computed once.
 */
public final class KeyedIsnGenerator implements IsnGenerator {
  /** Microseconds per increment of the ISN clock M (MUST-8: about 4 µs). */
  public static final long CLOCK_MICROS = 4;
  /** The least key length, in octets (RFC 6528 §3: at least 128 bits). */
  public static final int MIN_KEY_OCTETS = 16;

  private final long offset;

  /**
   * The generator of one 4-tuple.
   *
   * @param key the endpoint's secret, at least {@value #MIN_KEY_OCTETS} octets
   * @param localAddress our IP address (4 or 16 octets)
   * @param localPort our port
   * @param remoteAddress the peer's IP address (4 or 16 octets)
   * @param remotePort the peer's port
   */
  public KeyedIsnGenerator(byte[] key, byte[] localAddress, int localPort, byte[] remoteAddress, int remotePort) {
    if (key.length < MIN_KEY_OCTETS) {
      throw new IllegalArgumentException("an ISN key needs at least " + MIN_KEY_OCTETS + " octets, not "
          + key.length);
    }
    address(localAddress);
    address(remoteAddress);
    port(localPort);
    port(remotePort);
    ByteBuffer tuple = ByteBuffer.allocate(localAddress.length + remoteAddress.length + 4);
    tuple.put(localAddress).putShort((short) localPort).put(remoteAddress).putShort((short) remotePort);
    byte[] mac;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256"));
      mac = hmac.doFinal(tuple.array());
    } catch (GeneralSecurityException e) {
      // Every Java platform provides HmacSHA256 (java.security.Security's required algorithms).
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
    this.offset = Integer.toUnsignedLong(ByteBuffer.wrap(mac).getInt());
  }

  private static void address(byte[] a) {
    if (a.length != 4 && a.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 octets, not " + a.length);
    }
  }

  private static void port(int p) {
    if (p < 0 || p > 0xFFFF) {
      throw new IllegalArgumentException("port not in [0, 65535]: " + p);
    }
  }

  /** F of this 4-tuple, as an unsigned 32-bit value. */
  public long offset() {
    return offset;
  }

  /** M + F at {@code nowMicros}, modulo 2^32. */
  @Override
  public SeqNum iss(long nowMicros) {
    return SeqNum.of(Math.floorDiv(nowMicros, CLOCK_MICROS) + offset);
  }
}
