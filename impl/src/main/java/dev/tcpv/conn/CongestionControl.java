package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;
import org.jspecify.annotations.Nullable;

/**
 * Congestion control of RFC 5681 (R-CC-1, MUST-19) for one connection's sending side, with the NewReno fast recovery
 * of RFC 6582 that RFC 5681 §3.2 recommends. It holds the congestion window and the slow start threshold and
 * counts duplicate ACKs; {@link Connection} asks it how much it may have in flight and when to resend before the
 * retransmission timer (spec action {@code FastRetransmit}). In octets:
 *
 * <ul>
 *   <li>the initial window (§3.1, equation 1) is 4 x SMSS up to 1,095 octets of SMSS, 3 x SMSS up to 2,190, else 2
 *       x SMSS, and ssthresh starts arbitrarily high;
 *   <li>slow start (§3.1, with RFC 3465's byte counting, L = 1 SMSS): an ACK of N new octets opens cwnd by min(N,
 *       SMSS) while cwnd &lt; ssthresh; congestion avoidance (equation 3): by max(1, SMSS x SMSS / cwnd) per ACK;
 *   <li>the third duplicate ACK (§2's definition: no text, no SYN or FIN, SEG.ACK = SND.UNA with text outstanding,
 *       the same window, and not a zero one) sets ssthresh to max(FlightSize / 2, 2 x SMSS) (equation 4), resends
 *       the oldest unacknowledged segment and sets cwnd to ssthresh + 3 x SMSS; each further duplicate opens it by
 *       SMSS; an ACK of everything sent before the loss ends recovery with cwnd = min(ssthresh, FlightSize + SMSS)
 *       (RFC 6582 §3.2 step 3); a partial ACK resends the next hole and deflates cwnd by what it acknowledged, less
 *       one SMSS (step 3, partial); duplicates of an ACK no later than the last recovery's point start none (step
 *       2);
 *   <li>a retransmission timeout sets ssthresh as above and cwnd to one SMSS (§3.1, equation 4; the loss window),
 *       and ends any recovery (RFC 6582 §3.2 step 4);
 *   <li>after an idle period longer than the RTO, cwnd restarts from no more than the initial window (§4.1).
 * </ul>
 *
 * <p>SMSS is the peer's MSS as the connection sends with it. The state is reset with the TCB.
 */
final class CongestionControl {

  /** The duplicate ACK that starts a fast retransmit (RFC 5681 §3.2: the third). */
  static final int DUP_ACK_THRESHOLD = 3;

  /** cwnd, octets; −1 until first used, when SMSS is known. */
  private long cwnd = -1;
  private long ssthresh = Long.MAX_VALUE;
  private int dupAcks;
  /** RFC 6582's "recover": the highest sequence number sent when the last recovery or timeout began, or null. */
  private @Nullable SeqNum recover;
  private boolean recovering;
  /** When a segment of text last went out, µs; −1 before the first. */
  private long lastSentAt = -1;

  /** The initial window for {@code smss} (RFC 5681 §3.1, equation 1). */
  static long initialWindow(int smss) {
    if (smss > 2190) {
      return 2L * smss;
    }
    if (smss > 1095) {
      return 3L * smss;
    }
    return 4L * smss;
  }

  /** cwnd, octets. */
  long window(int smss) {
    if (cwnd < 0) {
      cwnd = initialWindow(smss);
    }
    return cwnd;
  }

  /** ssthresh, octets ({@link Long#MAX_VALUE} before the first loss). */
  long ssthresh() {
    return ssthresh;
  }

  /** Whether a fast recovery is under way. */
  boolean recovering() {
    return recovering;
  }

  /** Back to a new TCB's state: the initial window, ssthresh arbitrarily high. */
  void reset() {
    cwnd = -1;
    ssthresh = Long.MAX_VALUE;
    dupAcks = 0;
    recover = null;
    recovering = false;
    lastSentAt = -1;
  }

  /**
   * Before text goes out at {@code now}: after more than {@code rto} without sending, cwnd restarts from at most
   * the initial window (§4.1, the restart window).
   */
  void beforeSending(long now, long rto, int smss) {
    long w = window(smss);
    if (lastSentAt >= 0 && now - lastSentAt > rto) {
      cwnd = Math.min(w, initialWindow(smss));
    }
  }

  /** Text went out at {@code now}. */
  void sent(long now) {
    lastSentAt = now;
  }

  /**
   * An ACK that moved SND.UNA to {@code ack}, acknowledging {@code acked} new octets, with {@code flight} octets
   * still outstanding after it. Returns whether the next hole is to be resent at once (a partial ACK in
   * recovery, RFC 6582).
   */
  boolean advanced(SeqNum ack, long acked, long flight, int smss) {
    long w = window(smss);
    dupAcks = 0;
    SeqNum point = recover;
    if (recovering && point != null) {
      if (point.le(ack)) {
        recovering = false;
        cwnd = Math.min(ssthresh, Math.max(flight, smss) + smss);
        return false;
      }
      cwnd = Math.max(smss, w - acked + (acked >= smss ? smss : 0));
      return true;
    }
    if (w < ssthresh) {
      cwnd = w + Math.min(acked, smss);
    } else {
      cwnd = w + Math.max(1, (long) smss * smss / w);
    }
    return false;
  }

  /**
   * A duplicate ACK (RFC 5681 §2) with {@code flight} octets outstanding up to {@code sndNxt} and {@code una} the
   * cumulative ACK. Returns whether the oldest unacknowledged segment is to be resent now (the third, when no
   * recovery of data sent after {@code una} has begun).
   */
  boolean duplicate(SeqNum una, SeqNum sndNxt, long flight, int smss) {
    long w = window(smss);
    if (recovering) {
      cwnd = w + smss;
      return false;
    }
    dupAcks++;
    SeqNum point = recover;
    if (dupAcks != DUP_ACK_THRESHOLD || point != null && !point.lt(una)) {
      return false;
    }
    ssthresh = Math.max(flight / 2, 2L * smss);
    cwnd = ssthresh + (long) DUP_ACK_THRESHOLD * smss;
    recover = sndNxt;
    recovering = true;
    return true;
  }

  /** Any other ACK: the run of duplicates is broken. */
  void notDuplicate() {
    dupAcks = 0;
  }

  /** The retransmission timer fired with {@code flight} octets outstanding up to {@code sndNxt}. */
  void timedOut(SeqNum sndNxt, long flight, int smss) {
    window(smss);
    ssthresh = Math.max(flight / 2, 2L * smss);
    cwnd = smss;
    dupAcks = 0;
    recovering = false;
    recover = sndNxt;
  }
}
