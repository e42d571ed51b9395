package dev.tcpv.tracefile;

import java.util.List;

/**
 * The first line of a trace: which hosts it observes, and the constants of the spec the run conforms to.
 *
 * @param observed the hosts whose steps the trace holds: both ({@code A}, {@code B}) for a simulated run, one for
 *     a trace of one endpoint (then the peer and the network are hidden)
 * @param seqMod the sequence space the trace's numbers live in (the validator's {@code SeqMod})
 * @param msl MSL in microseconds: no segment is in flight longer
 * @param tickMicros the length of one tick of the spec, in microseconds: the resolution at which the validator
 *     checks the trace's times (a delay of at least or at most a bound is checked to within one tick; exactly
 *     when every time of the trace is a multiple of the tick)
 * @param isn {@code clock}: ISS values follow the spec's ISN clock with {@link #isnRate} and the offsets; {@code
 *     observed}: they are taken as observed; {@code keyed}: each host's follow a keyed 4 µs clock (R-ISN-1, RFC
 *     6528), ISS = F + ⌊t / 4 µs⌋ with F its own constant, which the validator reads from the host's first ISS
 * @param isnRate the ISN clock's increments per tick
 * @param isnOffsetA the ISN offset F of host A
 * @param isnOffsetB the ISN offset F of host B
 * @param rcvWnd the window each endpoint offers
 * @param mss the most octets of text one segment carries (the spec's {@code MaxSegLen})
 * @param sendMax the most octets one SEND call queues
 * @param reads whether the users take text with RECEIVE calls (the spec's {@code Reads}: windows close as text
 *     arrives and open as the user reads), or take it as it arrives (the window stays {@code rcvWnd})
 * @param timers how long the stack's timers may run
 * @param rfc5961 policy R-RST-1, R-RST-4, R-SEQ-6
 * @param rfc1337 policy R-TW-2
 * @param twReopen policy R-TW-3
 * @param inject the most segments an off-path attacker forges in the run (the spec's {@code InjectBudget}): each a
 *     near miss of the spec's {@code ForgedSegments}, taken by an arrival without having been in flight; 0 when
 *     the network alone carries segments
 * @param seed the simulator's seed, or -1
 * @param scenario what the run did, for people
 * @param policies the named policies of {@link #POLICIES} the stack follows where it departs from RFC 9293 in
 *     form (docs/findings.md); empty for a stack that does as the RFC writes
 */
