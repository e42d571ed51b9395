package dev.tcpv.validate;

import dev.tcpv.check.BranchCatalogue;
import dev.tcpv.check.InputException;
import dev.tcpv.tlc.child.BranchLabel;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.SeqSpace;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.tracefile.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.Value;

/**
 * Validates traces against {@code spec/Tcp.tla} with TLC in-process.
 *
 * <p>It keeps the set of spec states consistent with the trace so far (ghost variables and unobserved fields may
 * leave more than one). For each line it computes the successors of the named action only, for the named host,
 * and keeps those whose observed variables equal the line's: the host's (or both hosts') state and sequence
 * variables, the segment taken from the network (with its age), and the segments put in flight. A trace of one
 * endpoint (the peer and the network hidden) is validated with its peer open by default ({@link Peer#OPEN}: before
 * each line the open peer's step takes what is in flight and sends the segment the line takes, and the line is then
 * checked as a fully observed one is). With the spec's peer ({@link Peer#SPEC}) it is validated by searching,
 * before each observed line, up to {@link
 * #HIDDEN_DEPTH} hidden steps (the peer's actions, losses, the peer's crash; of them at most {@link
 * #HIDDEN_RARE} user call, loss or crash) and keeping the states reached that the line matches, with at most
 * {@link #HIDDEN_STATES} states per search; a gap of time is split where a hidden timeout becomes possible or
 * must happen ({@link #HIDDEN_SPLITS} times at most). The search runs lazily (fewest hidden steps), then eagerly.
 *
 * <p>A line that carries rule IDs (the engine's tags) must carry only IDs that the branches of the spec its step
 * took declare in {@code spec/branches.json}: the union over the line's matching successors (for a one-endpoint
 * trace, those of the line's own step after the hidden ones).
 */
public final class TraceValidator {
  /** Hidden steps searched before each observed line of a one-endpoint trace, at most. */
  public static final int HIDDEN_DEPTH = 6;
  /** States a hidden search may hold, at most. */
  public static final int HIDDEN_STATES = 20_000;

  private final Path specDir;
  /** What the hidden peer of a one-endpoint trace may be. */
  private final Peer peer;
  /** The rule IDs each branch of the spec declares, in the catalogue's order; read on first use. */
  private @Nullable Map<String, List<String>> declared;

  /**
   * A validator of traces against the {@code Tcp.tla} (and {@code branches.json}) in {@code specDir}, a one-endpoint
   * trace's peer open ({@link Peer#OPEN}).
   */
  public TraceValidator(Path specDir) {
    this(specDir, Peer.OPEN);
  }

  private TraceValidator(Path specDir, Peer peer) {
    this.specDir = specDir;
    this.peer = peer;
  }

  /** This validator with {@code p} as what a one-endpoint trace's hidden peer may be. */
  public TraceValidator withPeer(Peer p) {
    return new TraceValidator(specDir, p);
  }

  /** A validator for the repository's spec ({@code tcpv.root}/spec, or ./spec). */
  public static TraceValidator forRepository() {
    String root = System.getProperty("tcpv.root");
    Path r = root == null || root.isBlank() ? Path.of("") : Path.of(root);
    return new TraceValidator(r.resolve("spec").toAbsolutePath().normalize());
  }

  /** Reads and validates a trace file. */
  public Verdict validate(Path file) throws IOException, TraceFormatException {
    return validate(TraceReader.read(file));
  }

  /** The actions that draw an ISS (R-ISN-1): a host's first line among them shows its keyed clock's offset. */
  private static final Set<String> DRAWS = Set.of("ActiveOpen", "SegmentArrivesListen", "TimeWaitReopen");

  /**
   * The facts of {@code mapped} (a trace in the spec's sequence space, times in microseconds) that the generated
   * module reads: its ISS values per host, its gaps of time in ticks ({@code time}) and, for a keyed ISN clock,
   * each host's offset.
   */
  static TraceHints.Facts facts(Trace mapped, TickedTrace time) {
    Map<String, SortedSet<Long>> iss = new LinkedHashMap<>();
    iss.put("A", new TreeSet<>());
    iss.put("B", new TreeSet<>());
    Map<String, Long> keyed = new LinkedHashMap<>();
    boolean clock = mapped.header().isn().equals("keyed");
    int last = 0;
    for (TraceLine l : mapped.lines()) {
      last = Math.max(last, l.line());
    }
    long[] micros = new long[last + 1];
    for (TraceLine l : mapped.lines()) {
      micros[l.line()] = l.t();
      for (Map.Entry<String, TcbRecord> e : l.tcb().entrySet()) {
        Long v = e.getValue().vars().get("iss");
        if (v != null) {
          iss.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(v);
        }
      }
      SegmentRecord s = l.seg();
      if (s != null && s.ctl().contains("SYN")) {
        iss.computeIfAbsent(s.src(), k -> new TreeSet<>()).add(s.seq());
      }
      // A hidden peer's SYN may never be seen; a RST it sends from SYN-RECEIVED (an ABORT) carries ISS + 1.
      if (s != null && !mapped.header().fullyObserved() && s.ctl().contains("RST") && !s.ctl().contains("ACK")) {
        iss.computeIfAbsent(s.src(), k -> new TreeSet<>()).add(Math.floorMod(s.seq() - 1, mapped.header().seqMod()));
      }
      for (SegmentRecord o : l.sent()) {
        if (o.ctl().contains("SYN")) {
          iss.computeIfAbsent(o.src(), k -> new TreeSet<>()).add(o.seq());
        }
      }
      String host = l.host();
      TcbRecord own = host == null ? null : l.tcb().get(host);
      Long drawn = own == null ? null : own.vars().get("iss");
      if (clock && host != null && drawn != null && DRAWS.contains(l.action()) && !keyed.containsKey(host)) {
        long mod = mapped.header().seqMod();
        keyed.put(host, Math.floorMod(drawn - Math.floorDiv(l.t(), TraceHints.KEYED_CLOCK_MICROS), mod));
      }
    }
    return new TraceHints.Facts(iss, time.gaps(), keyed, micros, mapped.header().seqMod(),
        mapped.header().fullyObserved(), marks(mapped), fins(mapped));
  }

  /**
   * Per host, where the segments it sent (as {@code mapped} shows them, taken or sent) start and where their text
   * ends (a segment without text starts at its sender's SND.NXT, a FIN where the text ended): the marks a hidden
   * host's segments and SEND calls are cut at ({@link TraceHints}).
   */
  static Map<String, NavigableSet<Long>> marks(Trace mapped) {
    Map<String, NavigableSet<Long>> marks = new LinkedHashMap<>();
    long mod = mapped.header().seqMod();
    for (TraceLine l : mapped.lines()) {
      for (SegmentRecord s : segments(l)) {
        NavigableSet<Long> m = marks.computeIfAbsent(s.src(), k -> new TreeSet<>());
        m.add(Math.floorMod(s.seq(), mod));
        m.add(Math.floorMod(s.seq() + s.len(), mod));
      }
    }
    return marks;
  }

