package dev.tcpv.conn;

/**
 * Deliberately wrong behaviours of the engine, one per rule family, for showing that trace validation catches
 * them. Package-private, like the {@link Connection} constructor that takes them: no code outside this package
 * can select one, and the package's own main code never does; only tests that live in this package do.
 */
enum Fault {
  /** R-TW-1: TIME-WAIT lasts one MSL instead of two. */
  SHORT_TIME_WAIT,
  /** R-SEQ-3, R-RST-1: a RST is taken without the acceptability test. */
  RST_OUTSIDE_WINDOW,
  /** R-SEQ-2: SEG.ACK = SND.UNA counts as acknowledging something (=< instead of <). */
  ACK_OFF_BY_ONE,
  /** R-ISN-1: every incarnation reuses the first ISS. */
  CONSTANT_ISN,
  /** R-CLOSE-1: the FIN sent does not consume a sequence number. */
  FIN_NO_SEQUENCE_NUMBER,
  /** R-OPEN-6, MUST-10: a SYN in SYN-SENT is dropped instead of leading to SYN-RECEIVED. */
  NO_SIMULTANEOUS_OPEN,
  /** R-KA-3: keep-alive gives up after one unanswered probe. */
  KEEPALIVE_ONE_PROBE,
  /** R-TW-1: a retransmitted FIN in TIME-WAIT is acknowledged but the 2 MSL timer does not restart. */
  TIME_WAIT_FIN_NO_RESTART,
  /**
   * R-WND-2: RCV.WND stays the whole buffer while text waits unread: the receiver offers space it no longer has
   * (visible only when the user reads with RECEIVE calls).
   */
  WINDOW_IGNORES_UNREAD,
  /** R-OPEN-8: SYN-RECEIVED takes an ACK above SND.NXT as acceptable (only SND.UNA < SEG.ACK is tested). */
  SYN_RECEIVED_ACK_ABOVE_SND_NXT,
  /** R-RST-4: a SYN in the window of a synchronized state is dropped without the challenge ACK of RFC 5961 §4. */
  NO_SYN_CHALLENGE_ACK,
  /** R-TW-3: TIME-WAIT is reopened by a SYN at exactly the old RCV.NXT (=< instead of <). */
  TIME_WAIT_REOPEN_AT_RCV_NXT,
  /** R-SEQ-3: the acceptability test admits a segment that starts one octet past the window (=< RCV.NXT+RCV.WND). */
  ACCEPT_ONE_PAST_WINDOW,
  /** R-KA-2: a keep-alive probe carries SEQ = SND.NXT, an octet the peer accepts silently, not SND.NXT − 1. */
  KEEPALIVE_PROBE_AT_SND_NXT,
  /** R-CLOSE-1, S-3: a retransmission timeout in LAST-ACK restarts the timer but never resends the FIN. */
  LAST_ACK_NO_FIN_RETRANSMIT
}