public record TraceHeader(
    List<String> observed,
    long seqMod,
    long msl,
    long tickMicros,
    String isn,
    long isnRate,
    long isnOffsetA,
    long isnOffsetB,
    int rcvWnd,
    int mss,
    int sendMax,
    boolean reads,
    Timers timers,
    boolean rfc5961,
    boolean rfc1337,
    boolean twReopen,
    int inject,
    long seed,
    String scenario,
    List<String> policies) {

  /** The format's name in the header's {@code format} field. */
  public static final String FORMAT = "tcpv-trace/2";

  /**
   * The policies a header may name, behaviours the spec leaves off unless named: {@code abortRstAck}, ABORT's
   * reset carries the ACK of RCV.NXT (the spec's {@code AbortRstAck}; Linux, docs/findings.md F1); {@code
   * bareSynRetransmit}, a host in SYN-RECEIVED after a simultaneous open may resend its bare SYN (the spec's {@code
   * BareSynRetransmit}; Linux, F2); {@code fastRetransmit}, a host may resend its oldest unacknowledged text before
   * its retransmission timer fires (the spec's {@code FastRetransmits}; RFC 5681 §3.2, which RFC 9293's MUST-19
   * makes part of TCP: no departure); {@code finKeepsEdge}, a host that takes a FIN may keep its right edge where it
   * was, offering one octet less (the spec's {@code FinKeepsEdge}; Linux's TIME-WAIT, docs/findings.md F8); {@code
   * emptyAtRightEdge}, a segment without text whose SEQ is the right edge of the receiver's window is acceptable
   * (the spec's {@code EmptyAtRightEdge}; Linux, docs/findings.md F9); {@code holdsFin}, a FIN that arrives beyond
   * a gap is held and taken once the text before it has arrived, where the spec drops it (the spec's {@code
   * HoldsFin}; Linux, docs/findings.md F11); {@code swsReceiver}, a host whose user
   * reads avoids the receiver's silly window syndrome (MUST-39): a RECEIVE opens its window by nothing until the
   * free buffer beyond the right edge reaches min(RCV.BUFF / 2, MSS), then by all of it (the spec's
   * {@code ReadOpenings}; without the policy a RECEIVE opens it by what it takes); {@code
   * noLocalTimeWait}, a connection between two local addresses has no
   * TIME-WAIT: its TCB is deleted as TIME-WAIT is entered (FreeBSD's net.inet.tcp.nolocaltimewait, docs/findings.md
   * F3). Addresses are known in captures only: there a connection whose ends share one address or are both
   * loopback addresses gets a TIME-WAIT of 0; an ndjson trace carries no address, and the policy changes nothing.
   */
  public static final List<String> POLICIES = List.of("abortRstAck", "bareSynRetransmit", "emptyAtRightEdge",
      "fastRetransmit", "finKeepsEdge", "holdsFin", "noLocalTimeWait", "swsReceiver");

  /**
   * Copies the lists; every policy must be one of {@link #POLICIES}, followed by both hosts, or one of them prefixed
   * with its host ({@code B:abortRstAck}), followed by that host only (docs/findings.md F5).
   */
  public TraceHeader {
    observed = List.copyOf(observed);
    policies = List.copyOf(policies);
    for (String p : policies) {
      if (!known(p)) {
        throw new IllegalArgumentException("unknown policy " + p + " (" + KNOWN + ")");
      }
    }
  }

  /** What {@link #known} accepts, for a message that refuses a policy. */
  public static final String KNOWN = "policies: " + String.join(", ", POLICIES) + ", each alone or after A: or B:";

  /** Whether {@code p} is a policy of {@link #POLICIES}, alone or after a host ({@code A:} or {@code B:}). */
  public static boolean known(String p) {
    return POLICIES.contains(p.startsWith("A:") || p.startsWith("B:") ? p.substring(2) : p);
  }

  /** Whether {@code host} ({@code A} or {@code B}) follows policy {@code name}, one of {@link #POLICIES}. */
  public boolean follows(String host, String name) {
    return policies.contains(name) || policies.contains(host + ":" + name);
  }

  /** A header of a stack that follows no named policy. */
  public TraceHeader(List<String> observed, long seqMod, long msl, long tickMicros, String isn, long isnRate,
      long isnOffsetA, long isnOffsetB, int rcvWnd, int mss, int sendMax, boolean reads, Timers timers,
      boolean rfc5961, boolean rfc1337, boolean twReopen, int inject, long seed, String scenario) {
    this(observed, seqMod, msl, tickMicros, isn, isnRate, isnOffsetA, isnOffsetB, rcvWnd, mss, sendMax, reads, timers,
        rfc5961, rfc1337, twReopen, inject, seed, scenario, List.of());
  }

  /** A header of a run without an attacker. */
  public TraceHeader(List<String> observed, long seqMod, long msl, long tickMicros, String isn, long isnRate,
      long isnOffsetA, long isnOffsetB, int rcvWnd, int mss, int sendMax, boolean reads, Timers timers,
      boolean rfc5961, boolean rfc1337, boolean twReopen, long seed, String scenario) {
    this(observed, seqMod, msl, tickMicros, isn, isnRate, isnOffsetA, isnOffsetB, rcvWnd, mss, sendMax, reads, timers,
        rfc5961, rfc1337, twReopen, 0, seed, scenario);
  }

  /** This header with other timers. */
  public TraceHeader withTimers(Timers t) {
    return new TraceHeader(observed, seqMod, msl, tickMicros, isn, isnRate, isnOffsetA, isnOffsetB, rcvWnd, mss,
        sendMax, reads, t, rfc5961, rfc1337, twReopen, inject, seed, scenario, policies);
  }

  /** This header with other policies (each one of {@link #POLICIES}). */
  public TraceHeader withPolicies(List<String> p) {
    return new TraceHeader(observed, seqMod, msl, tickMicros, isn, isnRate, isnOffsetA, isnOffsetB, rcvWnd, mss,
        sendMax, reads, timers, rfc5961, rfc1337, twReopen, inject, seed, scenario, p);
  }

  /** This header observing only {@code host}. */
  public TraceHeader observing(String host) {
    return new TraceHeader(List.of(host), seqMod, msl, tickMicros, isn, isnRate, isnOffsetA, isnOffsetB, rcvWnd,
        mss, sendMax, reads, timers, rfc5961, rfc1337, twReopen, inject, seed, scenario, policies);
  }

  /**
   * This header without what names its run (seed -1, no scenario): two traces whose configurations are equal are
   * checked against the same model, which the validator then loads into TLC once for both.
   */
  public TraceHeader configuration() {
    return new TraceHeader(observed, seqMod, msl, tickMicros, isn, isnRate, isnOffsetA, isnOffsetB, rcvWnd, mss,
        sendMax, reads, timers, rfc5961, rfc1337, twReopen, inject, -1, "", policies);
  }

  /** Whether both hosts are observed. */
  public boolean fullyObserved() {
    return observed.contains("A") && observed.contains("B");
  }
}
