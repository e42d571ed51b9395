package dev.tcpv.conn;

/**
 * Behaviours the engine can take on that {@code spec/Tcp.tla} does not model: another stack's departures from RFC
 * 9293, and one RFC rule the spec abstracts away ({@link #SYN_TEXT}), so that the engine can play a stack in scripts
 * written for it ({@code tcpv script --profile}, docs/scripts.md) without a second engine. None is on by default
 * ({@link TcpConfig#defaults()}, the engine the spec is held to): a trace of the engine with one on is not a
 * behaviour of the spec where the policy acts. Each names the RFC text or the stack code it reproduces.
 */
public enum Policy {
  /**
   * When a FIN crosses ours (FIN-WAIT-1 to CLOSING, R-CLOSE-3), the acknowledgment of it carries our FIN again:
   * {@code <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=FIN,ACK>}, where RFC 9293 §3.10.7.4 (eighth check) sends {@code
   * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}. BSD's output routine does this: in FIN-WAIT-1, CLOSING and LAST-ACK the
   * state's output flags ({@code tcp_outflags}) include FIN, and a FIN already sent goes out again from SND.NXT - 1
   * ({@code tcp_output}: {@code snd_nxt--}). FreeBSD's challenge ACKs go through {@code tcp_respond} instead and
   * stay plain ACKs, as the engine's do.
   */
  FIN_AGAIN_WHEN_FINS_CROSS,

  /**
   * A segment with both SYN and FIN is dropped silently by a listener, a connection, or a TIME-WAIT entry (a
   * segment for no TCB is still answered as CLOSED answers it, R-OPEN-2). FreeBSD's {@code net.inet.tcp.drop_synfin}
   * (off by default; tcp_input.c for LISTEN and the other states, tcp_timewait.c for TIME-WAIT), against RFC 9293,
   * which processes such a segment by §3.10.7.2 to §3.10.7.4.
   */
  DROP_SYN_FIN,

  /**
   * TIME-WAIT answers segments as FreeBSD's {@code tcp_twcheck} (tcp_timewait.c) does instead of by §3.10.7.4: no
   * acceptability test; a RST dropped; a SYN without ACK above RCV.NXT reopening (when {@link
   * TcpConfig#timeWaitReopen} is on); any other segment without ACK dropped (where RFC 9293 first acknowledges an
   * unacceptable one, R-SEQ-4, and answers a SYN with a challenge ACK or a reset, R-RST-4); a FIN ending at RCV.NXT
   * restarting the 2 MSL timer; every segment but an exact duplicate ACK acknowledged with RCV.NXT unchanged (where
   * RFC 9293 takes a FIN at RCV.NXT, R-TW-1, and drops an acceptable segment without text or FIN silently).
   */
  FREEBSD_TIME_WAIT,

  /**
   * A SYN,ACK arriving in LISTEN is dropped without a reset, where RFC 9293 §3.10.7.2 (second check) answers every
   * ACK-bearing segment with {@code <SEQ=SEG.ACK><CTL=RST>} (R-OPEN-3). FreeBSD head (the FreeBSD suite's
   * rcv-syn-ack-listen scripts, which say so and pass there); a bare ACK is still answered with a reset.
   */
  LISTEN_DROPS_SYN_ACK,

  /**
   * Text on a SYN is taken as RFC 9293 §3.10.7.2 and §3.10.7.3 say: a SYN,ACK's at once on entering ESTABLISHED
   * from SYN-SENT; a SYN's (in LISTEN, SYN-SENT or a TIME-WAIT reopen) queued and taken when ESTABLISHED is
   * reached, its SYN,ACK acknowledging only the SYN. A FIN on a SYN is not queued (the peer sends it again). The
   * spec abstracts SYN text away (spec/README.md: a SYN carries none, and RCV.NXT = SEG.SEQ + 1 leaves any
   * unacknowledged for the peer to send again, which is what the engine does without this policy).
   */
  SYN_TEXT
}
