package dev.tcpv.conn;

/**
 * The rules of {@code spec/rules.md}, one constant per ID: what the engine tags each step with (the {@code rules}
 * of a {@link dev.tcpv.trace.TraceEvent}). A constant's name is its ID with underscores ({@code R_OPEN_1} is
 * {@code R-OPEN-1}), so that a misspelt tag does not compile. {@code RuleTest} keeps the constants and the file's
 * IDs equal.
 */
public enum Rule {
  /** The three-way handshake; SYN and FIN take one sequence number each. */
  S_1,
  /** Why the handshake has three ways: an old duplicate SYN. */
  S_2,
  /** Lost handshake segments are retransmitted. */
  S_3,
  /** Data: octet sequence numbers, cumulative ACKs, out-of-order text held. */
  S_4,
  /** The ISN: clock-driven, different per incarnation. */
  S_5,
  /** The four-way teardown and the half-closed connection between. */
  S_6,
  /** TIME-WAIT lasts 2 × MSL, and why. */
  S_7,
  /** Keep-alive probes and when a peer is declared dead. */
  S_8,
  /** The header format. */
  S_9,
  /** Sequence arithmetic modulo 2^32. */
  R_SEQ_1,
  /** When an ACK is acceptable. */
  R_SEQ_2,
  /** The four cases of segment acceptability. */
  R_SEQ_3,
  /** An unacceptable segment is answered with an ACK and dropped. */
  R_SEQ_4,
  /** A RST is processed even with a zero receive window. */
  R_SEQ_5,
  /** RFC 5961 ACK validation (policy). */
  R_SEQ_6,
  /** Active OPEN. */
  R_OPEN_1,
  /** CLOSED, no TCB: what answers a segment. */
  R_OPEN_2,
  /** LISTEN. */
  R_OPEN_3,
  /** SYN-SENT: an unacceptable ACK. */
  R_OPEN_4,
  /** SYN-SENT: a RST. */
  R_OPEN_5,
  /** SYN-SENT: a SYN, with an acceptable ACK or (simultaneous open) without ACK. */
  R_OPEN_6,
  /** SYN-RECEIVED remembers a passive or an active origin; where a valid RST leads. */
  R_OPEN_7,
  /** SYN-RECEIVED: the ACK of our SYN. */
  R_OPEN_8,
  /** Recovery from an old duplicate SYN; two passive sockets. */
  R_OPEN_9,
  /** SYN and SYN,ACK retransmission with backoff, R1 and R2. */
  R_OPEN_10,
  /** RST acceptability in synchronized states, RFC 5961 (policy). */
  R_RST_1,
  /** A valid RST by state. */
  R_RST_2,
  /** ABORT. */
  R_RST_3,
  /** A SYN in a synchronized state, RFC 5961 (policy). */
  R_RST_4,
  /** Challenge ACKs are rate-limited per connection (policy). */
  R_RST_5,
  /** CLOSE by state. */
  R_CLOSE_1,
  /** A FIN received, by state. */
  R_CLOSE_2,
  /** Simultaneous close. */
  R_CLOSE_3,
  /** Half-close; CLOSE with text unread or arriving. */
  R_CLOSE_4,
  /** TIME-WAIT lasts 2 × MSL; a retransmitted FIN is acknowledged and restarts it. */
  R_TW_1,
  /** A RST in TIME-WAIT, RFC 1337 (policy). */
  R_TW_2,
  /** A new SYN reopens the 4-tuple from TIME-WAIT (policy). */
  R_TW_3,
  /** The TIME-WAIT timeout deletes the TCB. */
  R_TW_4,
  /** The keyed ISN generator. */
  R_ISN_1,
  /** Quiet time after a restart. */
  R_ISN_2,
  /** Keep-alive is optional, per connection, off by default. */
  R_KA_1,
  /** When keep-alive probes are sent. */
  R_KA_2,
  /** One unanswered probe never kills a connection. */
  R_KA_3,
  /** The keep-alive probe's format. */
  R_KA_4,
  /** Zero-window probing; SND.WND updates. */
  R_WND_1,
  /** Silly-window-syndrome avoidance. */
  R_WND_2,
  /** Delayed ACKs. */
  R_ACK_1,
  /** Congestion control. */
  R_CC_1,
  /** The retransmission timeout. */
  R_TO_1,
  /** The user timeout. */
  R_TO_2,
  /** Data offset and options. */
  R_FMT_1,
  /** The checksum. */
  R_FMT_2,
  /** Malformed input is a typed decode error. */
  R_FMT_3;

  private final String id = name().replace('_', '-');

  /** The ID as {@code spec/rules.md} writes it, e.g. {@code R-OPEN-1}. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
