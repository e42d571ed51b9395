package dev.tcpv.conn;

/**
 * The retransmission timeout of RFC 6298 (R-TO-1): SRTT and RTTVAR from RTT samples (§2.2, §2.3), the floor
 * and ceiling (§2.4, §2.5) and the doubling backoff (§5.5). Karn's rule (§3) is the caller's: it samples only
 * segments that were not retransmitted.
 */
final class RttEstimator {

  /** The clock granularity G of RFC 6298 §2, in microseconds. */
  static final long GRANULARITY_MICROS = 1_000;

  private final long minRto;
  private final long maxRto;
  private long srtt;
  private long rttvar;
  private boolean sampled;
  private long rto;

  RttEstimator(long initialRto, long minRto, long maxRto) {
    this.minRto = minRto;
    this.maxRto = maxRto;
    this.rto = Math.min(Math.max(initialRto, minRto), maxRto);
  }

  /** The current RTO, in microseconds. */
  long rto() {
    return rto;
  }

  /** SRTT, or -1 before the first sample. */
  long srtt() {
    return sampled ? srtt : -1;
  }

  /** Takes one RTT measurement (§2.2, §2.3) and recomputes the RTO, which also ends any backoff. */
  void sample(long rtt) {
    if (!sampled) {
      srtt = rtt;
      rttvar = rtt / 2;
      sampled = true;
    } else {
      rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
      srtt = (7 * srtt + rtt) / 8;
    }
    rto = Math.min(Math.max(srtt + Math.max(GRANULARITY_MICROS, 4 * rttvar), minRto), maxRto);
  }

  /** Doubles the RTO after a timeout (§5.5), up to the ceiling. */
  void backOff() {
    rto = Math.min(rto * 2, maxRto);
  }
}
