package dev.tcpv.conform;

import dev.tcpv.conn.ConnResult;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.TcpState;
import dev.tcpv.conn.Timer;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.trace.TraceEvent;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Flags;
import dev.tcpv.wire.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * {@code Close}, {@code Abort}), the delivery of the spec's segment to the receiving engine (every SEGMENT
 * ARRIVES action; the network keeps a copy when the spec duplicates), the timer that fired
 * ({@code RetransmitTimeout} and {@code GiveUp}: retransmission; {@code TimeWaitTimeout}; keep-alive), one tick
 * of engine time ({@code Tick}), a new engine in place of the crashed one ({@code Crash}); {@code Lose} and
 * {@code Quiescence} give the engines no input. During a host's quiet time (R-ISN-2) a segment for its CLOSED
 * TCB is not delivered: answering it is the endpoint's business, which keeps quiet.
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

  /**
   * Where a path and the spec differ.
   *
   * @param step the index of the step in the path (0: the first action)
   * @param what what differs, e.g. "B: TCB" or "segments sent by A"
   * @param expected the spec's value, in the abstraction's terms
   * @param actual the engine's value
   */
  public record Divergence(int step, String what, String expected, String actual) {}

  /**
   * A trace event of one host's engine.
   *
   * @param host "A" or "B"
   * @param event the event
   */
  public record HostEvent(String host, TraceEvent event) {}

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

  public PathRunner(StateGraph graph, ConformModel model, Engine.Factory factory) {
    this.graph = graph;
    this.model = model;
    this.factory = factory;
    this.config = model.engineConfig();
    this.tick = model.tickMicros();
  }

  /**
   * Runs the first {@code upTo} steps of {@code path}. At a duplicated delivery with several candidate segments
   * {@code choices} says which (by index); without a choice there, {@link Ambiguous} is thrown.
   *
   * @return the first divergence, or null when the steps conform
   */
  @Nullable Divergence run(int[] path, Map<Integer, Integer> choices, int upTo, @Nullable List<HostEvent> events)
      throws Ambiguous, ConformException {
    Run r = new Run(events);
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
  public @Nullable Divergence run(int[] path, @Nullable List<HostEvent> events) throws ConformException {
    Map<Integer, Integer> choices = new HashMap<>();
    while (true) {
      try {
        List<HostEvent> sink = events == null ? null : new ArrayList<>();
        Divergence d = run(path, choices, path.length, sink);
        if (events != null && sink != null) {
          events.addAll(sink);
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
    private final @Nullable List<HostEvent> events;
    private long now;

    Run(@Nullable List<HostEvent> events) {
      this.events = events;
      for (String h : SpecState.HOSTS) {
        engines.put(h, create(h));
      }
    }

    private Engine create(String host) {
      nextIss.put(host, new SeqNum(0));
      List<HostEvent> sink = events;
      return factory.create(host, config, at -> nextIss.getOrDefault(host, new SeqNum(0)), port(host),
          port(peer(host)), sink == null ? null : e -> sink.add(new HostEvent(host, e)));
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
      switch (name) {
        case "ActiveOpen" -> {
          nextIss.put(host, SeqNum.of(post.tcb(host).iss()));
          out.addAll(engine(host).activeOpen(now).segments());
        }
        case "PassiveOpen" -> out.addAll(engine(host).passiveOpen(now).segments());
        case "Close" -> out.addAll(engine(host).close(now).segments());
        case "Abort" -> out.addAll(engine(host).abort(now).segments());
        case "SegmentArrivesClosed", "SegmentArrivesListen", "SegmentArrivesSynSent", "SimultaneousOpen",
            "TimeWaitReopen", "TimeWaitFinRetransmitted", "SimultaneousOpenSynAck", "RejectUnacceptable",
            "ReceiveRst", "ReceiveSyn", "ReceiveSegment", "ReceiveFin", "SimultaneousClose" -> {
          SpecState.Seg s = delivered(index, pre, post, host, choice);
          if (pre.quiet(host) > 0 && pre.tcb(host).st().equals("CLOSED")) {
            break;
          }
          Engine e = engine(host);
          if (name.equals("SegmentArrivesListen")) {
            nextIss.put(host, SeqNum.of(post.tcb(host).iss()));
          } else if (name.equals("TimeWaitReopen")) {
            nextIss.put(host, reopenIss(pre.tcb(host), post.tcb(host), e.state()));
          }
          out.addAll(e.handleSegment(toEngine(s, e.state()), now).segments());
        }
        case "RetransmitTimeout", "GiveUp" -> out.addAll(engine(host).handleTimeout(Timer.RETRANSMISSION, now).segments());
        case "TimeWaitTimeout" -> out.addAll(engine(host).handleTimeout(Timer.TIME_WAIT, now).segments());
        case "KeepAliveProbe", "KeepAliveGiveUp" -> out.addAll(engine(host).handleTimeout(Timer.KEEPALIVE, now).segments());
        case "Crash" -> engines.put(host, create(host));
        case "Tick" -> now += tick;
        case "Lose", "Quiescence" -> {}
        default -> throw new ConformException("the driver has no engine input for spec action " + name
            + " (conformance models must not enable it)");
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
    private Segment toEngine(SpecState.Seg s, TcpState receiver) {
      @Nullable SeqNum seqRef = null;
      @Nullable SeqNum ackRef = null;
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
