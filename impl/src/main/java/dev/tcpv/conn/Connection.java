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
 * <p>Every state change, and every spec action that leaves the state as it is, passes {@link #enter}, which
 * emits a {@link TraceEvent} to the optional {@link TraceSink}, tagged with the {@link Rule}s the step implements.
 * The transition table is {@link TcpState}'s.
 *
 * <p>Not thread-safe; one connection is driven by one caller.
 */
public final class Connection {

  private static final Closed CLOSED = new Closed();
  private static final Listen LISTEN = new Listen();

  private final TcpConfig config;
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
  private RttEstimator rtt;
  /** The user has CLOSEd: a FIN follows the queued data. */
  private boolean finQueued;
  /** Our FIN has been sent; it occupies SND.NXT − 1. */
  private boolean finSent;
  private int peerMss = TcpConfig.DEFAULT_SEND_MSS;

  private final EnumMap<Timer, Long> timers = new EnumMap<>(Timer.class);
  /** When the oldest unacknowledged segment was first sent, for R2; −1 when nothing is outstanding. */
  private long rtxSince = -1;
  private int retransmissions;
  /** The end of the segment being timed for an RTT sample (Karn's rule: never a retransmitted one). */
  private @Nullable SeqNum timedEnd;
  private long timedAt;
  private int keepAliveProbes;
  private long challengeWindowStart = Long.MIN_VALUE;
  private int challengeAcks;

  // What the current call produced.
  private final List<Segment> out = new ArrayList<>();
  private final List<UserEvent> events = new ArrayList<>();
  private final EnumMap<Timer, Long> timersBefore = new EnumMap<>(Timer.class);
  private boolean aborted;
  private boolean ackNeeded;
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
   * A connection restored into TIME-WAIT from the few numbers an endpoint keeps for it once the full TCB is gone
   * (R-TW-1): everything sent is acknowledged (SND.UNA = SND.NXT, our FIN included), RCV.NXT is past the peer's
   * FIN, and the 2 MSL timer ends at {@code deadline}. The peer's largest window is not kept; {@code maxSndWnd}
   * stands in for it (RFC 5961 ACK check, R-TW-3 reopen ISS). Restoring is not a transition: no trace event.
   *
   * @param config the policies (the endpoint turns R-TW-3 off when no listener could take a reopened 4-tuple)
   * @param isnGenerator where the ISS of a reopened incarnation comes from (R-ISN-1)
   * @param localPort our port
   * @param remotePort the peer's port
   * @param sndNxt SND.NXT of the closed incarnation
   * @param rcvNxt RCV.NXT of the closed incarnation
   * @param maxSndWnd the window to assume the peer offered
   * @param deadline when the 2 MSL timer fires
   */
  public static Connection inTimeWait(TcpConfig config, IsnGenerator isnGenerator, int localPort, int remotePort,
      SeqNum sndNxt, SeqNum rcvNxt, long maxSndWnd, long deadline) {
    Connection c = new Connection(config, isnGenerator, localPort, remotePort, null);
    c.state = new TimeWait(new SeqVars(sndNxt, rcvNxt, sndNxt, sndNxt, maxSndWnd, rcvNxt, sndNxt, maxSndWnd, rcvNxt));
    c.finQueued = true;
    c.finSent = true;
    c.timers.put(Timer.TIME_WAIT, deadline);
    return c;
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
    return config.receiveWindow() - (faults.contains(Fault.WINDOW_IGNORES_UNREAD) ? 0 : receiveBuffer.unread());
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
  private record Step<N extends TcpState>(N next, String action, List<Rule> rules) {}

  private static <N extends TcpState> Step<N> to(N next, String action, Rule... rules) {
    return new Step<>(next, action, List.of(rules));
  }

  /**
   * A step through the fifth to eighth checks of §3.10.7.4 (the spec's {@code Process}): {@code rules}, then the
   * rules of the checks the segment went through ({@link #checked}: the ACK field, the window, the text).
   */
  private <N extends TcpState> Step<N> processed(N next, String action, Rule... rules) {
    List<Rule> all = new ArrayList<>(List.of(rules));
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
    TraceSink s = sink;
    if (s != null) {
      s.event(
          new TraceEvent(
              now,
              step.action(),
              step.rules(),
              before.rfcName(),
              next.rfcName(),
              next.variables(),
              received,
              out.subList(outMark, out.size()),
              callOctets));
    }
    outMark = out.size();
    received = null;
    callOctets = 0;
    checked.clear();
  }

  /** R-TW-1: TIME-WAIT lasts 2 x MSL. */
  private long timeWaitMicros() {
    return (faults.contains(Fault.SHORT_TIME_WAIT) ? 1 : 2) * config.mslMicros();
  }

  /** Draws an ISS (R-ISN-1). */
  private SeqNum drawIss() {
    SeqNum iss = isnGenerator.iss(now);
    SeqNum first = firstIss;
    if (first == null) {
      firstIss = iss;
    } else if (faults.contains(Fault.CONSTANT_ISN)) {
      return first;
    }
    return iss;
  }

  private void deleteTcb() {
    timers.clear();
    sendBuffer.reset(new SeqNum(0));
    receiveBuffer.reset();
    finQueued = false;
    finSent = false;
    rtxSince = -1;
    retransmissions = 0;
    timedEnd = null;
    keepAliveProbes = 0;
    peerMss = TcpConfig.DEFAULT_SEND_MSS;
    remotePort = configuredRemotePort;
    rtt = newRtt(config);
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
    received = null;
    outMark = 0;
    checked.clear();
  }

  private ConnResult finish(@Nullable CallError error) {
    if (error == null) {
      updateTimers();
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
   * OPEN, active (R-OPEN-1, spec action {@code activeOpen}): sends {@code <SEQ=ISS><CTL=SYN>}, SND.UNA = ISS,
   * SND.NXT = ISS + 1, SYN-SENT. Errors: "connection already exists"; "foreign socket unspecified".
   */
  public ConnResult activeOpen(long nowMicros) {
    begin(nowMicros);
    if (remotePort == 0) {
      return refuse(CallError.FOREIGN_SOCKET_UNSPECIFIED);
    }
    Step<?> step =
        switch (state) {
          case Closed c -> {
            SeqNum iss = drawIss();
            sendBuffer.reset(iss.plus(1));
            out.add(syn(iss, null));
            startTiming(iss.plus(1));
            yield Connection.<ClosedNext>to(new SynSent(iss, iss, iss.plus(1)), "activeOpen", Rule.R_OPEN_1);
          }
          case Listen l -> null;
          case SynSent s -> null;
          case SynReceived s -> null;
          case Established s -> null;
          case FinWait1 s -> null;
          case FinWait2 s -> null;
          case CloseWait s -> null;
          case Closing s -> null;
          case LastAck s -> null;
          case TimeWait s -> null;
        };
    if (step == null) {
      return refuse(CallError.CONNECTION_ALREADY_EXISTS);
    }
    enter(step);
    return finish(null);
  }

  /** OPEN, passive (spec action {@code passiveOpen}, §3.10.1): LISTEN. Error: "connection already exists". */
  public ConnResult passiveOpen(long nowMicros) {
    begin(nowMicros);
    Step<?> step =
        switch (state) {
          case Closed c -> Connection.<ClosedNext>to(LISTEN, "passiveOpen", Rule.R_OPEN_3);
          case Listen l -> null;
          case SynSent s -> null;
          case SynReceived s -> null;
          case Established s -> null;
          case FinWait1 s -> null;
          case FinWait2 s -> null;
          case CloseWait s -> null;
          case Closing s -> null;
          case LastAck s -> null;
          case TimeWait s -> null;
        };
    if (step == null) {
      return refuse(CallError.CONNECTION_ALREADY_EXISTS);
    }
    enter(step);
    return finish(null);
  }

  /**
   * SEND (spec action {@code send}, §3.10.2): queues the data; it goes out in ESTABLISHED and CLOSE-WAIT as the
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
    enter(to(state, "send", Rule.S_4));
    transmitUnlessDeferred();
    return finish(null);
  }

  /**
   * RECEIVE (spec action {@code receive}, §3.10.3, R-WND-2): with {@link TcpConfig#userReads}, hands the user up
   * to {@code max} of the octets waiting in the receive buffer ({@link UserEvent.DataDelivered}); the space they
   * free opens the window. A window update goes out when the window was closed or opens by at least
   * min(buffer / 2, MSS) (R-WND-2, R-WND-1; when to update is the receiver's policy, and the spec allows both);
   * a RECEIVE without one moves the right edge only (R-WND-2). With
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
    boolean takesText = state instanceof Established || state instanceof FinWait1 || state instanceof FinWait2;
    if (takesText
        && state instanceof WithVars w
        && (before == 0 || rcvWnd() - before >= Math.min(config.receiveWindow() / 2, config.mss()))) {
      out.add(ackOf(w.vars()));
      enter(to(state, "receive", Rule.R_WND_2, Rule.R_WND_1));
    } else {
      enter(to(state, "receive", Rule.R_WND_2));
    }
    return finish(null);
  }

  /**
   * CLOSE (R-CLOSE-1, spec action {@code close}): ESTABLISHED and SYN-RECEIVED → FIN-WAIT-1, CLOSE-WAIT →
   * LAST-ACK, the FIN following the queued data; LISTEN and SYN-SENT → CLOSED, nothing sent. Errors: "connection
   * does not exist" (CLOSED), "connection closing" (already closing).
   */
  public ConnResult close(long nowMicros) {
    begin(nowMicros);
    Step<?> step =
        switch (state) {
          case Closed c -> null;
          case Listen l -> Connection.<ListenNext>to(CLOSED, "close", Rule.R_CLOSE_1);
          case SynSent s -> Connection.<SynSentNext>to(CLOSED, "close", Rule.R_CLOSE_1);
          case SynReceived s ->
              Connection.<SynReceivedNext>to(new FinWait1(finIfAllSent(s.vars())), "close", Rule.R_CLOSE_1);
          case Established s ->
              Connection.<EstablishedNext>to(new FinWait1(finIfAllSent(s.vars())), "close", Rule.R_CLOSE_1);
          case CloseWait s ->
              Connection.<CloseWaitNext>to(new LastAck(finIfAllSent(s.vars())), "close", Rule.R_CLOSE_1);
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
    finQueued = true;
    if (sendBuffer.endSeq().gt(v.sndNxt())) {
      return v;
    }
    out.add(segment(v.sndNxt(), v.rcvNxt(), new byte[0], Flag.FIN, Flag.ACK));
    finSent = true;
    startTiming(v.sndNxt().plus(1));
    return faults.contains(Fault.FIN_NO_SEQUENCE_NUMBER) ? v : v.withSndNxt(v.sndNxt().plus(1));
  }

  /**
   * ABORT (R-RST-3, spec action {@code abort}): SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and
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
          case Closed c -> Connection.<ClosedNext>to(c, "abort", rules);
          case Listen l -> Connection.<ListenNext>to(CLOSED, "abort", rules);
          case SynSent s -> Connection.<SynSentNext>to(CLOSED, "abort", rules);
          case SynReceived s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<SynReceivedNext>to(CLOSED, "abort", rules);
          }
          case Established s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<EstablishedNext>to(CLOSED, "abort", rules);
          }
          case FinWait1 s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<FinWait1Next>to(CLOSED, "abort", rules);
          }
          case FinWait2 s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<FinWait2Next>to(CLOSED, "abort", rules);
          }
          case CloseWait s -> {
            out.add(rst(s.vars().sndNxt()));
            yield Connection.<CloseWaitNext>to(CLOSED, "abort", rules);
          }
          case Closing s -> Connection.<ClosingNext>to(CLOSED, "abort", rules);
          case LastAck s -> Connection.<LastAckNext>to(CLOSED, "abort", rules);
          case TimeWait s -> Connection.<TimeWaitNext>to(CLOSED, "abort", rules);
        };
    enter(step);
    return finish(null);
  }

  // ------------------------------------------------------------------------------------------------------------
  // SEGMENT ARRIVES (§3.10.7).

  /**
   * A segment arrived for this connection (the caller has matched the 4-tuple and verified the checksum).
   * Dispatches on the state to the spec's SEGMENT ARRIVES actions.
   */
  public ConnResult handleSegment(Segment seg, long nowMicros) {
    begin(nowMicros);
    received = seg;
    Step<?> step =
        switch (state) {
          case Closed c -> segmentArrivesClosed(c, seg);
          case Listen l -> segmentArrivesListen(l, seg);
          case SynSent s -> segmentArrivesSynSent(s, seg);
          case SynReceived s -> segmentArrivesSynReceived(s, seg);
          case Established s -> segmentArrivesEstablished(s, seg);
          case FinWait1 s -> segmentArrivesFinWait1(s, seg);
          case FinWait2 s -> segmentArrivesFinWait2(s, seg);
          case CloseWait s -> segmentArrivesCloseWait(s, seg);
          case Closing s -> segmentArrivesClosing(s, seg);
          case LastAck s -> segmentArrivesLastAck(s, seg);
          case TimeWait s -> segmentArrivesTimeWait(s, seg);
        };
    // The acknowledgment of text or a FIN belongs to the step that took them (the spec's Process), before any
    // data the step lets out.
    if (ackNeeded && step.next() instanceof WithVars w) {
      out.add(ackOf(w.vars()));
    }
    enter(step);
    if (state instanceof WithVars) {
      // The timers as the step leaves them, before what it lets out (the spec's Timers of Process, then
      // SendData's): a window the segment opened ends the persist timer, and text sent now starts a full one.
      updateTimers();
      transmitUnlessDeferred();
    }
    return finish(null);
  }

  /**
   * R-OPEN-2, spec action {@code segmentArrivesClosed}: no TCB. A RST is dropped; anything else is answered
   * with {@code <SEQ=SEG.ACK><CTL=RST>} if it has ACK, else {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}.
   */
  private Step<ClosedNext> segmentArrivesClosed(Closed c, Segment s) {
    if (!s.flags().contains(Flag.RST)) {
      out.add(rstFor(s));
    }
    return to(c, "segmentArrivesClosed", Rule.R_OPEN_2);
  }

  /**
   * R-OPEN-3, spec action {@code segmentArrivesListen}: a RST is ignored; an ACK is answered with {@code
   * <SEQ=SEG.ACK><CTL=RST>}; a SYN draws an ISS, is answered with {@code <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>}
   * and leads to SYN-RECEIVED (passive); anything else is dropped. Text on the SYN is not taken: RCV.NXT =
   * SEG.SEQ + 1 leaves it unacknowledged, and the peer sends it again.
   */
  private Step<ListenNext> segmentArrivesListen(Listen l, Segment s) {
    Flags f = s.flags();
    if (f.contains(Flag.RST)) {
      return to(l, "segmentArrivesListen", Rule.R_OPEN_3);
    }
    if (f.contains(Flag.ACK)) {
      out.add(rstFor(s));
      return to(l, "segmentArrivesListen", Rule.R_OPEN_3);
    }
    if (!f.contains(Flag.SYN)) {
      return to(l, "segmentArrivesListen", Rule.R_OPEN_3);
    }
    SeqNum iss = drawIss();
    return to(synReceivedFrom(iss, s), "segmentArrivesListen", Rule.R_OPEN_3, Rule.S_1);
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
    return new SynReceived(true, v);
  }

  /**
   * SYN-SENT. R-OPEN-4 (spec action {@code segmentArrivesSynSent}): an ACK outside ISS < SEG.ACK =< SND.NXT is
   * answered with {@code <SEQ=SEG.ACK><CTL=RST>} unless it is a RST, state unchanged (Fig. 9). R-OPEN-5: a RST
   * with an acceptable ACK is "connection reset", CLOSED; without ACK it is dropped. R-OPEN-6: SYN with an
   * acceptable ACK → ESTABLISHED, {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}. A SYN without ACK is the
   * simultaneous open ({@link #simultaneousOpen}).
   */
  private Step<SynSentNext> segmentArrivesSynSent(SynSent st, Segment s) {
    Flags f = s.flags();
    boolean ack = f.contains(Flag.ACK);
    boolean rst = f.contains(Flag.RST);
    boolean syn = f.contains(Flag.SYN);
    if (syn && !ack && !rst && !faults.contains(Fault.NO_SIMULTANEOUS_OPEN)) {
      return simultaneousOpen(st, s);
    }
    boolean ackOk = ack && st.iss().lt(s.ack()) && s.ack().le(st.sndNxt());
    String action = "segmentArrivesSynSent";
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
      return to(new Established(v), action, Rule.R_OPEN_6, Rule.S_1);
    }
    return to(st, action, Rule.R_OPEN_6);
  }

  /**
   * R-OPEN-6, MUST-10, spec action {@code simultaneousOpen}: SYN-SENT receives a SYN without ACK: SYN-RECEIVED
   * (active origin), send {@code <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>} (Fig. 7).
   */
  private Step<SynSentNext> simultaneousOpen(SynSent st, Segment s) {
    takePeerMss(s);
    SeqVars v = SeqVars.afterSyn(st.iss(), st.sndUna(), st.sndNxt(), s.seq(), s.window());
    out.add(syn(st.iss(), v.rcvNxt()));
    timedEnd = null;
    return to(new SynReceived(false, v), "simultaneousOpen", Rule.R_OPEN_6);
  }

  /**
   * SYN-RECEIVED. First {@link #simultaneousOpenSynAck}; then the checks of §3.10.7.4 ({@link #firstChecks});
   * R-OPEN-8: an unacceptable ACK is answered with {@code <SEQ=SEG.ACK><CTL=RST>}, an acceptable one leads to
   * ESTABLISHED, where text and FIN are processed (R-CLOSE-2: FIN → CLOSE-WAIT).
   */
  private Step<SynReceivedNext> segmentArrivesSynReceived(SynReceived st, Segment s) {
    SeqVars v0 = st.vars();
    Flags f = s.flags();
    if (!st.passive()
        && f.contains(Flag.SYN)
        && f.contains(Flag.ACK)
        && !f.contains(Flag.RST)
        && !f.contains(Flag.FIN)
        && s.seq().plus(1).equals(v0.rcvNxt())
        && s.ack().equals(v0.sndNxt())) {
      return simultaneousOpenSynAck(st, s);
    }
    Step<SynReceivedNext> pre = firstChecks(st, st, st.passive() ? LISTEN : CLOSED, s);
    if (pre != null) {
      return pre;
    }
    SeqVars v = ackField(v0, s, true);
    if (v == null) {
      return processed(st, arrival(s));
    }
    events.add(new UserEvent.Established());
    v = text(v, s);
    if (finInSequence(v, s)) {
      return processed(new CloseWait(takeFin(v)), "receiveFin", Rule.R_OPEN_8, Rule.R_CLOSE_2);
    }
    return processed(new Established(v), arrival(s), Rule.R_OPEN_8);
  }

  /**
   * RFC 9293 Fig. 7 line 6 and Appendix A.2, spec action {@code simultaneousOpenSynAck}: in SYN-RECEIVED reached
   * by simultaneous open, a SYN,ACK with SEG.SEQ + 1 = RCV.NXT and SEG.ACK = SND.NXT completes the handshake:
   * ESTABLISHED, no reply (R-OPEN-6, MUST-10).
   */
  private Step<SynReceivedNext> simultaneousOpenSynAck(SynReceived st, Segment s) {
    SeqVars v = st.vars();
    sendBuffer.acknowledge(s.ack());
    v = v.withSndUna(s.ack()).withWindow(s.window(), s.seq(), s.ack());
    stopRetransmission();
    events.add(new UserEvent.Established());
    return to(new Established(v), "simultaneousOpenSynAck", Rule.R_OPEN_6);
  }

  /** ESTABLISHED: §3.10.7.4; a FIN in sequence leads to CLOSE-WAIT (R-CLOSE-2, S-6). */
  private Step<EstablishedNext> segmentArrivesEstablished(Established st, Segment s) {
    Step<EstablishedNext> pre = firstChecks(st, st, CLOSED, s);
    if (pre != null) {
      return pre;
    }
    SeqVars v = ackField(st.vars(), s, false);
    if (v == null) {
      return processed(st, arrival(s));
    }
    v = text(v, s);
    if (finInSequence(v, s)) {
      return processed(new CloseWait(takeFin(v)), "receiveFin", Rule.R_CLOSE_2, Rule.S_6);
    }
    return processed(new Established(v), arrival(s));
  }

  /**
   * FIN-WAIT-1: the ACK of our FIN leads to FIN-WAIT-2; text is still taken (R-CLOSE-4); a FIN in sequence
   * leads to TIME-WAIT if our FIN is acknowledged, else CLOSING (R-CLOSE-2, R-CLOSE-3, spec action {@code
   * simultaneousClose}).
   */
  private Step<FinWait1Next> segmentArrivesFinWait1(FinWait1 st, Segment s) {
    Step<FinWait1Next> pre = firstChecks(st, st, CLOSED, s);
    if (pre != null) {
      return pre;
    }
    SeqVars v = ackField(st.vars(), s, false);
    if (v == null) {
      return processed(st, arrival(s));
    }
    boolean acked = finAcked(v);
    v = text(v, s);
    if (finInSequence(v, s)) {
      v = takeFin(v);
      if (acked) {
        return processed(new TimeWait(v), "receiveFin", Rule.R_CLOSE_2, Rule.S_6);
      }
      return processed(new Closing(v), "simultaneousClose", Rule.R_CLOSE_3);
    }
    if (acked) {
      return processed(new FinWait2(v), arrival(s), Rule.R_CLOSE_2, Rule.S_6);
    }
    return processed(new FinWait1(v), arrival(s));
  }

  /** FIN-WAIT-2: text is still taken (R-CLOSE-4); a FIN in sequence leads to TIME-WAIT (R-CLOSE-2, S-6). */
  private Step<FinWait2Next> segmentArrivesFinWait2(FinWait2 st, Segment s) {
    Step<FinWait2Next> pre = firstChecks(st, st, CLOSED, s);
    if (pre != null) {
      return pre;
    }
    SeqVars v = ackField(st.vars(), s, false);
    if (v == null) {
      return processed(st, arrival(s));
    }
    v = text(v, s);
    if (finInSequence(v, s)) {
      return processed(new TimeWait(takeFin(v)), "receiveFin", Rule.R_CLOSE_2, Rule.S_6);
    }
    return processed(new FinWait2(v), arrival(s));
  }

  /** CLOSE-WAIT: ACKs of what we still send (R-CLOSE-4); text and FIN are not taken again. */
  private Step<CloseWaitNext> segmentArrivesCloseWait(CloseWait st, Segment s) {
    Step<CloseWaitNext> pre = firstChecks(st, st, CLOSED, s);
    if (pre != null) {
      return pre;
    }
    SeqVars v = ackField(st.vars(), s, false);
    if (v == null) {
      return processed(st, arrival(s));
    }
    ackNeeded = carriesTextOrFin(s);
    return processed(new CloseWait(v), arrival(s));
  }

  /** CLOSING: the ACK of our FIN leads to TIME-WAIT (R-CLOSE-3). */
  private Step<ClosingNext> segmentArrivesClosing(Closing st, Segment s) {
    Step<ClosingNext> pre = firstChecks(st, st, CLOSED, s);
    if (pre != null) {
      return pre;
    }
    SeqVars v = ackField(st.vars(), s, false);
    if (v == null) {
      return processed(st, arrival(s));
    }
    ackNeeded = carriesTextOrFin(s);
    if (finAcked(v)) {
      return processed(new TimeWait(v), arrival(s), Rule.R_CLOSE_3);
    }
    return processed(new Closing(v), arrival(s));
  }

  /** LAST-ACK: the ACK of our FIN deletes the TCB, a graceful close (R-CLOSE-2, S-6, MUST-12). */
  private Step<LastAckNext> segmentArrivesLastAck(LastAck st, Segment s) {
    Step<LastAckNext> pre = firstChecks(st, st, CLOSED, s);
    if (pre != null) {
      return pre;
    }
    SeqVars v = ackField(st.vars(), s, false);
    if (v == null) {
      return processed(st, arrival(s));
    }
    ackNeeded = carriesTextOrFin(s);
    if (finAcked(v)) {
      return processed(CLOSED, arrival(s), Rule.R_CLOSE_2, Rule.S_6);
    }
    return processed(new LastAck(v), arrival(s));
  }

  /**
   * TIME-WAIT: first {@link #timeWaitReopen} and {@link #timeWaitFinRetransmitted}; then §3.10.7.4, where a RST
   * is ignored with RFC 1337 (R-TW-2) and a FIN in sequence restarts the 2 MSL timer (R-TW-1). Text or a FIN
   * is acknowledged.
   */
  private Step<TimeWaitNext> segmentArrivesTimeWait(TimeWait st, Segment s) {
    SeqVars v0 = st.vars();
    Flags f = s.flags();
    boolean plainSyn = f.contains(Flag.SYN) && !f.contains(Flag.ACK) && !f.contains(Flag.RST);
    if (config.timeWaitReopen() && plainSyn
        && (faults.contains(Fault.TIME_WAIT_REOPEN_AT_RCV_NXT) ? v0.rcvNxt().le(s.seq()) : v0.rcvNxt().lt(s.seq()))) {
      return timeWaitReopen(st, s);
    }
    if (f.contains(Flag.FIN)
        && !f.contains(Flag.SYN)
        && !f.contains(Flag.RST)
        && s.seq().plus(s.payloadLength() + 1L).equals(v0.rcvNxt())) {
      return timeWaitFinRetransmitted(st);
    }
    Step<TimeWaitNext> pre = firstChecks(st, st, CLOSED, s);
    if (pre != null) {
      return pre;
    }
    SeqVars v = ackField(v0, s, false);
    if (v == null) {
      return processed(st, arrival(s));
    }
    ackNeeded = carriesTextOrFin(s);
    if (finInSequence(v, s)) {
      timers.put(Timer.TIME_WAIT, now + timeWaitMicros());
      return processed(new TimeWait(v.withRcvNxt(v.rcvNxt().plus(1))), "receiveFin", Rule.R_TW_1);
    }
    return processed(new TimeWait(v), arrival(s));
  }

  /**
   * R-TW-3 (MAY-2, RFC 1122 §4.2.2.13), spec action {@code timeWaitReopen}: a SYN without ACK whose SEQ is above
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
    finQueued = false;
    finSent = false;
    return to(synReceivedFrom(iss, s), "timeWaitReopen", Rule.R_TW_3);
  }

  /**
   * R-TW-1, spec action {@code timeWaitFinRetransmitted}: a retransmission of the FIN that brought us to
   * TIME-WAIT (SEG.SEQ + SEG.LEN + 1 = RCV.NXT) is acknowledged and the 2 MSL timer restarts.
   */
  private Step<TimeWaitNext> timeWaitFinRetransmitted(TimeWait st) {
    out.add(ackOf(st.vars()));
    if (!faults.contains(Fault.TIME_WAIT_FIN_NO_RESTART)) {
      timers.put(Timer.TIME_WAIT, now + timeWaitMicros());
    }
    return to(st, "timeWaitFinRetransmitted", Rule.R_TW_1);
  }

  /**
   * The first, second and fourth checks of §3.10.7.4 for SYN-RECEIVED and the synchronized states; null when
   * the segment passes them. {@code self} is the current state, {@code resetTarget} where a valid RST (and, for a
   * passive SYN-RECEIVED, a SYN) leads: LISTEN or CLOSED.
   *
   * <ul>
   *   <li>R-SEQ-3, R-SEQ-4, spec action {@code rejectUnacceptable}: an unacceptable segment is answered with
   *       {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>} and dropped; an unacceptable RST is dropped silently.
   *   <li>R-RST-1, R-RST-2, R-OPEN-7, R-TW-2, R-SEQ-5, spec action {@code receiveRst}: with RFC 1337, TIME-WAIT
   *       ignores a RST; with RFC 5961 only SEQ = RCV.NXT resets and another in-window RST draws a challenge
   *       ACK; a reset in a passive SYN-RECEIVED returns to LISTEN silently, in an active one it is "connection
   *       refused", in ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT "connection reset"; CLOSING, LAST-ACK, TIME-WAIT
   *       just close.
   *   <li>R-RST-4, spec action {@code receiveSyn}: a SYN in a passive SYN-RECEIVED returns to LISTEN; otherwise,
   *       with RFC 5961 a challenge ACK, without it a RST formed from the TCB ({@link #rstOfTcb}) and
   *       "connection reset".
   * </ul>
   */
  private <N extends TcpState> @Nullable Step<N> firstChecks(WithVars st, N self, N resetTarget, Segment s) {
    SeqVars v = st.vars();
    Flags f = s.flags();
    boolean rst = f.contains(Flag.RST);
    if (!acceptable(v, s) && !(rst && faults.contains(Fault.RST_OUTSIDE_WINDOW))) {
      if (!rst) {
        out.add(ackOf(v));
      }
      return to(self, "rejectUnacceptable", Rule.R_SEQ_3, Rule.R_SEQ_4);
    }
    if (rst) {
      if (st instanceof TimeWait && config.rfc1337()) {
        return to(self, "receiveRst", Rule.R_TW_2);
      }
      if (config.rfc5961() && !s.seq().equals(v.rcvNxt())) {
        challengeAck(v);
        return to(self, "receiveRst", Rule.R_RST_1);
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
      return new Step<>(resetTarget, "receiveRst", List.copyOf(rules));
    }
    if (f.contains(Flag.SYN)) {
      if (st instanceof SynReceived r && r.passive()) {
        return to(resetTarget, "receiveSyn", Rule.R_RST_4);
      }
      if (config.rfc5961()) {
        if (!faults.contains(Fault.NO_SYN_CHALLENGE_ACK)) {
          challengeAck(v);
        }
        return to(self, "receiveSyn", Rule.R_RST_4);
      }
      out.add(rstOfTcb(v));
      aborted = true;
      events.add(new UserEvent.ConnectionReset());
      return to(resetTarget, "receiveSyn", Rule.R_RST_4);
    }
    return null;
  }

  /** The spec action of an acceptable segment without RST or SYN: {@code receiveFin} if it carries a FIN. */
  private static String arrival(Segment s) {
    return s.flags().contains(Flag.FIN) ? "receiveFin" : "receiveSegment";
  }

  /** R-SEQ-3 (RFC 9293 Table 6): the four acceptability cases. */
  private boolean acceptable(SeqVars v, Segment s) {
    long len = s.segLen();
    long wnd = rcvWnd();
    SeqNum nxt = v.rcvNxt();
    if (len == 0) {
      return wnd == 0 ? s.seq().equals(nxt) : s.seq().inWindow(nxt, wnd);
    }
    long edge = faults.contains(Fault.ACCEPT_ONE_PAST_WINDOW) ? 1 : 0;
    return wnd > 0 && (s.seq().inWindow(nxt, wnd + edge) || s.seq().plus(len - 1).inWindow(nxt, wnd));
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
    boolean advances = (faults.contains(Fault.ACK_OFF_BY_ONE) ? v.sndUna().le(ack) : v.sndUna().lt(ack))
        && (ack.le(v.sndNxt()) || synReceived && faults.contains(Fault.SYN_RECEIVED_ACK_ABOVE_SND_NXT));
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
    keepAliveProbes = 0;
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

  private boolean finAcked(SeqVars v) {
    return finSent && v.sndUna().equals(v.sndNxt());
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
   * (spec action {@code sendData} or {@code sendFin}), at most one; nothing when the window is closed or nothing
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
   * Sends queued data within the peer's window, one segment of at most the peer's MSS at a time (spec action
   * {@code sendData}, S-4), then the FIN queued by CLOSE once all data is out (spec action {@code sendFin},
   * R-CLOSE-1), {@code max} segments at most. Returns the number of segments sent.
   */
  private int transmit(int max) {
    int sent = 0;
    while (sent < max && state instanceof WithVars w && sendsData(w) && !finSent) {
      SeqVars v = w.vars();
      long queued = sendBuffer.endSeq().minus(v.sndNxt());
      if (sendBuffer.endSeq().lt(v.sndNxt())) {
        queued = 0;
      }
      long window = v.sndUna().plus(v.sndWnd()).minus(v.sndNxt());
      if (v.sndUna().plus(v.sndWnd()).lt(v.sndNxt())) {
        window = 0;
      }
      long n = Math.min(queued, Math.min(window, peerMss));
      if (n > 0) {
        byte[] data = sendBuffer.slice(v.sndNxt(), (int) n);
        out.add(segment(v.sndNxt(), v.rcvNxt(), data, Flag.ACK, Flag.PSH));
        startTiming(v.sndNxt().plus(n));
        enter(to(w.withVars(v.withSndNxt(v.sndNxt().plus(n))), "sendData", Rule.S_4));
        sent++;
        continue;
      }
      if (queued == 0 && finQueued && (w instanceof FinWait1 || w instanceof Closing || w instanceof LastAck)) {
        out.add(segment(v.sndNxt(), v.rcvNxt(), new byte[0], Flag.FIN, Flag.ACK));
        finSent = true;
        startTiming(v.sndNxt().plus(1));
        SeqVars after = faults.contains(Fault.FIN_NO_SEQUENCE_NUMBER) ? v : v.withSndNxt(v.sndNxt().plus(1));
        enter(to(w.withVars(after), "sendFin", Rule.R_CLOSE_1));
        sent++;
      }
      break;
    }
    return sent;
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
   * RETRANSMISSION: {@link #retransmitTimeout} (or, as the persist timer, {@link #windowProbe}) or {@link
   * #giveUp}; TIME_WAIT: {@code timeWaitTimeout} (R-TW-4); KEEPALIVE: {@code keepAliveProbe} or {@code keepAliveGiveUp}; USER_TIMEOUT: {@code userTimeout} (R-TO-2).
   */
  public ConnResult handleTimeout(Timer timer, long nowMicros) {
    begin(nowMicros);
    Long deadline = timers.get(timer);
    if (deadline == null || deadline > now) {
      return finish(null);
    }
    timers.remove(timer);
    switch (timer) {
      case RETRANSMISSION -> {
        long limit =
            state instanceof SynSent || state instanceof SynReceived ? config.r2SynMicros() : config.r2Micros();
        if (rtxSince >= 0 && now - rtxSince >= limit) {
          giveUp();
        } else {
          retransmitTimeout();
        }
      }
      case TIME_WAIT -> {
        if (state instanceof TimeWait) {
          enter(Connection.<TimeWaitNext>to(CLOSED, "timeWaitTimeout", Rule.R_TW_4, Rule.R_TW_1));
        }
      }
      case KEEPALIVE -> {
        if (state instanceof WithVars w) {
          if (keepAliveProbes < (faults.contains(Fault.KEEPALIVE_ONE_PROBE) ? 1 : config.keepAliveProbes())) {
            SeqVars v = w.vars();
            keepAliveProbes++;
            int below = faults.contains(Fault.KEEPALIVE_PROBE_AT_SND_NXT) ? 0 : -1;
            out.add(segment(v.sndNxt().plus(below), v.rcvNxt(), new byte[0], Flag.ACK));
            timers.put(Timer.KEEPALIVE, now + config.keepAliveIntervalMicros());
            enter(to(w, "keepAliveProbe", Rule.R_KA_2, Rule.R_KA_4, Rule.S_8));
          } else {
            events.add(new UserEvent.ConnectionTimedOut());
            aborted = true;
            enter(to(CLOSED, "keepAliveGiveUp", Rule.R_KA_3));
          }
        }
      }
      case USER_TIMEOUT -> {
        if (!(state instanceof Closed) && !(state instanceof Listen)) {
          events.add(new UserEvent.ConnectionTimedOut());
          aborted = true;
          enter(to(CLOSED, "userTimeout", Rule.R_TO_2));
        }
      }
    }
    return finish(null);
  }

  /**
   * R-OPEN-10, R-TO-1, S-3, spec action {@code retransmitTimeout}: resend the oldest unacknowledged segment
   * (SYN, SYN,ACK, data or FIN), double the RTO (RFC 6298 §5.5) and restart the timer; Karn's rule: no RTT
   * sample from a retransmitted segment. With nothing outstanding but data queued against a zero window, the
   * timer is the persist timer: {@link #windowProbe}.
   */
  private void retransmitTimeout() {
    if (state instanceof WithVars w && persisting(w)) {
      windowProbe(w);
      return;
    }
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
          case LastAck s -> faults.contains(Fault.LAST_ACK_NO_FIN_RETRANSMIT) ? s : resendOldest(s);
          case TimeWait s -> s;
        };
    backOff();
    enter(to(next, "retransmitTimeout", resent()));
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
        && !finSent
        && v.sndWnd() == 0
        && v.sndUna().equals(v.sndNxt())
        && sendBuffer.endSeq().gt(v.sndNxt());
  }

  /**
   * R-WND-1 (MUST-36, SHLD-29), spec action {@code windowProbe} (spec/README.md, interpretation 10): the persist
   * timer fires while text waits for a closed window: one octet goes out beyond the window, SND.NXT moves past
   * it, and the timer restarts with backoff; from then on the octet is retransmitted as any text is.
   */
  private void windowProbe(WithVars w) {
    SeqVars v = w.vars();
    out.add(segment(v.sndNxt(), v.rcvNxt(), sendBuffer.slice(v.sndNxt(), 1), Flag.ACK));
    TcpState next = w.withVars(v.withSndNxt(v.sndNxt().plus(1)));
    backOff();
    enter(to(next, "windowProbe", Rule.R_WND_1));
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
   * R-TO-2, R-OPEN-10, spec action {@code giveUp}: R2 is reached: "connection timed out", CLOSED; a
   * SYN-RECEIVED from a passive OPEN drops the half-open attempt and listens on.
   */
  private void giveUp() {
    if (state instanceof SynReceived r && r.passive()) {
      enter(Connection.<SynReceivedNext>to(LISTEN, "giveUp", Rule.R_OPEN_10));
      return;
    }
    events.add(new UserEvent.ConnectionTimedOut());
    aborted = true;
    enter(to(CLOSED, "giveUp", Rule.R_OPEN_10, Rule.R_TO_2));
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
    boolean keepAlive =
        config.keepAlive()
            && (state instanceof Established || state instanceof CloseWait)
            && !outstanding
            && !persist;
    if (keepAlive) {
      timers.putIfAbsent(Timer.KEEPALIVE, now + config.keepAliveIdleMicros());
    } else {
      timers.remove(Timer.KEEPALIVE);
      keepAliveProbes = 0;
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
