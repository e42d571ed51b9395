package dev.tcpv.conform;

import dev.tcpv.conn.ConnResult;
import dev.tcpv.conn.Rule;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.TcpState;
import dev.tcpv.conn.Timer;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.trace.TraceEvent;
import dev.tcpv.tracefile.EngineRecords;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Flags;
import dev.tcpv.wire.Segment;
import dev.tcpv.wire.TcpOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Drives two engines and a network scripted by the spec along one path of the state graph, comparing after
 * every step the engines' abstract state with the spec state of that step.
 *
 * <p>Each spec action becomes the engine input it names: a user call ({@code ActiveOpen}, {@code PassiveOpen},
 * {@code Send} of the octets the spec queued, {@code Receive} of those its user took, {@code Close}, {@code
 * Abort}), one {@code output} call for {@code SendData} and {@code SendFin} (the engines defer their output), the
 * delivery of the spec's segment to the receiving engine (every SEGMENT ARRIVES action; the network keeps a copy
 * when the spec duplicates; a forgery the spec kept in {@code budget.forged}), the timer that fired
 * ({@code RetransmitTimeout}, {@code WindowProbe} and {@code GiveUp}: retransmission; {@code TimeWaitTimeout};
 * keep-alive), one tick of engine time ({@code Tick}), a new engine in place of the crashed one ({@code Crash});
 * {@code Lose} and {@code Quiescence} give the engines no input. During a host's quiet time (R-ISN-2) a segment
 * for its CLOSED TCB is not delivered: answering it is the endpoint's business, which keeps quiet.
 *
 * <p>Sequence numbers: the spec's live modulo SeqMod, the engine's modulo 2^32. The ISS an engine draws is the
 * one the spec drew (the driver is the engine's {@link dev.tcpv.conn.IsnGenerator}); a segment's SEQ and ACK
 * are lifted into the receiving engine's space next to the variable they are compared with (SEQ next to
 * RCV.NXT, ACK next to SND.NXT: the value within half the spec's space of it), and the engine's values are
 * compared with the spec's modulo SeqMod.
 */
public final class PathRunner {
  /** The port of each host. */
  static int port(String host) {
    return host.equals("A") ? 1000 : 2000;
  }

  private final StateGraph graph;
  private final ConformModel model;
  private final Engine.Factory factory;
  private final TcpConfig config;
  private final long tick;
  /** The hosts whose users take text with RECEIVE calls (the spec's {@code Reads}: some edge is a Receive). */
  private final Set<String> readers = new HashSet<>();

  /**
   * Where a path and the spec differ.
   *
   * @param step the index of the step in the path (0: the first action)
   * @param what what differs, e.g. "B: TCB" or "segments sent by A"
   * @param expected the spec's value, in the abstraction's terms
   * @param actual the engine's value
   */
  public record Divergence(int step, String what, String expected, String actual) {}

  /** The sequence space of the traces a run writes (the trace format's SeqMod; TLC's integers are 32-bit). */
  public static final long TRACE_SEQ_MOD = 1L << 30;

  /** A delivery step whose segment the spec state does not pin down: the caller picks among candidates. */
  static final class Ambiguous extends Exception {
    private static final long serialVersionUID = 1L;
    final int step;
    final int candidates;

    Ambiguous(int step, int candidates) {
      super("step " + step + " delivers one of " + candidates + " segments", null, false, false);
      this.step = step;
      this.candidates = candidates;
    }
  }

  /**
   * The edges at which a delivered segment, lifted next to the receiver's variables, differs from the bytes its
   * sender's engine put out: the spec's sequence space wrapped between them (the ISN clock moved half of SeqMod
   * or more during a connection's life), so that the engine, in 32 bits, would see another order than the spec.
   */
  private final Set<Integer> wrapped = new HashSet<>();
  /** The state-changing transitions the engines took, as "FROM action TO" (see {@link #engineTransitions}). */
  private final Set<String> transitions = new java.util.TreeSet<>();

  public PathRunner(StateGraph graph, ConformModel model, Engine.Factory factory) {
    this.graph = graph;
    this.model = model;
    this.factory = factory;
    this.config = model.engineConfig();
    this.tick = model.tickMicros();
    for (int e = 0; e < graph.edgeCount(); e++) {
      String label = graph.label(e);
      if (label.startsWith("Receive(")) {
        readers.add(label.substring("Receive(".length(), label.length() - 1));
      }
    }
  }

  /**
   * Runs the first {@code upTo} steps of {@code path}. At a duplicated delivery with several candidate segments
   * {@code choices} says which (by index); without a choice there, {@link Ambiguous} is thrown.
   *
   * @return the first divergence, or null when the steps conform
   */
  @Nullable Divergence run(int[] path, Map<Integer, Integer> choices, int upTo, @Nullable List<TraceLine> lines)
      throws Ambiguous, ConformException {
    Run r = new Run(lines);
    for (int i = 0; i < upTo; i++) {
      Divergence d = r.step(i, path[i], choices.get(i));
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  /**
   * Runs the whole path, resolving ambiguous deliveries by trying each candidate (re-executing the path from the
   * initial state, which is deterministic) and keeping the first that conforms at that step.
   */
  public @Nullable Divergence run(int[] path, @Nullable List<TraceLine> lines) throws ConformException {
    Map<Integer, Integer> choices = new HashMap<>();
    while (true) {
      try {
        List<TraceLine> sink = lines == null ? null : new ArrayList<>();
        Divergence d = run(path, choices, path.length, sink);
        if (lines != null && sink != null) {
          lines.addAll(sink);
        }
        return d;
      } catch (Ambiguous a) {
        int pick = 0;
        for (int c = 0; c < a.candidates; c++) {
          Map<Integer, Integer> trial = new HashMap<>(choices);
          trial.put(a.step, c);
          try {
            if (run(path, trial, a.step + 1, null) == null) {
              pick = c;
              break;
            }
          } catch (Ambiguous earlier) {
            throw new IllegalStateException("choices before step " + a.step + " were fixed", earlier);
          }
        }
        choices.put(a.step, pick);
      }
    }
  }

  /** One execution: the two engines, the clock, and the ISS each engine draws next. */
  private final class Run {
    private final Map<String, Engine> engines = new HashMap<>();
    private final Map<String, SeqNum> nextIss = new HashMap<>();
    /** The ISS each host's engine drew last: a new draw is lifted next to it (the ISN clock only moves on). */
    private final Map<String, SeqNum> lastIss = new HashMap<>();
    /** The segments the engines sent, by what the spec sees of them: the network carries the engines' bytes. */
    private final Map<SegmentKey, Segment> emitted = new HashMap<>();
    private final Map<String, List<TraceEvent>> events = new HashMap<>();
    private final @Nullable List<TraceLine> lines;
    private long now;

    Run(@Nullable List<TraceLine> lines) {
      this.lines = lines;
      for (String h : SpecState.HOSTS) {
        engines.put(h, create(h));
      }
    }

    private Engine create(String host) {
      nextIss.put(host, new SeqNum(0));
      List<TraceEvent> sink = events.computeIfAbsent(host, h -> new ArrayList<>());
      sink.clear();
      TcpConfig c = config.withUserReads(readers.contains(host));
      return factory.create(host, c, at -> nextIss.getOrDefault(host, new SeqNum(0)), port(host), port(peer(host)),
          ev -> {
            if (!ev.stateBefore().equals(ev.stateAfter())) {
              transitions.add(ev.stateBefore() + " " + ev.action().methodName() + " " + ev.stateAfter());
            }
            if (lines != null) {
              sink.add(ev);
            }
          });
    }

    /** The ISS for a new draw of {@code host}: the spec's, at or after the host's previous ISS (the clock runs forward). */
    private SeqNum draw(String host, long specIss) {
      SeqNum last = lastIss.get(host);
      SeqNum iss = last == null ? SeqNum.of(specIss) : last.plus(Math.floorMod(specIss - last.unsigned(), model.seqMod()));
      lastIss.put(host, iss);
      return iss;
    }

    private Engine engine(String host) {
      Engine e = engines.get(host);
      if (e == null) {
        throw new IllegalStateException("no engine for " + host);
      }
      return e;
    }

    @Nullable Divergence step(int index, int edge, @Nullable Integer choice) throws Ambiguous, ConformException {
      SpecState pre = graph.state(graph.from(edge));
      SpecState post = graph.state(graph.to(edge));
      String label = graph.label(edge);
      int paren = label.indexOf('(');
      String name = paren < 0 ? label : label.substring(0, paren);
      String host = paren < 0 ? "" : label.substring(paren + 1, label.length() - 1);
      List<Segment> out = new ArrayList<>();
      @Nullable SegmentRecord taken = null;
      int takenAge = 0;
      boolean dup = false;
      @Nullable String quietArrival = null;
      switch (name) {
        case "ActiveOpen" -> {
          nextIss.put(host, draw(host, post.tcb(host).iss()));
          out.addAll(engine(host).activeOpen(now).segments());
        }
        case "PassiveOpen" -> out.addAll(engine(host).passiveOpen(now).segments());
        case "Send" -> out.addAll(engine(host).send(new byte[post.tcb(host).sndLen() - pre.tcb(host).sndLen()], now)
            .segments());
        case "SendData", "SendFin" -> out.addAll(engine(host).output(now).segments());
        case "Receive" -> out.addAll(engine(host).receive(pre.tcb(host).unread() - post.tcb(host).unread(), now)
            .segments());
        case "Close" -> out.addAll(engine(host).close(now).segments());
        case "Abort" -> out.addAll(engine(host).abort(now).segments());
        case "SegmentArrivesClosed", "SegmentArrivesListen", "SegmentArrivesSynSent", "SimultaneousOpen",
            "TimeWaitReopen", "TimeWaitFinRetransmitted", "SimultaneousOpenSynAck", "RejectUnacceptable",
            "ReceiveRst", "ReceiveSyn", "ReceiveSegment", "ReceiveFin", "SimultaneousClose" -> {
          SpecState.Seg s = delivered(index, pre, post, host, choice);
          Engine e = engine(host);
          Segment sent = emitted.get(SegmentKey.of(s));
          Segment seg = toEngine(s, e.state(), sent);
          if (sent != null && !(sent.seq().equals(seg.seq()) && sent.ack().equals(seg.ack()))) {
            wrapped.add(edge);
          }
          taken = EngineRecords.segment(s.src(), seg);
          takenAge = s.age();
          dup = post.dup() < pre.dup();
          if (pre.quiet(host) > 0 && pre.tcb(host).st().equals("CLOSED")) {
            quietArrival = name;
            break;
          }
          if (name.equals("SegmentArrivesListen")) {
            nextIss.put(host, draw(host, post.tcb(host).iss()));
          } else if (name.equals("TimeWaitReopen")) {
            SeqNum clock = reopenIss(pre.tcb(host), post.tcb(host), e.state());
            nextIss.put(host, clock);
            lastIss.put(host, clock);
          }
          out.addAll(e.handleSegment(seg, now).segments());
        }
        case "RetransmitTimeout", "WindowProbe", "GiveUp" ->
            out.addAll(engine(host).handleTimeout(Timer.RETRANSMISSION, now).segments());
        case "TimeWaitTimeout" -> out.addAll(engine(host).handleTimeout(Timer.TIME_WAIT, now).segments());
        case "KeepAliveProbe", "KeepAliveGiveUp" -> out.addAll(engine(host).handleTimeout(Timer.KEEPALIVE, now).segments());
        case "Crash" -> engines.put(host, create(host));
        case "Tick" -> now += tick;
        case "Lose" -> {
          for (SpecState.Seg s : pre.net()) {
            if (!post.net().contains(s)) {
              Segment seg = emitted.get(SegmentKey.of(s));
              taken = seg == null ? null : EngineRecords.segment(s.src(), seg);
              takenAge = s.age();
            }
          }
        }
        case "Quiescence" -> {}
        default -> throw new ConformException("the driver has no engine input for spec action " + name
            + " (conformance models must not enable it)");
      }
      for (Segment o : out) {
        emitted.put(SegmentKey.of(host, o, model.seqMod()), o);
      }
      if (lines != null) {
        record(name, host, taken, takenAge, dup, quietArrival, post);
      }
      for (String h : SpecState.HOSTS) {
        String expected = Abstraction.spec(post.tcb(h));
        String actual = Abstraction.engine(engine(h), now, tick, model);
        if (!expected.equals(actual)) {
          return new Divergence(index, h + ": TCB", expected, actual);
        }
      }
      if (!name.equals("Tick")) {
        return checkSegments(index, pre, post, host, out);
      }
      return null;
    }

    /**
     * Appends the trace lines of one step: the engines' events (one line each, the first carrying the segment
     * taken), or the step itself for the actions with no engine event (Tick, Lose, Crash, an arrival during
     * quiet time); a segment the engine sent that the spec's network dropped (capacity) is a Lose line.
     */
    private void record(String name, String host, @Nullable SegmentRecord taken, int age, boolean dup,
        @Nullable String quietArrival, SpecState post) {
      List<TraceLine> out = lines;
      if (out == null || name.equals("Quiescence")) {
        return;
      }
      long t = now;
      long ageMicros = age * tick;
      List<TraceEvent> happened = new ArrayList<>();
      if (!host.isEmpty()) {
        List<TraceEvent> pending = events.computeIfAbsent(host, h -> new ArrayList<>());
        happened.addAll(pending);
        pending.clear();
      }
      String who = host.isEmpty() ? null : host;
      if (happened.isEmpty()) {
        String action = quietArrival != null ? quietArrival : name;
        List<String> rules = name.equals("Crash") ? List.of(Rule.R_ISN_2.id()) : List.of();
        out.add(new TraceLine(0, action, name.equals("Tick") || name.equals("Lose") ? null : who, t, rules,
            reduceOrNull(taken), ageMicros, dup, List.of(), tcbs()));
        return;
      }
      Set<SegmentKey> inFlight = new HashSet<>();
      post.net().forEach(s -> inFlight.add(SegmentKey.of(s)));
      boolean first = true;
      List<SegmentRecord> dropped = new ArrayList<>();
      for (TraceEvent e : happened) {
        List<SegmentRecord> sent = new ArrayList<>();
        for (Segment s : e.sent()) {
          sent.add(reduce(EngineRecords.segment(host, s)));
          if (!inFlight.contains(SegmentKey.of(host, s, model.seqMod()))) {
            dropped.add(reduce(EngineRecords.segment(host, s)));
          }
        }
        Map<String, TcbRecord> tcb = tcbs();
        tcb.put(host, reduce(EngineRecords.tcbAfter(e)));
        out.add(new TraceLine(0, e.action().specName(), host, t, e.ruleIds(),
            first ? reduceOrNull(taken) : null, first ? ageMicros : 0, first && dup, sent, tcb, e.octets()));
        first = false;
      }
      for (SegmentRecord d : dropped) {
        out.add(new TraceLine(0, "Lose", null, t, List.of(), d, 0, false, List.of(), tcbs()));
      }
    }

    private Map<String, TcbRecord> tcbs() {
      Map<String, TcbRecord> m = new LinkedHashMap<>();
      for (String h : SpecState.HOSTS) {
        TcpState s = engine(h).state();
        m.put(h, reduce(EngineRecords.tcb(s.rfcName(), s.variables())));
      }
      return m;
    }

    /** The segments the engine sent must be the ones the spec put in flight. */
    private @Nullable Divergence checkSegments(int index, SpecState pre, SpecState post, String host,
        List<Segment> out) {
      Set<SegmentKey> actual = new HashSet<>();
      for (Segment s : out) {
        actual.add(SegmentKey.of(host, s, model.seqMod()));
      }
      Set<SpecState.Seg> before = new HashSet<>(pre.net());
      Set<SegmentKey> added = new HashSet<>();
      Set<SegmentKey> fresh = new HashSet<>();
      for (SpecState.Seg s : post.net()) {
        if (!before.contains(s)) {
          added.add(SegmentKey.of(s));
        }
        if (s.age() == 0) {
          fresh.add(SegmentKey.of(s));
        }
      }
      boolean full = post.net().size() >= model.netCap();
      if (!actual.containsAll(added) || (!full && !fresh.containsAll(actual))) {
        return new Divergence(index, "segments sent" + (host.isEmpty() ? "" : " by " + host),
            sorted(added), sorted(actual));
      }
      return null;
    }

    /** The segment the spec delivered to {@code host}: the one that left the network, or a duplicated one. */
    private SpecState.Seg delivered(int index, SpecState pre, SpecState post, String host,
        @Nullable Integer choice) throws Ambiguous, ConformException {
      if (post.inject() < pre.inject()) {
        // The attacker's forgery (R-RST-4, R-SEQ-6 ...): not in flight, offered to h's SEGMENT ARRIVES as it is.
        for (SpecState.Seg s : post.forged()) {
          if (s.dst().equals(host)) {
            return s;
          }
        }
        throw new ConformException("step " + (index + 1) + ": the spec spent a forgery but kept none for " + host);
      }
      Set<SpecState.Seg> after = new HashSet<>(post.net());
      List<SpecState.Seg> gone = new ArrayList<>();
      List<SpecState.Seg> candidates = new ArrayList<>();
      for (SpecState.Seg s : pre.net()) {
        if (s.dst().equals(host)) {
          candidates.add(s);
          if (!after.contains(s)) {
            gone.add(s);
          }
        }
      }
      if (gone.size() == 1) {
        return gone.get(0);
      }
      if (gone.isEmpty() && post.dup() < pre.dup() && !candidates.isEmpty()) {
        candidates.sort((x, y) -> x.toString().compareTo(y.toString()));
        if (candidates.size() == 1) {
          return candidates.get(0);
        }
        if (choice == null) {
          throw new Ambiguous(index, candidates.size());
        }
        return candidates.get(choice);
      }
      throw new ConformException("step " + (index + 1) + ": cannot tell which segment the spec delivered to "
          + host);
    }

    /** The engine segment for the spec's segment {@code s}, lifted next to the receiver's variables. */
    private Segment toEngine(SpecState.Seg s, TcpState receiver, @Nullable Segment sent) {
      @Nullable SeqNum seqRef = sent == null ? null : sent.seq();
      @Nullable SeqNum ackRef = sent == null ? null : sent.ack();
      if (receiver instanceof TcpState.WithVars w) {
        seqRef = w.vars().rcvNxt();
        ackRef = w.vars().sndNxt();
      } else if (receiver instanceof TcpState.SynSent ss) {
        ackRef = ss.sndNxt();
      }
      List<Flag> flags = new ArrayList<>();
      for (String f : new TreeSet<>(s.ctl())) {
        flags.add(Flag.valueOf(f));
      }
      Segment.Builder b = Segment.builder()
          .sourcePort(port(s.src()))
          .destinationPort(port(s.dst()))
          .seq(lift(s.seq(), seqRef))
          .flags(Flags.of(flags.toArray(new Flag[0])))
          .window(s.wnd())
          .payload(new byte[s.len()]);
      if (s.ctl().contains("ACK")) {
        b.ack(lift(s.ack(), ackRef));
      }
      if (s.ctl().contains("SYN")) {
        // The spec's segments carry no options; the engines' SYNs announce MaxSegLen as their MSS (§3.7.1), so
        // that the receiver sends no more text in a segment than the spec's SendData may.
        b.options(new TcpOption.Mss(model.maxSegLen()));
      }
      return b.build();
    }

    /**
     * The ISN clock value to give an engine reopening TIME-WAIT (R-TW-3): the spec's new ISS when it took the
     * clock's, else the old SND.NXT (not above itself), so that the engine falls back as the spec did.
     */
    private SeqNum reopenIss(SpecState.Tcb old, SpecState.Tcb reopened, TcpState engineState) {
      long fallback = (old.sndNxt() + 1 + model.rcvWndSize()) % model.seqMod();
      SeqNum oldSndNxt = engineState instanceof TcpState.WithVars w ? w.vars().sndNxt() : SeqNum.of(old.sndNxt());
      return reopened.iss() == fallback ? oldSndNxt : lift(reopened.iss(), oldSndNxt);
    }
  }

  /**
   * The state-changing transitions the engines took on the paths run so far, each {@code "FROM action TO"} with
   * the RFC state names and the engine's action name (read from the engines' trace events).
   */
  public Set<String> engineTransitions() {
    return Set.copyOf(transitions);
  }

  /** The edges at which the spec's sequence space wrapped under a delivered segment (see {@link #wrapped}). */
  public Set<Integer> wrappedEdges() {
    return Set.copyOf(wrapped);
  }

  /** The engine value congruent to {@code value} modulo SeqMod within half the spec's space of {@code ref}. */
  SeqNum lift(long value, @Nullable SeqNum ref) {
    if (ref == null) {
      return SeqNum.of(value);
    }
    long m = model.seqMod();
    long d = Math.floorMod(value - ref.unsigned(), m);
    if (d >= m / 2) {
      d -= m;
    }
    return ref.plus(d);
  }

  /** A trace record with its sequence numbers modulo {@link #TRACE_SEQ_MOD}. */
  static @Nullable SegmentRecord reduceOrNull(@Nullable SegmentRecord r) {
    return r == null ? null : reduce(r);
  }

  /**
   * The header of the traces this runner's paths write: both hosts observed, the model's constants, users who read
   * when some host's user does, sequence numbers modulo {@link #TRACE_SEQ_MOD}, and the ISS values taken as
   * observed (the engines' numbers live in 32 bits, where the model's ISN clock does not wrap as it does modulo
   * SeqMod).
   */
  public TraceHeader traceHeader(String scenario) {
    ConformModel m = model;
    long tick = m.tickMicros();
    return new TraceHeader(List.of("A", "B"), TRACE_SEQ_MOD, m.msl() * tick, tick, "observed", 4, 0, 0,
        m.rcvWndSize(), m.maxSegLen(), 1, !readers.isEmpty(),
        m.constants().timers(),
        m.rfc5961(), m.rfc1337(), m.twReopen(), m.injectBudget(), -1, scenario);
  }

  static SegmentRecord reduce(SegmentRecord r) {
    return new SegmentRecord(r.src(), r.seq() % TRACE_SEQ_MOD, r.ack() % TRACE_SEQ_MOD, r.ctl(), r.len(), r.wnd());
  }

  static TcbRecord reduce(TcbRecord r) {
    Map<String, Long> vars = new LinkedHashMap<>();
    r.vars().forEach((k, v) -> vars.put(k, k.equals("sndWnd") ? v : v % TRACE_SEQ_MOD));
    return new TcbRecord(r.st(), vars);
  }

  private static String sorted(Set<SegmentKey> keys) {
    List<String> s = new ArrayList<>();
    keys.forEach(k -> s.add(k.toString()));
    s.sort(String::compareTo);
    return s.isEmpty() ? "(none)" : String.join("; ", s);
  }

  static String peer(String host) {
    return host.equals("A") ? "B" : "A";
  }
}
