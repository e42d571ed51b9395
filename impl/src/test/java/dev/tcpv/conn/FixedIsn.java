package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;

/** An {@link IsnGenerator} that returns the given values in turn, repeating the last one. */
final class FixedIsn implements IsnGenerator {

  private final long[] values;
  private int next;

  FixedIsn(long... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no ISN");
    }
    this.values = values.clone();
  }

  @Override
  public SeqNum iss(long nowMicros) {
    long v = values[Math.min(next, values.length - 1)];
    next++;
    return SeqNum.of(v);
  }
}