  /** The segments a line shows: those it puts in flight and the one it takes. */
  private static List<SegmentRecord> segments(TraceLine l) {
    List<SegmentRecord> segs = new ArrayList<>(l.sent());
    SegmentRecord taken = l.seg();
    if (taken != null) {
      segs.add(taken);
    }
    return segs;
  }

  /** Per host, the sequence numbers of the FINs {@code mapped} shows it sending (taken or sent). */
  static Map<String, NavigableSet<Long>> fins(Trace mapped) {
    Map<String, NavigableSet<Long>> fins = new LinkedHashMap<>();
    for (TraceLine l : mapped.lines()) {
      for (SegmentRecord s : segments(l)) {
        if (s.ctl().contains("FIN")) {
          fins.computeIfAbsent(s.src(), k -> new TreeSet<>()).add(Math.floorMod(s.seq() + s.len(),
              mapped.header().seqMod()));
        }
      }
    }
    return fins;
  }

  /**
   * The wrapper module and configuration for {@code time}, a trace in ticks; with {@code literal}, the trace's
   * facts written into the module (for stock TLC), else read from {@link TraceHints#data}; with {@code open}, the
   * open peer of a one-endpoint trace ({@link Peer#OPEN}).
   */
  static String[] modelTexts(TickedTrace time, TraceHints.@Nullable Facts literal, boolean open) {
    TraceHeader h = time.trace().header();
    return new String[] {SpecModel.module(h, literal, time, open), SpecModel.cfg(h, time, open)};
  }

