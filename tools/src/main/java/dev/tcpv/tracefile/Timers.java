package dev.tcpv.tracefile;

import org.jspecify.annotations.Nullable;

/**
 * How long the timers of the stack that made a trace may run, in microseconds: a trace header's {@code timers}.
 * The validator checks every timeout against these bounds and that no timer outlives its greatest delay
 * (spec/README.md, "Real time").
 *
 * @param rto one retransmission timeout (R-TO-1): at least {@code rto.min}, at most {@code rto.max}; with {@code
 *     backoff}, the timeout after k retransmissions of one segment is at least {@code min(rto.min * 2^k, rto.max)}
 *     (RFC 6298 §5.5)
 * @param backoff whether the timeout doubles at each retransmission (RFC 6298 §5.5)
 * @param maxRetries retransmissions of one segment before the connection gives up (R2 as a count), or -1 when R2
 *     is a time only ({@code r2})
 * @param r2 R2 as a time (R-TO-2, §3.8.3): at a timeout the stack gives up once the oldest unacknowledged segment
 *     has been retransmitted for at least {@code r2.min} (counted from the start of its retransmission timer),
 *     and goes on retransmitting only while that is below {@code r2.max}; null when R2 is a count only
 * @param r2Syn the same for a SYN or SYN,ACK (R-OPEN-10, at least 3 minutes); null exactly when {@code r2} is
 * @param timeWait how long TIME-WAIT lasts (R-TW-1: at least 2 x MSL)
 * @param keepAlive keep-alive on (R-KA-1)
 * @param kaIdle idle time before the first keep-alive probe (R-KA-2)
 * @param kaInterval time between unanswered probes (R-KA-2)
 * @param kaProbes unanswered probes before the peer is declared dead (R-KA-3)
 * @param delayedAck how long the stack may defer the ACK of text or a FIN that arrives in order (R-ACK-1, MUST-40:
 *     less than 0.5 s), or null when it acknowledges at once
 */
public record Timers(
    Bounds rto,
    boolean backoff,
    int maxRetries,
    @Nullable Bounds r2,
    @Nullable Bounds r2Syn,
    Bounds timeWait,
    boolean keepAlive,
    Bounds kaIdle,
    Bounds kaInterval,
    int kaProbes,
    @Nullable Bounds delayedAck) {

  /** Checks that R2 is given, as a count or a time, and the counts are in range. */
  public Timers {
    if ((r2 == null) != (r2Syn == null)) {
      throw new IllegalArgumentException("r2 and r2Syn come together");
    }
    if (maxRetries < -1) {
      throw new IllegalArgumentException("maxRetries must be -1 (none) or a count, not " + maxRetries);
    }
    if (maxRetries == -1 && r2 == null) {
      throw new IllegalArgumentException("R2 needs maxRetries (a count) or r2 and r2Syn (a time)");
    }
    if (rto.min() < 1) {
      throw new IllegalArgumentException("rto.min must be at least 1 us, not " + rto.min());
    }
    if (kaProbes < 1) {
      throw new IllegalArgumentException("kaProbes must be at least 1, not " + kaProbes);
    }
  }

  /** Timers of a stack that acknowledges at once (no delayed ACK). */
  public Timers(Bounds rto, boolean backoff, int maxRetries, @Nullable Bounds r2, @Nullable Bounds r2Syn,
      Bounds timeWait, boolean keepAlive, Bounds kaIdle, Bounds kaInterval, int kaProbes) {
    this(rto, backoff, maxRetries, r2, r2Syn, timeWait, keepAlive, kaIdle, kaInterval, kaProbes, null);
  }

  /**
   * Exact timers of a stack whose clock moves in ticks of {@code tickMicros}: each delay is the given number of
   * ticks, R2 is a count, and there is no backoff.
   */
  public static Timers exact(long tickMicros, int rtoTicks, int maxRetries, int timeWaitTicks, boolean keepAlive,
      int kaIdleTicks, int kaIntervalTicks, int kaProbes) {
    return new Timers(Bounds.exactly(rtoTicks * tickMicros), false, maxRetries, null, null,
        Bounds.exactly(timeWaitTicks * tickMicros), keepAlive, Bounds.exactly(kaIdleTicks * tickMicros),
        Bounds.exactly(kaIntervalTicks * tickMicros), kaProbes);
  }

  /**
   * These timers with another R2: {@code data} for data and FIN, {@code syn} for SYN and SYN,ACK (both null: none),
   * and {@code retries} as a count (-1: none).
   */
  public Timers withR2(@Nullable Bounds data, @Nullable Bounds syn, int retries) {
    return new Timers(rto, backoff, retries, data, syn, timeWait, keepAlive, kaIdle, kaInterval, kaProbes,
        delayedAck);
  }

  /** These timers with TIME-WAIT lasting {@code timeWait}. */
  public Timers withTimeWait(Bounds timeWait) {
    return new Timers(rto, backoff, maxRetries, r2, r2Syn, timeWait, keepAlive, kaIdle, kaInterval, kaProbes,
        delayedAck);
  }

  /** These timers with keep-alive on, with the given idle time, interval and probes. */
  public Timers withKeepAlive(Bounds idle, Bounds interval, int probes) {
    return new Timers(rto, backoff, maxRetries, r2, r2Syn, timeWait, true, idle, interval, probes, delayedAck);
  }
}
