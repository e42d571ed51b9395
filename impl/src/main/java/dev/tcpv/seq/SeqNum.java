package dev.tcpv.seq;

/**
 * A TCP sequence number: a 32-bit value compared and added modulo 2^32 (R-SEQ-1, RFC 9293 §3.4).
 *
 * <p>Comparison is defined on the signed 32-bit difference, as in RFC 1982 serial-number arithmetic:
 * {@code a < b} iff {@code (int) (b - a) > 0}. Two numbers exactly 2^31 apart are unordered; {@link #lt} and
 * {@link #gt} are both false for them.
 *
 * @param value the number as an unsigned 32-bit value held in an {@code int}
 */
public record SeqNum(int value) {

  /** The sequence number whose unsigned value is {@code unsigned} (taken modulo 2^32). */
  public static SeqNum of(long unsigned) {
    return new SeqNum((int) unsigned);
  }

  /** This number plus {@code n}, modulo 2^32. */
  public SeqNum plus(long n) {
    return new SeqNum(value + (int) n);
  }

  /** The distance from {@code from} to this number, modulo 2^32, as an unsigned value in [0, 2^32). */
  public long minus(SeqNum from) {
    return Integer.toUnsignedLong(value - from.value);
  }

  /** {@code this < other} modulo 2^32. */
  public boolean lt(SeqNum other) {
    return other.value - value > 0;
  }

  /** {@code this =< other} modulo 2^32. */
  public boolean le(SeqNum other) {
    return value == other.value || lt(other);
  }

  /** {@code this > other} modulo 2^32. */
  public boolean gt(SeqNum other) {
    return other.lt(this);
  }

  /** {@code this >= other} modulo 2^32. */
  public boolean ge(SeqNum other) {
    return other.le(this);
  }

  /** {@code low =< this < high} modulo 2^32: the half-open window test of RFC 9293 §3.4. */
  public boolean inWindow(SeqNum low, long size) {
    return minus(low) < size;
  }

  /** The unsigned 32-bit value. */
  public long unsigned() {
    return Integer.toUnsignedLong(value);
  }

  @Override
  public String toString() {
    return Long.toString(unsigned());
  }
}
