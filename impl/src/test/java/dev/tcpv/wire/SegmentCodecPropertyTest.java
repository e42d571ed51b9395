package dev.tcpv.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the segment codec over seeded random inputs. Each case is one seed of
 * {@link SplittableRandom}; its number is in the case's name, so a failure replays with that seed alone.
 */
class SegmentCodecPropertyTest {

  static final int CASES = 2500;

  /** The reasons the segment decoder may give; the IP reasons belong to {@link IpPacket}. */
  static final Set<DecodeError.Reason> SEGMENT_REASONS =
      EnumSet.range(DecodeError.Reason.TRUNCATED_HEADER, DecodeError.Reason.OPTION_LENGTH_INVALID);

  static LongStream seeds() {
    return RandomWire.seeds(CASES);
  }

  /**
   * Why decode(encode(x)) is not x with the checksum the encoder wrote, or why that checksum is not the
   * reference one; null if neither.
   */
  static @Nullable String roundTripFailure(
      BiFunction<Segment, PseudoHeader, byte[]> encoder, Segment segment, PseudoHeader pseudoHeader) {
    byte[] bytes = encoder.apply(segment, pseudoHeader);
    if (bytes.length != segment.encodedLength()) {
      return "encoded " + bytes.length + " octets, expected " + segment.encodedLength();
    }
    int checksum = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
    if (checksum != ReferenceChecksum.expected(pseudoHeader, bytes)) {
      return "checksum 0x" + Integer.toHexString(checksum) + " differs from the reference";
    }
    SegmentDecodeResult result = SegmentCodec.decode(bytes, pseudoHeader);
    Segment expected = segment.toBuilder().checksum(checksum).build();
    if (!(result instanceof SegmentDecodeResult.Decoded(Segment decoded)) || !decoded.equals(expected)) {
      return "decoded " + result + ", expected " + expected;
    }
    return null;
  }

