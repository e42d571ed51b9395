package dev.tcpv.conn;

/** The timers of one connection (RFC 9293 §3.8, §3.10.8). The caller runs them; the engine says when. */
public enum Timer {
  /** Resends the oldest unacknowledged segment, with RFC 6298 backoff, until R2 (R-TO-1, R-OPEN-10). */
  RETRANSMISSION,
  /** Ends TIME-WAIT after 2 × MSL and deletes the TCB (R-TW-1, R-TW-4). */
  TIME_WAIT,
  /** Sends a keep-alive probe after an idle interval, or declares the peer dead (R-KA-2, R-KA-3). */
  KEEPALIVE,
  /** Aborts the connection when sent data stays unacknowledged for the user timeout (R-TO-2). */
  USER_TIMEOUT,
  /**
   * R-ACK-1, spec action {@code DelayedAck}: sends the acknowledgment of in-order text that waited for a segment to
   * ride on (SHLD-18, MUST-40); runs only with delayed ACKs configured ({@link TcpConfig#delayedAckMicros}).
   */
  DELAYED_ACK,
  /**
   * R-WND-2 (MUST-38): sends the text the sender's silly-window avoidance held back, as the usable window allows
   * (§3.8.6.2.1, the override timeout); runs only with {@link TcpConfig#swsAvoidance}.
   */
  SWS_OVERRIDE
}
