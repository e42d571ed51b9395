package dev.tcpv.wire;

/**
 * One control bit of the TCP header (RFC 9293 §3.1, rule S-9), declared from the least significant bit of the
 * flags octet upwards, so that sets print in the RFC's order ({@code SYN,ACK}, {@code RST,ACK}, {@code FIN,ACK}).
 */
public enum Flag {
  /** No more data from sender. */
  FIN(0x01),
  /** Synchronize sequence numbers. */
  SYN(0x02),
  /** Reset the connection. */
  RST(0x04),
  /** Push function (RFC 9293 §3.9.1.2). */
  PSH(0x08),
  /** Acknowledgment field is significant. */
  ACK(0x10),
  /** Urgent pointer field is significant. */
  URG(0x20),
  /** ECN-Echo (RFC 3168 §6.1). */
  ECE(0x40),
  /** Congestion Window Reduced (RFC 3168 §6.1). */
  CWR(0x80);

  private final int mask;

  Flag(int mask) {
    this.mask = mask;
  }

  /** This bit's mask within the flags octet (octet 13 of the header). */
  public int mask() {
    return mask;
  }
}