  /** Decodes {@code bytes} and checks that the outcome is well formed; returns the result. */
  static SegmentDecodeResult decodeChecked(byte[] bytes, PseudoHeader pseudoHeader) {
    SegmentDecodeResult result = SegmentCodec.decode(bytes, pseudoHeader);
    switch (result) {
      case DecodeError(int offset, DecodeError.Reason reason) -> {
        assertTrue(SEGMENT_REASONS.contains(reason), () -> "not a segment reason: " + result);
        assertTrue(offset <= Math.max(bytes.length, Segment.MAX_LENGTH), () -> "offset past the input: " + result);
      }
      case SegmentDecodeResult.Decoded(Segment segment) -> {
        // A decoded segment is a fixed point: encoding it again decodes to the same segment.
        assertNull(roundTripFailure(SegmentCodec::encode, segment, pseudoHeader));
        assertTrue(segment.encodedLength() <= bytes.length);
      }
    }
    return result;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("S-9, R-FMT-2: decode(encode(x)) == x for random segments and options, checksum per reference")
  void s9_roundTrip(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Segment segment = RandomWire.segment(random, Segment.MAX_LENGTH);
    assertNull(roundTripFailure(SegmentCodec::encode, segment, RandomWire.pseudoHeader(random)));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-FMT-3: any random byte string decodes or yields a DecodeError, never throws")
  void rFmt3_randomBytes(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] bytes = RandomWire.bytes(random, random.nextInt(100));
    decodeChecked(bytes, RandomWire.pseudoHeader(random));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-FMT-3: random headers and options with a correct checksum decode or yield a DecodeError")
  void rFmt3_randomBytesValidChecksum(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PseudoHeader pseudoHeader = RandomWire.pseudoHeader(random);
    byte[] bytes = RandomWire.bytes(random, 20 + random.nextInt(60));
    if (random.nextBoolean()) {
      // Mostly option kinds the decoder knows, so that their length checks are reached.
      int[] kinds = {0, 1, 2, 3, 4, 5, 8, 0x99};
      for (int i = 20; i < bytes.length; i += 1 + random.nextInt(4)) {
        bytes[i] = (byte) kinds[random.nextInt(kinds.length)];
      }
    }
    SegmentDecodeResult result =
        decodeChecked(ReferenceChecksum.withValidChecksum(pseudoHeader, bytes), pseudoHeader);
    assertNotEquals(new DecodeError(16, DecodeError.Reason.BAD_CHECKSUM), result);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-FMT-2: a single flipped bit anywhere in a valid segment is always detected")
  void rFmt2_singleBitFlipDetected(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PseudoHeader pseudoHeader = RandomWire.pseudoHeader(random);
    byte[] bytes = SegmentCodec.encode(RandomWire.segment(random, 2000), pseudoHeader);
    int bit = random.nextInt(bytes.length * 8);
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    assertInstanceOf(DecodeError.class, decodeChecked(bytes, pseudoHeader), "bit " + bit);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("R-FMT-3: mutated valid segments (bit flips, overwrites, truncation, extension) never throw")
  void rFmt3_mutatedSegments(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PseudoHeader pseudoHeader = RandomWire.pseudoHeader(random);
    byte[] bytes = SegmentCodec.encode(RandomWire.segment(random, 2000), pseudoHeader);
    for (int m = 1 + random.nextInt(4); m > 0; m--) {
      bytes = mutate(random, bytes);
    }
    // Half the time repair the checksum, so that the mutation reaches the structural checks.
    if (bytes.length >= 18 && random.nextBoolean()) {
      bytes = ReferenceChecksum.withValidChecksum(pseudoHeader, bytes);
    }
    decodeChecked(bytes, pseudoHeader);
  }

  static byte[] mutate(SplittableRandom random, byte[] bytes) {
    if (bytes.length == 0) {
      return RandomWire.bytes(random, random.nextInt(30));
    }
    byte[] out = bytes.clone();
    switch (random.nextInt(5)) {
      case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
      case 2 -> {
        // Rewrite a header octet, where the structure lives: data offset, option kinds and lengths.
        int i = random.nextBoolean() ? 12 : 20 + random.nextInt(Math.max(1, Math.min(40, out.length - 20)));
        if (i < out.length) {
          out[i] = (byte) random.nextInt(256);
        }
      }
      case 3 -> out = Arrays.copyOf(out, random.nextInt(out.length));
      default -> {
        out = Arrays.copyOf(out, out.length + 1 + random.nextInt(8));
        for (int i = bytes.length; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
      }
    }
    return out;
  }

  @Test
  @DisplayName("S-9: the round-trip property fails for an encoder that drops the last option octet")
  void s9_roundTripCatchesBrokenEncoder() {
    BiFunction<Segment, PseudoHeader, byte[]> dropsLastOptionOctet =
        (segment, pseudoHeader) -> {
          byte[] b = SegmentCodec.encode(segment, pseudoHeader);
          if (segment.headerLength() > 20) {
            b[segment.headerLength() - 1] = 0;
            b = ReferenceChecksum.withValidChecksum(pseudoHeader, b);
          }
          return b;
        };
    long failures =
        seeds()
            .limit(200)
            .filter(
                seed -> {
                  SplittableRandom random = new SplittableRandom(seed);
                  Segment s = RandomWire.segment(random, 200);
                  return roundTripFailure(dropsLastOptionOctet, s, RandomWire.pseudoHeader(random)) != null;
                })
            .count();
    assertTrue(failures > 50, "failures: " + failures);
  }

  @Test
  @DisplayName("R-FMT-2: the round-trip property fails for an encoder whose checksum skips the pseudo-header")
  void rFmt2_roundTripCatchesChecksumWithoutPseudoHeader() {
    BiFunction<Segment, PseudoHeader, byte[]> noPseudoHeader =
        (segment, pseudoHeader) -> {
          byte[] b = SegmentCodec.encode(segment, pseudoHeader);
          b[16] = 0;
          b[17] = 0;
          int checksum = Checksum.complement(Checksum.add(0, b, 0, b.length));
          b[16] = (byte) (checksum >>> 8);
          b[17] = (byte) checksum;
          return b;
        };
    SplittableRandom random = new SplittableRandom(1);
    String failure =
        roundTripFailure(noPseudoHeader, RandomWire.segment(random, 100), RandomWire.pseudoHeader(random));
    assertTrue(failure != null && failure.contains("differs from the reference"), String.valueOf(failure));
  }
}
