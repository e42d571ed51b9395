package dev.tcpv.config;

import dev.tcpv.conn.TcpConfig;
import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.Timers;

/**
 * The constants of {@code spec/Tcp.tla} that an engine follows, in ticks of {@code tickMicros} microseconds, and
 * the one place they become an engine configuration ({@link #engineConfig}) and a trace header's timers ({@link
 * #timers}); {@link #timersOf} reads the timer bounds of any engine configuration back for a trace header. The
 * simulator's spec profile, the conformance driver and the trace headers they write all go through here.
 *
 * <p>How the engine follows the constants: one tick of the spec is {@code tickMicros}; the RTO is pinned (initial =
 * floor = ceiling = {@code rto} ticks: no estimator, no backoff). The spec gives up at the expiry after {@code
 * maxRetries} retransmissions; the engine gives up when R2 has passed since the oldest unacknowledged segment was
 * first sent, so R2 = R2 for SYNs = (maxRetries + 1) x rto ticks, which must meet MUST-23's three minutes ({@link
 * #must23Tick} gives the shortest tick that does). The user timeout (R-TO-2) and the challenge-ACK limit (R-RST-5),
 * which the spec does not model, are set out of reach.
 *
 * @param msl MSL, ticks
 * @param rto Rto, ticks
 * @param maxRetries MaxRetries
 * @param timeWaitTicks TimeWaitTicks (the engine's TIME-WAIT is 2 x MSL)
 * @param rcvWndSize RcvWndSize: the receive buffer, octets
 * @param maxSegLen MaxSegLen: the engines' MSS
 * @param rfc5961 Rfc5961
 * @param rfc1337 Rfc1337
 * @param twReopen TwReopen
 * @param keepAlive KeepAlive
 * @param kaIdle KaIdle, ticks
 * @param kaInterval KaInterval, ticks
 * @param kaProbes KaProbes
 * @param tickMicros the length of one tick, microseconds
 */
public record SpecConstants(int msl, int rto, int maxRetries, int timeWaitTicks, int rcvWndSize, int maxSegLen,
    boolean rfc5961, boolean rfc1337, boolean twReopen, boolean keepAlive, int kaIdle, int kaInterval, int kaProbes,
    long tickMicros) {

  /** MUST-23: R2 for a SYN must allow at least 3 minutes. */
  public static final long MUST_23_MICROS = 180 * TcpConfig.SECOND;

  /** Checks that the values are in range. */
  public SpecConstants {
    if (msl < 1 || rto < 1 || maxRetries < 0 || kaIdle < 1 || kaInterval < 1 || kaProbes < 1 || tickMicros < 1) {
      throw new IllegalArgumentException("constants out of range: " + msl + " " + rto + " " + maxRetries + " "
          + kaIdle + " " + kaInterval + " " + kaProbes + " " + tickMicros);
    }
  }

  /** The shortest tick, in microseconds, at which R2 = (maxRetries + 1) x rto ticks meets MUST-23. */
  public static long must23Tick(int rto, int maxRetries) {
    long attempts = (long) (maxRetries + 1) * rto;
    return (MUST_23_MICROS + attempts - 1) / attempts;
  }

  /** These constants with another MaxSegLen. */
  public SpecConstants withMaxSegLen(int mss) {
    return new SpecConstants(msl, rto, maxRetries, timeWaitTicks, rcvWndSize, mss, rfc5961, rfc1337, twReopen,
        keepAlive, kaIdle, kaInterval, kaProbes, tickMicros);
  }

  /**
   * The engine configuration that follows these constants, with users who take text through RECEIVE calls when
   * {@code userReads}, and output deferred to {@code Connection.output} calls (one spec step each) when {@code
   * deferOutput}.
   */
  public TcpConfig engineConfig(boolean userReads, boolean deferOutput) {
    long rtoMicros = rto * tickMicros;
    long r2 = (maxRetries + 1L) * rtoMicros;
    TcpConfig d = TcpConfig.defaults();
    return new TcpConfig(rfc5961, Integer.MAX_VALUE, rfc1337, twReopen, msl * tickMicros, keepAlive,
        kaIdle * tickMicros, kaInterval * tickMicros, kaProbes, d.r1Retransmissions(), r2, r2, Long.MAX_VALUE / 4,
        rtoMicros, rtoMicros, rtoMicros, rcvWndSize, maxSegLen, userReads, deferOutput);
  }

  /** A trace header's timers for an engine that follows these constants: each delay exact, R2 a count. */
  public Timers timers() {
    return Timers.exact(tickMicros, rto, maxRetries, timeWaitTicks, keepAlive, kaIdle, kaInterval, kaProbes);
  }

  /**
   * The timer bounds of an engine with configuration {@code c}, for a trace header: the RTO anywhere from its floor
   * (or the initial RTO, if lower) to its ceiling, with backoff; R2 and R2 for SYNs as times; TIME-WAIT 2 x MSL;
   * keep-alive and the delayed-ACK timer as configured (none when ACKs go out at once).
   */
  public static Timers timersOf(TcpConfig c) {
    return new Timers(new Bounds(Math.min(c.initialRtoMicros(), c.minRtoMicros()), c.maxRtoMicros()), true, -1,
        Bounds.exactly(c.r2Micros()), Bounds.exactly(c.r2SynMicros()), Bounds.exactly(2 * c.mslMicros()),
        c.keepAlive(), Bounds.exactly(c.keepAliveIdleMicros()), Bounds.exactly(c.keepAliveIntervalMicros()),
        c.keepAliveProbes(), c.delayedAckMicros() > 0 ? Bounds.exactly(c.delayedAckMicros()) : null);
  }
}
