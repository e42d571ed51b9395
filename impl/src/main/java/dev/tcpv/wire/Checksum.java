package dev.tcpv.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum: the 16-bit ones' complement of the ones' complement sum of 16-bit words (RFC 9293
 * §3.1 "Checksum", RFC 1071; rule R-FMT-2).
 *
 * <p>The sum is accumulated in a {@code long} eight octets at a time. This is sound because 2^16 ≡ 1 modulo
 * 2^16 − 1, so a 64-bit big-endian word is congruent to the sum of its two 32-bit halves, and those to the sum
 * of their four 16-bit words: adding the halves in a wide register and folding the carries back at the end
 * gives the same ones' complement sum as adding 16-bit words with end-around carry (RFC 1071 §2 (C) parallel
 * summation, (D) deferred carries).
 *
 * <p>An accumulator is an unfolded partial sum: start from 0 or from {@link PseudoHeader#sum(int)}, pass it
 * through {@link #add} for each piece, then {@link #fold} it. Pieces after the first must start at an even
 * offset of the summed whole.
 */
public final class Checksum {

  private static final VarHandle LONG_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private Checksum() {}

  /**
   * Adds the 16-bit big-endian words of {@code bytes[offset, offset + length)} to the accumulator {@code acc}.
   * An odd last octet is padded with a zero octet on its right (RFC 9293 §3.1).
   *
   * @return the new accumulator, not folded
   */
  public static long add(long acc, byte[] bytes, int offset, int length) {
    // Folding the incoming accumulator to at most 33 bits first leaves room for 2^30 eight-octet steps of
    // at most 2^33 each, more than any array holds, so the loop cannot overflow.
    long sum = (acc >>> 32) + (acc & 0xFFFF_FFFFL);
    int i = offset;
    int end = offset + length;
    for (; i + 16 <= end; i += 16) {
      long a = (long) LONG_BIG_ENDIAN.get(bytes, i);
      long b = (long) LONG_BIG_ENDIAN.get(bytes, i + 8);
      sum += (a >>> 32) + (a & 0xFFFF_FFFFL) + (b >>> 32) + (b & 0xFFFF_FFFFL);
    }
    if (i + 8 <= end) {
      long a = (long) LONG_BIG_ENDIAN.get(bytes, i);
      sum += (a >>> 32) + (a & 0xFFFF_FFFFL);
      i += 8;
    }
    if (i + 4 <= end) {
      sum += Integer.toUnsignedLong((int) INT_BIG_ENDIAN.get(bytes, i));
      i += 4;
    }
    if (i + 2 <= end) {
      sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
      i += 2;
    }
    if (i < end) {
      sum += (bytes[i] & 0xFF) << 8;
    }
    return sum;
  }

  /** Adds the 16-bit value {@code word} to the accumulator. */
  public static long add(long acc, int word) {
    return acc + (word & 0xFFFF);
  }

  /** Folds the carries of an accumulator back into 16 bits: the ones' complement sum. */
  public static int fold(long acc) {
    long sum = (acc >>> 32) + (acc & 0xFFFF_FFFFL);
    sum = (sum >>> 16) + (sum & 0xFFFF);
    sum = (sum >>> 16) + (sum & 0xFFFF);
    sum = (sum >>> 16) + (sum & 0xFFFF);
    return (int) sum;
  }

  /** The checksum field value for an accumulator that covers everything but the field itself (held as zero). */
  public static int complement(long acc) {
    return ~fold(acc) & 0xFFFF;
  }

  /** Whether an accumulator covering everything, the checksum field included, verifies: its sum is all ones. */
  public static boolean verifies(long acc) {
    return fold(acc) == 0xFFFF;
  }
}