  /**
   * Validates a trace. A trace of 32-bit numbers is validated in the spec's 2^30 ({@link SeqSpace}); a trace read
   * from a file has had its span checked by {@link TraceReader}, one built in memory must be as narrow.
   *
   * @throws IllegalArgumentException for a trace of 32-bit numbers whose span makes the mapping unsound, or one
   *     whose times or timer bounds are too many ticks for TLC's integers ({@link TickedTrace})
   */
  public Verdict validate(Trace original) throws IOException {
    if (SeqSpace.needsMapping(original.header())) {
      try {
        SeqSpace.checkSpan(original);
      } catch (TraceFormatException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    Map<String, List<String>> rules = declared();
    Trace mapped = SeqSpace.toSpec(original);
    TickedTrace time = TickedTrace.of(mapped);
    TraceHints.Facts facts = facts(mapped, time);
    TraceHeader header = time.trace().header();
    boolean open = peer == Peer.OPEN && !header.fullyObserved() && !header.observed().isEmpty();
    String[] texts = modelTexts(time, null, open);
    synchronized (SpecModel.class) {
      SpecModel m = SpecModel.load(specDir, texts[0], texts[1]);
      // A one-endpoint trace with the spec's peer is searched lazily first (fast, but a hidden step put off may
      // turn out to have been needed earlier), then eagerly; it is valid when either search finds it a behaviour
      // of the spec.
      return TraceHints.forTrace(facts, () -> {
        Verdict v = check(m, time, rules, true, open);
        // A capture is searched lazily only: an eager search over two hidden TCBs takes minutes for a few dozen
        // packets (docs/captures.md).
        if (v.ok() || open || header.fullyObserved() || header.observed().isEmpty()) {
          return v;
        }
        Verdict eager = check(m, time, rules, false, false);
        Failure lf = v.failure();
        Failure ef = eager.failure();
        return ef == null || lf == null || ef.line() >= lf.line() ? eager : v;
      });
    }
  }

  /** The rule IDs of each branch of the catalogue, read from {@code specDir} once. */
  private synchronized Map<String, List<String>> declared() throws IOException {
    Map<String, List<String>> d = declared;
    if (d == null) {
      BranchCatalogue catalogue;
      try {
        catalogue = BranchCatalogue.read(specDir);
      } catch (InputException e) {
        throw new IOException(e.getMessage(), e);
      }
      d = new LinkedHashMap<>();
      for (BranchCatalogue.Branch b : catalogue.branches()) {
        d.put(b.name(), b.rules());
      }
      declared = d;
    }
    return d;
  }

  /**
   * Why the rule IDs {@code line} carries are not all declared by {@code took}, the branches of the spec its
   * matching step took, with {@code declared} the IDs each branch of the catalogue declares; null when they are,
   * or when the line carries none. A branch not in the catalogue declares none.
   */
  static @Nullable String undeclaredRules(TraceLine line, Set<String> took, Map<String, List<String>> declared) {
    if (line.rules().isEmpty()) {
      return null;
    }
    // Checked on every line: the IDs of the few branches taken, not the whole catalogue; the message only on failure.
    Set<String> ids = new HashSet<>();
    for (String b : took) {
      ids.addAll(declared.getOrDefault(b, List.of()));
    }
    List<String> wrong = line.rules().stream().filter(r -> !ids.contains(r)).distinct().toList();
    if (wrong.isEmpty()) {
      return null;
    }
    List<String> branches = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : declared.entrySet()) {
      if (took.contains(e.getKey())) {
        branches.add(e.getKey() + ": " + (e.getValue().isEmpty() ? "none" : String.join(" ", e.getValue())));
      }
    }
    for (String b : took) {
      if (!declared.containsKey(b)) {
        branches.add(b + ": none (not in branches.json)");
      }
    }
    return (wrong.size() == 1 ? "rule " + wrong.get(0) + " is" : "rules " + String.join(" ", wrong) + " are")
        + " not declared by the spec step that matches ("
        + (branches.isEmpty() ? "no branch" : String.join("; ", branches)) + ")";
  }

  /**
   * Checks {@code time}, a trace in ticks, against {@code m}, the spec with its constants, and each line's rule IDs
   * against {@code declared}, the IDs each branch declares; a one-endpoint trace with its peer {@code open} ({@link
   * Peer#OPEN}), else with the spec's, searched {@code lazy}ly or not.
   */
  private static Verdict check(SpecModel m, TickedTrace time, Map<String, List<String>> declared, boolean lazy,
      boolean open) {
    Trace trace = time.trace();
    StateView.forgetKeys();
    // Timed from here: loading the spec into TLC (about a second, once per set of constants) is not.
    long start = System.nanoTime();
    boolean full = trace.header().fullyObserved();
    // A capture (no TCB observed) hides every step that puts nothing on the network.
    boolean capture = trace.header().observed().isEmpty();
    String observed = capture ? "" : trace.header().observed().get(0);
    Unseen unseen = capture ? new Unseen() : null;
    AckAhead ahead = capture ? AckAhead.of(trace.lines(), m.seqMod) : null;
    List<TLCState> states = new ArrayList<>();
    StateVec init = m.tool.getInitStates();
    for (int i = 0; i < init.size(); i++) {
      states.add(init.elementAt(i));
    }
    int n = 0;
    long now = 0;
    Map<String, Long> branches = new java.util.TreeMap<>();
    int index = 0;
    for (TraceLine line : trace.lines()) {
      List<TLCState> from = states;
      long ticks = line.t() - now;
      now = line.t();
      if (ahead != null) {
        ahead.at(index);
      }
      index++;
      // An open peer's step comes first: it takes what is in flight and sends what the line takes.
      List<TLCState> given = open ? TraceHints.with(line, ticks, () -> openPeer(m, from, line, observed)) : from;
      List<TLCState> next = TraceHints.with(line, ticks, () -> full || open ? step(m, given, line, !full)
          : hiddenThenStep(m, given, line, observed, ticks, lazy, unseen, ahead));
      if (next.isEmpty()) {
        // Explained without the hints: every value the spec allows, so the report can say which one it chose.
        Failure f = line.action().equals("Tick")
            ? TraceHints.with(line, ticks, () -> diagnoseTime(m, time, given, line, ticks))
            : line.action().equals(WIRE) ? TraceHints.with(line, ticks, () -> diagnoseWire(m, trace, given, line))
            : diagnose(m, trace, given, line, full || open, ticks);
        if (open) {
          String hidden = "(" + (observed.equals("A") ? "B" : "A") + ")";
          f = f.enabledOnly(e -> !e.startsWith(OPEN_PEER) && !e.endsWith(hidden));
        }
        return new Verdict(trace.source(), n, System.nanoTime() - start, unseen == null ? f : unseen.blame(f),
            branches);
      }
      // The branches the line's step took (those of every match), counted once per line; the rule IDs the line
      // carries must be among those they declare.
      Set<String> took = new java.util.TreeSet<>();
      for (TLCState t : next) {
        BranchLabel.take(t, took::add);
      }
      String wrong = undeclaredRules(line, took, declared);
      if (wrong != null) {
        Failure f = Failure.undeclaredRules(trace.source(), line.line(), line.summary(), wrong);
        return new Verdict(trace.source(), n, System.nanoTime() - start, f, branches);
      }
      took.forEach(b -> branches.merge(b, 1L, Long::sum));
      next.forEach(m::canonical);
      next = distinct(next);
      if (unseen != null) {
        // The states are now at the line's time (during the line's search they were at the last line's).
        unseen.at(now);
        if (line.action().equals(WIRE)) {
          unseen.show(line.sent().get(0));
        }
        List<TLCState> timely = unseen.timely(next);
        if (timely.isEmpty()) {
          Failure f = unseen.late(trace.source(), line, next);
          return new Verdict(trace.source(), n, System.nanoTime() - start, unseen.blame(f), branches);
        }
        next = timely;
        List<TLCState> before = from;
        unseen.track(next, () -> line.action().equals(WIRE)
            ? TraceHints.with(line, ticks, () -> diagnoseWire(m, trace, given, line))
            : new Failure(trace.source(), line.line(), line.summary(), List.of(), "it needs a segment sent before"
                + " it that the capture has not shown"));
      }
      if (ahead != null) {
        ahead.at(index);
      }
      states = unseen != null && ahead != null ? fewestInFlight(next, unseen, ahead) : next;
      // A line the validator added (the time passed before a line) is not counted as an event.
      if (!TickedTrace.added(line)) {
        n++;
      }
    }
    if (unseen != null && !trace.lines().isEmpty()) {
      Failure f = unseen.neverShown(trace.source(), trace.lines().get(trace.lines().size() - 1), states);
      if (f != null) {
        return new Verdict(trace.source(), n, System.nanoTime() - start, unseen.blame(f), branches);
      }
    }
    return new Verdict(trace.source(), n, System.nanoTime() - start, null, branches);
  }

  /**
   * The most states of one pair of TCBs a capture carries from one packet to the next. Segments whose arrival
   * changes nothing (an old duplicate ACK) may be in flight or gone, and each such choice doubles the states that
   * match a packet without changing either TCB; on loopback they are gone at once.
   */
  public static final int CAPTURE_STATES_PER_TCBS = 2;

  /** The most states a capture carries from one packet to the next. */
  public static final int CAPTURE_STATES = 16;

  /**
   * {@code states} less those in which a host has taken more than its next packet acknowledges ({@link AckAhead}:
   * none of them can explain that packet; all are kept when all are ahead), and less those beyond {@link
   * #CAPTURE_STATES_PER_TCBS} with the same TCBs and beyond {@link #CAPTURE_STATES} in all, keeping those that owe
   * the capture no segment ({@link Unseen}) and then those with the fewest segments in flight (the first found
   * first among equals). Sound: a subset, so only behaviours of the spec are accepted; a capture whose
   * explanations all fall outside the states kept may be rejected.
   */
  static List<TLCState> fewestInFlight(List<TLCState> states, Unseen unseen, AckAhead ahead) {
    List<TLCState> behind = new ArrayList<>();
    for (TLCState s : states) {
      if (!ahead.ahead(s)) {
        behind.add(s);
      }
    }
    // States ahead of the capture cannot explain a packet to come; when no state is behind, they are kept for the
    // report of the packet that none explains.
    List<TLCState> sorted = behind.isEmpty() ? new ArrayList<>(states) : behind;
    if (sorted.size() <= CAPTURE_STATES_PER_TCBS) {
      return sorted;
    }
    // Those that owe the capture no segment first (Unseen).
    sorted.sort(java.util.Comparator.comparingInt((TLCState s) -> unseen.of(s).size())
        .thenComparingInt(s -> StateView.netKeys(s).size()));
    Map<Long, Integer> perTcbs = new java.util.HashMap<>();
    List<TLCState> each = new ArrayList<>();
    for (TLCState s : sorted) {
      long tcbs = ((Value) s.lookup("tcb")).fingerPrint(tlc2.util.FP64.New());
      int seen = perTcbs.getOrDefault(tcbs, 0) + 1;
      perTcbs.put(tcbs, seen);
      if (seen <= CAPTURE_STATES_PER_TCBS) {
        each.add(s);
      }
    }
    return each.size() <= CAPTURE_STATES ? each : new ArrayList<>(each.subList(0, CAPTURE_STATES));
  }

  /** The open peer's step ({@link Peer#OPEN}, {@link SpecModel#module}). */
  static final String OPEN_PEER = "OpenPeer";

  /**
   * {@code states} after the open peer's step before {@code line} of host {@code observed}: nothing in flight, but
   * the segment the line takes from the peer; a state with nothing in flight before a line that takes nothing is kept
   * as it is.
   */
  private static List<TLCState> openPeer(SpecModel m, List<TLCState> states, TraceLine line, String observed) {
    List<Action> actions = m.byName.getOrDefault(SpecModel.key(OPEN_PEER, observed), List.of());
    List<TLCState> out = new ArrayList<>(states.size());
    for (TLCState s : states) {
      if (line.seg() == null && ((Value) s.lookup("net")).size() == 0) {
        out.add(s);
        continue;
      }
      for (Action a : actions) {
        StateVec succ = m.tool.getNextStates(a, s);
        for (int i = 0; i < succ.size(); i++) {
          TLCState t = succ.elementAt(i);
          BranchLabel.take(t, name -> {});
          out.add(t);
        }
      }
    }
    return out;
  }

  /** The most matches of one step told apart by pairwise comparison rather than fingerprints. */
  private static final int PAIRWISE_MAX = 16;

  private static List<TLCState> step(SpecModel m, List<TLCState> states, TraceLine line, boolean anyAge) {
    List<Action> actions = m.byName.get(SpecModel.key(line.action(), line.host()));
    List<TLCState> next = new ArrayList<>();
    if (actions == null) {
      return next;
    }
    for (TLCState s : states) {
      Set<StateView.NetKey> pre = null;
      for (Action a : actions) {
        StateVec succ = m.tool.getNextStates(a, s);
        for (int i = 0; i < succ.size(); i++) {
          TLCState t = succ.elementAt(i);
          if (pre == null) {
            pre = StateView.netKeys(s);
          }
          if (octetsDiff(line, s, t) == null && diff(line, pre, t, anyAge, true).isEmpty()) {
            next.add(t);
          }
        }
      }
    }
    return distinct(next);
  }

  /**
   * How successor {@code t} of {@code s} differs from a {@code Send} or {@code Receive} line in the octets the
   * call queued (the spec's {@code sndLen} grows by them) or took (its {@code unread} shrinks by them), or null
   * when it does not (or the line is neither).
   */
  private static @Nullable String octetsDiff(TraceLine line, TLCState s, TLCState t) {
    String host = line.host();
    if (host == null) {
      return null;
    }
    if (line.action().equals("Send")) {
      long queued = field(t, host, "sndLen") - field(s, host, "sndLen");
      return queued == line.octets() ? null : "the SEND queues " + queued + " octet(s) in the spec, "
          + line.octets() + " in the trace";
    }
    if (line.action().equals("Receive")) {
      long taken = field(s, host, "unread") - field(t, host, "unread");
      return taken == line.octets() ? null : "the RECEIVE takes " + taken + " octet(s) in the spec, "
          + line.octets() + " in the trace";
    }
    return null;
  }

  private static long field(TLCState s, String host, String name) {
    return StateView.num(StateView.field(StateView.tcb(s, host), name));
  }

  /**
   * How successor {@code t} differs from the line; empty when it matches. {@code pre} is the network before,
   * as keys; with {@code anyAge} the segment taken may have any age (a one-endpoint trace does not see ages).
   */
  private static List<String> diff(TraceLine line, Set<StateView.NetKey> pre, TLCState t, boolean anyAge,
      boolean quick) {
    List<String> d = new ArrayList<>();
    for (Map.Entry<String, TcbRecord> e : line.tcb().entrySet()) {
      if (quick) {
        if (!StateView.tcbMatches(t, e.getKey(), e.getValue())) {
          d.add("tcb");
          return d;
        }
      } else {
        d.addAll(StateView.tcbDiff(t, e.getKey(), e.getValue()));
      }
    }
    if (line.action().equals("Tick")) {
      return d;
    }
    Set<StateView.NetKey> post = StateView.netKeys(t);
    if (netMatches(line, pre, post, anyAge)) {
      return d;
    }
    if (quick) {
      d.add("net");
      return d;
    }
    SegmentRecord seg = line.seg();
    if (seg != null) {
      StateView.NetKey taken = StateView.NetKey.of(seg, line.age());
      if (pre.stream().noneMatch(k -> anyAge ? k.sameSegment(taken) : k.equals(taken))) {
        d.add("net: " + seg.notation() + " (age " + line.age() + ") is not in flight in the spec");
        return d;
      }
    }
    Set<StateView.NetKey> sentSpec = new LinkedHashSet<>(post);
    sentSpec.removeAll(pre);
    Set<StateView.NetKey> sentTrace = new LinkedHashSet<>();
    for (SegmentRecord o : line.sent()) {
      sentTrace.add(StateView.NetKey.of(o, 0));
    }
    d.add("net: spec puts in flight " + sentSpec + ", trace " + sentTrace);
    return d;
  }

  /**
   * Whether {@code post} is {@code pre} less the segment the line takes (unless a copy stays, {@code dup}) plus
   * the segments it sends; with {@code anyAge}, the segment taken of any age, and a copy may stay. A segment taken
   * that was not in flight is one an attacker forged (the spec's {@code ForgedSegments}, offered only when the
   * header allows injection): the network gains what was sent and loses nothing. The successors checked here
   * took the line's segment ({@code TraceArrival}), so the case cannot hide a segment taken from the network.
   * The sets are not copied: {@code post} equals the expected set when it holds each of its members and is as
   * large.
   */
  private static boolean netMatches(TraceLine line, Set<StateView.NetKey> pre, Set<StateView.NetKey> post,
      boolean anyAge) {
    List<StateView.NetKey> sent = new ArrayList<>(line.sent().size());
    for (SegmentRecord o : line.sent()) {
      sent.add(StateView.NetKey.of(o, 0));
    }
    SegmentRecord seg = line.seg();
    if (seg == null) {
      return netIs(pre, null, sent, post);
    }
    StateView.NetKey taken = StateView.NetKey.of(seg, line.age());
    if (!anyAge) {
      return pre.contains(taken) ? netIs(pre, line.dup() ? null : taken, sent, post)
          : line.age() == 0 && !line.dup() && netIs(pre, null, sent, post);
    }
    boolean inFlight = false;
    for (StateView.NetKey k : pre) {
      if (k.sameSegment(taken)) {
        inFlight = true;
        if (netIs(pre, k, sent, post) || netIs(pre, null, sent, post)) {
          return true;
        }
      }
    }
    return !inFlight && netIs(pre, null, sent, post);
  }

  /** Whether {@code post} is {@code pre} less {@code removed} (a member of pre, or null) plus {@code sent}. */
  private static boolean netIs(Set<StateView.NetKey> pre, StateView.@Nullable NetKey removed,
      List<StateView.NetKey> sent, Set<StateView.NetKey> post) {
    int size = pre.size() - (removed == null ? 0 : 1);
    for (int i = 0; i < sent.size(); i++) {
      StateView.NetKey x = sent.get(i);
      boolean inBase = pre.contains(x) && !(removed != null && x.equals(removed));
      if (!inBase && sent.indexOf(x) == i) {
        size++;
      }
      if (!post.contains(x)) {
        return false;
      }
    }
    if (post.size() != size) {
      return false;
    }
    for (StateView.NetKey x : pre) {
      if (!(removed != null && x.equals(removed)) && !post.contains(x)) {
        return false;
      }
    }
    return true;
  }

  /** The action name of a capture's lines: a segment seen on the network, sent by a step the line does not name. */
  static final String WIRE = "Wire";

  /**
   * Whether step {@code s} -> {@code t} put nothing in flight: every segment of t's network was in s's (a step's
   * segments are new values; time, which ages them, is a Tick step and not hidden this way).
   */
  private static boolean sentNothing(TLCState s, TLCState t) {
    Value before = (Value) s.lookup("net");
    Value after = (Value) t.lookup("net");
    if (before == after) {
      return true;
    }
    SetEnumValue post = (SetEnumValue) after.toSetEnum();
    for (int i = 0; i < post.elems.size(); i++) {
      if (!before.member(post.elems.elementAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The states after a capture's line from {@code states} when a send of its host's timers came first that the capture
   * shows later (Unseen): the search takes these besides the line's step alone, since a later packet may show
   * that the send came first (on loopback a retransmission timer may fire as the peer's segment arrives, and the
   * capture point see the reply to the segment before the retransmission).
   */
  private static List<TLCState> afterHiddenSend(SpecModel m, List<TLCState> states, TraceLine line, Unseen unseen) {
    String host = line.host();
    if (host == null) {
      return List.of();
    }
    StateView.NetKey sent = StateView.NetKey.of(line.sent().get(0), 0);
    List<TLCState> hides = new ArrayList<>();
    for (Action a : m.actionsOf(host)) {
      // A timer's step (one that sends nothing is no hidden send: mayHide refuses it).
      if (!TIMEOUTS.contains(a.getName().toString())) {
        continue;
      }
      for (TLCState s : states) {
        StateVec succ = m.tool.getNextStates(a, s);
        for (int i = 0; i < succ.size(); i++) {
          TLCState t = succ.elementAt(i);
          if (!StateView.netKeys(t).contains(sent) && unseen.mayHide(s, t, host)) {
            BranchLabel.take(t, name -> {});
            hides.add(m.canonical(t));
          }
        }
      }
    }
    return hides.isEmpty() ? hides : wireStep(m, distinct(hides), line, unseen);
  }

  /**
   * The states after a capture's line from {@code states}: a step of the line's host, any of its actions, that
   * puts the line's segment in flight and nothing else, taking at most one segment from the network.
   */
  private static List<TLCState> wireStep(SpecModel m, List<TLCState> states, TraceLine line,
      @Nullable Unseen unseen) {
    List<TLCState> next = new ArrayList<>();
    StateView.NetKey sent = StateView.NetKey.of(line.sent().get(0), 0);
    for (TLCState s : states) {
      Set<StateView.NetKey> pre = StateView.netKeys(s);
      if (unseen != null && unseen.holds(s, sent)) {
        // Sent earlier by a hidden step, and shown now (Unseen).
        next.add(s);
        continue;
      }
      // An identical segment sent within the same tick and still in flight: the spec's network is a set of
      // segments with ages, in which the two are one (as in the simulator). The step that sent it again either
      // changed nothing else (the state stays as it is) or took a segment as well: a receiver's second duplicate
      // ACK, sent as it holds a second segment beyond a hole (docs/findings.md F7).
      if (pre.contains(sent)) {
        next.add(s);
      }
      for (Action a : m.actionsOf(line.host())) {
        StateVec succ = m.tool.getNextStates(a, s);
        for (int i = 0; i < succ.size(); i++) {
          TLCState t = succ.elementAt(i);
          if (sentOnly(pre, StateView.netKeys(t), sent)) {
            next.add(t);
          }
        }
      }
    }
    return distinct(next);
  }

  /**
   * Whether {@code post} is {@code pre}, less at most one segment, plus {@code sent}; when {@code pre} holds {@code
   * sent} already (the set holds the two copies as one), whether it is {@code pre} less one segment taken by the
   * step that sent it again.
   */
  private static boolean sentOnly(Set<StateView.NetKey> pre, Set<StateView.NetKey> post, StateView.NetKey sent) {
    if (pre.contains(sent)) {
      return post.contains(sent) && post.size() == pre.size() - 1 && pre.containsAll(post);
    }
    if (!post.contains(sent) || post.size() < pre.size() || post.size() > pre.size() + 1) {
      return false;
    }
    int missing = 0;
    for (StateView.NetKey k : pre) {
      if (!post.contains(k) && ++missing > 1) {
        return false;
      }
    }
    return post.size() == pre.size() - missing + 1;
  }

  /**
   * Why no step of a capture's line's host puts its segment in flight: the actions enabled (after up to {@link
   * #HIDDEN_DEPTH} silent hidden steps, as searched) and what the line's host's enabled steps would send instead.
   */
  private static Failure diagnoseWire(SpecModel m, Trace trace, List<TLCState> states, TraceLine line) {
    List<TLCState> sample = states.subList(0, Math.min(states.size(), 50));
    Set<String> enabled = new LinkedHashSet<>();
    Set<String> sends = new LinkedHashSet<>();
    for (Action a : m.actions) {
      for (TLCState s : sample) {
        StateVec succ = m.tool.getNextStates(a, s);
        if (succ.size() == 0) {
          continue;
        }
        String name = SpecModel.key(a.getName().toString(), SpecModel.host(a));
        enabled.add(name);
        if (!java.util.Objects.equals(SpecModel.host(a), line.host())) {
          continue;
        }
        Set<StateView.NetKey> pre = StateView.netKeys(s);
        for (int i = 0; i < succ.size() && sends.size() < 8; i++) {
          for (Value v : StateView.net(succ.elementAt(i))) {
            if (!pre.contains(StateView.key(v))) {
              sends.add(name + " sends " + StateView.segment(v).notation());
            }
          }
        }
      }
    }
    String closest = "no step of " + line.host() + " puts " + line.sent().get(0).notation()
        + " in flight here (after up to " + HIDDEN_DEPTH + " hidden steps that send nothing); "
        + (sends.isEmpty() ? line.host() + " has no step that sends" : String.join("; ", sends));
    return new Failure(trace.source(), line.line(), line.summary(), new ArrayList<>(enabled), closest);
  }

  /** User calls, losses and crashes: the hidden steps that are searched at most {@link #HIDDEN_RARE} per gap. */
  private static final Set<String> RARE =
      Set.of("ActiveOpen", "PassiveOpen", "Send", "Receive", "Close", "Abort", "Lose", "Crash");
  /** Hidden user calls, losses and crashes searched between two observed lines, at most. */
  public static final int HIDDEN_RARE = 1;
  /**
   * The same for a capture, where both users are hidden: the last SEND call and the CLOSE of a user whose FIN goes
   * out with its last text fall between two packets.
   */
  public static final int HIDDEN_RARE_CAPTURE = 2;

  private static int rareMost(boolean silent) {
    return silent ? HIDDEN_RARE_CAPTURE : HIDDEN_RARE;
  }

  private record Hidden(TLCState state, int rare) {}

  /** Times a gap of time of a one-endpoint trace is split, at most, to let hidden steps happen inside it. */
  public static final int HIDDEN_SPLITS = 3;

  /** The peer's timeouts: hidden steps that become possible only as time passes. */
  private static final Set<String> TIMEOUTS = Set.of("RetransmitTimeout", "WindowProbe", "GiveUp", "TimeWaitTimeout",
      "KeepAliveProbe", "KeepAliveGiveUp");

  /** A state inside a gap of time, with the ticks of the gap still to pass. */
  private record Timed(TLCState state, long left) {}

  /**
   * The states of a one-endpoint trace after {@code line}: hidden steps (the peer's, the network's) and then the
   * line. A gap of time ({@code line} a Tick of {@code ticks}) may be split: time passes to a point where a hidden
   * timeout becomes possible or must happen, hidden steps follow, and so on ({@link #HIDDEN_SPLITS} times at most).
   */
  private static List<TLCState> hiddenThenStep(SpecModel m, List<TLCState> states, TraceLine line, String observed,
      long ticks, boolean lazy, @Nullable Unseen unseen, @Nullable AckAhead ahead) {
    List<Action> hidden = hiddenActions(m, observed);
    if (unseen == null || ahead == null || !lazy) {
      return search(m, states, line, hidden, ticks, lazy, unseen);
    }
    // A capture, searched lazily: a segment left in flight may arrive as late as MSL allows, which would put off
    // what its arrival starts (a timer, a state) past the point the line shows it. So the search starts as well
    // from the states after segments in flight whose arrival sends nothing have arrived (on loopback, nearly at
    // once), and the fewest hidden steps from any of them win. Starting points that differ only in segments whose
    // arrival changes nothing are thinned as the states between packets are (fewestInFlight).
    List<TLCState> starts = new ArrayList<>(states);
    starts.addAll(arrived(m, states, hidden, unseen, ahead));
    return search(m, fewestInFlight(starts, unseen, ahead), line, hidden, ticks, lazy, unseen);
  }

  private static List<Long> fingerprints(List<TLCState> states) {
    List<Long> out = new ArrayList<>();
    for (TLCState s : states) {
      out.add(s.fingerPrint());
    }
    return out;
  }

  /**
   * Segments in flight that the search for a capture's arrivals ({@link #arrived}) passes over in one state, at
   * most, to let later segments of their direction arrive first.
   */
  public static final int PASSED_OVER = 4;

  /** The arrival actions of the spec (its {@code Arrival(h)}): a segment taken from the network. */
  private static final Set<String> ARRIVALS = Set.of("SegmentArrivesClosed", "SegmentArrivesListen",
      "SegmentArrivesSynSent", "SimultaneousOpen", "TimeWaitReopen", "TimeWaitFinRetransmitted",
      "SimultaneousOpenSynAck", "RejectUnacceptable", "ReceiveRst", "ReceiveSyn", "ReceiveSegment", "ReceiveFin",
      "SimultaneousClose");

  /**
   * The states {@code states} reach when segments in flight whose arrival sends nothing arrive, each direction in
   * the order its segments were sent (the oldest first; of those sent in one tick, the lowest SEQ), as far as any
   * of them ({@link #HIDDEN_DEPTH} twice at most, {@link #HIDDEN_STATES} states at most): a segment may as well be
   * lost or late while an earlier one arrives; and text whose receiver the capture shows not to have taken it
   * ({@link AckAhead#ahead}) and whose sender is shown sending it again ({@link AckAhead#sentAgain}) is passed
   * over, {@link #PASSED_OVER} segments per state at most ({@link DueArrivals#passingOver}). The order is
   * loopback's, and only narrows this extra search; so does leaving out deliveries that keep a copy in flight
   * ({@link DueArrivals}).
   */
  private static List<TLCState> arrived(SpecModel m, List<TLCState> states, List<Action> hidden,
      @Nullable Unseen unseen, @Nullable AckAhead ahead) {
    List<Action> arrivals = new ArrayList<>();
    for (Action a : hidden) {
      if (ARRIVALS.contains(a.getName().toString())) {
        arrivals.add(a);
      }
    }
    List<TLCState> reached = new ArrayList<>();
    List<TLCState> level = states;
    Set<Long> seen = new HashSet<>(fingerprints(states));
    for (int depth = 0; depth < 2 * HIDDEN_DEPTH && !level.isEmpty() && seen.size() <= HIDDEN_STATES; depth++) {
      List<TLCState> next = new ArrayList<>();
      for (TLCState s : level) {
        for (TLCState t : DueArrivals.passingOver(m, s, arrivals, PASSED_OVER,
            (from, to) -> sentNothing(from, to) && (unseen == null || unseen.keeps(from, to)),
            (k, to) -> ahead != null && ahead.sentAgain(k) && ahead.ahead(to))) {
          if (seen.add(t.fingerPrint())) {
            next.add(t);
          }
        }
      }
      reached.addAll(next);
      level = next;
    }
    return reached;
  }

  /** {@link #hiddenThenStep}'s search from {@code states}. */
  private static List<TLCState> search(SpecModel m, List<TLCState> states, TraceLine line, List<Action> hidden,
      long ticks, boolean lazy, @Nullable Unseen unseen) {
    boolean gap = line.action().equals("Tick") && ticks > 0;
    // The line is tried after 0 hidden steps, then 1, and so on. Lazily, only the states of the fewest steps that
    // match are kept (a step put off mostly stays possible, and a gap of time is split where it must happen);
    // eagerly, the states of every depth that match.
    List<Hidden> level = new ArrayList<>();
    Map<Long, Integer> seen = new java.util.HashMap<>();
    for (TLCState s : states) {
      if (seen.putIfAbsent(s.fingerPrint(), 0) == null) {
        level.add(new Hidden(s, 0));
      }
    }
    List<TLCState> all = new ArrayList<>();
    for (int depth = 0; ; depth++) {
      List<TLCState> current = new ArrayList<>();
      for (Hidden h : level) {
        current.add(h.state());
      }
      boolean wire = line.action().equals(WIRE);
      all.addAll(gap ? gap(m, current, line, ticks, hidden, unseen)
          : wire ? wireStep(m, current, line, unseen) : step(m, current, line, true));
      boolean last = lazy && !all.isEmpty() || depth == HIDDEN_DEPTH || seen.size() > HIDDEN_STATES;
      if (!last) {
        level = expand(m, level, hidden, seen, unseen, line);
      }
      if (last || level.isEmpty()) {
        if (wire && unseen != null) {
          // At the depth the search ends at, the line's step after a send of its host shown later (Unseen).
          all.addAll(afterHiddenSend(m, current, line, unseen));
        }
        return distinct(all);
      }
    }
  }

  /** The next level of a hidden search: the states one hidden step on, not seen before (or seen with more rare). */
  private static List<Hidden> expand(SpecModel m, List<Hidden> level, List<Action> hidden, Map<Long, Integer> seen,
      @Nullable Unseen unseen, TraceLine line) {
    // A capture's packet may follow sends of its host the capture shows later (Unseen).
    String sender = line.action().equals(WIRE) ? line.host() : null;
    List<Hidden> nextLevel = new ArrayList<>();
    for (Hidden h : level) {
      for (Action a : hidden) {
        int rare = h.rare() + (RARE.contains(a.getName().toString()) ? 1 : 0);
        if (rare > rareMost(unseen != null)) {
          continue;
        }
        StateVec succ = m.tool.getNextStates(a, h.state());
        for (int i = 0; i < succ.size(); i++) {
          TLCState t = succ.elementAt(i);
          BranchLabel.take(t, name -> {});
          m.canonical(t);
          if (unseen != null && !(unseen.keeps(h.state(), t) && (sentNothing(h.state(), t)
              || sender != null && unseen.mayHide(h.state(), t, sender)))) {
            continue;
          }
          Integer before = seen.get(t.fingerPrint());
          if (before == null || before > rare) {
            seen.put(t.fingerPrint(), rare);
            nextLevel.add(new Hidden(t, rare));
          }
        }
      }
    }
    return nextLevel;
  }

  /**
   * The states after a gap of {@code ticks} from {@code start}: time passes whole, or is split where a hidden
   * timeout becomes possible or must happen, with hidden steps there (the fewest that let the rest pass), up to
   * {@link #HIDDEN_SPLITS} times.
   */
  private static List<TLCState> gap(SpecModel m, List<TLCState> start, TraceLine line, long ticks,
      List<Action> hidden, @Nullable Unseen unseen) {
    List<TLCState> out = new ArrayList<>();
    for (TLCState s : start) {
      out.addAll(pass(m, s, line, ticks));
    }
    List<Timed> frontier = new ArrayList<>();
    for (TLCState s : start) {
      frontier.add(new Timed(s, ticks));
    }
    for (int round = 0; round < HIDDEN_SPLITS && out.isEmpty() && !frontier.isEmpty(); round++) {
      List<Timed> next = new ArrayList<>();
      Set<Long> seen = new HashSet<>();
      for (Timed t : frontier) {
        for (long p : points(m, t.state(), line, t.left(), hidden)) {
          for (TLCState after : pass(m, t.state(), line, p)) {
            for (TLCState u : closure(m, List.of(after), hidden, unseen)) {
              if (u != after && seen.add(u.fingerPrint() ^ (t.left() - p))) {
                next.add(new Timed(u, t.left() - p));
              }
            }
          }
        }
        if (next.size() > HIDDEN_STATES) {
          break;
        }
      }
      for (Timed t : next) {
        out.addAll(pass(m, t.state(), line, t.left()));
      }
      frontier = next;
    }
    return out;
  }

  /** The states {@code s} reaches by {@code ticks} ticks of the Tick line {@code line}. */
  private static List<TLCState> pass(SpecModel m, TLCState s, TraceLine line, long ticks) {
    return TraceHints.passing(line, ticks, () -> step(m, List.of(s), line, true));
  }

  /**
   * The points inside a gap of {@code left} ticks from {@code s} where a hidden step may be needed: the latest time
   * can pass (a timer must fire, a segment must be taken) and, for each of the peer's timeouts not yet possible,
   * the first tick at which it is; each found by bisection, since passing more time only brings them nearer.
   */
  private static Set<Long> points(SpecModel m, TLCState s, TraceLine line, long left, List<Action> hidden) {
    Set<Long> points = new java.util.TreeSet<>();
    long most = left;
    if (pass(m, s, line, left).isEmpty()) {
      long lo = 0;
      long hi = left;
      while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        if (pass(m, s, line, mid).isEmpty()) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      most = lo;
      if (lo > 0) {
        points.add(lo);
      }
    }
    for (Action a : hidden) {
      if (!TIMEOUTS.contains(a.getName().toString()) || m.tool.getNextStates(a, s).size() > 0) {
        continue;
      }
      if (most < 1 || !enabledAfter(m, s, line, Math.min(most, left - 1), a)) {
        continue;
      }
      long lo = 0;
      long hi = Math.min(most, left - 1);
      while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        if (enabledAfter(m, s, line, mid, a)) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      points.add(hi);
    }
    return points;
  }

  private static boolean enabledAfter(SpecModel m, TLCState s, TraceLine line, long ticks, Action a) {
    if (ticks < 1) {
      return false;
    }
    for (TLCState t : pass(m, s, line, ticks)) {
      if (m.tool.getNextStates(a, t).size() > 0) {
        return true;
      }
    }
    return false;
  }

  /** The actions of a one-endpoint trace's hidden side: every step not of the observed host, time aside. */
  private static List<Action> hiddenActions(SpecModel m, String observed) {
    List<Action> hidden = new ArrayList<>();
    for (Action a : m.actions) {
      String h = SpecModel.host(a);
      String name = a.getName().toString();
      if (name.equals("Quiescence") || name.equals("Tick")) {
        continue;
      }
      if (h == null || !h.equals(observed)) {
        hidden.add(a);
      }
    }
    return hidden;
  }

  /**
   * The states once each. Fingerprinting a state costs more than the rest of a fully observed step (JFR profile),
   * which has one match or a few (the hidden variables' choices): one is returned as it is, a few are told apart
   * by comparing values pairwise ({@code TLCStateMut.equals} compares every variable, as its fingerprint hashes
   * them). Many (after a one-endpoint search) go through fingerprints, which stay linear.
   */
  private static List<TLCState> distinct(List<TLCState> states) {
    if (states.size() < 2) {
      return states;
    }
    List<TLCState> out = new ArrayList<>();
    if (states.size() > PAIRWISE_MAX) {
      Set<Long> seen = new HashSet<>();
      for (TLCState t : states) {
        if (seen.add(t.fingerPrint())) {
          out.add(t);
        }
      }
      return out;
    }
    for (TLCState t : states) {
      boolean dup = false;
      for (TLCState u : out) {
        dup |= !dup && u.equals(t);
      }
      if (!dup) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * {@code states} and every state they reach by up to {@link #HIDDEN_DEPTH} hidden steps (of them at most {@link
   * #HIDDEN_RARE} user call, loss or crash), {@link #HIDDEN_STATES} states at most.
   */
  private static List<TLCState> closure(SpecModel m, List<TLCState> states, List<Action> hidden,
      @Nullable Unseen unseen) {
    List<Hidden> level = new ArrayList<>();
    Map<Long, Integer> seen = new java.util.HashMap<>();
    List<TLCState> all = new ArrayList<>();
    for (TLCState s : states) {
      if (!seen.containsKey(s.fingerPrint())) {
        seen.put(s.fingerPrint(), 0);
        level.add(new Hidden(s, 0));
        all.add(s);
      }
    }
    for (int depth = 0; depth < HIDDEN_DEPTH && seen.size() <= HIDDEN_STATES && !level.isEmpty(); depth++) {
      List<Hidden> nextLevel = new ArrayList<>();
      for (Hidden h : level) {
        for (Action a : hidden) {
          int rare = h.rare() + (RARE.contains(a.getName().toString()) ? 1 : 0);
          if (rare > rareMost(unseen != null)) {
            continue;
          }
          StateVec succ = m.tool.getNextStates(a, h.state());
          for (int i = 0; i < succ.size(); i++) {
            TLCState t = succ.elementAt(i);
            BranchLabel.take(t, name -> {});
            m.canonical(t);
            if (unseen != null && !(sentNothing(h.state(), t) && unseen.keeps(h.state(), t))) {
              continue;
            }
            Integer before = seen.get(t.fingerPrint());
            if (before == null || before > rare) {
              if (before == null) {
                all.add(t);
              }
              seen.put(t.fingerPrint(), rare);
              nextLevel.add(new Hidden(t, rare));
            }
          }
        }
      }
      level = nextLevel;
    }
    return all;
  }

  /**
   * Why time could not pass {@code ticks} before {@code line} (or at a Tick line): the timers that would outlive
   * their greatest delay and the segments that would outlive MSL, in the first state that is consistent with the
   * trace so far; or, when the time could pass, how the Tick's successor differs from the line.
   */
  private static Failure diagnoseTime(SpecModel m, TickedTrace time, List<TLCState> states, TraceLine line,
      long ticks) {
    Failure f = diagnose(m, time.trace(), states, line, true, ticks);
    if (states.isEmpty() || !f.closest().startsWith("Tick is not enabled")) {
      return f;
    }
    List<String> due = StateView.dueWithin(states.get(0), ticks, time.hi(time.trace().header().msl()),
        time.hi(time.trace().header().timers().timeWait()));
    String why = "time cannot pass " + ticks + " tick(s) of " + time.tick() + " us: "
        + (due.isEmpty() ? "nothing waits on it" : String.join("; ", due))
        + " (NothingDue: no timer outlives its greatest delay, no segment outlives MSL)";
    return new Failure(f.source(), f.line(), f.event(), f.enabled(), why);
  }

  private static Failure diagnose(SpecModel m, Trace trace, List<TLCState> states, TraceLine line, boolean full,
      long ticks) {
    List<TLCState> sample = states.subList(0, Math.min(states.size(), 50));
    Set<String> enabled = new LinkedHashSet<>();
    for (Action a : m.actions) {
      for (TLCState s : sample) {
        StateVec succ = successors(m, a, s);
        if (succ == null || succ.size() > 0) {
          enabled.add(SpecModel.key(a.getName().toString(), SpecModel.host(a)));
          break;
        }
      }
    }
    String closest;
    List<Action> actions = m.byName.get(SpecModel.key(line.action(), line.host()));
    if (actions == null) {
      closest = "the spec has no action " + SpecModel.key(line.action(), line.host());
    } else {
      List<String> best = null;
      for (TLCState s : sample) {
        Set<StateView.NetKey> pre = StateView.netKeys(s);
        for (Action a : actions) {
          StateVec succ = successors(m, a, s);
          if (succ == null) {
            continue;
          }
          for (int i = 0; i < succ.size(); i++) {
            List<String> d = new ArrayList<>(diff(line, pre, succ.elementAt(i), !full, false));
            String o = octetsDiff(line, s, succ.elementAt(i));
            if (o != null) {
              d.add(o);
            }
            if (best == null || d.size() < best.size()) {
              best = d;
            }
          }
        }
      }
      String name = SpecModel.key(line.action(), line.host());
      if (best == null) {
        closest = name + " is not enabled" + (full ? "" : " (after up to " + HIDDEN_DEPTH + " hidden steps)") + ": "
            + Guards.falseConjunct(m, actions, sample, line);
      } else {
        closest = name + " is enabled but its successor differs: " + String.join("; ", best);
      }
    }
    String summary = TickedTrace.added(line)
        ? ticks + " tick(s) pass before the line (to tick " + line.t() + ")" : line.summary();
    return new Failure(trace.source(), line.line(), summary, new ArrayList<>(enabled), closest);
  }

  /**
   * The successors of {@code s} by {@code a}, for a report; null when they are too many for TLC to list (a SEND of
   * any size up to a large {@code sendMax}, enumerated without the line's hint): the action is enabled, and none of
   * its successors is shown.
   */
  private static @Nullable StateVec successors(SpecModel m, Action a, TLCState s) {
    try {
      return m.tool.getNextStates(a, s);
    } catch (util.Assert.TLCRuntimeException e) {
      return null;
    }
  }

  /** Whether {@code file} looks like a trace (for directory arguments). */
  public static boolean isTraceFile(Path file) {
    String n = file.getFileName() == null ? "" : file.getFileName().toString();
    return Files.isRegularFile(file) && n.endsWith(".ndjson");
  }

  static @Nullable String hostOf(Action a) {
    return SpecModel.host(a);
  }
}
