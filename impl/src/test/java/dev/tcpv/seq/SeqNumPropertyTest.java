package dev.tcpv.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of sequence arithmetic modulo 2^32 (R-SEQ-1) over seeded random inputs, checked against a
 * reference model on unbounded integers. Each case is one seed of {@link SplittableRandom}, named in the case.
 */
class SeqNumPropertyTest {

  static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
  static final BigInteger TWO_31 = BigInteger.ONE.shiftLeft(31);

  static LongStream seeds() {
    return LongStream.range(0, 1000);
  }

  /** A sequence number, often near the wrap or the half-space boundary where mistakes hide. */
  static SeqNum seq(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> SeqNum.of(0xFFFF_FFFFL - random.nextInt(8));
      case 1 -> SeqNum.of(random.nextInt(8));
      default -> new SeqNum(random.nextInt());
    };
  }

  /** A distance in [0, 2^32), often at 0, 2^31 ± 1 or 2^32 − 1. */
  static long distance(SplittableRandom random) {
    return switch (random.nextInt(5)) {
      case 0 -> (1L << 31) + random.nextInt(3) - 1;
      case 1 -> random.nextBoolean() ? 0 : 0xFFFF_FFFFL;
      default -> random.nextLong(1L << 32);
    };
  }

  static BigInteger big(SeqNum s) {
    return BigInteger.valueOf(s.unsigned());
  }

  /** The reference order: a < b iff 0 < (b − a) mod 2^32 < 2^31 (RFC 1982 §3.2). */
  static boolean referenceLt(SeqNum a, SeqNum b) {
    BigInteger d = big(b).subtract(big(a)).mod(TWO_32);
    return d.signum() > 0 && d.compareTo(TWO_31) < 0;
  }

  /** The reference window test: some k in [0, size) with low + k ≡ x (mod 2^32), on unbounded integers. */
  static boolean referenceInWindow(SeqNum x, SeqNum low, long size) {
    BigInteger lo = big(low);
    BigInteger hi = lo.add(BigInteger.valueOf(size)); // exclusive, may pass 2^32
    BigInteger xs = big(x);
    BigInteger xsWrapped = xs.add(TWO_32); // x's representative in the next lap of the space
    return (xs.compareTo(lo) >= 0 && xs.compareTo(hi) < 0)
        || (xsWrapped.compareTo(lo) >= 0 && xsWrapped.compareTo(hi) < 0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-SEQ-1: plus and minus are inverse modulo 2^32")
  void rSeq1_plusMinusInverse(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SeqNum a = seq(random);
    SeqNum b = seq(random);
    long n = distance(random);
    assertEquals(n, a.plus(n).minus(a));
    assertEquals(b, a.plus(b.minus(a)));
    assertEquals(a, a.plus(n).plus(-n));
    assertEquals(big(a).add(BigInteger.valueOf(n)).mod(TWO_32).longValueExact(), a.plus(n).unsigned());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-SEQ-1: lt is antisymmetric and total except at distance 2^31, and matches the reference")
  void rSeq1_ltAntisymmetric(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SeqNum a = seq(random);
    SeqNum b = a.plus(distance(random));
    assertFalse(a.lt(b) && b.lt(a), "never both");
    boolean halfSpace = b.minus(a) == 1L << 31;
    boolean unordered = !a.lt(b) && !b.lt(a);
    assertEquals(a.equals(b) || halfSpace, unordered, "unordered only when equal or 2^31 apart");
    assertEquals(referenceLt(a, b), a.lt(b));
    assertEquals(a.lt(b), b.gt(a));
    assertEquals(a.lt(b) || a.equals(b), a.le(b));
    assertEquals(b.le(a), a.ge(b));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-SEQ-1: the window test equals the unbounded-integer model modulo 2^32")
  void rSeq1_windowMatchesReference(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SeqNum low = seq(random);
    long size =
        switch (random.nextInt(4)) {
          case 0 -> random.nextInt(3); // 0, 1, 2: empty and one-number windows
          case 1 -> (1L << 32) - random.nextInt(2); // the whole space
          default -> random.nextLong(1L << 32);
        };
    // Probe the edges of the window (−1, 0, size−1, size) and a random point.
    long[] offsets = {-1, 0, size - 1, size, random.nextLong(1L << 32)};
    for (long offset : offsets) {
      SeqNum x = low.plus(offset);
      assertEquals(
          referenceInWindow(x, low, size),
          x.inWindow(low, size),
          () -> x + " in [" + low + ", " + low + " + " + size + ")");
    }
  }

  @Test
  @DisplayName("R-SEQ-1: the reference order tells a wrong comparison from the right one")
  void rSeq1_referenceCatchesUnsignedCompare() {
    // An unsigned comparison is the classic mistake: it orders 2^32 − 1 after 0, but 0 follows 2^32 − 1.
    SeqNum max = SeqNum.of(0xFFFF_FFFFL);
    SeqNum zero = SeqNum.of(0);
    boolean unsignedLt = Long.compare(max.unsigned(), zero.unsigned()) < 0;
    assertFalse(unsignedLt);
    assertTrue(referenceLt(max, zero));
    assertTrue(max.lt(zero));
  }
}
