package dev.tcpv.endpoint;

import dev.tcpv.conn.ConnResult;
import dev.tcpv.conn.Connection;
import dev.tcpv.conn.IsnGenerator;
import dev.tcpv.conn.Policy;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.TcpState;
import dev.tcpv.conn.Timer;
import dev.tcpv.conn.TimerCommand;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Flags;
import dev.tcpv.wire.Segment;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One TCP endpoint (a host's TCP module, RFC 9293 §3.3.1, §3.10.7) over many {@link Connection}s, without I/O,
 * clock reads or threads. Every call takes the time and returns an {@link EndpointResult}.
 *
 * <ul>
 *   <li>Segments are demultiplexed by {@link FourTuple} to their connection.
 *   <li>Listeners ({@link #listen}) take a SYN into a new connection while fewer than their backlog of
 *       connections are embryonic or waiting for {@link #accept}; a SYN to a full backlog is dropped.
 *   <li>R-OPEN-2: a segment for no connection and no listener is answered as CLOSED answers it.
 *   <li>R-TW-1..4: a connection entering TIME-WAIT is replaced by a compact entry (SND.NXT, RCV.NXT, deadline)
 *       in a primitive table, which answers the segments of that 4-tuple until the deadline.
 *   <li>R-ISN-1: every connection draws its ISS from a {@link KeyedIsnGenerator} under a secret drawn at
 *       construction from the {@link SecureRandom} given.
 *   <li>R-ISN-2: with quiet time on, the endpoint sends nothing for MSL after {@link #start}; what the
 *       connections would have sent is dropped as if lost, and their retransmission timers repair it later.
 *   <li>4-tuples may be IPv4 or IPv6 ({@link FourTuple}, {@link IpAddress}); demultiplexing, the TIME-WAIT table
 *       and the ISN hash take either.
 *   <li>Policy {@link Policy#DROP_SYN_FIN}: a SYN+FIN for a connection, a TIME-WAIT entry or a listener is dropped
 *       before it reaches them.
 * </ul>
 */
public final class Endpoint {

  /** A listener on one local port. */
  private static final class Listener {
    final int backlog;
    final TcpConfig config;
    final Set<FourTuple> members = new HashSet<>();
    final ArrayDeque<FourTuple> ready = new ArrayDeque<>();

    Listener(int backlog, TcpConfig config) {
      this.backlog = backlog;
      this.config = config;
    }
  }

  /**
   * The peer window assumed for a TIME-WAIT entry, which does not keep the real one: the largest unscaled
   * window, so a reopened incarnation's ISS (SND.NXT + 1 + window, R-TW-3) clears any old window.
   */
  private static final long ASSUMED_PEER_WINDOW = 0xFFFF;

  private final TcpConfig config;
  private final KeyedIsnGenerator.Secret secret;
  private final boolean quietTime;
  private final Engines engines;
  private long quietUntil = Long.MIN_VALUE;
  private final Map<FourTuple, Connection> connections = new HashMap<>();
  private final Map<Integer, Listener> listeners = new HashMap<>();
  private final TimeWaitTable timeWait = new TimeWaitTable();

  /**
   * An endpoint that has not started.
   *
   * @param config the policies of every connection and of the TIME-WAIT table
   * @param random where the ISN secret comes from (R-ISN-1), drawn once here
   * @param quietTime R-ISN-2: whether to keep quiet for MSL after {@link #start} (policy; on for an endpoint
   *     that lost its memory of sequence numbers)
   */
  public Endpoint(TcpConfig config, SecureRandom random, boolean quietTime) {
    this(config, random, quietTime, (c, isn, local, remote) -> new Connection(c, isn, local, remote, null));
  }

  /**
   * An endpoint whose connections {@code engines} makes: for tests, which run the endpoint over engines with a
   * deliberate fault (the fault is selected where {@link Connection}'s package-private constructor is reachable,
   * in that package's tests; no main code selects one).
   */
  public Endpoint(TcpConfig config, SecureRandom random, boolean quietTime, Engines engines) {
    this.config = config;
    this.secret = KeyedIsnGenerator.Secret.draw(random);
    this.quietTime = quietTime;
    this.engines = engines;
  }

  /** How an endpoint makes the engine of a connection (the TCB of its 4-tuple), with no trace sink. */
  @FunctionalInterface
  public interface Engines {
    /** A connection between {@code localPort} and {@code remotePort} with {@code config}, its ISNs from {@code isn}. */
    Connection open(TcpConfig config, IsnGenerator isn, int localPort, int remotePort);
  }

  /** R-ISN-2: the endpoint (re)starts at {@code nowMicros}; with quiet time on it sends nothing for MSL. */
  public void start(long nowMicros) {
    quietUntil = quietTime ? nowMicros + config.mslMicros() : Long.MIN_VALUE;
  }

  /** Whether the quiet time of R-ISN-2 still runs at {@code nowMicros}. */
  public boolean quiet(long nowMicros) {
    return nowMicros < quietUntil;
  }

  /** Listens on {@code port} with room for {@code backlog} connections not yet accepted. */
  public void listen(int port, int backlog) {
    listen(port, backlog, config);
  }

  /**
   * Listens on {@code port} with room for {@code backlog} connections not yet accepted, whose connections take
   * the policies {@code connectionConfig} (a socket's own options) instead of the endpoint's.
   */
  public void listen(int port, int backlog, TcpConfig connectionConfig) {
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be positive: " + backlog);
    }
    listeners.put(port, new Listener(backlog, connectionConfig));
  }

  /**
   * CLOSE of the listener on {@code port} (§3.10.4, LISTEN: the TCB is deleted). Its connections that were
   * not accepted have no user left: an established one is aborted as ABORT does it (R-RST-3); one still in the
   * handshake is forgotten silently, as the listener's own TCB would have been, and the peer's retransmission
   * then meets CLOSED (R-OPEN-2).
   */
  public EndpointResult unlisten(int port, long nowMicros) {
    Out out = new Out();
    Listener l = listeners.remove(port);
    if (l != null) {
      for (FourTuple t : List.copyOf(l.members)) {
        Connection c = connections.get(t);
        if (c == null) {
          continue;
        }
        if (l.ready.contains(t)) {
          after(t, c, c.abort(nowMicros), nowMicros, out);
        } else {
          connections.remove(t);
          out.events.add(new EndpointResult.Event(t, new UserEvent.Closed(false)));
        }
      }
    }
    return out.result();
  }

  /** The oldest established connection of the listener on {@code port} not yet accepted, or null. */
  public @Nullable FourTuple accept(int port) {
    Listener l = listeners.get(port);
    if (l == null) {
      return null;
    }
    FourTuple t = l.ready.poll();
    if (t != null) {
      l.members.remove(t);
    }
    return t;
  }

  /** The RFC name of the state of {@code t}: its connection's, TIME-WAIT from the table, else CLOSED. */
  public String state(FourTuple t) {
    Connection c = connections.get(t);
    if (c != null) {
      return c.state().rfcName();
    }
    return timeWait.find(t) >= 0 ? "TIME-WAIT" : "CLOSED";
  }

  /** The connections held as objects (not in TIME-WAIT). */
  public int connectionCount() {
    return connections.size();
  }

  /** The entries of the TIME-WAIT table. */
  public int timeWaitCount() {
    return timeWait.size();
  }

  /** The TIME-WAIT deadline of {@code t}, or null when it has no entry. */
  public @Nullable Long timeWaitDeadline(FourTuple t) {
    int slot = timeWait.find(t);
    return slot < 0 ? null : timeWait.deadline(slot);
  }

  private IsnGenerator isn(FourTuple t) {
    return new KeyedIsnGenerator(secret, t);
  }

  /** Active OPEN of {@code t} (R-OPEN-1); refused with IllegalStateException when the 4-tuple is in use. */
  public EndpointResult connect(FourTuple t, long nowMicros) {
    return connect(t, config, nowMicros);
  }

  /** Active OPEN of {@code t} whose connection takes the policies {@code connectionConfig}. */
  public EndpointResult connect(FourTuple t, TcpConfig connectionConfig, long nowMicros) {
    if (connections.containsKey(t) || timeWait.find(t) >= 0) {
      throw new IllegalStateException("4-tuple in use: " + t);
    }
    Connection c = engines.open(connectionConfig, isn(t), t.localPort(), t.remotePort());
    connections.put(t, c);
    Out out = new Out();
    after(t, c, c.activeOpen(nowMicros), nowMicros, out);
    return out.result();
  }

  /** SEND on the connection {@code t}. */
  public EndpointResult send(FourTuple t, byte[] data, long nowMicros) {
    Connection c = existing(t);
    Out out = new Out();
    after(t, c, c.send(data, nowMicros), nowMicros, out);
    return out.result();
  }

  /**
   * Socket options set on the open connection {@code t} ({@link Connection#setOptions}: keep-alive and the user
   * timeout).
   */
  public EndpointResult setOptions(FourTuple t, TcpConfig options, long nowMicros) {
    Connection c = existing(t);
    Out out = new Out();
    after(t, c, c.setOptions(options, nowMicros), nowMicros, out);
    return out.result();
  }

  /** The MSS the peer of the open connection {@code t} announced ({@link Connection#peerMss}). */
  public int peerMss(FourTuple t) {
    return existing(t).peerMss();
  }

  /** The receive buffer of the open connection {@code t} grows ({@link Connection#growReceiveBuffer}). */
  public EndpointResult growReceiveBuffer(FourTuple t, int octets, long nowMicros) {
    Connection c = existing(t);
    Out out = new Out();
    after(t, c, c.growReceiveBuffer(octets, nowMicros), nowMicros, out);
    return out.result();
  }

  /** CLOSE on the connection {@code t}. */
  public EndpointResult close(FourTuple t, long nowMicros) {
    Connection c = existing(t);
    Out out = new Out();
    after(t, c, c.close(nowMicros), nowMicros, out);
    return out.result();
  }

  /**
   * ABORT on {@code t} (R-RST-3): a connection sends what ABORT sends in its state; a TIME-WAIT entry is
   * deleted silently; without either nothing happens.
   */
  public EndpointResult abort(FourTuple t, long nowMicros) {
    Out out = new Out();
    Connection c = connections.get(t);
    if (c != null) {
      after(t, c, c.abort(nowMicros), nowMicros, out);
      return out.result();
    }
    int slot = timeWait.find(t);
    if (slot >= 0) {
      timeWait.remove(slot);
      out.events.add(new EndpointResult.Event(t, new UserEvent.Closed(false)));
    }
    return out.result();
  }

  private Connection existing(FourTuple t) {
    Connection c = connections.get(t);
    if (c == null) {
      throw new IllegalStateException("no connection: " + t);
    }
    return c;
  }

  /** The segment {@code s} arrived for the 4-tuple {@code t} at {@code nowMicros}. */
  public EndpointResult handleSegment(FourTuple t, Segment s, long nowMicros) {
    Out out = new Out();
    if (dropsSynFin(t, s)) {
      return out.result();
    }
    Connection c = connections.get(t);
    if (c != null) {
      after(t, c, c.handleSegment(s, nowMicros), nowMicros, out);
      return out.result();
    }
    int slot = timeWait.find(t);
    if (slot >= 0) {
      timeWaitSegment(t, slot, s, nowMicros, out);
      return out.result();
    }
    Listener l = listeners.get(t.localPort());
    if (l != null) {
      if (plainSyn(s.flags()) && l.members.size() >= l.backlog) {
        return out.result();
      }
      Connection n = engines.open(l.config, isn(t), t.localPort(), t.remotePort());
      n.passiveOpen(nowMicros);
      ConnResult r = n.handleSegment(s, nowMicros);
      if (!(n.state() instanceof TcpState.Listen)) {
        connections.put(t, n);
        l.members.add(t);
      }
      after(t, n, r, nowMicros, out);
      return out.result();
    }
    // R-OPEN-2: no TCB; CLOSED's own rules give the answer.
    Connection closed = engines.open(config, isn(t), t.localPort(), t.remotePort());
    emit(t, closed.handleSegment(s, nowMicros), nowMicros, out);
    return out.result();
  }

  /** The timer {@code timer} of {@code t} fired at {@code nowMicros}. */
  public EndpointResult handleTimeout(FourTuple t, Timer timer, long nowMicros) {
    Out out = new Out();
    Connection c = connections.get(t);
    if (c != null) {
      after(t, c, c.handleTimeout(timer, nowMicros), nowMicros, out);
      return out.result();
    }
    int slot = timeWait.find(t);
    if (slot >= 0 && timer == Timer.TIME_WAIT && nowMicros >= timeWait.deadline(slot)) {
      // R-TW-4: the TIME-WAIT timeout deletes the (compact) TCB; restored, the connection takes the step itself.
      Connection w = restore(t, slot, config);
      after(t, w, w.handleTimeout(timer, nowMicros), nowMicros, out);
    }
    return out.result();
  }

  /**
   * Policy {@link Policy#DROP_SYN_FIN}: a segment with SYN and FIN for a connection, a TIME-WAIT entry or a
   * listener is dropped; one for no TCB is left to CLOSED's rules.
   */
  private boolean dropsSynFin(FourTuple t, Segment s) {
    Flags f = s.flags();
    return config.has(Policy.DROP_SYN_FIN) && f.contains(Flag.SYN) && f.contains(Flag.FIN)
        && (connections.containsKey(t) || timeWait.find(t) >= 0 || listeners.containsKey(t.localPort()));
  }

  private static boolean plainSyn(Flags f) {
    return f.contains(Flag.SYN) && !f.contains(Flag.ACK) && !f.contains(Flag.RST);
  }

  /**
   * A segment for a TIME-WAIT entry: the entry is restored into a {@link Connection} in TIME-WAIT, whose own
   * rules answer it (R-TW-1 retransmitted FIN, R-TW-2 RST, R-TW-3 reopen, R-SEQ-4), and {@link #after} puts it
   * back in the table or forgets it. A reopen (R-TW-3) also needs a listener on the local port with room, so
   * the restored connection has the policy only then; a reopened connection joins that listener.
   */
  private void timeWaitSegment(FourTuple t, int slot, Segment s, long now, Out out) {
    Listener l = listeners.get(t.localPort());
    boolean listenerHasRoom = l != null && l.members.size() < l.backlog;
    TcpConfig policy = config.withTimeWaitReopen(config.timeWaitReopen() && listenerHasRoom);
    Connection c = restore(t, slot, policy);
    ConnResult r = c.handleSegment(s, now);
    if (c.state() instanceof TcpState.SynReceived && l != null) {
      connections.put(t, c);
      l.members.add(t);
    }
    after(t, c, r, now, out);
  }

  /**
   * The TIME-WAIT entry in {@code slot}, taken out of the table into a connection in TIME-WAIT with {@code policy},
   * made by {@link #engines} as every connection of the endpoint is (its trace sink, its faults in tests).
   */
  private Connection restore(FourTuple t, int slot, TcpConfig policy) {
    Connection c = engines.open(policy, isn(t), t.localPort(), t.remotePort()).restoreTimeWait(
        new SeqNum(timeWait.sndNxt(slot)), new SeqNum(timeWait.rcvNxt(slot)), ASSUMED_PEER_WINDOW,
        timeWait.deadline(slot));
    timeWait.remove(slot);
    return c;
  }

  /** Takes a connection's output and moves it to the table, or forgets it, as its new state requires. */
  private void after(FourTuple t, Connection c, ConnResult r, long now, Out out) {
    emit(t, r, now, out);
    Listener l = listeners.get(t.localPort());
    boolean member = l != null && l.members.contains(t);
    if (l != null && member) {
      for (UserEvent e : r.events()) {
        if (e instanceof UserEvent.Established) {
          l.ready.add(t);
        }
      }
    }
    TcpState st = c.state();
    if (st instanceof TcpState.TimeWait tw) {
      Long d = c.deadline(Timer.TIME_WAIT);
      timeWait.put(t, tw.vars().sndNxt().value(), tw.vars().rcvNxt().value(),
          d != null ? d : now + 2 * config.mslMicros());
      forget(t, l);
    } else if (st instanceof TcpState.Closed || st instanceof TcpState.Listen) {
      forget(t, l);
    }
  }

  private void forget(FourTuple t, @Nullable Listener l) {
    connections.remove(t);
    if (l != null && l.members.remove(t)) {
      l.ready.remove(t);
    }
  }

  private void emit(FourTuple t, ConnResult r, long now, Out out) {
    for (Segment s : r.segments()) {
      send(t, s, now, out);
    }
    for (TimerCommand tc : r.timers()) {
      out.timers.add(new EndpointResult.TimerOrder(t, tc));
    }
    for (UserEvent e : r.events()) {
      out.events.add(new EndpointResult.Event(t, e));
    }
  }

  /** Queues {@code s} unless the quiet time of R-ISN-2 runs. */
  private void send(FourTuple t, Segment s, long now, Out out) {
    if (!quiet(now)) {
      out.segments.add(new EndpointResult.Outgoing(t, s));
    }
  }

  /** The output of one call being gathered. */
  private static final class Out {
    final List<EndpointResult.Outgoing> segments = new ArrayList<>();
    final List<EndpointResult.TimerOrder> timers = new ArrayList<>();
    final List<EndpointResult.Event> events = new ArrayList<>();

    EndpointResult result() {
      return new EndpointResult(segments, timers, events);
    }
  }
}
