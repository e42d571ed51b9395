package dev.tcpv.conn;

import dev.tcpv.conn.TcpState.CloseWait;
import dev.tcpv.conn.TcpState.CloseWaitNext;
import dev.tcpv.conn.TcpState.Closed;
import dev.tcpv.conn.TcpState.ClosedNext;
import dev.tcpv.conn.TcpState.Closing;
import dev.tcpv.conn.TcpState.ClosingNext;
import dev.tcpv.conn.TcpState.Established;
import dev.tcpv.conn.TcpState.EstablishedNext;
import dev.tcpv.conn.TcpState.FinWait1;
import dev.tcpv.conn.TcpState.FinWait1Next;
import dev.tcpv.conn.TcpState.FinWait2;
import dev.tcpv.conn.TcpState.FinWait2Next;
import dev.tcpv.conn.TcpState.LastAck;
import dev.tcpv.conn.TcpState.LastAckNext;
import dev.tcpv.conn.TcpState.Listen;
import dev.tcpv.conn.TcpState.ListenNext;
import dev.tcpv.conn.TcpState.SynReceived;
import dev.tcpv.conn.TcpState.SynReceivedNext;
import dev.tcpv.conn.TcpState.SynSent;
import dev.tcpv.conn.TcpState.SynSentNext;
import dev.tcpv.conn.TcpState.TimeWait;
import dev.tcpv.conn.TcpState.TimeWaitNext;
import dev.tcpv.conn.TcpState.WithVars;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.trace.TraceEvent;
import dev.tcpv.trace.TraceSink;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Flags;
import dev.tcpv.wire.Segment;
import dev.tcpv.wire.TcpOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connection (one TCB) of RFC 9293, sans-I/O. Read RFC 9293 §3.10 (event processing), RFC 6298
 * (retransmission timer), RFC 5961 (blind in-window attacks), RFC 1337 (TIME-WAIT assassination) and
 * {@code spec/Tcp.tla}, whose action names the methods here carry.
 *
 * <p>Deterministic: no clock reads, no threads, no sockets, no randomness (the ISS comes from the {@link
 * IsnGenerator} passed in). Every input is a call with the caller's current time {@code now} in microseconds:
 * the user calls {@link #activeOpen}, {@link #passiveOpen}, {@link #send}, {@link #close}, {@link #abort}, an
 * arriving segment {@link #handleSegment}, and a timer that reached its deadline {@link #handleTimeout}. Every
 * call returns a {@link ConnResult}: the segments to send, the timers to set or cancel, the events for the user.
 * The caller sends the segments in order, applies the timer commands, and calls {@link #handleTimeout} when a
 * timer's deadline comes (a late or stale call is harmless: the engine checks its own deadlines).
 *
 * <p>Each action a TCB takes in the spec is one method here of the same name in lower camel case, and one
 * constant of {@link Action}; SEGMENT ARRIVES is dispatched in the RFC's order by {@link #segmentArrives}. Every
 * step, whether it changes the state or leaves it as it is, passes {@link #enter}, which emits a {@link TraceEvent}
 * to the optional {@link TraceSink}, tagged with the {@link Rule}s the step implements. The transition table is
 * {@link TcpState}'s: a step to a state other than CLOSED is typed by its source state's {@code …Next} interface;
 * steps that stay ({@link #stay}) and steps to CLOSED ({@link #toClosed}), which every state permits, are not.
 * Options set on an open connection ({@link #setOptions}) change its policies, not its state.
 *
 * <p>Not thread-safe; one connection is driven by one caller.
 */
public final class Connection {

  private static final Closed CLOSED = new Closed();
  private static final Listen LISTEN = new Listen();

  /** The policies; only the socket options of {@link #setOptions} change after the connection opens. */
  private TcpConfig config;
  private final IsnGenerator isnGenerator;
  private final @Nullable TraceSink sink;
  private final Set<Fault> faults;
  /** The first ISS drawn (for {@link Fault#CONSTANT_ISN}). */
  private @Nullable SeqNum firstIss;
  private final int localPort;
  private final int configuredRemotePort;
  private int remotePort;

  private TcpState state = CLOSED;
  private final SendBuffer sendBuffer = new SendBuffer();
  private final ReceiveBuffer receiveBuffer = new ReceiveBuffer();
  /**
   * R-WND-2 (MUST-39): free buffer beyond the right edge of the window we offer, held back by the receiver's
   * silly-window avoidance until it is worth offering ({@link #receive}); 0 without {@link TcpConfig#swsAvoidance}.
   * The spec's {@code HeldBack}.
   */
  private int withheld;
  private RttEstimator rtt;
  /** R-CC-1: cwnd, ssthresh and the duplicate ACK count, with {@link TcpConfig#congestionControl}. */
  private final CongestionControl congestion = new CongestionControl();
  private int peerMss = TcpConfig.DEFAULT_SEND_MSS;

  private final EnumMap<Timer, Long> timers = new EnumMap<>(Timer.class);
  /** When the oldest unacknowledged segment was first sent, for R2; −1 when nothing is outstanding. */
  private long rtxSince = -1;
  private int retransmissions;
  /** The end of the segment being timed for an RTT sample (Karn's rule: never a retransmitted one). */
  private @Nullable SeqNum timedEnd;
  private long timedAt;
  private long challengeWindowStart = Long.MIN_VALUE;
  private int challengeAcks;

  // What the current call produced.
  private final List<Segment> out = new ArrayList<>();
  private final List<UserEvent> events = new ArrayList<>();
  private final EnumMap<Timer, Long> timersBefore = new EnumMap<>(Timer.class);
  private boolean aborted;
  private boolean ackNeeded;
  /** The SWS override timeout fired: the text held back goes out with the next segment the window allows. */
  private boolean swsOverride;
  /** The ACK field of the segment being handled calls for {@link #fastRetransmit} once its step is taken. */
  private boolean resendHole;
  /** The segment being handled brought text that went to the user or the buffer in order, leaving nothing held. */
  private boolean inOrderText;
  /**
   * Policy {@link Policy#SYN_TEXT}: the text of the SYN that led to SYN-RECEIVED, as a segment starting at IRS + 1,
   * taken when ESTABLISHED is reached (§3.10.7.2, §3.10.7.3); null when there is none.
   */
  private @Nullable Segment synText;
  private long now;
  /** The segment the current call received, until the step that took it has been traced; or null. */
  private @Nullable Segment received;
  /** How many of {@link #out} earlier steps of the current call sent. */
  private int outMark;
  /** The octets the current SEND call queued or RECEIVE call took, until its step is traced. */
  private int callOctets;
  /**
   * The rules of the fifth to eighth checks of §3.10.7.4 the current arrival went through (the ACK field, the
   * window, the text), until its step is traced ({@link #processed}).
   */
  private final List<Rule> checked = new ArrayList<>();
  /** In a TIME-WAIT {@link #restoreTimeWait restored} from an endpoint's table, whose ISS, IRS and SND.WND are lost. */
  private boolean restored;

  /**
   * A connection in CLOSED.
   *
   * @param config the policies
   * @param isnGenerator where ISS values come from (R-ISN-1)
   * @param localPort our port
   * @param remotePort the peer's port; 0 leaves it unspecified, for a LISTEN that takes any peer
   * @param sink where trace events go, or null for none (then no event object is built)
   */
  public Connection(
      TcpConfig config, IsnGenerator isnGenerator, int localPort, int remotePort, @Nullable TraceSink sink) {
    this(config, isnGenerator, localPort, remotePort, sink, EnumSet.noneOf(Fault.class));
  }

  /** A connection in CLOSED with deliberately wrong behaviours, for tests of the validators only. */
  Connection(TcpConfig config, IsnGenerator isnGenerator, int localPort, int remotePort, @Nullable TraceSink sink,
      Set<Fault> faults) {
    this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
    this.config = config;
    this.isnGenerator = isnGenerator;
    this.localPort = localPort;
    this.configuredRemotePort = remotePort;
    this.remotePort = remotePort;
    this.sink = sink;
    this.rtt = newRtt(config);
  }

  /**
   * Restores this connection, new and still in CLOSED, into TIME-WAIT from the few numbers an endpoint keeps once
   * the full TCB is gone (R-TW-1): everything sent is acknowledged (SND.UNA = SND.NXT, our FIN included), RCV.NXT
   * is past the peer's FIN, and the 2 MSL timer ends at {@code deadline}. The peer's largest window is not kept;
   * {@code maxSndWnd} stands in for it (RFC 5961 ACK check, R-TW-3 reopen ISS). Restoring is not a transition and
   * makes no trace event; the steps taken from here are traced as any other, each line of this TIME-WAIT carrying
   * only the variables kept (SND.UNA, SND.NXT, RCV.NXT), since ISS, IRS and SND.WND are not.
   *
   * @param sndNxt SND.NXT of the closed incarnation
   * @param rcvNxt RCV.NXT of the closed incarnation
   * @param maxSndWnd the window to assume the peer offered
   * @param deadline when the 2 MSL timer fires
   * @return this connection
   * @throws IllegalStateException if the connection is not in CLOSED, has drawn an ISS or runs a timer
   */
  public Connection restoreTimeWait(SeqNum sndNxt, SeqNum rcvNxt, long maxSndWnd, long deadline) {
    if (!(state instanceof Closed) || firstIss != null || !timers.isEmpty()) {
      throw new IllegalStateException("only a new connection in CLOSED can be restored into TIME-WAIT");
    }
    state = new TimeWait(new SeqVars(sndNxt, rcvNxt, sndNxt, sndNxt, maxSndWnd, rcvNxt, sndNxt, maxSndWnd, rcvNxt));
    restored = true;
    // Every octet of text was sent and acknowledged; our FIN occupies SND.NXT − 1 (see finSent).
    sendBuffer.reset(sndNxt.plus(-1));
    timers.put(Timer.TIME_WAIT, deadline);
    return this;
  }

  private static RttEstimator newRtt(TcpConfig config) {
    return new RttEstimator(config.initialRtoMicros(), config.minRtoMicros(), config.maxRtoMicros());
  }

  /** The current state. */
  public TcpState state() {
    return state;
  }

  /** The configuration. */
  public TcpConfig config() {
    return config;
  }

  /** The deadline of {@code timer}, or null when it is not running. */
  public @Nullable Long deadline(Timer timer) {
    return timers.get(timer);
  }

  /** The congestion window (R-CC-1), in octets; meaningful with {@link TcpConfig#congestionControl}. */
  public long cwnd() {
    return congestion.window(peerMss);
  }

  /** The slow start threshold (R-CC-1), in octets; {@link Long#MAX_VALUE} before the first loss. */
  public long ssthresh() {
    return congestion.ssthresh();
  }

  /** The current retransmission timeout (R-TO-1), in microseconds. */
  public long rto() {
    return rtt.rto();
  }

  /**
   * RCV.WND: the receive window we offer. Without {@link TcpConfig#userReads} in-order data is handed to the user
   * at once and the window is the whole buffer; with it, the buffer's space beside the text the user has not read
   * yet, so that the window's right edge stays put as text arrives and moves on as the user reads (R-WND-2, spec
   * {@code RcvBufferInv}). It may exceed 65535, the most the window field can say without window scaling (RFC
   * 7323, not implemented): the acceptability test (§3.10.7.4) and the trimming of text to the window use RCV.WND
   * itself, the window field {@link #advertisedWindow()} (§3.8.6: the receiver may accept more than it
   * advertises).
   */
  public int rcvWnd() {
    int unread = receiveBuffer.unread();
    if (fault(Fault.WINDOW_IGNORES_UNREAD)) {
      unread = 0;
    }
    return config.receiveWindow() - unread - withheld;
  }

  /** The MSS the peer announced on its SYN, the most we put in a segment: 536 when it announced none (MUST-15). */
  public int peerMss() {
    return peerMss;
  }

  /** Octets delivered in order and not yet taken by a RECEIVE call (spec TCB field {@code unread}). */
  public int unread() {
    return receiveBuffer.unread();
  }

  /** The window field of our segments: RCV.WND, capped at 65535 (no window scaling). */
  public int advertisedWindow() {
    return Math.min(rcvWnd(), 0xFFFF);
  }

  // ------------------------------------------------------------------------------------------------------------
  // The one place where the state changes.

  /** A step: the state it leads to, the spec action it mirrors and the rules it implements. */
  private record Step<N extends TcpState>(N next, Action action, List<Rule> rules) {}

  /**
   * A step to {@code next}, typed by where it is used: a method returning {@code Step<XNext>} for its source state
   * X, or a call with the witness {@code Connection.<XNext>to} in the {@code case X} of a switch on the state, so
   * that a {@code next} the diagram does not allow from X fails to compile ({@code TypedStepsTest} keeps every
   * call so).
   */
  private static <N extends TcpState> Step<N> to(N next, Action action, Rule... rules) {
    return new Step<>(next, action, List.of(rules));
  }

  /**
   * A step that stays in the current state, which every state may: {@code same} is the current state, or its
   * record with other sequence variables ({@link WithVars#withVars}).
   *
   * @throws IllegalStateException if {@code same} is another state (a bug in this class)
   */
  private Step<TcpState> stay(TcpState same, Action action, Rule... rules) {
    if (same.getClass() != state.getClass()) {
      throw new IllegalStateException(action + " would leave " + state.rfcName() + " for " + same.rfcName());
    }
    return new Step<>(same, action, List.of(rules));
  }

  /** A step to CLOSED (the TCB deleted), which every state permits. */
  private static Step<Closed> toClosed(Action action, Rule... rules) {
    return new Step<>(CLOSED, action, List.of(rules));
  }

  /**
   * A step through the fifth to eighth checks of §3.10.7.4 (the spec's {@code Process}): {@code rules}, then the
   * rules of the checks the segment went through ({@link #checked}: the ACK field, the window, the text).
   */
  private <N extends TcpState> Step<N> processed(N next, Action action, List<Rule> rules) {
    List<Rule> all = new ArrayList<>(rules);
    for (Rule r : checked) {
      if (!all.contains(r)) {
        all.add(r);
      }
    }
    return new Step<>(next, action, all);
  }

  /**
   * Enters {@code step.next()}: the only place {@link #state} changes. Deleting the TCB (CLOSED) clears every
   * queue and timer and tells the user whether the close was graceful (MUST-12). Emits the trace event.
   */
  private void enter(Step<?> step) {
    TcpState before = state;
    TcpState next = step.next();
    state = next;
    if (next instanceof Closed && !(before instanceof Closed)) {
      deleteTcb();
      events.add(new UserEvent.Closed(!aborted));
    } else if (next instanceof Listen && !(before instanceof Listen)) {
      deleteTcb();
    }
    if (next instanceof TimeWait && !(before instanceof TimeWait)) {
      timers.put(Timer.TIME_WAIT, now + timeWaitMicros());
    }
    restored = restored && next instanceof TimeWait;
    TraceSink s = sink;
    if (s != null) {
      s.event(
          new TraceEvent(
              now,
              step.action(),
              step.rules(),
              before.rfcName(),
              next.rfcName(),
              restored ? kept(next.variables()) : next.variables(),
              received,
              out.subList(outMark, out.size()),
              callOctets));
    }
    outMark = out.size();
    received = null;
    callOctets = 0;
    checked.clear();
  }

  /**
   * Whether the deliberately wrong behaviour {@code f} is selected (tests of the validators only; see {@link
   * Fault}). Each call stands on its own line beside the rule it breaks, never inside the rule's condition.
   */
  private boolean fault(Fault f) {
    return faults.contains(f);
  }

  /** The variables of {@code all} that a {@link #restoreTimeWait restored} TIME-WAIT knows. */
  private static Map<String, Long> kept(Map<String, Long> all) {
    Map<String, Long> m = new LinkedHashMap<>(all);
    m.keySet().retainAll(List.of("SND.UNA", "SND.NXT", "RCV.NXT"));
    return m;
  }

  /** R-TW-1: TIME-WAIT lasts 2 x MSL. */
  private long timeWaitMicros() {
    long length = 2 * config.mslMicros();
    if (fault(Fault.SHORT_TIME_WAIT)) {
      length = config.mslMicros();
    }
    return length;
  }

  /** Draws an ISS (R-ISN-1). */
  private SeqNum drawIss() {
    SeqNum iss = isnGenerator.iss(now);
    SeqNum first = firstIss;
    if (first == null) {
      firstIss = iss;
    }
    if (first != null && fault(Fault.CONSTANT_ISN)) {
      iss = first;
    }
    return iss;
  }

  private void deleteTcb() {
    synText = null;
    timers.clear();
    sendBuffer.reset(new SeqNum(0));
    receiveBuffer.reset();
    withheld = 0;
    rtxSince = -1;
    retransmissions = 0;
    timedEnd = null;
    swsOverride = false;
    peerMss = TcpConfig.DEFAULT_SEND_MSS;
    remotePort = configuredRemotePort;
    rtt = newRtt(config);
    congestion.reset();
  }

  private void begin(long nowMicros) {
    now = nowMicros;
    out.clear();
    events.clear();
    timersBefore.clear();
    for (Timer t : Timer.values()) {
      Long d = timers.get(t);
      if (d != null) {
        timersBefore.put(t, d);
      }
    }
    aborted = false;
    ackNeeded = false;
    resendHole = false;
    inOrderText = false;
    received = null;
    outMark = 0;
    checked.clear();
  }

  private ConnResult finish(@Nullable CallError error) {
    if (error == null) {
      updateTimers();
    }
    for (Segment sent : out) {
      if (sent.flags().contains(Flag.ACK)) {
        // A waiting acknowledgment rides on any segment that goes out (SHLD-18).
        timers.remove(Timer.DELAYED_ACK);
      }
    }
    List<TimerCommand> commands = new ArrayList<>();
    for (Timer t : Timer.values()) {
      Long before = timersBefore.get(t);
      Long after = timers.get(t);
      if (after == null) {
        if (before != null) {
          commands.add(new TimerCommand.Cancel(t));
        }
      } else if (!after.equals(before)) {
        commands.add(new TimerCommand.Set(t, after));
      }
    }
    return new ConnResult(error, out, commands, events, state);
  }

  private ConnResult refuse(CallError error) {
    return finish(error);
  }

  // ------------------------------------------------------------------------------------------------------------
  // USER CALLS (§3.10.1 – §3.10.6).

  /**
   * OPEN, active (R-OPEN-1, spec action {@code ActiveOpen}): sends {@code <SEQ=ISS><CTL=SYN>}, SND.UNA = ISS,
   * SND.NXT = ISS + 1, SYN-SENT. Errors: "connection already exists"; "foreign socket unspecified".
   */
  public ConnResult activeOpen(long nowMicros) {
    begin(nowMicros);
    if (remotePort == 0) {
      return refuse(CallError.FOREIGN_SOCKET_UNSPECIFIED);
    }
    if (!(state instanceof Closed c)) {
      return refuse(CallError.CONNECTION_ALREADY_EXISTS);
    }
    SeqNum iss = drawIss();
    sendBuffer.reset(iss.plus(1));
    out.add(syn(iss, null));
    startTiming(iss.plus(1));
    enter(Connection.<ClosedNext>to(new SynSent(iss, iss, iss.plus(1)), Action.ACTIVE_OPEN, Rule.R_OPEN_1));
    return finish(null);
  }

  /**
   * OPEN, passive (R-OPEN-3, spec action {@code PassiveOpen}, §3.10.1): LISTEN. Error: "connection already
   * exists".
   */
  public ConnResult passiveOpen(long nowMicros) {
    begin(nowMicros);
    if (!(state instanceof Closed c)) {
      return refuse(CallError.CONNECTION_ALREADY_EXISTS);
    }
    enter(Connection.<ClosedNext>to(LISTEN, Action.PASSIVE_OPEN, Rule.R_OPEN_3));
    return finish(null);
  }

  /**
   * SEND (spec action {@code Send}, §3.10.2): queues the data; it goes out in ESTABLISHED and CLOSE-WAIT as the
   * peer's window allows (S-4, R-CLOSE-4). Errors: "connection does not exist" (CLOSED), "foreign socket
   * unspecified" (LISTEN), "connection closing" (after CLOSE).
   */
  public ConnResult send(byte[] data, long nowMicros) {
    begin(nowMicros);
    CallError error =
        switch (state) {
          case Closed c -> CallError.CONNECTION_DOES_NOT_EXIST;
          case Listen l -> CallError.FOREIGN_SOCKET_UNSPECIFIED;
          case SynSent s -> null;
          case SynReceived s -> null;
          case Established s -> null;
          case CloseWait s -> null;
          case FinWait1 s -> CallError.CONNECTION_CLOSING;
          case FinWait2 s -> CallError.CONNECTION_CLOSING;
          case Closing s -> CallError.CONNECTION_CLOSING;
          case LastAck s -> CallError.CONNECTION_CLOSING;
          case TimeWait s -> CallError.CONNECTION_CLOSING;
        };
    if (error != null) {
      return refuse(error);
    }
    sendBuffer.write(data);
    callOctets = data.length;
    enter(stay(state, Action.SEND, Rule.S_4));
    transmitUnlessDeferred();
    return finish(null);
  }

  /**
   * RECEIVE (spec action {@code Receive}, §3.10.3, R-WND-2): with {@link TcpConfig#userReads}, hands the user up
   * to {@code max} of the octets waiting in the receive buffer ({@link UserEvent.DataDelivered}); the space they
   * free opens the window. With {@link TcpConfig#swsAvoidance} the receiver avoids the silly window syndrome
   * (R-WND-2, MUST-39, §3.8.6.2.2): the right edge stays where it is until the free buffer beyond it reaches
   * min(buffer / 2, MSS), and then moves over all of it (the spec's {@code ReadOpenings}: by nothing or by all);
   * without, the window opens by what the user took. A window update goes out when the window was closed or
   * opens by at least min(buffer / 2, MSS) (R-WND-1; when to update is the receiver's policy, and the spec allows
   * both); a RECEIVE without one moves the right edge only, or nothing. With
   * nothing waiting it does nothing (without user reads nothing ever waits). Errors: "connection does not
   * exist" (CLOSED).
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public ConnResult receive(int max, long nowMicros) {
    if (max <= 0) {
      throw new IllegalArgumentException("RECEIVE of " + max + " octets");
    }
    begin(nowMicros);
    if (state instanceof Closed) {
      return refuse(CallError.CONNECTION_DOES_NOT_EXIST);
    }
    int before = rcvWnd();
    byte[] data = receiveBuffer.read(max);
    if (data.length == 0) {
      return finish(null);
    }
    events.add(new UserEvent.DataDelivered(data));
    callOctets = data.length;
    int worthOffering = Math.min(config.receiveWindow() / 2, config.mss());
    if (config.swsAvoidance()) {
      // R-WND-2 (MUST-39, §3.8.6.2.2): the right edge stays until the free buffer beyond it reaches
      // min(RCV.BUFF / 2, MSS); then all of it is offered.
      withheld += data.length;
      if (withheld >= worthOffering) {
        withheld = 0;
      }
    }
    boolean takesText = state instanceof Established || state instanceof FinWait1 || state instanceof FinWait2;
    int opening = rcvWnd() - before;
    if (takesText
        && state instanceof WithVars w
        && opening > 0 && (before == 0 || opening >= worthOffering)) {
      out.add(ackOf(w.vars()));
      enter(stay(state, Action.RECEIVE, Rule.R_WND_2, Rule.R_WND_1));
    } else {
      enter(stay(state, Action.RECEIVE, Rule.R_WND_2));
    }
    return finish(null);
  }

  /**
   * CLOSE (R-CLOSE-1, spec action {@code Close}): ESTABLISHED and SYN-RECEIVED → FIN-WAIT-1, CLOSE-WAIT →
   * LAST-ACK, the FIN following the queued data; LISTEN and SYN-SENT → CLOSED, nothing sent. Errors: "connection
   * does not exist" (CLOSED), "connection closing" (already closing).
   */
  public ConnResult close(long nowMicros) {
    begin(nowMicros);
    Step<?> step =
        switch (state) {
          case Closed c -> null;
          case Listen l -> Connection.<ListenNext>to(CLOSED, Action.CLOSE, Rule.R_CLOSE_1);
          case SynSent s -> Connection.<SynSentNext>to(CLOSED, Action.CLOSE, Rule.R_CLOSE_1);
          case SynReceived s ->
              Connection.<SynReceivedNext>to(new FinWait1(finIfAllSent(s.vars())), Action.CLOSE, Rule.R_CLOSE_1);
          case Established s ->
              Connection.<EstablishedNext>to(new FinWait1(finIfAllSent(s.vars())), Action.CLOSE, Rule.R_CLOSE_1);
          case CloseWait s ->
              Connection.<CloseWaitNext>to(new LastAck(finIfAllSent(s.vars())), Action.CLOSE, Rule.R_CLOSE_1);
          case FinWait1 s -> null;
          case FinWait2 s -> null;
          case Closing s -> null;
          case LastAck s -> null;
          case TimeWait s -> null;
        };
    if (step == null) {
      return refuse(
          state instanceof Closed ? CallError.CONNECTION_DOES_NOT_EXIST : CallError.CONNECTION_CLOSING);
    }
    enter(step);
    transmitUnlessDeferred();
    return finish(null);
  }

  /**
   * CLOSE with nothing queued sends the FIN at once, in the same step (as the spec's {@code Close}); with data
   * queued, {@link #transmit} sends it after the data.
   */
  private SeqVars finIfAllSent(SeqVars v) {
    if (sendBuffer.endSeq().gt(v.sndNxt())) {
      return v;
    }
    return emitFin(v);
  }

  /**
   * ABORT (R-RST-3, spec action {@code Abort}): SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and
   * CLOSE-WAIT send {@code <SEQ=SND.NXT><CTL=RST>}; LISTEN, SYN-SENT, CLOSING, LAST-ACK and TIME-WAIT send
   * nothing; the TCB is deleted. Error: "connection does not exist" (CLOSED).
   */
  public ConnResult abort(long nowMicros) {
    begin(nowMicros);
    if (state instanceof Closed) {
      return refuse(CallError.CONNECTION_DOES_NOT_EXIST);
    }
    aborted = true;
    Rule rules = Rule.R_RST_3;
    Step<?> step =
        switch (state) {
          case Closed c -> Connection.<ClosedNext>to(c, Action.ABORT, rules);
          case Listen l -> Connection.<ListenNext>to(CLOSED, Action.ABORT, rules);
          case SynSent s -> Connection.<SynSentNext>to(CLOSED, Action.ABORT, rules);
          case SynReceived s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<SynReceivedNext>to(CLOSED, Action.ABORT, rules);
          }
          case Established s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<EstablishedNext>to(CLOSED, Action.ABORT, rules);
          }
          case FinWait1 s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<FinWait1Next>to(CLOSED, Action.ABORT, rules);
          }
          case FinWait2 s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<FinWait2Next>to(CLOSED, Action.ABORT, rules);
          }
          case CloseWait s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<CloseWaitNext>to(CLOSED, Action.ABORT, rules);
          }
          case Closing s -> Connection.<ClosingNext>to(CLOSED, Action.ABORT, rules);
          case LastAck s -> Connection.<LastAckNext>to(CLOSED, Action.ABORT, rules);
          case TimeWait s -> Connection.<TimeWaitNext>to(CLOSED, Action.ABORT, rules);
        };
    enter(step);
    return finish(null);
  }

  /**
   * The receive buffer of an open connection grows to {@code octets} (SO_RCVBUF after the connection opened, or a
   * socket layer rounding its buffer to whole segments once the MSS is known, as FreeBSD's {@code tcp_mss} does):
   * RCV.WND grows by as much, its right edge moving right. Nothing is sent: the window field shows the change with
   * the next segment (and not at all while it already says 65535, the most it can without window scaling). A
   * smaller buffer is refused, since it would move the right edge left, which a receiver should not do (SHLD-14).
   * Not a step of the state machine (no trace event).
   *
   * @throws IllegalArgumentException if {@code octets} is below the current buffer or above {@link
   *     TcpConfig#MAX_RECEIVE_WINDOW}
   */
  public ConnResult growReceiveBuffer(int octets, long nowMicros) {
    if (octets < config.receiveWindow()) {
      throw new IllegalArgumentException("the receive buffer may only grow (SHLD-14): " + config.receiveWindow()
          + " to " + octets);
    }
    begin(nowMicros);
    config = config.withReceiveWindow(octets);
    return finish(null);
  }

  /**
   * Socket options set on an open connection (SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT,
   * TCP_USER_TIMEOUT): {@code options} replaces the configuration, from which it may differ only in keep-alive
   * (on or off, and its three settings: R-KA-1, R-KA-2, R-KA-3) and the user timeout (R-TO-2). The timers follow
   * at once, as FreeBSD and Linux apply these options: keep-alive turned on in ESTABLISHED or CLOSE-WAIT with
   * nothing outstanding starts its idle wait now, with new settings it starts the wait again, turned off it stops;
   * a running user timeout keeps its deadline. Not a step of the state machine (no trace event): an option changes
   * the policies, not the state.
   *
   * @throws IllegalArgumentException if {@code options} changes anything else
   */
  public ConnResult setOptions(TcpConfig options, long nowMicros) {
    TcpConfig same = options.withKeepAlive(config.keepAlive())
        .withKeepAliveTiming(config.keepAliveIdleMicros(), config.keepAliveIntervalMicros(), config.keepAliveProbes())
        .withUserTimeoutMicros(config.userTimeoutMicros());
    if (!same.equals(config)) {
      throw new IllegalArgumentException("only keep-alive and the user timeout change on an open connection");
    }
    begin(nowMicros);
    if (!options.withUserTimeoutMicros(config.userTimeoutMicros()).equals(config)) {
      // Keep-alive changed (nothing else but the user timeout may): its wait starts again from now.
      timers.remove(Timer.KEEPALIVE);
    }
    config = options;
    return finish(null);
  }

  // ------------------------------------------------------------------------------------------------------------
  // SEGMENT ARRIVES (§3.10.7).

  /**
   * A segment arrived for this connection (the caller has matched the 4-tuple and verified the checksum):
   * {@link #segmentArrives}, then the acknowledgment the step owes, the timers, and what the step lets out.
   */
  public ConnResult handleSegment(Segment seg, long nowMicros) {
    begin(nowMicros);
    received = seg;
    Step<?> step = segmentArrives(seg);
    // The acknowledgment of text or a FIN belongs to the step that took them (the spec's Process), before any
    // data the step lets out.
    if (ackNeeded && step.next() instanceof WithVars w) {
      if (delaysAck(step)) {
        timers.put(Timer.DELAYED_ACK, now + config.delayedAckMicros());
      } else {
        out.add(finAgain(step) ? finAgainOf(w.vars()) : ackOf(w.vars()));
      }
    }
    enter(step);
    if (state instanceof WithVars) {
      // The timers as the step leaves them, before what it lets out (the spec's Timers of Process, then
      // SendData's): a window the segment opened ends the persist timer, and text sent now starts a full one.
      updateTimers();
      if (resendHole && state instanceof WithVars w && sendsData(w) && textOutstanding(w.vars())) {
        enter(fastRetransmit(w));
      }
      transmitUnlessDeferred();
    }
    return finish(null);
  }

  /**
   * SEGMENT ARRIVES in the order of §3.10.7: CLOSED, LISTEN and SYN-SENT each have their own action; in
   * SYN-RECEIVED and the synchronized states the special cases come first (the spec's {@code Special}: {@link
   * #simultaneousOpenSynAck}, {@link #timeWaitReopen}, {@link #timeWaitFinRetransmitted}), then the checks of
   * §3.10.7.4 ({@link #otherStates}) with the state's own processing of the ACK, the text and the FIN. Each case
   * returns a step to the states its source state permits.
   */
  private Step<?> segmentArrives(Segment s) {
    return switch (state) {
      case Closed c -> segmentArrivesClosed(c, s);
      case Listen l -> segmentArrivesListen(l, s);
      case SynSent st -> startsSimultaneousOpen(s) ? simultaneousOpen(st, s) : segmentArrivesSynSent(st, s);
      case SynReceived st -> completesSimultaneousOpen(st, s)
          ? simultaneousOpenSynAck(st, s)
          : this.<SynReceivedNext>otherStates(st, st, st.passive() ? LISTEN : CLOSED, s, this::processSynReceived);
      case Established st -> this.<EstablishedNext>otherStates(st, st, CLOSED, s, this::processEstablished);
      case FinWait1 st -> this.<FinWait1Next>otherStates(st, st, CLOSED, s, this::processFinWait1);
      case FinWait2 st -> this.<FinWait2Next>otherStates(st, st, CLOSED, s, this::processFinWait2);
      case CloseWait st -> this.<CloseWaitNext>otherStates(st, st, CLOSED, s, this::processCloseWait);
      case Closing st -> this.<ClosingNext>otherStates(st, st, CLOSED, s, this::processClosing);
      case LastAck st -> this.<LastAckNext>otherStates(st, st, CLOSED, s, this::processLastAck);
      case TimeWait st -> {
        if (config.has(Policy.FREEBSD_TIME_WAIT)) {
          yield freeBsdTimeWait(st, s);
        }
        if (reopensTimeWait(st, s)) {
          yield timeWaitReopen(st, s);
        }
        if (retransmitsFin(st, s)) {
          yield timeWaitFinRetransmitted(st);
        }
        yield this.<TimeWaitNext>otherStates(st, st, CLOSED, s, this::processTimeWait);
      }
    };
  }

  /**
   * R-OPEN-2, spec action {@code SegmentArrivesClosed}: no TCB. A RST is dropped; anything else is answered
   * with {@code <SEQ=SEG.ACK><CTL=RST>} if it has ACK, else {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}.
   */
  private Step<ClosedNext> segmentArrivesClosed(Closed c, Segment s) {
    if (!s.flags().contains(Flag.RST)) {
      out.add(rstFor(s));
    }
    return to(c, Action.SEGMENT_ARRIVES_CLOSED, Rule.R_OPEN_2);
  }

  /**
   * R-OPEN-3, S-1, spec action {@code SegmentArrivesListen}: a RST is ignored; an ACK is answered with {@code
   * <SEQ=SEG.ACK><CTL=RST>}; a SYN draws an ISS, is answered with {@code <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>}
   * and leads to SYN-RECEIVED (passive); anything else is dropped. Text on the SYN is not taken: RCV.NXT =
   * SEG.SEQ + 1 leaves it unacknowledged, and the peer sends it again.
   */
  private Step<ListenNext> segmentArrivesListen(Listen l, Segment s) {
    Flags f = s.flags();
    if (f.contains(Flag.RST)) {
      return to(l, Action.SEGMENT_ARRIVES_LISTEN, Rule.R_OPEN_3);
    }
    if (f.contains(Flag.ACK)) {
      if (!(f.contains(Flag.SYN) && config.has(Policy.LISTEN_DROPS_SYN_ACK))) {
        out.add(rstFor(s));
      }
      return to(l, Action.SEGMENT_ARRIVES_LISTEN, Rule.R_OPEN_3);
    }
    if (!f.contains(Flag.SYN)) {
      return to(l, Action.SEGMENT_ARRIVES_LISTEN, Rule.R_OPEN_3);
    }
    SeqNum iss = drawIss();
    return to(synReceivedFrom(iss, s), Action.SEGMENT_ARRIVES_LISTEN, Rule.R_OPEN_3, Rule.S_1);
  }

  /** SYN-RECEIVED (passive) for the SYN {@code s} and our ISS; queues the SYN,ACK. */
  private SynReceived synReceivedFrom(SeqNum iss, Segment s) {
    if (configuredRemotePort == 0) {
      remotePort = s.sourcePort();
    }
    takePeerMss(s);
    sendBuffer.reset(iss.plus(1));
    SeqVars v = SeqVars.afterSyn(iss, iss, iss.plus(1), s.seq(), s.window());
    out.add(syn(iss, v.rcvNxt()));
    startTiming(iss.plus(1));
    queueSynText(s);
    return new SynReceived(true, v);
  }

  /**
   * The text of the SYN {@code s} as a segment of its own, starting at SEG.SEQ + 1: no SYN, no FIN (a FIN on a SYN
   * is dropped with it, and the peer sends it again).
   */
  private static Segment textOfSyn(Segment s) {
    return Segment.builder().sourcePort(s.sourcePort()).destinationPort(s.destinationPort()).seq(s.seq().plus(1))
        .flags(Flag.ACK).window(s.window()).payload(s.payload()).build();
  }

  /** Policy {@link Policy#SYN_TEXT}: keeps the text of the SYN {@code s}, if any, for ESTABLISHED. */
  private void queueSynText(Segment s) {
    synText = config.has(Policy.SYN_TEXT) && s.payloadLength() > 0 ? textOfSyn(s) : null;
  }

  /** Takes the queued text of the SYN ({@link #queueSynText}), on reaching ESTABLISHED. */
  private SeqVars takeSynText(SeqVars v) {
    Segment t = synText;
    synText = null;
    return t == null ? v : text(v, t);
  }

  /** Whether {@code s} is a SYN without ACK or RST (a new connection's first segment). */
  private static boolean plainSyn(Segment s) {
    Flags f = s.flags();
    return f.contains(Flag.SYN) && !f.contains(Flag.ACK) && !f.contains(Flag.RST);
  }

  /** Whether {@code s}, arriving in SYN-SENT, is the peer's SYN without ACK: {@link #simultaneousOpen}. */
  private boolean startsSimultaneousOpen(Segment s) {
    boolean plainSyn = plainSyn(s);
    if (fault(Fault.NO_SIMULTANEOUS_OPEN)) {
      plainSyn = false;
    }
    return plainSyn;
  }

  /**
   * SYN-SENT, spec action {@code SegmentArrivesSynSent}. R-OPEN-4: an ACK outside ISS < SEG.ACK =< SND.NXT is
   * answered with {@code <SEQ=SEG.ACK><CTL=RST>} unless it is a RST, state unchanged (Fig. 9). R-OPEN-5: a RST
   * with an acceptable ACK is "connection reset", CLOSED; without ACK it is dropped. R-OPEN-6, S-1: SYN with an
   * acceptable ACK → ESTABLISHED, {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}. (A SYN without ACK is the
   * simultaneous open, {@link #simultaneousOpen}.)
   */
  private Step<SynSentNext> segmentArrivesSynSent(SynSent st, Segment s) {
    Flags f = s.flags();
    boolean ack = f.contains(Flag.ACK);
    boolean rst = f.contains(Flag.RST);
    boolean syn = f.contains(Flag.SYN);
    boolean ackOk = ack && st.iss().lt(s.ack()) && s.ack().le(st.sndNxt());
    Action action = Action.SEGMENT_ARRIVES_SYN_SENT;
    if (ack && !ackOk) {
      if (!rst) {
        out.add(rstFor(s));
      }
      return to(st, action, Rule.R_OPEN_4);
    }
    if (rst) {
      if (ackOk) {
        events.add(new UserEvent.ConnectionReset());
        aborted = true;
        return to(CLOSED, action, Rule.R_OPEN_5);
      }
      return to(st, action, Rule.R_OPEN_5);
    }
    if (syn && ackOk) {
      takePeerMss(s);
      sendBuffer.acknowledge(s.ack());
      sampleRtt(s.ack());
      SeqVars v = SeqVars.afterSyn(st.iss(), s.ack(), st.sndNxt(), s.seq(), s.window());
      v = v.withWindow(s.window(), s.seq(), s.ack());
      stopRetransmission();
      events.add(new UserEvent.Established());
      ackNeeded = true;
      if (config.has(Policy.SYN_TEXT)) {
        v = text(v, textOfSyn(s));
      }
      return to(new Established(v), action, Rule.R_OPEN_6, Rule.S_1);
    }
    return to(st, action, Rule.R_OPEN_6);
  }

  /**
   * R-OPEN-6, MUST-10, spec action {@code SimultaneousOpen}: SYN-SENT receives a SYN without ACK: SYN-RECEIVED
   * (active origin), send {@code <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>} (Fig. 7).
   */
  private Step<SynSentNext> simultaneousOpen(SynSent st, Segment s) {
    takePeerMss(s);
    SeqVars v = SeqVars.afterSyn(st.iss(), st.sndUna(), st.sndNxt(), s.seq(), s.window());
    out.add(syn(st.iss(), v.rcvNxt()));
    timedEnd = null;
    queueSynText(s);
    return to(new SynReceived(false, v), Action.SIMULTANEOUS_OPEN, Rule.R_OPEN_6);
  }

  /**
   * Whether {@code s} is the SYN,ACK that completes a simultaneous open in SYN-RECEIVED (active origin): SEG.SEQ +
   * 1 = RCV.NXT and SEG.ACK = SND.NXT, neither RST nor FIN ({@link #simultaneousOpenSynAck}).
   */
  private static boolean completesSimultaneousOpen(SynReceived st, Segment s) {
    SeqVars v = st.vars();
    Flags f = s.flags();
    return !st.passive()
        && f.contains(Flag.SYN)
        && f.contains(Flag.ACK)
        && !f.contains(Flag.RST)
        && !f.contains(Flag.FIN)
        && s.seq().plus(1).equals(v.rcvNxt())
        && s.ack().equals(v.sndNxt());
  }

  /**
   * RFC 9293 Fig. 7 line 6 and Appendix A.2, spec action {@code SimultaneousOpenSynAck}: in SYN-RECEIVED reached
   * by simultaneous open, a SYN,ACK with SEG.SEQ + 1 = RCV.NXT and SEG.ACK = SND.NXT completes the handshake:
   * ESTABLISHED, no reply (R-OPEN-6, MUST-10).
   */
  private Step<SynReceivedNext> simultaneousOpenSynAck(SynReceived st, Segment s) {
    SeqVars v = st.vars();
    sendBuffer.acknowledge(s.ack());
    v = v.withSndUna(s.ack()).withWindow(s.window(), s.seq(), s.ack());
    stopRetransmission();
    events.add(new UserEvent.Established());
    return to(new Established(takeSynText(v)), Action.SIMULTANEOUS_OPEN_SYN_ACK, Rule.R_OPEN_6);
  }

  /** Whether {@code s} reopens TIME-WAIT (R-TW-3): a SYN without ACK or RST above RCV.NXT, when reopening is on. */
  private boolean reopensTimeWait(TimeWait st, Segment s) {
    boolean above = st.vars().rcvNxt().lt(s.seq());
    if (fault(Fault.TIME_WAIT_REOPEN_AT_RCV_NXT)) {
      above = st.vars().rcvNxt().le(s.seq());
    }
    return config.timeWaitReopen() && plainSyn(s) && above;
  }

  /**
   * R-TW-3 (MAY-2, RFC 1122 §4.2.2.13), spec action {@code TimeWaitReopen}: a SYN without ACK whose SEQ is above
   * RCV.NXT reopens the 4-tuple into SYN-RECEIVED (passive origin). The new ISS is above every sequence number
   * of the old incarnation: the generator's value if it is above the old SND.NXT, else SND.NXT + 1 plus a
   * window's worth (the largest window the old peer offered).
   */
  private Step<TimeWaitNext> timeWaitReopen(TimeWait st, Segment s) {
    SeqVars old = st.vars();
    SeqNum clock = drawIss();
    SeqNum iss = old.sndNxt().lt(clock) ? clock : old.sndNxt().plus(1 + old.maxSndWnd());
    timers.remove(Timer.TIME_WAIT);
    receiveBuffer.reset();
    withheld = 0;
    return to(synReceivedFrom(iss, s), Action.TIME_WAIT_REOPEN, Rule.R_TW_3);
  }

  /**
   * Whether {@code s} is a retransmission of the FIN that brought us to TIME-WAIT: FIN without SYN or RST, SEG.SEQ
   * + SEG.LEN + 1 = RCV.NXT ({@link #timeWaitFinRetransmitted}).
   */
  private static boolean retransmitsFin(TimeWait st, Segment s) {
    Flags f = s.flags();
    return f.contains(Flag.FIN)
        && !f.contains(Flag.SYN)
        && !f.contains(Flag.RST)
        && s.seq().plus(s.payloadLength() + 1L).equals(st.vars().rcvNxt());
  }

  /**
   * R-TW-1, spec action {@code TimeWaitFinRetransmitted}: a retransmission of the FIN that brought us to
   * TIME-WAIT is acknowledged and the 2 MSL timer restarts.
   */
  private Step<TimeWaitNext> timeWaitFinRetransmitted(TimeWait st) {
    out.add(ackOf(st.vars()));
    boolean restart = true;
    if (fault(Fault.TIME_WAIT_FIN_NO_RESTART)) {
      restart = false;
    }
    if (restart) {
      timers.put(Timer.TIME_WAIT, now + timeWaitMicros());
    }
    return to(st, Action.TIME_WAIT_FIN_RETRANSMITTED, Rule.R_TW_1);
  }

  /**
   * TIME-WAIT under {@link Policy#FREEBSD_TIME_WAIT}, in FreeBSD's order ({@code tcp_twcheck}) instead of
   * §3.10.7.4's: a RST is dropped (R-TW-2); a SYN without ACK above RCV.NXT reopens (R-TW-3, {@link
   * #timeWaitReopen}); a segment without ACK is dropped; a FIN that ends at RCV.NXT - 1 (a retransmission of the
   * peer's, {@link #retransmitsFin}) restarts the 2 MSL timer (R-TW-1); every segment other than an exact duplicate
   * ACK ({@code <SEQ=RCV.NXT><ACK=SND.NXT><CTL=ACK>}, no text) is answered with {@code
   * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}, whatever its sequence number: there is no acceptability test, and RCV.NXT
   * never moves.
   */
  private Step<TimeWaitNext> freeBsdTimeWait(TimeWait st, Segment s) {
    Flags f = s.flags();
    SeqVars v = st.vars();
    if (f.contains(Flag.RST)) {
      return to(st, Action.RECEIVE_RST, Rule.R_TW_2);
    }
    if (reopensTimeWait(st, s)) {
      return timeWaitReopen(st, s);
    }
    if (!f.contains(Flag.ACK)) {
      return to(st, Action.REJECT_UNACCEPTABLE);
    }
    boolean duplicateAck = f.equals(Flags.of(Flag.ACK)) && s.payloadLength() == 0 && s.seq().equals(v.rcvNxt())
        && s.ack().equals(v.sndNxt());
    if (!duplicateAck) {
      out.add(ackOf(v));
    }
    if (f.contains(Flag.FIN) && s.seq().plus(s.segLen()).equals(v.rcvNxt())) {
      timers.put(Timer.TIME_WAIT, now + timeWaitMicros());
      return to(st, Action.TIME_WAIT_FIN_RETRANSMITTED, Rule.R_TW_1);
    }
    return to(st, Action.RECEIVE_SEGMENT);
  }

  /**
   * What the fifth to eighth checks of §3.10.7.4 (the ACK field, the text, the FIN) make of an acceptable segment
   * in one state, given the variables after its ACK: the spec's {@code Process}, one method per state, each
   * returning the states its source state permits.
   */
  @FunctionalInterface
  private interface Process<N extends TcpState> {
    Outcome<N> apply(SeqVars afterAck, Segment s);
  }

  /** The state a segment's processing leads to and the rules of the transition (besides the checks'). */
  private record Outcome<N extends TcpState>(N next, List<Rule> rules) {}

  private static <N extends TcpState> Outcome<N> outcome(N next, Rule... rules) {
    return new Outcome<>(next, List.of(rules));
  }

  /**
   * §3.10.7.4 ("Otherwise") in SYN-RECEIVED and the synchronized states, in the RFC's order: first the sequence
   * number ({@link #rejectUnacceptable}), second the RST bit ({@link #receiveRst}), fourth the SYN bit ({@link
   * #receiveSyn}; the third, security, is not modelled), then the ACK field ({@link #ackField}) and the state's
   * {@code process} of the text and the FIN, named {@link #receiveSegment}, {@link #receiveFin} or {@link
   * #simultaneousClose} as the spec names them. {@code self} is the current state, {@code resetTarget} where a valid
   * RST (and, for a passive SYN-RECEIVED, a SYN) leads: LISTEN or CLOSED.
   */
  private <N extends TcpState> Step<N> otherStates(WithVars st, N self, N resetTarget, Segment s,
      Process<N> process) {
    SeqVars v = st.vars();
    Flags f = s.flags();
    boolean acceptable = acceptable(v, s);
    if (f.contains(Flag.RST) && fault(Fault.RST_OUTSIDE_WINDOW)) {
      acceptable = true;
    }
    if (!acceptable) {
      return rejectUnacceptable(v, self, s);
    }
    if (f.contains(Flag.RST)) {
      return receiveRst(st, self, resetTarget, s);
    }
    if (f.contains(Flag.SYN)) {
      return receiveSyn(st, self, resetTarget);
    }
    SeqVars afterAck = ackField(v, s, st instanceof SynReceived);
    Outcome<N> r = afterAck == null ? outcome(self) : process.apply(afterAck, s);
    if (!f.contains(Flag.FIN)) {
      return receiveSegment(r);
    }
    if (st instanceof FinWait1 && r.next() instanceof Closing) {
      return simultaneousClose(r);
    }
    return receiveFin(r);
  }

  /**
   * R-SEQ-3, R-SEQ-4, spec action {@code RejectUnacceptable}: an unacceptable segment is answered with {@code
   * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>} and dropped; an unacceptable RST is dropped silently.
   */
  private <N extends TcpState> Step<N> rejectUnacceptable(SeqVars v, N self, Segment s) {
    if (!s.flags().contains(Flag.RST)) {
      out.add(ackOf(v));
    }
    return to(self, Action.REJECT_UNACCEPTABLE, Rule.R_SEQ_3, Rule.R_SEQ_4);
  }

  /**
   * R-RST-1, R-RST-2, R-OPEN-7, R-TW-2, R-SEQ-5, spec action {@code ReceiveRst}: with RFC 1337, TIME-WAIT ignores
   * a RST; with RFC 5961 only SEQ = RCV.NXT resets and another in-window RST draws a challenge ACK; a reset in a
   * passive SYN-RECEIVED returns to LISTEN silently, in an active one it is "connection refused", in ESTABLISHED,
   * FIN-WAIT-1/2, CLOSE-WAIT "connection reset"; CLOSING, LAST-ACK, TIME-WAIT just close.
   */
  private <N extends TcpState> Step<N> receiveRst(WithVars st, N self, N resetTarget, Segment s) {
    SeqVars v = st.vars();
    if (st instanceof TimeWait && config.rfc1337()) {
      return to(self, Action.RECEIVE_RST, Rule.R_TW_2);
    }
    if (config.rfc5961() && !s.seq().equals(v.rcvNxt())) {
      challengeAck(v);
      return to(self, Action.RECEIVE_RST, Rule.R_RST_1);
    }
    aborted = true;
    switch (st) {
      case SynReceived r when r.passive() -> {}
      case SynReceived r -> events.add(new UserEvent.ConnectionRefused());
      case Established e -> events.add(new UserEvent.ConnectionReset());
      case FinWait1 e -> events.add(new UserEvent.ConnectionReset());
      case FinWait2 e -> events.add(new UserEvent.ConnectionReset());
      case CloseWait e -> events.add(new UserEvent.ConnectionReset());
      case Closing e -> {}
      case LastAck e -> {}
      case TimeWait e -> {}
    }
    // R-OPEN-7 in SYN-RECEIVED, R-RST-2 in the states it lists. TIME-WAIT (RFC 1337 off) adds none: the spec's
    // branch of every reset (ReceiveRst.reset) does not declare R-TW-2, lest a reset elsewhere carry it.
    List<Rule> rules = new ArrayList<>(List.of(Rule.R_RST_1));
    if (st instanceof SynReceived) {
      rules.add(Rule.R_OPEN_7);
    } else if (!(st instanceof TimeWait)) {
      rules.add(Rule.R_RST_2);
    }
    if (rcvWnd() == 0) {
      // R-SEQ-5: a RST is taken even through a closed window (where only SEQ = RCV.NXT is acceptable).
      rules.add(Rule.R_SEQ_5);
    }
    return new Step<>(resetTarget, Action.RECEIVE_RST, List.copyOf(rules));
  }

  /**
   * R-RST-4, spec action {@code ReceiveSyn}: a SYN in a passive SYN-RECEIVED returns to LISTEN; otherwise, with
   * RFC 5961 a challenge ACK, without it a RST formed from the TCB ({@link #rstOfTcb}) and "connection reset".
   */
  private <N extends TcpState> Step<N> receiveSyn(WithVars st, N self, N resetTarget) {
    SeqVars v = st.vars();
    if (st instanceof SynReceived r && r.passive()) {
      return to(resetTarget, Action.RECEIVE_SYN, Rule.R_RST_4);
    }
    if (config.rfc5961()) {
      boolean challenge = true;
      if (fault(Fault.NO_SYN_CHALLENGE_ACK)) {
        challenge = false;
      }
      if (challenge) {
        challengeAck(v);
      }
      return to(self, Action.RECEIVE_SYN, Rule.R_RST_4);
    }
    out.add(rstOfTcb(v));
    aborted = true;
    events.add(new UserEvent.ConnectionReset());
    return to(resetTarget, Action.RECEIVE_SYN, Rule.R_RST_4);
  }

  /**
   * R-SEQ-2, R-SEQ-6, R-OPEN-8, S-4, R-CLOSE-2, R-CLOSE-4, spec action {@code ReceiveSegment}: an acceptable
   * segment without SYN, RST or FIN, processed: the ACK, then the text.
   */
  private <N extends TcpState> Step<N> receiveSegment(Outcome<N> r) {
    return processed(r.next(), Action.RECEIVE_SEGMENT, r.rules());
  }

  /**
   * R-CLOSE-2, S-6, R-TW-1, spec action {@code ReceiveFin}: an acceptable segment with FIN, processed (other than
   * {@link #simultaneousClose}); a FIN in sequence is taken (ESTABLISHED → CLOSE-WAIT, FIN-WAIT-1 with our FIN
   * acknowledged and FIN-WAIT-2 → TIME-WAIT; in TIME-WAIT it restarts the 2 MSL timer).
   */
  private <N extends TcpState> Step<N> receiveFin(Outcome<N> r) {
    return processed(r.next(), Action.RECEIVE_FIN, r.rules());
  }

  /**
   * R-CLOSE-3 (Fig. 13), spec action {@code SimultaneousClose}: FIN-WAIT-1 takes the peer's FIN before the ACK of
   * its own: CLOSING.
   */
  private <N extends TcpState> Step<N> simultaneousClose(Outcome<N> r) {
    return processed(r.next(), Action.SIMULTANEOUS_CLOSE, r.rules());
  }

  /**
   * SYN-RECEIVED (R-OPEN-8): the ACK, acceptable here, leads to ESTABLISHED, where text and a FIN are taken
   * (R-CLOSE-2: a FIN in sequence leads to CLOSE-WAIT).
   */
  private Outcome<SynReceivedNext> processSynReceived(SeqVars afterAck, Segment s) {
    events.add(new UserEvent.Established());
    SeqVars v = text(takeSynText(afterAck), s);
    if (finInSequence(v, s)) {
      return outcome(new CloseWait(takeFin(v)), Rule.R_OPEN_8, Rule.R_CLOSE_2);
    }
    return outcome(new Established(v), Rule.R_OPEN_8);
  }

  /** ESTABLISHED: text is taken; a FIN in sequence leads to CLOSE-WAIT (R-CLOSE-2, S-6). */
  private Outcome<EstablishedNext> processEstablished(SeqVars afterAck, Segment s) {
    SeqVars v = text(afterAck, s);
    if (finInSequence(v, s)) {
      return outcome(new CloseWait(takeFin(v)), Rule.R_CLOSE_2, Rule.S_6);
    }
    return outcome(new Established(v));
  }

  /**
   * FIN-WAIT-1: the ACK of our FIN leads to FIN-WAIT-2 (R-CLOSE-2, S-6); text is still taken (R-CLOSE-4); a FIN in
   * sequence leads to TIME-WAIT if our FIN is acknowledged, else to CLOSING (R-CLOSE-3, {@link
   * #simultaneousClose}).
   */
  private Outcome<FinWait1Next> processFinWait1(SeqVars afterAck, Segment s) {
    boolean acked = finAcked(afterAck);
    SeqVars v = text(afterAck, s);
    if (finInSequence(v, s)) {
      v = takeFin(v);
      return acked ? outcome(new TimeWait(v), Rule.R_CLOSE_2, Rule.S_6) : outcome(new Closing(v), Rule.R_CLOSE_3);
    }
    return acked ? outcome(new FinWait2(v), Rule.R_CLOSE_2, Rule.S_6) : outcome(new FinWait1(v));
  }

  /** FIN-WAIT-2: text is still taken (R-CLOSE-4); a FIN in sequence leads to TIME-WAIT (R-CLOSE-2, S-6). */
  private Outcome<FinWait2Next> processFinWait2(SeqVars afterAck, Segment s) {
    SeqVars v = text(afterAck, s);
    if (finInSequence(v, s)) {
      return outcome(new TimeWait(takeFin(v)), Rule.R_CLOSE_2, Rule.S_6);
    }
    return outcome(new FinWait2(v));
  }

  /** CLOSE-WAIT: ACKs of what we still send (R-CLOSE-4); text and FIN are not taken again, only acknowledged. */
  private Outcome<CloseWaitNext> processCloseWait(SeqVars afterAck, Segment s) {
    ackNeeded = carriesTextOrFin(s);
    return outcome(new CloseWait(afterAck));
  }

  /** CLOSING: the ACK of our FIN leads to TIME-WAIT (R-CLOSE-3). */
  private Outcome<ClosingNext> processClosing(SeqVars afterAck, Segment s) {
    ackNeeded = carriesTextOrFin(s);
    return finAcked(afterAck) ? outcome(new TimeWait(afterAck), Rule.R_CLOSE_3) : outcome(new Closing(afterAck));
  }

  /** LAST-ACK: the ACK of our FIN deletes the TCB, a graceful close (R-CLOSE-2, S-6, MUST-12). */
  private Outcome<LastAckNext> processLastAck(SeqVars afterAck, Segment s) {
    ackNeeded = carriesTextOrFin(s);
    return finAcked(afterAck) ? outcome(CLOSED, Rule.R_CLOSE_2, Rule.S_6) : outcome(new LastAck(afterAck));
  }

  /**
   * TIME-WAIT: text or a FIN is acknowledged; a FIN in sequence (a gap before it filled) restarts the 2 MSL timer
   * (R-TW-1). A RST is ignored with RFC 1337 (R-TW-2, {@link #receiveRst}).
   */
  private Outcome<TimeWaitNext> processTimeWait(SeqVars afterAck, Segment s) {
    ackNeeded = carriesTextOrFin(s);
    if (finInSequence(afterAck, s)) {
      timers.put(Timer.TIME_WAIT, now + timeWaitMicros());
      return outcome(new TimeWait(afterAck.withRcvNxt(afterAck.rcvNxt().plus(1))), Rule.R_TW_1);
    }
    return outcome(new TimeWait(afterAck));
  }
  /** R-SEQ-3 (RFC 9293 Table 6): the four acceptability cases. */
  private boolean acceptable(SeqVars v, Segment s) {
    long len = s.segLen();
    long wnd = rcvWnd();
    SeqNum nxt = v.rcvNxt();
    if (len == 0) {
      return wnd == 0 ? s.seq().equals(nxt) : s.seq().inWindow(nxt, wnd);
    }
    long firstOctetWnd = wnd;
    if (fault(Fault.ACCEPT_ONE_PAST_WINDOW)) {
      firstOctetWnd = wnd + 1;
    }
    return wnd > 0 && (s.seq().inWindow(nxt, firstOctetWnd) || s.seq().plus(len - 1).inWindow(nxt, wnd));
  }

  /**
   * The fifth check, the ACK field (§3.10.7.4): the new variables, or null when the segment is dropped (any
   * reply queued). No ACK bit: dropped. SYN-RECEIVED (R-OPEN-8): SND.UNA < SEG.ACK =< SND.NXT, else {@code
   * <SEQ=SEG.ACK><CTL=RST>}. Otherwise SEG.ACK > SND.NXT, or (RFC 5961, R-SEQ-6) SEG.ACK < SND.UNA −
   * MAX.SND.WND: ACK and drop. An acceptable ACK (R-SEQ-2) advances SND.UNA, frees the acknowledged octets
   * (S-4), takes an RTT sample (R-TO-1) and updates the send window.
   */
  private @Nullable SeqVars ackField(SeqVars v, Segment s, boolean synReceived) {
    if (!s.flags().contains(Flag.ACK)) {
      checked.add(Rule.R_SEQ_2);
      return null;
    }
    SeqNum ack = s.ack();
    SeqVars before = v;
    boolean aboveUna = v.sndUna().lt(ack);
    if (fault(Fault.ACK_OFF_BY_ONE)) {
      aboveUna = v.sndUna().le(ack);
    }
    boolean withinNxt = ack.le(v.sndNxt());
    if (synReceived && fault(Fault.SYN_RECEIVED_ACK_ABOVE_SND_NXT)) {
      withinNxt = true;
    }
    boolean advances = aboveUna && withinNxt;
    if (synReceived) {
      if (!advances) {
        out.add(rstFor(s));
        checked.add(Rule.R_OPEN_8);
        return null;
      }
    } else if (v.sndNxt().lt(ack)) {
      out.add(ackOf(v));
      checked.add(Rule.R_SEQ_6);
      return null;
    } else if (config.rfc5961() && ack.lt(v.sndUna().plus(-v.maxSndWnd()))) {
      out.add(ackOf(v));
      checked.add(Rule.R_SEQ_6);
      return null;
    }
    checked.add(Rule.R_SEQ_2);
    if (config.congestionControl() && !synReceived) {
      congestionSignal(v, s, advances);
    }
    if (advances) {
      sendBuffer.acknowledge(ack);
      v = v.withSndUna(ack);
      sampleRtt(ack);
      stopRetransmission();
      if (synReceived) {
        checked.add(Rule.R_OPEN_8);
      }
    }
    // A segment that passes the ACK check is the peer's: the idle period restarts (R-KA-2, spec Process). One the
    // check drops (no ACK bit, an ACK above SND.NXT or older than the window: a blind attacker's guess, as likely
    // as the peer's) shows nothing of the peer and restarts nothing. The timer runs only in ESTABLISHED and
    // CLOSE-WAIT, where this takes effect.
    timers.remove(Timer.KEEPALIVE);
    if (windowNewer(before, s)) {
      if (s.window() != v.sndWnd()) {
        // R-WND-1 where the window moves: the spec keeps SND.WL1 and SND.WL2 only for a peer whose window moves
        // (SetWnd), so a window taken unchanged need not be an update of the spec's.
        checked.add(Rule.R_WND_1);
      }
      v = v.withWindow(s.window(), s.seq(), ack);
      Long deadline = timers.get(Timer.RETRANSMISSION);
      if (s.window() == 0 && deadline != null) {
        // MUST-37 (spec/README.md, interpretation 11): the peer answers with its window still closed, so it is
        // alive: R2 counts again from the start of the running timeout (the spec restarts its retry count),
        // however long the window stays closed.
        rtxSince = deadline - rtt.rto();
      }
    }
    return v;
  }

  /**
   * R-CC-1 (RFC 5681 §2, §3; RFC 6582 §3.2): what an ACK that passed the ACK check tells congestion control, given
   * the variables {@code v} before it. One that moves SND.UNA opens cwnd, or in a recovery is a partial ACK whose
   * next hole is resent; one that is a duplicate (no text, SYN or FIN; SEG.ACK = SND.UNA with text outstanding;
   * SEG.WND unchanged and not zero, so that neither a window update nor the answer to a window probe counts)
   * counts towards the third, which starts a fast retransmit. {@link #resendHole} asks for {@link #fastRetransmit}.
   */
  private void congestionSignal(SeqVars v, Segment s, boolean advances) {
    SeqNum ack = s.ack();
    long flightAfter = v.sndNxt().minus(ack);
    if (advances) {
      resendHole = congestion.advanced(ack, ack.minus(v.sndUna()), flightAfter, peerMss);
      return;
    }
    Flags f = s.flags();
    boolean duplicate = ack.equals(v.sndUna())
        && s.payloadLength() == 0
        && !f.contains(Flag.SYN)
        && !f.contains(Flag.FIN)
        && textOutstanding(v)
        && s.window() == v.sndWnd()
        && s.window() > 0;
    if (duplicate) {
      resendHole = congestion.duplicate(ack, v.sndNxt(), flightAfter, peerMss);
    } else {
      congestion.notDuplicate();
    }
  }

  /** Whether text sent is not yet acknowledged: SND.UNA lies below both SND.NXT and the end of the queued text. */
  private boolean textOutstanding(SeqVars v) {
    return !v.sndUna().equals(v.iss()) && v.sndUna().lt(v.sndNxt()) && v.sndUna().lt(sendBuffer.endSeq());
  }

  /**
   * R-WND-1, spec {@code WindowNewer} (§3.10.7.4 fifth check, spec/README.md interpretation 9): whether SND.WND is
   * taken from segment {@code s}, given the variables {@code v} before its ACK moved SND.UNA. Its ACK lies in
   * [SND.UNA, SND.NXT], and it either moves SND.UNA on (SEG.WND counts from SEG.ACK) or is not older than the
   * segment the window was last taken from (SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK).
   */
  private static boolean windowNewer(SeqVars v, Segment s) {
    SeqNum ack = s.ack();
    return v.sndUna().le(ack)
        && ack.le(v.sndNxt())
        && (v.sndUna().lt(ack)
            || v.sndWl1().lt(s.seq())
            || (v.sndWl1().equals(s.seq()) && v.sndWl2().le(ack)));
  }

  /**
   * The seventh check, segment text (S-4): in-order octets go to the user, others are held; in FIN-WAIT-1 and
   * FIN-WAIT-2 the connection is half-closed and still receives (R-CLOSE-4).
   */
  private SeqVars text(SeqVars v, Segment s) {
    if (s.payloadLength() == 0) {
      return v;
    }
    checked.add(Rule.S_4);
    if (state instanceof FinWait1 || state instanceof FinWait2) {
      checked.add(Rule.R_CLOSE_4);
    }
    ackNeeded = true;
    byte[] ready = receiveBuffer.accept(v.rcvNxt(), s.seq(), s.payload(), rcvWnd());
    if (ready.length == 0) {
      return v;
    }
    if (config.userReads()) {
      receiveBuffer.store(ready);
    } else {
      events.add(new UserEvent.DataDelivered(ready));
    }
    inOrderText = ready.length == s.payloadLength() && !receiveBuffer.hasHeld();
    return v.withRcvNxt(v.rcvNxt().plus(ready.length));
  }

  /** The eighth check: a FIN is taken when it is the next thing in sequence and nothing is held beyond a gap. */
  private boolean finInSequence(SeqVars v, Segment s) {
    if (!s.flags().contains(Flag.FIN)) {
      return false;
    }
    ackNeeded = true;
    return s.seq().plus(s.payloadLength()).equals(v.rcvNxt()) && !receiveBuffer.hasHeld();
  }

  /** RCV.NXT advances over the FIN; the user learns that the peer closed (R-CLOSE-2). */
  private SeqVars takeFin(SeqVars v) {
    events.add(new UserEvent.PeerClosed());
    return v.withRcvNxt(v.rcvNxt().plus(1));
  }

  /**
   * Whether an acceptable segment with an acceptable ACK must be acknowledged: it carries text or a FIN (the
   * spec's {@code acks}), even in states that no longer take text.
   */
  private static boolean carriesTextOrFin(Segment s) {
    return s.payloadLength() > 0 || s.flags().contains(Flag.FIN);
  }

  /**
   * The user has CLOSEd (R-CLOSE-1): FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK and TIME-WAIT are entered only
   * after a CLOSE, which queues a FIN behind the text.
   */
  private static boolean closedByUser(TcpState s) {
    return s instanceof FinWait1 || s instanceof FinWait2 || s instanceof Closing || s instanceof LastAck
        || s instanceof TimeWait;
  }

  /**
   * Spec {@code FinSent}: in {@code s} with variables {@code v}, our FIN has been sent: the user has CLOSEd and
   * SND.NXT is one past the last octet of text (the FIN occupies SND.NXT − 1).
   */
  private boolean finSent(TcpState s, SeqVars v) {
    return closedByUser(s) && v.sndNxt().equals(sendBuffer.endSeq().plus(1));
  }

  private boolean finSent(WithVars w) {
    return finSent(w, w.vars());
  }

  /** Spec {@code FinAcked}: in the current state with variables {@code v}, our FIN is sent and acknowledged. */
  private boolean finAcked(SeqVars v) {
    return finSent(state, v) && v.sndUna().equals(v.sndNxt());
  }

  /** R-RST-1, R-RST-4, R-RST-5: a challenge ACK, at most {@link TcpConfig#challengeAckLimit()} per second. */
  private void challengeAck(SeqVars v) {
    if (challengeWindowStart == Long.MIN_VALUE || now - challengeWindowStart >= TcpConfig.SECOND) {
      challengeWindowStart = now;
      challengeAcks = 0;
    }
    if (challengeAcks < config.challengeAckLimit()) {
      challengeAcks++;
      out.add(ackOf(v));
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // OUTPUT (spec actions sendData and sendFin).

  /**
   * OUTPUT with {@link TcpConfig#deferOutput}: sends the next segment that queued text or a queued FIN makes ready
   * (spec action {@link #sendData} or {@link #sendFin}), at most one; nothing when the window is closed or nothing
   * waits. Without {@code deferOutput} the engine has already sent it, and this does nothing.
   */
  public ConnResult output(long nowMicros) {
    begin(nowMicros);
    transmit(1);
    return finish(null);
  }

  private void transmitUnlessDeferred() {
    if (!config.deferOutput()) {
      transmit(Integer.MAX_VALUE);
    }
  }

  /**
   * Sends queued data within the peer's window ({@link #sendData}), then the FIN queued by CLOSE once all data is
   * out ({@link #sendFin}), {@code max} segments at most. Returns the number of segments sent.
   */
  private int transmit(int max) {
    int sent = 0;
    while (sent < max && state instanceof WithVars w && sendsData(w) && !finSent(w)) {
      SeqVars v = w.vars();
      long queued = sendBuffer.endSeq().minus(v.sndNxt());
      if (sendBuffer.endSeq().lt(v.sndNxt())) {
        queued = 0;
      }
      long allowed = v.sndWnd();
      if (config.congestionControl() && queued > 0) {
        congestion.beforeSending(now, rtt.rto(), peerMss);
        allowed = Math.min(allowed, congestion.window(peerMss));
      }
      long n = Math.min(queued, Math.min(room(v, allowed), peerMss));
      if (n > 0 && silly(v, queued, room(v, v.sndWnd()))) {
        timers.putIfAbsent(Timer.SWS_OVERRIDE, now + TcpConfig.SWS_OVERRIDE_MICROS);
        break;
      }
      if (n > 0) {
        swsOverride = false;
        timers.remove(Timer.SWS_OVERRIDE);
        enter(sendData(w, (int) n));
        sent++;
        continue;
      }
      if (queued == 0 && (w instanceof FinWait1 || w instanceof Closing || w instanceof LastAck)) {
        enter(sendFin(w));
        sent++;
      }
      break;
    }
    return sent;
  }

  /**
   * R-WND-2 (MUST-38), the sender's silly-window avoidance of §3.8.6.2.1: whether {@code queued} octets of text
   * wait rather than go out into the usable window U = SND.UNA + SND.WND - SND.NXT ({@code usable}). They go out
   * when U takes a full segment (condition 1), all of them (condition 2: every SEND is pushed), or half the largest
   * window the peer has offered (condition 3, Fs = 1/2), or when the override timeout has fired (condition 4);
   * otherwise they wait, for the window to open or the timeout. Off without {@link TcpConfig#swsAvoidance}. The
   * spec sends any part of the window at any time (SendData), so waiting is always one of its behaviours.
   */
  private boolean silly(SeqVars v, long queued, long usable) {
    if (!config.swsAvoidance() || swsOverride) {
      return false;
    }
    long can = Math.min(queued, usable);
    return can < peerMss && queued > usable && can < v.maxSndWnd() / 2;
  }

  /** The octets a window of {@code allowed} from SND.UNA leaves beyond SND.NXT: none when SND.NXT is past it. */
  private static long room(SeqVars v, long allowed) {
    SeqNum edge = v.sndUna().plus(allowed);
    return edge.lt(v.sndNxt()) ? 0 : edge.minus(v.sndNxt());
  }

  /**
   * S-4, spec action {@code SendData}: {@code n} queued octets from SND.NXT, within the peer's window and MSS, go
   * out with {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK,PSH>}; SND.NXT moves past them. The state stays.
   */
  private Step<?> sendData(WithVars w, int n) {
    SeqVars v = w.vars();
    out.add(segment(v.sndNxt(), v.rcvNxt(), sendBuffer.slice(v.sndNxt(), n), Flag.ACK, Flag.PSH));
    startTiming(v.sndNxt().plus(n));
    congestion.sent(now);
    return stay(w.withVars(v.withSndNxt(v.sndNxt().plus(n))), Action.SEND_DATA, Rule.S_4);
  }

  /**
   * R-CLOSE-1, spec action {@code SendFin}: the FIN queued by CLOSE, all text sent: {@code
   * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>} ({@link #emitFin}). The state stays.
   */
  private Step<?> sendFin(WithVars w) {
    return stay(w.withVars(emitFin(w.vars())), Action.SEND_FIN, Rule.R_CLOSE_1);
  }

  /** Sends our FIN at SND.NXT; the variables after it, the FIN occupying one sequence number (R-CLOSE-1). */
  private SeqVars emitFin(SeqVars v) {
    out.add(segment(v.sndNxt(), v.rcvNxt(), new byte[0], Flag.FIN, Flag.ACK));
    startTiming(v.sndNxt().plus(1));
    SeqVars after = v.withSndNxt(v.sndNxt().plus(1));
    if (fault(Fault.FIN_NO_SEQUENCE_NUMBER)) {
      after = v;
    }
    return after;
  }

  /**
   * The states that send data (spec {@code SendsText}): ESTABLISHED, CLOSE-WAIT, and FIN-WAIT-1, CLOSING and
   * LAST-ACK before the FIN (in CLOSING the peer's FIN overtook ours while text still waited for the window).
   */
  private static boolean sendsData(WithVars w) {
    return w instanceof Established
        || w instanceof CloseWait
        || w instanceof FinWait1
        || w instanceof Closing
        || w instanceof LastAck;
  }

  // ------------------------------------------------------------------------------------------------------------
  // TIMEOUTS (§3.10.8).

  /**
   * A timer reached its deadline. A call for a timer that is not running or not yet due does nothing.
   * RETRANSMISSION: {@link #giveUp} when R2 is reached, else {@link #windowProbe} when the timer is the persist
   * timer, else {@link #retransmitTimeout}; TIME_WAIT: {@link #timeWaitTimeout}; KEEPALIVE: {@link
   * #keepAliveProbe} or, after the last probe, {@link #keepAliveGiveUp}; USER_TIMEOUT: {@link #userTimeout};
   * DELAYED_ACK: {@link #delayedAck}; SWS_OVERRIDE: the text held back ({@link #silly}).
   */
  public ConnResult handleTimeout(Timer timer, long nowMicros) {
    begin(nowMicros);
    Long deadline = timers.get(timer);
    if (deadline == null || deadline > now) {
      return finish(null);
    }
    timers.remove(timer);
    Step<?> step =
        switch (timer) {
          case RETRANSMISSION -> {
            long limit =
                state instanceof SynSent || state instanceof SynReceived ? config.r2SynMicros() : config.r2Micros();
            if (rtxSince >= 0 && now - rtxSince >= limit) {
              yield giveUp();
            }
            yield state instanceof WithVars w && persisting(w) ? windowProbe(w) : retransmitTimeout();
          }
          case TIME_WAIT -> state instanceof TimeWait t ? timeWaitTimeout(t) : null;
          case KEEPALIVE ->
              switch (state) {
                case Established e ->
                    e.kaProbes() < keepAliveProbeLimit() ? keepAliveProbe(e.vars(), e.probed()) : keepAliveGiveUp();
                case CloseWait c ->
                    c.kaProbes() < keepAliveProbeLimit() ? keepAliveProbe(c.vars(), c.probed()) : keepAliveGiveUp();
                default -> null;
              };
          case USER_TIMEOUT -> state instanceof Closed || state instanceof Listen ? null : userTimeout();
          case DELAYED_ACK -> state instanceof WithVars w ? delayedAck(w) : null;
          case SWS_OVERRIDE -> {
            // R-WND-2 (MUST-38, §3.8.6.2.1 condition 4): the text held back goes out as the window allows, in
            // SendData steps of its own (no step for the timer: the spec sends whenever the window is open).
            swsOverride = true;
            yield null;
          }
        };
    if (step != null) {
      enter(step);
    }
    if (timer == Timer.SWS_OVERRIDE) {
      transmitUnlessDeferred();
    }
    return finish(null);
  }

  /**
   * R-OPEN-10, R-TO-1, S-3, spec action {@code RetransmitTimeout}: resend the oldest unacknowledged segment (SYN,
   * SYN,ACK, data or FIN), double the RTO (RFC 6298 §5.5) and restart the timer; Karn's rule: no RTT sample from a
   * retransmitted segment. The state stays.
   */
  private Step<?> retransmitTimeout() {
    TcpState next =
        switch (state) {
          case Closed c -> c;
          case Listen l -> l;
          case SynSent s -> {
            out.add(syn(s.iss(), null));
            yield s;
          }
          case SynReceived s -> {
            out.add(syn(s.vars().iss(), s.vars().rcvNxt()));
            yield s;
          }
          case Established s -> resendOldest(s);
          case FinWait1 s -> resendOldest(s);
          case FinWait2 s -> resendOldest(s);
          case CloseWait s -> resendOldest(s);
          case Closing s -> resendOldest(s);
          case LastAck s -> {
            if (fault(Fault.LAST_ACK_NO_FIN_RETRANSMIT)) {
              yield s;
            }
            yield resendOldest(s);
          }
          case TimeWait s -> s;
        };
    if (config.congestionControl() && next instanceof WithVars w && textOutstanding(w.vars())) {
      // R-CC-1 (RFC 5681 §3.1, equation 4; RFC 6582 §3.2 step 4): the loss window, and recovery ends.
      congestion.timedOut(w.vars().sndNxt(), w.vars().sndNxt().minus(w.vars().sndUna()), peerMss);
    }
    backOff();
    return stay(next, Action.RETRANSMIT_TIMEOUT, resent());
  }

  /**
   * The rules of the retransmission the current timeout made: of a SYN or SYN,ACK, R-OPEN-10 and S-3; of text,
   * R-TO-1 and S-4; of a FIN (or of nothing), R-TO-1.
   */
  private Rule[] resent() {
    @Nullable Segment last = out.size() > outMark ? out.get(out.size() - 1) : null;
    if (last != null && last.flags().contains(Flag.SYN)) {
      return new Rule[] {Rule.R_OPEN_10, Rule.S_3};
    }
    if (last != null && last.payloadLength() > 0) {
      return new Rule[] {Rule.R_TO_1, Rule.S_4};
    }
    return new Rule[] {Rule.R_TO_1};
  }

  /** The retransmission timer after a timeout: doubled (RFC 6298 §5.5), restarted, no RTT sample (Karn). */
  private void backOff() {
    retransmissions++;
    timedEnd = null;
    rtt.backOff();
    timers.put(Timer.RETRANSMISSION, now + rtt.rto());
    if (rtxSince < 0) {
      rtxSince = now;
    }
  }

  /**
   * R-WND-1 (spec {@code Persisting}): text waits for a window the peer closed and nothing is outstanding to bring
   * an ACK that could reopen it.
   */
  private boolean persisting(WithVars w) {
    SeqVars v = w.vars();
    return sendsData(w)
        && !finSent(w)
        && v.sndWnd() == 0
        && v.sndUna().equals(v.sndNxt())
        && sendBuffer.endSeq().gt(v.sndNxt());
  }

  /**
   * R-WND-1 (MUST-36, SHLD-29), spec action {@code WindowProbe} (spec/README.md, interpretation 10): the persist
   * timer fires while text waits for a closed window: one octet goes out beyond the window, SND.NXT moves past
   * it, and the timer restarts with backoff; from then on the octet is retransmitted as any text is.
   */
  private Step<?> windowProbe(WithVars w) {
    SeqVars v = w.vars();
    out.add(segment(v.sndNxt(), v.rcvNxt(), sendBuffer.slice(v.sndNxt(), 1), Flag.ACK));
    TcpState next = w.withVars(v.withSndNxt(v.sndNxt().plus(1)));
    backOff();
    return stay(next, Action.WINDOW_PROBE, Rule.R_WND_1);
  }

  /**
   * R-ACK-1 (SHLD-18, MUST-40), spec action {@code DelayedAck}: the delayed-ACK timer fired, and the acknowledgment
   * that waited for a segment to ride on goes out alone. The state stays.
   */
  private Step<?> delayedAck(WithVars w) {
    out.add(ackOf(w.vars()));
    return stay(w, Action.DELAYED_ACK, Rule.R_ACK_1);
  }

  /**
   * R-CC-1 (MUST-19; RFC 5681 §3.2, RFC 6582 §3.2), spec action {@code FastRetransmit}: before the retransmission
   * timer fires, the oldest unacknowledged text goes out again ({@link #resendOldest}): on the third duplicate
   * ACK, or on a partial ACK during a recovery ({@link CongestionControl}). The timer and the retry count stay as
   * they are; no RTT sample is taken from what is outstanding now (Karn). The state stays.
   */
  private Step<?> fastRetransmit(WithVars w) {
    timedEnd = null;
    return stay(resendOldest(w), Action.FAST_RETRANSMIT, Rule.R_CC_1);
  }

  /** Resends the oldest unacknowledged octets or FIN; returns the state. */
  private WithVars resendOldest(WithVars w) {
    SeqVars v = w.vars();
    SeqNum una = v.sndUna();
    if (una.equals(v.iss())) {
      // CLOSE in SYN-RECEIVED (FIN-WAIT-1 before the handshake's ACK): our SYN is the oldest unacknowledged.
      out.add(syn(v.iss(), v.rcvNxt()));
      return w;
    }
    boolean finSent = finSent(w);
    SeqNum dataEnd = finSent ? v.sndNxt().plus(-1) : v.sndNxt();
    if (una.lt(dataEnd)) {
      int n = (int) Math.min(dataEnd.minus(una), peerMss);
      out.add(segment(una, v.rcvNxt(), sendBuffer.slice(una, n), Flag.ACK, Flag.PSH));
    } else if (finSent && una.lt(v.sndNxt())) {
      out.add(segment(dataEnd, v.rcvNxt(), new byte[0], Flag.FIN, Flag.ACK));
    }
    return w;
  }

  /**
   * R-TO-2, R-OPEN-10, spec action {@code GiveUp}: R2 is reached: "connection timed out", CLOSED; a SYN-RECEIVED
   * from a passive OPEN drops the half-open attempt and listens on.
   */
  private Step<?> giveUp() {
    if (state instanceof SynReceived r && r.passive()) {
      return Connection.<SynReceivedNext>to(LISTEN, Action.GIVE_UP, Rule.R_OPEN_10);
    }
    events.add(new UserEvent.ConnectionTimedOut());
    aborted = true;
    return toClosed(Action.GIVE_UP, Rule.R_OPEN_10, Rule.R_TO_2);
  }

  /** R-TW-4, R-TW-1, spec action {@code TimeWaitTimeout}: 2 MSL have passed in TIME-WAIT: the TCB is deleted. */
  private static Step<TimeWaitNext> timeWaitTimeout(TimeWait st) {
    return to(CLOSED, Action.TIME_WAIT_TIMEOUT, Rule.R_TW_4, Rule.R_TW_1);
  }

  /**
   * R-KA-2, R-KA-4, S-8, spec action {@code KeepAliveProbe}: the connection has been idle for the keep-alive time
   * (or a probe went unanswered for the interval): {@code <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>}, which the peer
   * must acknowledge, and the timer restarts for the interval. The state stays, as {@code probed}: with one more
   * probe outstanding.
   */
  private Step<?> keepAliveProbe(SeqVars v, WithVars probed) {
    SeqNum seq = v.sndNxt().plus(-1);
    if (fault(Fault.KEEPALIVE_PROBE_AT_SND_NXT)) {
      seq = v.sndNxt();
    }
    out.add(segment(seq, v.rcvNxt(), new byte[0], Flag.ACK));
    timers.put(Timer.KEEPALIVE, now + config.keepAliveIntervalMicros());
    return stay(probed, Action.KEEP_ALIVE_PROBE, Rule.R_KA_2, Rule.R_KA_4, Rule.S_8);
  }

  /** R-KA-3: the unanswered probes after which the peer is declared dead. */
  private int keepAliveProbeLimit() {
    int limit = config.keepAliveProbes();
    if (fault(Fault.KEEPALIVE_ONE_PROBE)) {
      limit = 1;
    }
    return limit;
  }

  /** R-KA-3, spec action {@code KeepAliveGiveUp}: the last probe went unanswered: "connection timed out", CLOSED. */
  private Step<?> keepAliveGiveUp() {
    events.add(new UserEvent.ConnectionTimedOut());
    aborted = true;
    return toClosed(Action.KEEP_ALIVE_GIVE_UP, Rule.R_KA_3);
  }

  /**
   * R-TO-2, the USER TIMEOUT of §3.10.8 (no spec action: the spec's R2 is {@link #giveUp}): data has been
   * outstanding for the user timeout: "connection timed out", CLOSED.
   */
  private Step<?> userTimeout() {
    events.add(new UserEvent.ConnectionTimedOut());
    aborted = true;
    return toClosed(Action.USER_TIMEOUT, Rule.R_TO_2);
  }
  /** Runs or stops the timers to match the state after a call. */
  private void updateTimers() {
    boolean outstanding =
        switch (state) {
          case Closed c -> false;
          case Listen l -> false;
          case SynSent s -> true;
          case TimeWait t -> false;
          case SynReceived s -> !s.vars().sndUna().equals(s.vars().sndNxt());
          case Established s -> !s.vars().sndUna().equals(s.vars().sndNxt());
          case FinWait1 s -> !s.vars().sndUna().equals(s.vars().sndNxt());
          case FinWait2 s -> !s.vars().sndUna().equals(s.vars().sndNxt());
          case CloseWait s -> !s.vars().sndUna().equals(s.vars().sndNxt());
          case Closing s -> !s.vars().sndUna().equals(s.vars().sndNxt());
          case LastAck s -> !s.vars().sndUna().equals(s.vars().sndNxt());
        };
    boolean persist = state instanceof WithVars w && persisting(w);
    if (outstanding || persist) {
      timers.putIfAbsent(Timer.RETRANSMISSION, now + rtt.rto());
      if (rtxSince < 0) {
        rtxSince = now;
      }
    } else {
      timers.remove(Timer.RETRANSMISSION);
      rtxSince = -1;
      retransmissions = 0;
    }
    if (outstanding) {
      timers.putIfAbsent(Timer.USER_TIMEOUT, now + config.userTimeoutMicros());
    } else {
      timers.remove(Timer.USER_TIMEOUT);
    }
    if (!(state instanceof TimeWait)) {
      timers.remove(Timer.TIME_WAIT);
    }
    if (!defersAcks(state)) {
      timers.remove(Timer.DELAYED_ACK);
    }
    if (!(state instanceof WithVars w && sendsData(w) && !finSent(w) && sendBuffer.endSeq().gt(w.vars().sndNxt()))
        || persist) {
      // Nothing waits to go out, or the window is closed and the persist timer probes it (R-WND-1).
      timers.remove(Timer.SWS_OVERRIDE);
      swsOverride = false;
    }
    boolean keepAlive =
        config.keepAlive()
            && (state instanceof Established || state instanceof CloseWait)
            && !outstanding
            && !persist;
    if (keepAlive) {
      timers.putIfAbsent(Timer.KEEPALIVE, now + config.keepAliveIdleMicros());
    } else {
      // The probe count needs no reset here: it lives in the ESTABLISHED or CLOSE-WAIT record, and keep-alive
      // runs again only after a segment that passed the ACK check, which starts a record with none.
      timers.remove(Timer.KEEPALIVE);
    }
  }

  /** Acknowledgment progress: the retransmission and user timers restart for what is still outstanding. */
  private void stopRetransmission() {
    timers.remove(Timer.RETRANSMISSION);
    timers.remove(Timer.USER_TIMEOUT);
    rtxSince = -1;
    retransmissions = 0;
  }

  private void startTiming(SeqNum end) {
    if (timedEnd == null) {
      timedEnd = end;
      timedAt = now;
    }
  }

  /** R-TO-1: an RTT sample when the timed segment is acknowledged (never a retransmitted one: Karn). */
  private void sampleRtt(SeqNum ack) {
    SeqNum end = timedEnd;
    if (end != null && end.le(ack)) {
      rtt.sample(now - timedAt);
      timedEnd = null;
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Segments.

  private void takePeerMss(Segment s) {
    for (TcpOption o : s.options()) {
      if (o instanceof TcpOption.Mss m) {
        peerMss = m.mss();
      }
    }
  }

  private Segment segment(SeqNum seq, @Nullable SeqNum ack, byte[] data, Flag... flags) {
    Flags f = Flags.of(flags);
    Segment.Builder b =
        Segment.builder()
            .sourcePort(localPort)
            .destinationPort(remotePort)
            .seq(seq)
            .flags(ack == null ? f : f.with(Flag.ACK))
            .window(f.contains(Flag.RST) ? 0 : advertisedWindow())
            .payload(data);
    if (ack != null) {
      b.ack(ack);
    }
    return b.build();
  }

  /** {@code <SEQ=ISS><CTL=SYN>} or {@code <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>}, with our MSS (§3.7.1). */
  private Segment syn(SeqNum iss, @Nullable SeqNum ack) {
    return segment(iss, ack, new byte[0], Flag.SYN).toBuilder().options(new TcpOption.Mss(config.mss())).build();
  }

  /** {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}. */
  private Segment ackOf(SeqVars v) {
    return segment(v.sndNxt(), v.rcvNxt(), new byte[0], Flag.ACK);
  }

  /**
   * R-ACK-1, the spec's {@code Defers}: whether the acknowledgment {@code step} owes may wait ({@link
   * TcpConfig#delayedAckMicros}, SHLD-18): it is owed
   * for in-order text alone (no FIN, nothing held beyond a gap, no handshake) in a state that takes text, and no
   * acknowledgment is waiting already, so that at least every second segment of text is acknowledged at once
   * (SHLD-19). Any segment sent before the timer fires carries the acknowledgment ({@link #finish}).
   */
  private boolean delaysAck(Step<?> step) {
    return config.delayedAckMicros() > 0
        && inOrderText
        && step.action() == Action.RECEIVE_SEGMENT
        && defersAcks(step.next())
        && !timers.containsKey(Timer.DELAYED_ACK);
  }

  /** The states in which an acknowledgment of text may wait (R-ACK-1): those that take text from the peer. */
  private static boolean defersAcks(TcpState s) {
    return s instanceof Established || s instanceof FinWait1 || s instanceof FinWait2;
  }

  /**
   * Whether the acknowledgment {@code step} owes goes out as {@link #finAgainOf}: policy {@link
   * Policy#FIN_AGAIN_WHEN_FINS_CROSS} and a FIN that crossed ours ({@link #simultaneousClose}).
   */
  private boolean finAgain(Step<?> step) {
    return config.has(Policy.FIN_AGAIN_WHEN_FINS_CROSS) && step.action() == Action.SIMULTANEOUS_CLOSE;
  }

  /**
   * {@code <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=FIN,ACK>}: the acknowledgment carrying our unacknowledged FIN again
   * ({@link Policy#FIN_AGAIN_WHEN_FINS_CROSS}); SND.NXT stays where it is, past the FIN.
   */
  private Segment finAgainOf(SeqVars v) {
    return segment(v.sndNxt().plus(-1), v.rcvNxt(), new byte[0], Flag.FIN, Flag.ACK);
  }

  /**
   * Spec operator {@code RstOfTcb}: a RST from a synchronized connection, {@code
   * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>} (§3.5.2 case 3), which the synchronized peer finds acceptable.
   */
  private Segment rstOfTcb(SeqVars v) {
    return segment(v.sndNxt(), v.rcvNxt(), new byte[0], Flag.RST, Flag.ACK);
  }

  /** {@code <SEQ=seq><CTL=RST>}. */
  private Segment rst(SeqNum seq) {
    return segment(seq, null, new byte[0], Flag.RST);
  }

  /**
   * The RST answering {@code s} (§3.5.2 case 1, R-OPEN-2): {@code <SEQ=SEG.ACK><CTL=RST>} if it has ACK, else
   * {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}. Addressed back to its sender.
   */
  private Segment rstFor(Segment s) {
    Segment.Builder b =
        Segment.builder().sourcePort(s.destinationPort()).destinationPort(s.sourcePort()).window(0);
    if (s.flags().contains(Flag.ACK)) {
      return b.seq(s.ack()).flags(Flag.RST).build();
    }
    return b.seq(new SeqNum(0)).ack(s.seq().plus(s.segLen())).flags(Flag.RST, Flag.ACK).build();
  }

  /** For diagnostics: the timers now running and their deadlines. */
  public Map<Timer, Long> runningTimers() {
    return Map.copyOf(timers);
  }
}
