package dev.tcpv.sim;

import dev.tcpv.config.SpecConstants;
import dev.tcpv.conn.ConnResult;
import dev.tcpv.conn.Connection;
import dev.tcpv.conn.IsnGenerator;
import dev.tcpv.conn.KeyedIsnGenerator;
import dev.tcpv.conn.SeqVars;
import dev.tcpv.conn.Rule;
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
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Segment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Two engines, A and B, of one 4-tuple over an adversarial network, driven by a seeded RNG; the run is a fully
 * observed trace (both hosts' steps, every delivery, loss, duplication, crash and, in the spec-shaped profile,
 * tick).
 *
 * <p>Two profiles ({@link Profile}). {@link Profile#PRODUCTION} runs the engine as it ships ({@link
 * TcpConfig#defaults()}: MSS 1460, a 65,535-octet window, RFC 6298 RTO with backoff, R2 of 100 s and 3 minutes,
 * MSL 2 minutes, challenge ACKs limited to 10 a second, a 5-minute user timeout) with RFC 6528 keyed ISNs on a
 * 4 µs clock, on a microsecond clock: each segment takes its own delay (mostly milliseconds, sometimes seconds,
 * rarely up to MSL, so that segments overtake one another and old duplicates arrive late), users send random
 * amounts through SEND calls of random sizes, and the workloads add a bulk transfer of {@link #BULK_OCTETS} each
 * way and a zero-window stall. Its traces carry no Tick lines; their header gives the timers as bounds.
 *
 * <p>{@link Profile#SPEC} runs the engines in a configuration that the spec models exactly (docs/traces.md),
 * which {@code conform} and the spec-shaped batches of {@code traces} use: time moves in ticks of {@link
 * #TICK_MICROS}, and the engines follow {@link #SPEC_CONSTANTS} as {@link SpecConstants} maps them (a pinned RTO,
 * R2 as the spec's retry count, no user timeout, no challenge-ACK limit); segments carry at most the MSS of the run
 * ({@code MaxSegLen}: 1 by default; with an MSS m, a SEND call queues 1 to 2m octets and a user sends m times the
 * workload's bytes); the ISN generator is the spec's ISN clock (it advances {@link #ISN_RATE} per tick and per
 * draw).
 *
 * <p>In both, the user never ABORTs in TIME-WAIT, and the simulator plays the endpoint's part for a crashed host:
 * for MSL after the crash (quiet time, R-ISN-2) its replies are not sent and its user does not open; the
 * endpoint's ISN key survives the crash.
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

  /** Which configuration a run has. */
  public enum Profile {
    /** The engine as it ships, on a microsecond clock (the default of {@code tcpv simulate}). */
    PRODUCTION,
    /** The configuration the spec models exactly: ticks of 20 s, a pinned RTO, the spec's ISN clock. */
    SPEC
  }

  /** The resolution at which production traces are validated (their header's {@code tickMicros}): 1 ms. */
  public static final long PROD_TICK_MICROS = 1_000;
  /** The most octets one SEND call of a production run queues. */
  public static final int PROD_SEND_MAX = 65_536;
  /** The octets each user sends in the production bulk workload: 1 MiB. */
  public static final int BULK_OCTETS = 1 << 20;
  /** Steps a production run may take, at most: every workload ends well before. */
  public static final int PROD_STEPS = 200_000;
  /** The longest a user thinks before its next call, in microseconds. */
  private static final long THINK_MICROS = 20_000;
  /** The longest a zero-window stall's reader sleeps between reads, in microseconds. */
  private static final long STALL_MICROS = 30_000_000;

  /** The largest MSS a run may have: a segment fits the window the peer offers. */
  public static final int MAX_MSS = RCV_WND;

  /**
   * The engines' configuration for segments of at most {@code mss} octets, with users who read through RECEIVE
   * calls when {@code reads}.
   */
  public static TcpConfig engineConfig(int mss, boolean reads) {
    return SPEC_CONSTANTS.withMaxSegLen(mss).engineConfig(reads, false);
  }

  /**
   * The spec profile's constants (MaxSegLen 1; {@link #engineConfig} sets the run's MSS), in ticks of {@link
   * #TICK_MICROS}: policies all on, keep-alive on, TIME-WAIT 2 x MSL.
   */
  public static final SpecConstants SPEC_CONSTANTS = new SpecConstants(MSL, RTO, MAX_RETRIES, 2 * MSL, RCV_WND, 1,
      true, true, true, true, KA_IDLE, KA_INTERVAL, KA_PROBES, TICK_MICROS);

  /**
   * The production engines' configuration: the defaults, with keep-alive and RECEIVE calls as the workload says,
   * and RFC 5961 and RFC 1337 off when {@code rfc793} (fault mix {@code attack793}).
   */
  public static TcpConfig productionConfig(boolean keepAlive, boolean reads, boolean rfc793) {
    return TcpConfig.defaults().withKeepAlive(keepAlive).withUserReads(reads).withRfc5961(!rfc793)
        .withRfc1337(!rfc793);
  }

  /**
   * The header of a production trace: 32-bit numbers, ISS values from a keyed 4 µs clock, the timers of {@link
   * #productionConfig} as bounds (the RTO anywhere from its floor to its ceiling, with backoff; R2 as a time),
   * validated at a resolution of {@link #PROD_TICK_MICROS}; policy {@code fastRetransmit} with congestion control,
   * {@code swsReceiver} with silly-window avoidance and user reads.
   */
  public static TraceHeader productionHeader(long seed, String scenario, TcpConfig c, int inject) {
    boolean reads = c.userReads();
    Timers timers = SpecConstants.timersOf(c);
    TraceHeader h = new TraceHeader(List.of("A", "B"), 1L << 32, c.mslMicros(), PROD_TICK_MICROS, "keyed",
        PROD_TICK_MICROS / KeyedIsnGenerator.CLOCK_MICROS, 0, 0, c.receiveWindow(), c.mss(), PROD_SEND_MAX, reads,
        timers, c.rfc5961(), c.rfc1337(), c.timeWaitReopen(), inject, seed, scenario);
    // R-CC-1: congestion control resends the oldest text on the third duplicate ACK (spec FastRetransmit).
    // R-WND-2 (MUST-39): a reading receiver holds small openings back (spec ReadOpenings).
    List<String> policies = new ArrayList<>();
    if (c.congestionControl()) {
      policies.add("fastRetransmit");
    }
    if (c.swsAvoidance() && reads) {
      policies.add("swsReceiver");
    }
    return policies.isEmpty() ? h : h.withPolicies(policies);
  }

  /** The header of a simulated trace whose segments carry at most {@code mss} octets. */
  public static TraceHeader header(long seed, String scenario, int mss, boolean reads, int inject) {
    return new TraceHeader(List.of("A", "B"), SEQ_MOD, MSL * TICK_MICROS, TICK_MICROS, "clock", ISN_RATE,
        ISN_OFFSET_A, ISN_OFFSET_B, RCV_WND, mss, sendMax(mss), reads,
        SPEC_CONSTANTS.timers(), true, true, true,
        inject, seed, scenario);
  }

  /** The most octets one SEND call queues in a run with MSS {@code mss}. */
  static int sendMax(int mss) {
    return mss == 1 ? 1 : 2 * mss;
  }

  /**
   * A segment in flight. In ticks ({@link Profile#SPEC}) its {@code age}; in microseconds ({@link
   * Profile#PRODUCTION}) when it was sent and from when it may arrive.
   */
  private record Flight(Segment segment, SegmentRecord rec, int dst, int age, long sentAt, long arrivesAt) {
    Flight older() {
      return new Flight(segment, rec, dst, age + 1, sentAt, arrivesAt);
    }
  }

  private final class Host {
    final int index;
    final String name;
    Connection conn;
    final List<TraceEvent> events = new ArrayList<>();
    final @Nullable IsnGenerator keyed;
    int opensLeft;
    int bytesLeft;
    int quiet;
    long quietUntil;
    long readAt;
    long openedAt = -KeyedIsnGenerator.CLOCK_MICROS;

    Host(int index) {
      this.index = index;
      this.name = HOSTS[index];
      this.keyed = profile == Profile.PRODUCTION ? keyedIsn(index) : null;
      this.conn = newConnection(index, keyed, events);
      this.opensLeft = workload.opens();
    }

    boolean quiet() {
      return profile == Profile.PRODUCTION ? now < quietUntil : quiet > 0;
    }

    boolean active() {
      return index == 0 ? workload.activeA() : workload.activeB();
    }

    int bytes() {
      int most = index == 0 ? workload.bytesA() : workload.bytesB();
      if (profile == Profile.SPEC) {
        return mss * most;
      }
      return most == 0 || workload.name().equals("bulk") ? most : 1 + rng.nextInt(most);
    }

    String st() {
      return conn.state().rfcName();
    }
  }

  private final long seed;
  private final Profile profile;
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
  /** The clock of a production run, in microseconds. */
  private long now;
  private int lossLeft;
  private int dupLeft;
  private int crashLeft;
  private int injectLeft;

  private Simulator(long seed, Profile profile, Workload workload, FaultMix mix, ConnectionFactory factory, int mss,
      boolean reads) {
    this.seed = seed;
    this.profile = profile;
    this.mss = mss;
    this.config = profile == Profile.SPEC ? engineConfig(mss, reads) : productionConfigOf(workload, mix);
    this.rng = new SplittableRandom(seed);
    this.workload = workload;
    this.mix = mix;
    this.factory = factory;
    this.lossLeft = mix.loss();
    this.dupLeft = mix.dup();
    this.crashLeft = mix.crash();
    this.injectLeft = mix.inject();
    this.hosts = new Host[] {new Host(0), new Host(1)};
  }

  /** The workload and fault mix of {@code seed}: every combination in turn. */
  public static String scenario(long seed) {
    Workload w = Workload.ALL.get((int) Math.floorMod(seed, (long) Workload.ALL.size()));
    FaultMix m = FaultMix.SPEC.get((int) Math.floorMod(seed / Workload.ALL.size(), (long) FaultMix.SPEC.size()));
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
    FaultMix m = FaultMix.SPEC.get((int) Math.floorMod(seed / Workload.ALL.size(), (long) FaultMix.SPEC.size()));
    Simulator s = new Simulator(seed, Profile.SPEC, w, m, factory, mss, reads);
    s.loop(maxSteps);
    List<TraceLine> numbered = new ArrayList<>();
    for (TraceLine l : s.lines) {
      numbered.add(l.atLine(numbered.size() + 2));
    }
    return new Run(
        new Trace("seed-" + seed + ".ndjson", header(seed, w.name() + "/" + m.name(), mss, reads, m.inject()),
            numbered),
        s.wire);
  }

  /** The workload and fault mix of production seed {@code seed}: every combination in turn. */
  public static String productionScenario(long seed) {
    return productionWorkload(seed).name() + "/" + productionMix(seed).name();
  }

  private static Workload productionWorkload(long seed) {
    return Workload.PRODUCTION.get((int) Math.floorMod(seed, (long) Workload.PRODUCTION.size()));
  }

  private static FaultMix productionMix(long seed) {
    return FaultMix.ALL.get(
        (int) Math.floorMod(seed / Workload.PRODUCTION.size(), (long) FaultMix.ALL.size()));
  }

  /**
   * The header of production seed {@code seed}'s run, known before it runs: its configuration follows from the
   * seed's workload and fault mix alone.
   */
  public static TraceHeader productionHeader(long seed) {
    Workload w = productionWorkload(seed);
    FaultMix m = productionMix(seed);
    return productionHeader(seed, w.name() + "/" + m.name(), productionConfigOf(w, m), m.inject());
  }

  private static TcpConfig productionConfigOf(Workload w, FaultMix m) {
    return productionConfig(w.name().equals("keep-alive"), productionReads(w), m.rfc793());
  }

  /** Whether the users of workload {@code w} read through RECEIVE calls (the zero-window stall). */
  private static boolean productionReads(Workload w) {
    return w.name().equals("zero-window");
  }

  /** Runs production seed {@code seed} ({@link Profile#PRODUCTION}) with the production engine. */
  public static Run production(long seed) {
    return production(seed, PROD_STEPS, ConnectionFactory.ENGINE);
  }

  /**
   * Runs production seed {@code seed} ({@link Profile#PRODUCTION}) for at most {@code maxSteps} steps with engines
   * made by {@code factory}, keeping the segments sent.
   */
  public static Run production(long seed, int maxSteps, ConnectionFactory factory) {
    return production(seed, maxSteps, factory, productionWorkload(seed));
  }

  /**
   * A bulk transfer of {@code octets} each way, as production seed {@code seed} runs its workload (its fault mix,
   * its RNG): the long traces that measure validation speed by length.
   */
  public static Workload bulk(int octets) {
    return new Workload("bulk", true, false, 1, octets, octets, false, 0);
  }

  /**
   * Runs production seed {@code seed} ({@link Profile#PRODUCTION}) with workload {@code w} for at most {@code
   * maxSteps} steps with engines made by {@code factory}, keeping the segments sent.
   */
  public static Run production(long seed, int maxSteps, ConnectionFactory factory, Workload w) {
    FaultMix m = productionMix(seed);
    Simulator s = new Simulator(seed, Profile.PRODUCTION, w, m, factory, TcpConfig.defaults().mss(),
        productionReads(w));
    s.loop(maxSteps);
    List<TraceLine> numbered = new ArrayList<>();
    for (TraceLine l : s.lines) {
      numbered.add(l.atLine(numbered.size() + 2));
    }
    TraceHeader h = productionHeader(seed, w.name() + "/" + m.name(), s.config, m.inject());
    return new Run(new Trace("seed-" + seed + ".ndjson", h, numbered), s.wire);
  }

  /** R-ISN-1: host {@code index}'s keyed ISN generator, its secret drawn from the run's RNG. */
  private IsnGenerator keyedIsn(int index) {
    byte[] key = new byte[KeyedIsnGenerator.MIN_KEY_OCTETS];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) rng.nextInt(256);
    }
    return new KeyedIsnGenerator(key, PcapWriter.ADDRESSES.get(index), port(index),
        PcapWriter.ADDRESSES.get(1 - index), port(1 - index));
  }

  private static int port(int index) {
    return index == 0 ? 40000 : 80;
  }

  /** Host {@code index}'s engine in CLOSED: ISS values from {@code keyed}, or else from the spec's ISN clock. */
  private Connection newConnection(int index, @Nullable IsnGenerator keyed, List<TraceEvent> events) {
    IsnGenerator isn = keyed != null ? keyed : nowMicros -> draw(index);
    return factory.create(config, isn, port(index), port(1 - index), events::add);
  }

  private SeqNum draw(int host) {
    long off = host == 0 ? ISN_OFFSET_A : ISN_OFFSET_B;
    long iss = (isnClock + off) % SEQ_MOD;
    isnClock = (isnClock + ISN_RATE) % SEQ_MOD;
    return SeqNum.of(iss);
  }

  private long now() {
    return profile == Profile.PRODUCTION ? now : tick * TICK_MICROS;
  }

  /** How long {@code f} has been in flight, in microseconds. */
  private long ageMicros(Flight f) {
    return profile == Profile.PRODUCTION ? now - f.sentAt() : f.age() * TICK_MICROS;
  }

  /**
   * How long a production segment takes to arrive: mostly up to 5 ms, one in ten up to 300 ms, one in a hundred up
   * to MSL (a segment that overtakes its retransmission, an old duplicate).
   */
  private long delay() {
    int r = rng.nextInt(100);
    if (r < 90) {
      return 50 + rng.nextLong(5_000);
    }
    if (r < 99) {
      return 5_000 + rng.nextLong(300_000);
    }
    return 300_000 + rng.nextLong(config.mslMicros() - 300_000);
  }

  private enum Kind { CALL, DELIVER, DUPLICATE, LOSE, TIMEOUT, CRASH, INJECT, TICK, ADVANCE }

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
      if (h.quiet() || !h.conn.runningTimers().isEmpty()) {
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
    if (profile == Profile.PRODUCTION) {
      return productionMoves();
    }
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
    nothingDue &= !hostMoves(moves, 2);
    if (nothingDue && pending()) {
      moves.add(new Move(Kind.TICK, 0, 0, "", 10));
    }
    return moves;
  }

  /**
   * Adds the hosts' moves: timeouts due, user calls, crashes (of weight {@code crashWeight}); whether a timeout is
   * due (time may then not pass).
   */
  private boolean hostMoves(List<Move> moves, int crashWeight) {
    boolean due = false;
    for (Host h : hosts) {
      for (Timer t : due(h)) {
        due = true;
        moves.add(new Move(Kind.TIMEOUT, h.index, t.ordinal(), "", 30));
      }
      userMoves(h, moves);
      if (crashLeft > 0 && !h.st().equals("CLOSED")) {
        moves.add(new Move(Kind.CRASH, h.index, 0, "", crashWeight));
      }
      if (injectLeft > 0 && h.conn.state() instanceof TcpState.WithVars) {
        moves.add(new Move(Kind.INJECT, h.index, rng.nextInt(FORGED_KINDS), "", crashWeight));
      }
    }
    return due;
  }

  /**
   * The moves of a production run: a segment arrives once its delay has passed (so segments overtake one another),
   * and at the latest when it is MSL old; a timer fires at its deadline; time advances to the next of these, or by
   * a user's thinking time, and never past a deadline or a segment's MSL.
   */
  private List<Move> productionMoves() {
    List<Move> moves = new ArrayList<>();
    boolean nothingDue = true;
    for (int i = 0; i < net.size(); i++) {
      Flight f = net.get(i);
      boolean expiring = now >= f.sentAt() + config.mslMicros();
      nothingDue &= !expiring;
      if (now >= f.arrivesAt()) {
        moves.add(new Move(Kind.DELIVER, f.dst(), i, "", expiring ? 40 : 12));
        if (dupLeft > 0) {
          moves.add(new Move(Kind.DUPLICATE, f.dst(), i, "", 1));
        }
      }
      if (lossLeft > 0) {
        moves.add(new Move(Kind.LOSE, f.dst(), i, "", 1));
      }
    }
    nothingDue &= !hostMoves(moves, 1);
    boolean calls = moves.stream().anyMatch(m -> m.kind() == Kind.CALL);
    if (nothingDue && (pending() || calls)) {
      // With a user call possible, time may also pass by a thinking time (index 1).
      moves.add(new Move(Kind.ADVANCE, 0, calls ? 1 : 0, "", 10));
    }
    return moves;
  }

  /**
   * The time a production ADVANCE goes to: the next arrival, deadline, end of quiet time or reader's wake-up, or
   * sooner, by a thinking time, when {@code think}.
   */
  private long advanceTo(boolean think) {
    long to = think ? now + 1 + rng.nextLong(THINK_MICROS) : Long.MAX_VALUE;
    for (Flight f : net) {
      if (f.arrivesAt() > now) {
        to = Math.min(to, f.arrivesAt());
      }
      to = Math.min(to, f.sentAt() + config.mslMicros());
    }
    for (Host h : hosts) {
      for (long d : h.conn.runningTimers().values()) {
        to = Math.min(to, Math.max(d, now + 1));
      }
      if (h.quietUntil > now) {
        to = Math.min(to, h.quietUntil);
      }
      if (h.readAt > now && h.conn.unread() > 0) {
        to = Math.min(to, h.readAt);
      }
    }
    return to;
  }

  private void userMoves(Host h, List<Move> moves) {
    String st = h.st();
    if (h.conn.unread() > 0 && (profile == Profile.SPEC || now >= h.readAt)) {
      // A reader is slow on purpose: text piles up in its buffer and the window closes, often to zero; in a
      // production zero-window stall it sleeps up to half a minute between reads.
      moves.add(new Move(Kind.CALL, h.index, 0, "receive", 3));
    }
    int abort = workload.abortWeight();
    switch (st) {
      case "CLOSED" -> {
        if (h.opensLeft > 0 && !h.quiet()) {
          // A client mostly waits for its server to listen; sometimes it does not (a RST refuses it).
          Host peer = hosts[1 - h.index];
          boolean ready = !h.active() || peer.active() || peer.opensLeft == 0 || !peer.st().equals("CLOSED");
          // Two OPENs of one host in one tick of the 4 us ISN clock would draw one ISS twice: two incarnations
          // with identical SYNs, which the spec keeps apart and a network cannot; a user that fast waits.
          boolean sameIsn = profile == Profile.PRODUCTION && Math.floorDiv(now, KeyedIsnGenerator.CLOCK_MICROS)
              == Math.floorDiv(h.openedAt, KeyedIsnGenerator.CLOCK_MICROS);
          if (!sameIsn) {
            moves.add(new Move(Kind.CALL, h.index, 0, h.active() ? "activeOpen" : "passiveOpen", ready ? 8 : 1));
          }
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
        if (workload.name().equals("keep-alive")
            && (profile == Profile.SPEC || now < config.keepAliveIdleMicros() + config.keepAliveIntervalMicros())) {
          // Idle: the keep-alive timer runs (in a spec-shaped run until the step limit; in a production run the
          // user closes once the first probe is due).
          break;
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
        h.conn = newConnection(h.index, h.keyed, h.events);
        h.quiet = MSL;
        // Quiet time ends on a tick of validation, at least MSL ticks after the crash's tick: the spec counts it in
        // whole ticks (QuietTicks), and a quiet host that missed its end by less than a tick would answer late.
        h.quietUntil = (Math.floorDiv(now, PROD_TICK_MICROS) + Math.floorDiv(config.mslMicros(), PROD_TICK_MICROS))
            * PROD_TICK_MICROS;
        h.bytesLeft = 0;
        lines.add(new TraceLine(0, "Crash", h.name, now(), List.of(Rule.R_ISN_2.id()), null, 0, false, List.of(),
            tcbs()));
      }
      case INJECT -> inject(hosts[m.host()], m.index());
      case TICK -> {
        tick++;
        isnClock = (isnClock + ISN_RATE) % SEQ_MOD;
        net.replaceAll(Flight::older);
        for (Host h : hosts) {
          h.quiet = Math.max(0, h.quiet - 1);
        }
        lines.add(new TraceLine(0, "Tick", null, now(), List.of(), null, 0, false, List.of(), tcbs()));
      }
      case ADVANCE -> now = advanceTo(m.index() == 1);
    }
  }

  private void call(Host h, String what) {
    ConnResult r =
        switch (what) {
          case "activeOpen" -> {
            h.openedAt = now;
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
            int most = Math.min(h.bytesLeft, profile == Profile.PRODUCTION ? PROD_SEND_MAX : sendMax(mss));
            byte[] data = new byte[most == 1 ? 1 : 1 + rng.nextInt(most)];
            for (int i = 0; i < data.length; i++) {
              data[i] = (byte) ('a' + rng.nextInt(26));
            }
            h.bytesLeft -= data.length;
            yield h.conn.send(data, now());
          }
          case "receive" -> {
            if (profile == Profile.PRODUCTION) {
              h.readAt = now + 1 + rng.nextLong(STALL_MICROS);
            }
            yield h.conn.receive(1 + rng.nextInt(h.conn.unread()), now());
          }
          case "close" -> h.conn.close(now());
          default -> h.conn.abort(now());
        };
    record(h, r, null, 0, false);
  }

  private void deliver(int index, boolean duplicate) {
    Flight f = net.get(index);
    if (duplicate) {
      dupLeft--;
      if (profile == Profile.PRODUCTION) {
        // The copy left in flight arrives later, and still within MSL of its sending.
        net.set(index, new Flight(f.segment(), f.rec(), f.dst(), 0, f.sentAt(),
            Math.min(now + delay(), f.sentAt() + config.mslMicros())));
      }
    } else {
      net.remove(index);
    }
    Host h = hosts[f.dst()];
    ConnResult r = h.conn.handleSegment(f.segment(), now());
    record(h, r, f.rec(), ageMicros(f), duplicate);
  }

  /** The kinds of segment the attacker forges (the spec's {@code ForgedSegments}). */
  private static final int FORGED_KINDS = 8;

  /**
   * The off-path attacker forges segment {@code kind} of the spec's {@code ForgedSegments} against {@code h}'s TCB
   * as it stands, and {@code h} takes it at once: a RST at RCV.NXT + 1, RCV.NXT - 1, or RCV.NXT + RCV.WND (an open
   * window only: at a zero window that is RCV.NXT, a hit); an octet at RCV.NXT + RCV.WND or RCV.NXT - 1
   * acknowledging SND.NXT; an octet at RCV.NXT acknowledging SND.NXT + 1, or SND.UNA - MAX.SND.WND - 1
   * (MAX.SND.WND is the buffer the peer offers); a SYN at RCV.NXT, against a synchronized TCB only. It never was
   * in flight: the trace shows its arrival (age 0) and nothing else. A guess equal to a segment in flight is not
   * made (the spec would take the one in flight).
   */
  private void inject(Host h, int kind) {
    if (!(h.conn.state() instanceof TcpState.WithVars w)) {
      return;
    }
    SeqVars v = w.vars();
    int buffer = config.receiveWindow();
    Segment.Builder b = Segment.builder().sourcePort(port(1 - h.index)).destinationPort(port(h.index));
    int wnd = h.conn.rcvWnd();
    // One octet at seq acknowledging ack, or a bare RST at seq.
    BiFunction<SeqNum, SeqNum, Segment> octet =
        (seq, ack) -> b.seq(seq).ack(ack).flags(Flag.ACK).window(buffer).payload(new byte[] {'x'}).build();
    Function<SeqNum, Segment> rst = seq -> b.seq(seq).flags(Flag.RST).build();
    @Nullable Segment s = switch (kind) {
      case 0 -> rst.apply(v.rcvNxt().plus(1));
      case 1 -> octet.apply(v.rcvNxt().plus(wnd), v.sndNxt());
      case 2 -> octet.apply(v.rcvNxt(), v.sndNxt().plus(1));
      case 3 -> octet.apply(v.rcvNxt(), v.sndUna().plus(-(buffer + 1L)));
      case 4 -> h.st().equals("SYN-RECEIVED") ? null : b.seq(v.rcvNxt()).flags(Flag.SYN).window(buffer).build();
      case 5 -> rst.apply(v.rcvNxt().plus(-1));
      case 6 -> wnd == 0 ? null : rst.apply(v.rcvNxt().plus(wnd));
      default -> octet.apply(v.rcvNxt().plus(-1), v.sndNxt());
    };
    if (s == null) {
      return;
    }
    SegmentRecord rec = EngineRecords.segment(HOSTS[1 - h.index], s);
    for (Flight f : net) {
      if (f.rec().equals(rec)) {
        return;
      }
    }
    injectLeft--;
    ConnResult r = h.conn.handleSegment(s, now());
    record(h, r, rec, 0, false);
  }

  /** Turns the events of one engine call into lines and puts the segments they sent in flight. */
  private void record(Host h, ConnResult r, @Nullable SegmentRecord taken, long age, boolean dup) {
    List<TraceEvent> events = List.copyOf(h.events);
    h.events.clear();
    boolean first = true;
    for (TraceEvent e : events) {
      boolean silent = h.quiet();
      List<SegmentRecord> sent = new ArrayList<>();
      for (Segment s : silent ? List.<Segment>of() : e.sent()) {
        SegmentRecord rec = EngineRecords.segment(h.name, s);
        sent.add(rec);
        wire.add(new SentSegment(now(), h.index, s));
        // The spec's network is a set of segments with their ages: a copy of a segment sent in the same tick
        // (of validation, in a production run) is the same element, so the network carries it once.
        boolean present = false;
        for (Flight f : net) {
          present |= f.rec().equals(rec) && (profile == Profile.SPEC ? f.age() == 0
              : Math.floorDiv(f.sentAt(), PROD_TICK_MICROS) == Math.floorDiv(now, PROD_TICK_MICROS));
        }
        if (!present) {
          net.add(new Flight(s, rec, 1 - h.index, 0, now, profile == Profile.PRODUCTION ? now + delay() : 0));
        }
      }
      Map<String, TcbRecord> tcb = tcbs();
      tcb.put(h.name, EngineRecords.tcbAfter(e));
      List<String> rules = e.ruleIds();
      if (silent && !e.sent().isEmpty()) {
        // The segments were withheld by the quiet time the simulator keeps for the endpoint.
        rules = new ArrayList<>(rules);
        rules.add(Rule.R_ISN_2.id());
      }
      lines.add(new TraceLine(0, e.action().specName(), h.name, now(), rules,
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
    return "Simulator[seed=" + seed + ", " + profile + ", " + workload.name() + "/" + mix.name() + "]";
  }
}
