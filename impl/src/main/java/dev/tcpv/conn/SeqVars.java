package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;

/**
 * The sequence variables of a TCB once the peer's SYN is known (RFC 9293 §3.3.1): what SYN-RECEIVED and the
 * synchronized states hold. RCV.WND is not here: the receive buffer computes it.
 *
 * @param iss initial send sequence number
 * @param irs initial receive sequence number
 * @param sndUna oldest unacknowledged sequence number (SND.UNA)
 * @param sndNxt next sequence number to be sent (SND.NXT)
 * @param sndWnd send window (SND.WND), as the peer last offered it
 * @param sndWl1 segment sequence number used for the last window update (SND.WL1)
 * @param sndWl2 segment acknowledgment number used for the last window update (SND.WL2)
 * @param maxSndWnd the largest window the peer has offered (MAX.SND.WND, RFC 5961 §5.2; R-SEQ-6)
 * @param rcvNxt next sequence number expected (RCV.NXT)
 */
public record SeqVars(
    SeqNum iss,
    SeqNum irs,
    SeqNum sndUna,
    SeqNum sndNxt,
    long sndWnd,
    SeqNum sndWl1,
    SeqNum sndWl2,
    long maxSndWnd,
    SeqNum rcvNxt) {

  /** The variables right after the peer's SYN was taken: SND.UNA = ISS, SND.NXT = ISS + 1, RCV.NXT = IRS + 1. */
  static SeqVars afterSyn(SeqNum iss, SeqNum sndUna, SeqNum sndNxt, SeqNum irs, long window) {
    return new SeqVars(iss, irs, sndUna, sndNxt, window, irs, sndUna, window, irs.plus(1));
  }

  SeqVars withSndUna(SeqNum v) {
    return new SeqVars(iss, irs, v, sndNxt, sndWnd, sndWl1, sndWl2, maxSndWnd, rcvNxt);
  }

  SeqVars withSndNxt(SeqNum v) {
    return new SeqVars(iss, irs, sndUna, v, sndWnd, sndWl1, sndWl2, maxSndWnd, rcvNxt);
  }

  SeqVars withRcvNxt(SeqNum v) {
    return new SeqVars(iss, irs, sndUna, sndNxt, sndWnd, sndWl1, sndWl2, maxSndWnd, v);
  }

  /** The window update of §3.10.7.4 (fifth check): SND.WND, SND.WL1, SND.WL2 and MAX.SND.WND. */
  SeqVars withWindow(long wnd, SeqNum wl1, SeqNum wl2) {
    return new SeqVars(iss, irs, sndUna, sndNxt, wnd, wl1, wl2, Math.max(maxSndWnd, wnd), rcvNxt);
  }
}
