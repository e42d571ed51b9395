package dev.tcpv.conn;

import java.util.Locale;

/**
 * The steps the engine takes, one constant per action of a host's TCB in {@code spec/Tcp.tla} (the disjuncts of
 * {@code UserCall}, {@code Output}, {@code Arrival} and {@code Timeout}), plus the one step the spec does not model
 * ({@link #USER_TIMEOUT}). Each is implemented by the method of {@link Connection} named {@link #methodName()};
 * trace events carry the constant, trace files its {@link #specName()}.
 */
public enum Action {
  /** OPEN, active (R-OPEN-1). */
  ACTIVE_OPEN,
  /** OPEN, passive (R-OPEN-3). */
  PASSIVE_OPEN,
  /** SEND (S-4). */
  SEND,
  /** RECEIVE (R-WND-2). */
  RECEIVE,
  /** CLOSE (R-CLOSE-1). */
  CLOSE,
  /** ABORT (R-RST-3). */
  ABORT,
  /** Queued text goes out (S-4). */
  SEND_DATA,
  /** The queued FIN goes out (R-CLOSE-1). */
  SEND_FIN,
  /** A segment for a 4-tuple without TCB (R-OPEN-2). */
  SEGMENT_ARRIVES_CLOSED,
  /** A segment in LISTEN (R-OPEN-3). */
  SEGMENT_ARRIVES_LISTEN,
  /** A segment in SYN-SENT (R-OPEN-4 to R-OPEN-6). */
  SEGMENT_ARRIVES_SYN_SENT,
  /** A SYN without ACK in SYN-SENT (R-OPEN-6). */
  SIMULTANEOUS_OPEN,
  /** A SYN above RCV.NXT reopens TIME-WAIT (R-TW-3). */
  TIME_WAIT_REOPEN,
  /** The peer's FIN again in TIME-WAIT (R-TW-1). */
  TIME_WAIT_FIN_RETRANSMITTED,
  /** The SYN,ACK that completes a simultaneous open (R-OPEN-6). */
  SIMULTANEOUS_OPEN_SYN_ACK,
  /** The first check of §3.10.7.4 fails (R-SEQ-3, R-SEQ-4). */
  REJECT_UNACCEPTABLE,
  /** The second check: the RST bit (R-RST-1, R-RST-2). */
  RECEIVE_RST,
  /** The fourth check: the SYN bit (R-RST-4). */
  RECEIVE_SYN,
  /** An acceptable segment without SYN, RST or FIN, processed (R-SEQ-2, S-4). */
  RECEIVE_SEGMENT,
  /** An acceptable segment with FIN, processed (R-CLOSE-2). */
  RECEIVE_FIN,
  /** FIN-WAIT-1 takes the peer's FIN before the ACK of its own (R-CLOSE-3). */
  SIMULTANEOUS_CLOSE,
  /** The retransmission timer fires (R-TO-1). */
  RETRANSMIT_TIMEOUT,
  /** The persist timer fires against a closed window (R-WND-1). */
  WINDOW_PROBE,
  /** The oldest unacknowledged text resent before the retransmission timer fires (R-CC-1). */
  FAST_RETRANSMIT,
  /** The delayed-ACK timer fires: the acknowledgment that waited goes out (R-ACK-1). */
  DELAYED_ACK,
  /** R2 is reached (R-TO-2, R-OPEN-10). */
  GIVE_UP,
  /** 2 MSL have passed in TIME-WAIT (R-TW-4). */
  TIME_WAIT_TIMEOUT,
  /** The keep-alive timer fires with probes left (R-KA-2). */
  KEEP_ALIVE_PROBE,
  /** The last keep-alive probe went unanswered (R-KA-3). */
  KEEP_ALIVE_GIVE_UP,
  /** The USER TIMEOUT of §3.10.8 (R-TO-2): an engine step the spec does not model (its R2 is {@link #GIVE_UP}). */
  USER_TIMEOUT;

  /** Built once: every trace event asks for them. */
  private final String specName;
  private final String methodName;

  Action() {
    StringBuilder b = new StringBuilder();
    for (String word : name().split("_")) {
      b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    specName = b.toString();
    methodName = Character.toLowerCase(specName.charAt(0)) + specName.substring(1);
  }

  /** The spec's name of the action, e.g. {@code SegmentArrivesSynSent}, as trace files write it. */
  public String specName() {
    return specName;
  }

  /** The name of the {@link Connection} method that implements it, e.g. {@code segmentArrivesSynSent}. */
  public String methodName() {
    return methodName;
  }

  /** Whether {@code spec/Tcp.tla} has the action (all but {@link #USER_TIMEOUT}). */
  public boolean inSpec() {
    return this != USER_TIMEOUT;
  }

  /** The method name, as engine traces printed it before the enumeration. */
  @Override
  public String toString() {
    return methodName();
  }
}
