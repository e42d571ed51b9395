package dev.tcpv.tracefile;

/**
 * The least and the greatest delay a stack may take for one timer, in microseconds.
 *
 * @param min the least delay, at least 0
 * @param max the greatest delay, at least {@code min}
 */
public record Bounds(long min, long max) {
  /** Checks {@code 0 <= min <= max}. */
  public Bounds {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("a timer's bounds need 0 <= min <= max, not min " + min + ", max " + max);
    }
  }

  /** A delay of exactly {@code micros}. */
  public static Bounds exactly(long micros) {
    return new Bounds(micros, micros);
  }

  @Override
  public String toString() {
    return min == max ? min + " us" : min + ".." + max + " us";
  }
}
