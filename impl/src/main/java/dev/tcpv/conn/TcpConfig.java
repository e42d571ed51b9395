package dev.tcpv.conn;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The policies and parameters of one connection, immutable; change one with a {@code with…} method. The
 * defaults ({@link #defaults()}) are those of {@code spec/rules.md}.
 *
 * @param rfc5961 R-RST-1, R-RST-4, R-SEQ-6: RFC 5961 blind-attack mitigations (default on)
 * @param challengeAckLimit R-RST-5: challenge ACKs sent per second by this connection, at most (default 10)
 * @param rfc1337 R-TW-2: a RST in TIME-WAIT is ignored (default on)
 * @param timeWaitReopen R-TW-3: a SYN above RCV.NXT reopens the 4-tuple from TIME-WAIT (default on)
 * @param mslMicros maximum segment lifetime; TIME-WAIT lasts twice this (R-TW-1, default 2 minutes)
 * @param keepAlive R-KA-1: keep-alive on (default off, MUST-25)
 * @param keepAliveIdleMicros R-KA-2: idle time before the first probe (default 2 hours, MUST-28)
 * @param keepAliveIntervalMicros R-KA-2: time between unanswered probes (default 75 s)
 * @param keepAliveProbes R-KA-3: unanswered probes before the peer is declared dead (default 10)
 * @param r1Retransmissions R1 (MUST-20): retransmissions of one segment before the network is suspected
 *     (default 3); informational, the engine reports nothing to IP
 * @param r2Micros R2 (MUST-20): how long one segment is retransmitted before the connection is closed
 *     (default 100 s)
 * @param r2SynMicros R2 for a SYN or SYN,ACK, at least 3 minutes (MUST-23; default 3 minutes)
 * @param userTimeoutMicros R-TO-2: how long sent data may stay unacknowledged (default 5 minutes)
 * @param initialRtoMicros R-TO-1: the RTO before any RTT sample (RFC 6298 §2.1: 1 s)
 * @param minRtoMicros R-TO-1: the RTO's floor (RFC 6298 §2.4: 1 s)
 * @param maxRtoMicros R-TO-1: the RTO's ceiling (RFC 6298 §2.5: at least 60 s)
 * @param receiveWindow the receive buffer, and so RCV.WND, in octets (at most {@value #MAX_RECEIVE_WINDOW}); the
 *     window field carries at most 65535 of it, as the engine has no window scaling (RFC 7323)
 * @param mss the MSS announced on our SYN (§3.7.1)
 * @param userReads whether the user takes received text with RECEIVE calls (§3.10.3): in-order text waits in the
 *     receive buffer until read, so RCV.WND closes as text arrives and opens as the user reads (R-WND-2, spec
 *     {@code Reads}); otherwise (the default) text goes to the user as it arrives and RCV.WND stays the whole
 *     buffer
 * @param deferOutput whether queued text and a queued FIN wait for {@link Connection#output} calls, one segment
 *     each (the spec's {@code SendData} and {@code SendFin} as steps of their own), instead of going out within
 *     the call that let them out (SEND, CLOSE, an arriving ACK: the default); an I/O loop that paces its output,
 *     or the conformance driver, sets it
 * @param policies behaviours the spec does not model, another stack's or an RFC rule it abstracts ({@link Policy};
 *     default none)
 * @param delayedAckMicros R-ACK-1 (SHLD-18): how long an acknowledgment of in-order text may wait for a segment
 *     to ride on, below 0.5 s (MUST-40); an ACK for at least every second segment of text goes at once (SHLD-19).
 *     0, the default, acknowledges at once, as the spec's models do (their {@code DelayedAcks} is off)
 * @param congestionControl R-CC-1 (MUST-19): RFC 5681 congestion control with RFC 6582 fast recovery ({@code
 *     CongestionControl}): at most min(SND.WND, cwnd) in flight, and the oldest unacknowledged text resent on the
 *     third duplicate ACK or a partial ACK (spec action {@code FastRetransmit}, policy {@code fastRetransmit} of a
 *     trace's header). On in {@link #defaults()}, the engine as it ships; off in the configurations built from
 *     the spec's constants, whose models send the whole window at once and resend only on a timeout
 * @param swsAvoidance R-WND-2: silly-window avoidance on both sides. The sender's (MUST-38, §3.8.6.2.1): text
 *     waits while the peer's usable window takes neither a full segment, nor all that is queued, nor half the
 *     largest window the peer has offered, for at most {@link #SWS_OVERRIDE_MICROS} ({@code Timer.SWS_OVERRIDE}).
 *     The receiver's (MUST-39, §3.8.6.2.2): a RECEIVE leaves the right edge of the window where it is until the
 *     free buffer beyond it reaches min(buffer / 2, MSS). On in {@link #defaults()}; off in the configurations
 *     built from the spec's constants, whose models send any part of the window and open it by what is read
 */
public record TcpConfig(
    boolean rfc5961,
    int challengeAckLimit,
    boolean rfc1337,
    boolean timeWaitReopen,
    long mslMicros,
    boolean keepAlive,
    long keepAliveIdleMicros,
    long keepAliveIntervalMicros,
    int keepAliveProbes,
    int r1Retransmissions,
    long r2Micros,
    long r2SynMicros,
    long userTimeoutMicros,
    long initialRtoMicros,
    long minRtoMicros,
    long maxRtoMicros,
    int receiveWindow,
    int mss,
    boolean userReads,
    boolean deferOutput,
    Set<Policy> policies,
    long delayedAckMicros,
    boolean congestionControl,
    boolean swsAvoidance) {

  /** One second in microseconds. */
  public static final long SECOND = 1_000_000L;

  /**
   * The largest receive window: 2^30 octets, the bound RFC 7323 §2.3 sets so that sequence comparisons over a
   * window stay sound (RFC 9293 §3.4 needs windows well below 2^31).
   */
  public static final int MAX_RECEIVE_WINDOW = 1 << 30;

  /**
   * The SWS override timeout of §3.8.6.2.1 (condition 4: "a fixed value in the range 0.1 to 1 second"): text the
   * sender's silly-window avoidance held back goes out at the latest this long after it was first held.
   */
  public static final long SWS_OVERRIDE_MICROS = 200_000;

  /** The default send MSS when the peer announces none (MUST-15, §3.7.1). */
  public static final int DEFAULT_SEND_MSS = 536;

  /** Validates the values. */
  public TcpConfig {
    positive("challengeAckLimit", challengeAckLimit);
    positive("mslMicros", mslMicros);
    positive("keepAliveIdleMicros", keepAliveIdleMicros);
    positive("keepAliveIntervalMicros", keepAliveIntervalMicros);
    positive("keepAliveProbes", keepAliveProbes);
    positive("r1Retransmissions", r1Retransmissions);
    positive("r2Micros", r2Micros);
    positive("userTimeoutMicros", userTimeoutMicros);
    positive("initialRtoMicros", initialRtoMicros);
    positive("minRtoMicros", minRtoMicros);
    if (r2SynMicros < 180 * SECOND) {
      throw new IllegalArgumentException("MUST-23: R2 for a SYN must allow at least 3 minutes: " + r2SynMicros);
    }
    if (maxRtoMicros < minRtoMicros) {
      throw new IllegalArgumentException("maxRtoMicros below minRtoMicros");
    }
    if (receiveWindow < 0 || receiveWindow > MAX_RECEIVE_WINDOW) {
      throw new IllegalArgumentException("receiveWindow not in [0, " + MAX_RECEIVE_WINDOW + "]: " + receiveWindow);
    }
    if (mss < 1 || mss > 0xFFFF) {
      throw new IllegalArgumentException("mss not in [1, 65535]: " + mss);
    }
    policies = policies.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(policies));
    if (delayedAckMicros < 0 || delayedAckMicros >= SECOND / 2) {
      throw new IllegalArgumentException("MUST-40: a delayed ACK must be sent within 0.5 s: " + delayedAckMicros);
    }
  }

  /**
   * A configuration with none of the {@link Policy} behaviours, no delayed ACKs, no congestion control and no
   * silly-window avoidance.
   */
  public TcpConfig(boolean rfc5961, int challengeAckLimit, boolean rfc1337, boolean timeWaitReopen, long mslMicros,
      boolean keepAlive, long keepAliveIdleMicros, long keepAliveIntervalMicros, int keepAliveProbes,
      int r1Retransmissions, long r2Micros, long r2SynMicros, long userTimeoutMicros, long initialRtoMicros,
      long minRtoMicros, long maxRtoMicros, int receiveWindow, int mss, boolean userReads, boolean deferOutput) {
    this(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive, keepAliveIdleMicros,
        keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros, userTimeoutMicros,
        initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput, Set.of(), 0, false, false);
  }

  /** A configuration whose output goes out within the call that lets it out ({@code deferOutput} off). */
  public TcpConfig(boolean rfc5961, int challengeAckLimit, boolean rfc1337, boolean timeWaitReopen, long mslMicros,
      boolean keepAlive, long keepAliveIdleMicros, long keepAliveIntervalMicros, int keepAliveProbes,
      int r1Retransmissions, long r2Micros, long r2SynMicros, long userTimeoutMicros, long initialRtoMicros,
      long minRtoMicros, long maxRtoMicros, int receiveWindow, int mss, boolean userReads) {
    this(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive, keepAliveIdleMicros,
        keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros, userTimeoutMicros,
        initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, false);
  }

  /**
   * The defaults of {@code spec/rules.md}: the engine as it ships, congestion control (R-CC-1) and the sender's
   * silly-window avoidance (R-WND-2) on.
   */
  public static TcpConfig defaults() {
    return new TcpConfig(
        true, 10, true, true, 120 * SECOND, false, 7200 * SECOND, 75 * SECOND, 10, 3, 100 * SECOND,
        180 * SECOND, 300 * SECOND, SECOND, SECOND, 60 * SECOND, 65535, 1460, false, false)
        .withCongestionControl(true)
        .withSwsAvoidance(true);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /** With R-RST-1, R-RST-4, R-SEQ-6 (RFC 5961) on or off. */
  public TcpConfig withRfc5961(boolean v) {
    return new TcpConfig(v, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With another challenge ACK limit (R-RST-5). */
  public TcpConfig withChallengeAckLimit(int v) {
    return new TcpConfig(rfc5961, v, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With R-TW-2 (RFC 1337) on or off. */
  public TcpConfig withRfc1337(boolean v) {
    return new TcpConfig(rfc5961, challengeAckLimit, v, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With R-TW-3 (TIME-WAIT reopen) on or off. */
  public TcpConfig withTimeWaitReopen(boolean v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, v, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With another MSL (R-TW-1). */
  public TcpConfig withMslMicros(long v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, v, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With keep-alive on or off (R-KA-1, MUST-24). */
  public TcpConfig withKeepAlive(boolean v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, v,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With other keep-alive timing (R-KA-2, MUST-27): idle time, probe interval, probe count. */
  public TcpConfig withKeepAliveTiming(long idleMicros, long intervalMicros, int probes) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        idleMicros, intervalMicros, probes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With other R1/R2 thresholds (MUST-20, MUST-21). */
  public TcpConfig withRetransmissionLimits(int r1, long r2, long r2Syn) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1, r2, r2Syn,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With another user timeout (R-TO-2). */
  public TcpConfig withUserTimeoutMicros(long v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        v, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With another receive window (octets of receive buffer). */
  public TcpConfig withReceiveWindow(int v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, v, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With another announced MSS. */
  public TcpConfig withMss(int v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, v, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With RECEIVE calls (text waits in the buffer until the user reads it) or without (R-WND-2). */
  public TcpConfig withUserReads(boolean v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, v, deferOutput,
        policies, delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** Whether {@code p} is on. */
  public boolean has(Policy p) {
    return policies.contains(p);
  }

  /** With {@code p} on or off. */
  public TcpConfig withPolicy(Policy p, boolean on) {
    EnumSet<Policy> v = EnumSet.noneOf(Policy.class);
    v.addAll(policies);
    if (on) {
      v.add(p);
    } else {
      v.remove(p);
    }
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput, v,
        delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With delayed ACKs of up to {@code v} microseconds (SHLD-18; 0 turns them off). */
  public TcpConfig withDelayedAckMicros(long v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, v, congestionControl, swsAvoidance);
  }

  /** With output deferred to {@link Connection#output} calls, or not. */
  public TcpConfig withDeferOutput(boolean v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, v, policies,
        delayedAckMicros, congestionControl, swsAvoidance);
  }

  /** With RFC 5681 congestion control on or off (R-CC-1). */
  public TcpConfig withCongestionControl(boolean v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, v, swsAvoidance);
  }

  /** With the sender's silly-window avoidance on or off (R-WND-2, MUST-38). */
  public TcpConfig withSwsAvoidance(boolean v) {
    return new TcpConfig(rfc5961, challengeAckLimit, rfc1337, timeWaitReopen, mslMicros, keepAlive,
        keepAliveIdleMicros, keepAliveIntervalMicros, keepAliveProbes, r1Retransmissions, r2Micros, r2SynMicros,
        userTimeoutMicros, initialRtoMicros, minRtoMicros, maxRtoMicros, receiveWindow, mss, userReads, deferOutput,
        policies, delayedAckMicros, congestionControl, v);
  }
}
