package dev.tcpv.endpoint;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Deterministic {@link SecureRandom}s for tests. */
final class Seeded {

  private Seeded() {}

  /** A SecureRandom whose output depends only on {@code seed}. */
  static SecureRandom random(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
