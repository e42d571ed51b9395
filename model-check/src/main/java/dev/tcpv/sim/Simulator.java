package dev.tcpv.sim;

import dev.tcpv.conn.ConnResult;
import dev.tcpv.conn.Connection;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.TcpState;
import dev.tcpv.conn.Timer;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.trace.TraceEvent;
import dev.tcpv.tracefile.EngineRecords;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.Timers;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.wire.Segment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Two engines, A and B, of one 4-tuple over an adversarial network, driven by a seeded RNG; the run is a fully
 * observed trace (both hosts' steps, every delivery, loss, duplication, crash and tick).
 *
 * <p>The engines run in a configuration that the spec models exactly (README "Traces"): time moves in ticks of
 * {@link #TICK_MICROS}; MSL is {@link #MSL} ticks; the RTO estimator is pinned (initial = min = max = {@link
 * #RTO} ticks, so backoff stays at the ceiling and the spec's fixed {@code Rto} holds); R2 is {@code (MaxRetries +
 * 1) x Rto} of time, which is the spec's retry count; the user timeout never fires; segments of at most the MSS
 * of the run ({@code MaxSegLen}: 1 by default; with an MSS m, a SEND call queues 1 to 2m octets and a user sends
 * m times the workload's bytes); the challenge-ACK rate limit is out of reach; the ISN generator is the spec's
 * ISN clock (it advances {@link
 * #ISN_RATE} per tick and per draw); the user never ABORTs in TIME-WAIT. The simulator plays the endpoint's part
 * for a crashed host: during quiet time (MSL) its replies are not sent and its user does not open.
 */
public final class Simulator {
  /** A tick, in microseconds. */
  public static final long TICK_MICROS = 20_000_000L;
  /** MSL in ticks. */
  public static final int MSL = 2;
  /** Retransmission timeout in ticks. */
  public static final int RTO = 5;
  /** Retransmissions before giving up (R2). */
  public static final int MAX_RETRIES = 2;
  /** The window each end offers. */
  public static final int RCV_WND = 4;
  /** Keep-alive idle time, interval, probes. */
  public static final int KA_IDLE = 6;
  /** Keep-alive interval. */
  public static final int KA_INTERVAL = 3;
  /** Keep-alive probes. */
  public static final int KA_PROBES = 3;
  /** The sequence space of the run's numbers (the spec's SeqMod; TLC's integers are 32-bit). */
  public static final long SEQ_MOD = 1L << 30;
  /** ISN clock increments per tick and per draw. */
  public static final long ISN_RATE = 1000;
  /** ISN offsets (F of R-ISN-1) of A and B. */
  public static final long ISN_OFFSET_A = 10_000;
  /** ISN offset of B. */
  public static final long ISN_OFFSET_B = 500_000_000;

  private static final String[] HOSTS = {"A", "B"};

  /** The largest MSS a run may have: a segment fits the window the peer offers. */
  public static final int MAX_MSS = RCV_WND;

  /**
   * The engines' configuration for segments of at most {@code mss} octets, with users who read through RECEIVE
   * calls when {@code reads}.
   */
  public static TcpConfig engineConfig(int mss, boolean reads) {
    long r2 = (MAX_RETRIES + 1L) * RTO * TICK_MICROS;
    return new TcpConfig(true, 1_000_000, true, true, MSL * TICK_MICROS, true, KA_IDLE * TICK_MICROS,
        KA_INTERVAL * TICK_MICROS, KA_PROBES, 3, r2, r2, Long.MAX_VALUE / 4, RTO * TICK_MICROS,
        RTO * TICK_MICROS, RTO * TICK_MICROS, RCV_WND, mss, reads);
  }

  /** The header of a simulated trace whose segments carry at most {@code mss} octets. */
  public static TraceHeader header(long seed, String scenario, int mss, boolean reads) {
    return new TraceHeader(List.of("A", "B"), SEQ_MOD, MSL * TICK_MICROS, TICK_MICROS, "clock", ISN_RATE,
        ISN_OFFSET_A, ISN_OFFSET_B, RCV_WND, mss, sendMax(mss), reads,
        Timers.exact(TICK_MICROS, RTO, MAX_RETRIES, 2 * MSL, true, KA_IDLE, KA_INTERVAL, KA_PROBES), true, true, true,
        seed, scenario);
  }

  /** The most octets one SEND call queues in a run with MSS {@code mss}. */
  static int sendMax(int mss) {
    return mss == 1 ? 1 : 2 * mss;
  }

  private record Flight(Segment segment, SegmentRecord rec, int dst, int age) {
    Flight older() {
      return new Flight(segment, rec, dst, age + 1);
    }
  }

  private final class Host {
    final int index;
    final String name;
    Connection conn;
    final List<TraceEvent> events = new ArrayList<>();
    int opensLeft;
    int bytesLeft;
    int quiet;

    Host(int index) {
      this.index = index;
      this.name = HOSTS[index];
      this.conn = newConnection(index, events);
      this.opensLeft = workload.opens();
    }

    boolean active() {
      return index == 0 ? workload.activeA() : workload.activeB();
    }

    int bytes() {
      return mss * (index == 0 ? workload.bytesA() : workload.bytesB());
    }

    String st() {
      return conn.state().rfcName();
    }
  }

  private final long seed;
  private final SplittableRandom rng;
  private final Workload workload;
  private final FaultMix mix;
  private final ConnectionFactory factory;
  private final int mss;
  private final TcpConfig config;
  private final Host[] hosts;
  private final List<Flight> net = new ArrayList<>();
  private final List<TraceLine> lines = new ArrayList<>();
  private final List<SentSegment> wire = new ArrayList<>();
  private long isnClock;
  private long tick;
  private int lossLeft;
  private int dupLeft;
  private int crashLeft;

  private Simulator(long seed, Workload workload, FaultMix mix, ConnectionFactory factory, int mss, boolean reads) {
    this.seed = seed;
    this.mss = mss;
    this.config = engineConfig(mss, reads);
    this.rng = new SplittableRandom(seed);
    this.workload = workload;
    this.mix = mix;
    this.factory = factory;
    this.lossLeft = mix.loss();
    this.dupLeft = mix.dup();
    this.crashLeft = mix.crash();
    this.hosts = new Host[] {new Host(0), new Host(1)};
  }

  /** The workload and fault mix of {@code seed}: every combination in turn. */
  public static String scenario(long seed) {
    Workload w = Workload.ALL.get((int) Math.floorMod(seed, (long) Workload.ALL.size()));
    FaultMix m = FaultMix.ALL.get((int) Math.floorMod(seed / Workload.ALL.size(), (long) FaultMix.ALL.size()));
    return w.name() + "/" + m.name();
  }

  /** Runs seed {@code seed} for at most {@code maxSteps} steps with the production engine. */
  public static Trace run(long seed, int maxSteps) {
    return run(seed, maxSteps, ConnectionFactory.ENGINE);
  }

  /** Runs seed {@code seed} for at most {@code maxSteps} steps with engines made by {@code factory}. */
  public static Trace run(long seed, int maxSteps, ConnectionFactory factory) {
    return simulate(seed, maxSteps, factory).trace();
  }

  /**
   * One run: its trace and every segment the engines put on the network, in order.
   *
   * @param trace the fully observed trace
   * @param wire the segments of the trace's {@code sent} fields, as the engines encoded them
   */
  public record Run(Trace trace, List<SentSegment> wire) {
    /** Copies the list. */
    public Run {
      wire = List.copyOf(wire);
    }
  }

  /** Runs seed {@code seed} with the production engine, keeping the segments sent as well as the trace. */
  public static Run simulate(long seed, int maxSteps) {
    return simulate(seed, maxSteps, ConnectionFactory.ENGINE);
  }

  /** Runs seed {@code seed} with engines made by {@code factory}, keeping the segments sent. */
  public static Run simulate(long seed, int maxSteps, ConnectionFactory factory) {
    return simulate(seed, maxSteps, factory, 1);
  }

  /**
   * Runs seed {@code seed} with engines made by {@code factory} whose segments carry at most {@code mss} octets
   * (1 to {@link #MAX_MSS}), keeping the segments sent.
   */
  public static Run simulate(long seed, int maxSteps, ConnectionFactory factory, int mss) {
    return simulate(seed, maxSteps, factory, mss, false);
  }

  /**
   * Runs seed {@code seed} with engines made by {@code factory} whose segments carry at most {@code mss} octets
   * (1 to {@link #MAX_MSS}) and, when {@code reads}, whose users take text with RECEIVE calls of random sizes at
   * random times (so that windows close, often to zero, and open again), keeping the segments sent.
   */
  public static Run simulate(long seed, int maxSteps, ConnectionFactory factory, int mss, boolean reads) {
    if (mss < 1 || mss > MAX_MSS) {
      throw new IllegalArgumentException("the MSS of a simulated run is 1 to " + MAX_MSS + ", not " + mss);
    }
    Workload w = Workload.ALL.get((int) Math.floorMod(seed, (long) Workload.ALL.size()));
    FaultMix m = FaultMix.ALL.get((int) Math.floorMod(seed / Workload.ALL.size(), (long) FaultMix.ALL.size()));
    Simulator s = new Simulator(seed, w, m, factory, mss, reads);
    s.loop(maxSteps);
    List<TraceLine> numbered = new ArrayList<>();
    for (TraceLine l : s.lines) {
      numbered.add(l.atLine(numbered.size() + 2));
    }
    return new Run(
        new Trace("seed-" + seed + ".ndjson", header(seed, w.name() + "/" + m.name(), mss, reads), numbered), s.wire);
  }

  private Connection newConnection(int index, List<TraceEvent> events) {
    int local = index == 0 ? 40000 : 80;
    int remote = index == 0 ? 80 : 40000;
    return factory.create(config, nowMicros -> draw(index), local, remote, events::add);
  }

  private SeqNum draw(int host) {
    long off = host == 0 ? ISN_OFFSET_A : ISN_OFFSET_B;
    long iss = (isnClock + off) % SEQ_MOD;
    isnClock = (isnClock + ISN_RATE) % SEQ_MOD;
    return SeqNum.of(iss);
  }

  private long now() {
    return tick * TICK_MICROS;
  }

  /** How long {@code f} has been in flight, in microseconds. */
  private static long ageMicros(Flight f) {
    return f.age() * TICK_MICROS;
  }

  private enum Kind { CALL, DELIVER, DUPLICATE, LOSE, TIMEOUT, CRASH, TICK }

  private record Move(Kind kind, int host, int index, String what, int weight) {}

  private void loop(int maxSteps) {
    while (lines.size() < maxSteps) {
      List<Move> moves = moves();
      if (moves.isEmpty()) {
        return;
      }
      int total = 0;
      for (Move m : moves) {
        total += m.weight();
      }
      int r = rng.nextInt(total);
      Move chosen = moves.get(moves.size() - 1);
      for (Move m : moves) {
        r -= m.weight();
        if (r < 0) {
          chosen = m;
          break;
        }
      }
      apply(chosen);
    }
  }

  private boolean pending() {
    if (!net.isEmpty()) {
      return true;
    }
    for (Host h : hosts) {
      if (h.quiet > 0 || !h.conn.runningTimers().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private List<Timer> due(Host h) {
    List<Timer> due = new ArrayList<>();
    for (Timer t : Timer.values()) {
      Long d = h.conn.deadline(t);
      if (d != null && d <= now()) {
        due.add(t);
      }
    }
    return due;
  }

  private List<Move> moves() {
    List<Move> moves = new ArrayList<>();
    boolean nothingDue = true;
    for (int i = 0; i < net.size(); i++) {
      Flight f = net.get(i);
      boolean aged = f.age() >= MSL;
      nothingDue &= !aged;
      moves.add(new Move(Kind.DELIVER, f.dst(), i, "", aged ? 40 : 12));
      if (dupLeft > 0) {
        moves.add(new Move(Kind.DUPLICATE, f.dst(), i, "", 2));
      }
      if (lossLeft > 0) {
        moves.add(new Move(Kind.LOSE, f.dst(), i, "", 3));
      }
    }
    for (Host h : hosts) {
      for (Timer t : due(h)) {
        nothingDue = false;
        moves.add(new Move(Kind.TIMEOUT, h.index, t.ordinal(), "", 30));
      }
      userMoves(h, moves);
      if (crashLeft > 0 && !h.st().equals("CLOSED")) {
        moves.add(new Move(Kind.CRASH, h.index, 0, "", 2));
      }
    }
    if (nothingDue && pending()) {
      moves.add(new Move(Kind.TICK, 0, 0, "", 10));
    }
    return moves;
  }

  private void userMoves(Host h, List<Move> moves) {
    String st = h.st();
    if (h.conn.unread() > 0) {
      // A reader is slow on purpose: text piles up in its buffer and the window closes, often to zero.
      moves.add(new Move(Kind.CALL, h.index, 0, "receive", 3));
    }
    int abort = workload.abortWeight();
    switch (st) {
      case "CLOSED" -> {
        if (h.opensLeft > 0 && h.quiet == 0) {
          // A client mostly waits for its server to listen; sometimes it does not (a RST refuses it).
          Host peer = hosts[1 - h.index];
          boolean ready = !h.active() || peer.active() || peer.opensLeft == 0 || !peer.st().equals("CLOSED");
          moves.add(new Move(Kind.CALL, h.index, 0, h.active() ? "activeOpen" : "passiveOpen", ready ? 8 : 1));
        }
      }
      case "LISTEN", "SYN-SENT" -> {
        if (abort > 0) {
          moves.add(new Move(Kind.CALL, h.index, 0, rng.nextBoolean() ? "abort" : "close", 1));
        }
      }
      case "SYN-RECEIVED" -> {
        if (abort > 0) {
          moves.add(new Move(Kind.CALL, h.index, 0, "abort", 1));
        }
      }
      case "ESTABLISHED", "CLOSE-WAIT" -> {
        if (h.bytesLeft > 0) {
          moves.add(new Move(Kind.CALL, h.index, 0, "send", 6));
        }
        if (workload.name().equals("keep-alive")) {
          break; // idle forever: the keep-alive timer runs until the step limit
        }
        if (h.bytesLeft == 0 || workload.closeEarly()) {
          moves.add(new Move(Kind.CALL, h.index, 0, "close", 4));
        }
        if (abort > 0) {
          moves.add(new Move(Kind.CALL, h.index, 0, "abort", Math.max(1, abort / 20)));
        }
      }
      case "FIN-WAIT-1", "FIN-WAIT-2" -> {
        if (abort > 0) {
          moves.add(new Move(Kind.CALL, h.index, 0, "abort", Math.max(1, abort / 40)));
        }
      }
      default -> {}
    }
  }

  private void apply(Move m) {
    switch (m.kind()) {
      case CALL -> call(hosts[m.host()], m.what());
      case DELIVER, DUPLICATE -> deliver(m.index(), m.kind() == Kind.DUPLICATE);
      case LOSE -> {
        Flight f = net.remove(m.index());
        lossLeft--;
        lines.add(new TraceLine(0, "Lose", null, now(), List.of(), f.rec(), ageMicros(f), false, List.of(),
            tcbs()));
      }
      case TIMEOUT -> {
        Host h = hosts[m.host()];
        ConnResult r = h.conn.handleTimeout(Timer.values()[m.index()], now());
        record(h, r, null, 0, false);
      }
      case CRASH -> {
        Host h = hosts[m.host()];
        crashLeft--;
        h.conn = newConnection(h.index, h.events);
        h.quiet = MSL;
        h.bytesLeft = 0;
        lines.add(new TraceLine(0, "Crash", h.name, now(), List.of("R-ISN-2"), null, 0, false, List.of(), tcbs()));
      }
      case TICK -> {
        tick++;
        isnClock = (isnClock + ISN_RATE) % SEQ_MOD;
        net.replaceAll(Flight::older);
        for (Host h : hosts) {
          h.quiet = Math.max(0, h.quiet - 1);
        }
        lines.add(new TraceLine(0, "Tick", null, now(), List.of(), null, 0, false, List.of(), tcbs()));
      }
    }
  }

  private void call(Host h, String what) {
    ConnResult r =
        switch (what) {
          case "activeOpen" -> {
            h.opensLeft--;
            h.bytesLeft = h.bytes();
            yield h.conn.activeOpen(now());
          }
          case "passiveOpen" -> {
            h.opensLeft--;
            h.bytesLeft = h.bytes();
            yield h.conn.passiveOpen(now());
          }
          case "send" -> {
            // One octet per call takes no draw, so that a run of MSS 1 is what it was before SEND sizes varied.
            int most = Math.min(h.bytesLeft, sendMax(mss));
            byte[] data = new byte[most == 1 ? 1 : 1 + rng.nextInt(most)];
            for (int i = 0; i < data.length; i++) {
              data[i] = (byte) ('a' + rng.nextInt(26));
            }
            h.bytesLeft -= data.length;
            yield h.conn.send(data, now());
          }
          case "receive" -> h.conn.receive(1 + rng.nextInt(h.conn.unread()), now());
          case "close" -> h.conn.close(now());
          default -> h.conn.abort(now());
        };
    record(h, r, null, 0, false);
  }

  private void deliver(int index, boolean duplicate) {
    Flight f = net.get(index);
    if (duplicate) {
      dupLeft--;
    } else {
      net.remove(index);
    }
    Host h = hosts[f.dst()];
    ConnResult r = h.conn.handleSegment(f.segment(), now());
    record(h, r, f.rec(), ageMicros(f), duplicate);
  }

  /** Turns the events of one engine call into lines and puts the segments they sent in flight. */
  private void record(Host h, ConnResult r, @Nullable SegmentRecord taken, long age, boolean dup) {
    List<TraceEvent> events = List.copyOf(h.events);
    h.events.clear();
    boolean first = true;
    for (TraceEvent e : events) {
      boolean silent = h.quiet > 0;
      List<SegmentRecord> sent = new ArrayList<>();
      for (Segment s : silent ? List.<Segment>of() : e.sent()) {
        SegmentRecord rec = EngineRecords.segment(h.name, s);
        sent.add(rec);
        wire.add(new SentSegment(now(), h.index, s));
        boolean present = false;
        for (Flight f : net) {
          present |= f.age() == 0 && f.rec().equals(rec);
        }
        if (!present) {
          net.add(new Flight(s, rec, 1 - h.index, 0));
        }
      }
      Map<String, TcbRecord> tcb = tcbs();
      tcb.put(h.name, EngineRecords.tcbAfter(e));
      lines.add(new TraceLine(0, EngineRecords.specAction(e.action()), h.name, now(), e.ruleIds(),
          first ? taken : null, first ? age : 0, first && dup, sent, tcb, e.octets()));
      first = false;
    }
  }

  private Map<String, TcbRecord> tcbs() {
    Map<String, TcbRecord> m = new LinkedHashMap<>();
    for (Host h : hosts) {
      TcpState s = h.conn.state();
      m.put(h.name, EngineRecords.tcb(s.rfcName(), s.variables()));
    }
    return m;
  }

  @Override
  public String toString() {
    return "Simulator[seed=" + seed + ", " + workload.name() + "/" + mix.name() + "]";
  }
}
