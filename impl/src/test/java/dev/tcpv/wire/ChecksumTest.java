package dev.tcpv.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The eight-octets-at-a-time Internet checksum agrees with the plain 16-bit loop (R-FMT-2). */
class ChecksumTest {

  static LongStream seeds() {
    return RandomWire.seeds(1000);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-FMT-2: the fast sum equals the 16-bit reference loop at any offset and length")
  void rFmt2_fastSumEqualsReference(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] bytes = RandomWire.bytes(random, random.nextInt(3000));
    if (random.nextInt(4) == 0) {
      Arrays.fill(bytes, (byte) 0xFF); // the most carries
    }
    int offset = random.nextInt(bytes.length + 1);
    int length = random.nextInt(bytes.length - offset + 1);
    int expected = ReferenceChecksum.onesComplementSum(Arrays.copyOfRange(bytes, offset, offset + length));
    assertEquals(expected, Checksum.fold(Checksum.add(0, bytes, offset, length)));

    // Summing in two pieces split at an even offset gives the same sum.
    int split = random.nextInt(length / 2 + 1) * 2;
    long acc = Checksum.add(0, bytes, offset, split);
    assertEquals(expected, Checksum.fold(Checksum.add(acc, bytes, offset + split, length - split)));
  }

  @Test
  @DisplayName("R-FMT-2: the largest segment of all-ones octets sums without overflow")
  void rFmt2_largestSegmentAllOnes() {
    byte[] bytes = new byte[Segment.MAX_LENGTH];
    Arrays.fill(bytes, (byte) 0xFF);
    assertEquals(ReferenceChecksum.onesComplementSum(bytes), Checksum.fold(Checksum.add(0, bytes, 0, bytes.length)));
    assertEquals(0, Checksum.fold(Checksum.add(0, new byte[0], 0, 0)));
  }

  @Test
  @DisplayName("R-FMT-2: an accumulator near 2^64 still folds to the right residue")
  void rFmt2_largeAccumulator() {
    byte[] bytes = {0x12, 0x34};
    // -1 as unsigned is 2^64 - 1, a multiple of 2^16 - 1, so it adds nothing but carries.
    assertEquals(0x1234, Checksum.fold(Checksum.add(-1L, bytes, 0, 2)));
  }

  @Test
  @DisplayName("R-FMT-2: the reference notices a sum that forgets the zero pad of an odd last octet")
  void rFmt2_referenceCatchesOddOctetDropped() {
    byte[] bytes = {0x01, 0x02, 0x03};
    int dropsLastOctet = Checksum.fold(Checksum.add(0, bytes, 0, 2));
    int padsOnTheLeft = Checksum.fold(Checksum.add(0, bytes, 0, 2) + 0x03);
    int expected = ReferenceChecksum.onesComplementSum(bytes);
    assertEquals(0x0402, expected);
    assertNotEquals(expected, dropsLastOctet);
    assertNotEquals(expected, padsOnTheLeft);
    assertTrue(Checksum.verifies(Checksum.add(0, new byte[] {0x01, 0x02, 0x03, 0x00, (byte) 0xFB, (byte) 0xFD}, 0, 6)));
  }
}
