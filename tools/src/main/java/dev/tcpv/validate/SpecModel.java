package dev.tcpv.validate;

import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.Timers;
import dev.tcpv.tracefile.TraceHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.tool.impl.FastTool;

/**
 * The spec with the constants of a trace, loaded into TLC in this JVM: the wrapper module {@code TraceTcp} (which
 * extends {@code Tcp}) and its configuration, generated from the trace's header. TLC keeps global state, so one
 * model is loaded at a time; a trace with the same constants as the last one reuses it.
 */
final class SpecModel {
  /** The wrapper module's name. */
  static final String MODULE = "TraceTcp";
  /** Connection attempts per host the validation model allows (MaxGen). */
  static final int MAX_GEN = 32;
  /** MaxRetries when R2 is a time only: more retransmissions than any trace shows. */
  static final int NO_RETRY_LIMIT = 1 << 20;
  /** Loss, duplication and crash budgets: large, the simulator's fault mixes are not spec rules. */
  static final int BUDGET = 1000;

  private static @Nullable SpecModel current;

  final Path dir;
  final String moduleText;
  final String cfgText;
  final FastTool tool;
  final Action[] actions;
  /** action name, host ("" for none) -> the TLC actions. */
  final Map<String, List<Action>> byName = new HashMap<>();
  /** host -> the TLC actions bound to it. */
  private final Map<String, List<Action>> byHost = new HashMap<>();
  /**
   * Whether the spec's ISN clock is read: not when the trace's ISS values override {@code IsnCandidates}, the
   * clock's only reader (Tick and the ISS draws write it; View leaves it out once all are drawn).
   */
  final boolean isnClockRead;
  /** The size of the sequence space (the constant SeqMod). */
  final long seqMod;

  private SpecModel(Path dir, String moduleText, String cfgText, FastTool tool) {
    this.dir = dir;
    this.moduleText = moduleText;
    this.cfgText = cfgText;
    this.tool = tool;
    this.actions = tool.getActions();
    this.isnClockRead = !cfgText.contains("IsnCandidates <- TraceIsnCandidates");
    this.seqMod = cfgText.lines().map(String::strip).filter(l -> l.startsWith("SeqMod = "))
        .mapToLong(l -> Long.parseLong(l.substring("SeqMod = ".length()))).findFirst().orElse(1L << 32);
    for (Action a : actions) {
      byName.computeIfAbsent(key(a.getName().toString(), host(a)), k -> new ArrayList<>()).add(a);
      String h = host(a);
      if (h != null) {
        byHost.computeIfAbsent(h, k -> new ArrayList<>()).add(a);
      }
    }
    // A Tick line is time passing: the spec's Tick while something waits on time, and while nothing does its
    // Quiescence, a stutter (time then moves nothing the spec keeps).
    byName.computeIfAbsent("Tick", k -> new ArrayList<>()).addAll(byName.getOrDefault("Quiescence", List.of()));
  }

  private static final util.UniqueString ISN_CLOCK = util.UniqueString.uniqueStringOf("isnClock");

  /**
   * {@code s} with its ISN clock set to 0 when nothing reads the clock, so that states that differ only in where it
   * stands (after different splits of time, or time passing while nothing waited on it) are one: they have the
   * same successors but for the clock, and the same verdicts. Only for states the caller owns (successors TLC
   * computed for it).
   */
  TLCState canonical(TLCState s) {
    if (!isnClockRead) {
      s.bind(ISN_CLOCK, tlc2.value.impl.IntValue.ValZero);
    }
    return s;
  }

  /** The actions bound to {@code host} (its user calls, outputs, arrivals and timeouts); none for null. */
  List<Action> actionsOf(@Nullable String host) {
    return host == null ? List.of() : byHost.getOrDefault(host, List.of());
  }

  static String key(String action, @Nullable String host) {
    return host == null ? action : action + "(" + host + ")";
  }

  /** The host an action of {@code Next} is bound to, or null. */
  static @Nullable String host(Action a) {
    Object v = a.con.lookup(n -> n.getName().toString().equals("h"));
    if (v == null) {
      return null;
    }
    String s = v.toString();
    return s.replace("\"", "");
  }

  /**
   * The module text for {@code header}, whose trace in ticks is {@code time}. The facts of the one trace (its gaps
   * of time, the ISS values it shows) are {@code TraceData(kind, h)}: with {@code facts} null, an operator whose
   * TLA+ body is empty and which {@link TraceHints#data} defines for the trace being checked, so that traces with
   * the same header share one module (loading one into TLC costs about a second); with {@code facts}, their values
   * written out (a module stock TLC checks, {@link TraceExport}). It also defines the open peer of a one-endpoint
   * trace ({@link Peer#OPEN}) and {@code TraceNext}, the spec's Next or its step, which {@link #cfg} may select; with
   * {@code open} the peer's user reads (its windows move).
   */
  static String module(TraceHeader h, TraceHints.@Nullable Facts facts, TickedTrace time, boolean open) {
    StringBuilder b = new StringBuilder();
    b.append("---- MODULE ").append(MODULE).append(" ----\n");
    b.append("\\* Generated by tcpv validate: Tcp with the constants of a trace.\n");
    b.append("EXTENDS Tcp\n");
    b.append("TraceIsnOffset == [h \\in Hosts |-> IF h = \"A\" THEN ").append(h.isnOffsetA()).append(" ELSE ")
        .append(h.isnOffsetB()).append("]\n");
    // Without reads, the users take text as it arrives (no RECEIVE calls): every window stays RcvWndSize. An open
    // peer is any TCP, whose user may read: its windows move, and SND.WL1 and SND.WL2 order the updates it sends.
    String readers = h.reads() ? "Hosts"
        : open ? "{\"" + (h.observed().get(0).equals("A") ? "B" : "A") + "\"}" : "{}";
    b.append("TraceCalls == [h \\in Hosts |-> IF h \\in ").append(readers)
        .append(" THEN UserCalls ELSE UserCalls \\ {\"Receive\"}]\n");
    b.append("\\* What a line shows of a sender's or user's choice (TraceHints narrows all to it).\n");
    b.append("TraceHint(kind, h, key, all) == all\n");
    if (facts == null) {
      b.append("\\* The trace's own facts: \"gaps\", the tick counts between its lines; \"iss\", the ISS\n");
      b.append("\\* values of h it shows (TraceHints.data defines them for the trace being checked).\n");
      b.append("TraceData(kind, h) == {}\n");
    } else {
      b.append("\\* The trace's own facts: \"gaps\", the tick counts between its lines; \"iss\", the ISS\n");
      b.append("\\* values of h.\n");
      b.append("TraceData(kind, h) == CASE kind = \"gaps\" -> ").append(set(facts.gaps())).append('\n');
      b.append("                        [] h = \"A\" -> ").append(set(facts.iss().get("A"))).append('\n');
      b.append("                        [] OTHER -> ").append(set(facts.iss().get("B"))).append('\n');
    }
    b.append("\\* A segment carries 1 to MSS octets, a SEND call queues 1 to sendMax octets, a RECEIVE takes 1 to\n");
    b.append("\\* what waits (TextLens, SendLens, ReadLens overridden; the line says how many).\n");
    b.append("TraceTextLens(h, seq) == TraceHint(\"text\", h, seq, 1..MaxSegLen)\n");
    b.append("TraceSendLens(h, n) == TraceHint(\"send\", h, SeqAdd(tcb[h].iss, 1 + n), 1..").append(h.sendMax())
        .append(")\n");
    b.append("TraceReadLens(h, n) == TraceHint(\"read\", h, n, 1..n)\n");
    b.append("\\* A capture shows the windows a host offers, not when it chose them: its SYN offers any window\n");
    b.append("\\* and it may offer held-back buffer before any segment (InitialWindows, OfferLens overridden;\n");
    b.append("\\* the line says which).\n");
    b.append("TraceInitialWindows(h) == TraceHint(\"wnd0\", h, 0, 0..RcvWndSize)\n");
    b.append("TraceOfferLens(h, n) == TraceHint(\"offer\", h, IF tcb[h].st = \"SYN-SENT\" THEN -1 - tcb[h].rcvWnd\n");
    b.append("                                            ELSE RightEdge(tcb[h]), 1..n)\n");
    b.append("\\* Any stack may send its FIN with the last of its text (FinWithText overridden). The three are\n");
    b.append("\\* defined in every module and overridden for captures only.\n");
    b.append("TraceFinWithText == TRUE\n");
    b.append("\\* Time: the ticks of ").append(time.tick())
        .append(" us between lines (TickSizes overridden; TraceHints\n");
    b.append("\\* narrows it to the gap before the line being checked).\n");
    b.append("TraceTickSizes == TraceHint(\"tick\", \"A\", 0, TraceData(\"gaps\", \"A\"))\n");
    b.append("\\* The segment an arrival takes: the line's (Arrivals overridden).\n");
    b.append("TraceArrival(h, n, forged) == n \\cup forged\n");
    b.append("TraceArrivals(h) == TraceArrival(h, net, ForgedSegments(h))\n");
    b.append("\\* Whether an arrival keeps a copy in flight: the line's (KeepsCopy overridden).\n");
    b.append("TraceKeepsCopy(s) == TraceHint(\"keep\", s.dst, 0, IF budget.dup > 0 THEN BOOLEAN ELSE {FALSE})\n");
    timerBounds(b, h, time);
    b.append("\\* The ISS values the trace shows (IsnCandidates overridden unless the trace follows the spec's\n");
    b.append("\\* clock); a keyed clock (R-ISN-1) narrows them to the one its 4 us clock gives at the line's time.\n");
    b.append("TraceIsnCandidates(h) == TraceHint(\"isn\", h, 0, TraceData(\"iss\", h))\n");
    // Defined in every module, used by the configuration of an open peer only. TLC 2.18 keeps the slot of a
    // definition in its interned name (UniqueString) across loads: a name that some modules define and others do
    // not can find its slot taken when its module is loaded again, and TLC then evaluates another definition in its
    // place (seen: the open peer's step had no successor once its module was loaded a second time, after another).
    // So every module loaded in one JVM defines the same names, and the configuration picks those it uses.
    openPeer(b);
    b.append("====\n");
    return b.toString();
  }

  /**
   * The open peer of a one-endpoint trace ({@link Peer#OPEN}): {@code OpenPeer(h)}, its step before a line of the
   * observed host h, and {@code TraceNext}. The text is the same whichever host is observed (one module serves both).
   */
  private static void openPeer(StringBuilder b) {
    b.append("\\* The open peer (tcpv validate --peer open): the hidden host is any TCP. Before a line of the\n");
    b.append("\\* observed host h it takes every segment in flight (it received them, or they were lost) and\n");
    b.append("\\* puts in flight the segment the line shows h taking, if any: TraceHint(\"peer\") gives its\n");
    b.append("\\* <<SEQ, ACK, CTL, LEN, WND>> (none without the validator, which reads the line). Its tags: the\n");
    b.append("\\* incarnation h is synchronized with (1 before any), answering h's own (none for a SYN alone),\n");
    b.append("\\* so the ghost judges nothing stale.\n");
    b.append("OpenPeerGen(h) == IF PeerGen(h) = 0 THEN 1 ELSE PeerGen(h)\n");
    b.append("OpenPeer(h) ==\n");
    b.append("    /\\ net' = {SegWnd(Peer(h), x[1], x[2], x[3], x[4], x[5], OpenPeerGen(h),\n");
    b.append("                      IF x[3] = {\"SYN\"} THEN 0 ELSE ghost.gen[h]) :\n");
    b.append("                x \\in TraceHint(\"peer\", h, 0, {})}\n");
    b.append("    /\\ UNCHANGED <<tcb, isnClock, quiet, budget, ghost>>\n");
    b.append("    /\\ Took({\"OpenPeer\"})\n");
    b.append("TraceNext == Next \\/ \\E h \\in Hosts : OpenPeer(h)\n");
  }

  /** The timer bounds of the header in ticks (RtoLo, RtoHi, TimeWaitLo, ... overridden). */
  private static void timerBounds(StringBuilder b, TraceHeader h, TickedTrace time) {
    Timers t = h.timers();
    b.append("\\* Timer bounds: ").append(time.exact() ? "every time of the trace is a multiple of the tick, so"
        + " they are exact" : "each is widened to the tick a delay of that length may show").append(".\n");
    List<Long> rtoLo = time.rtoLo();
    List<String> cells = new ArrayList<>();
    rtoLo.forEach(v -> cells.add(Long.toString(v)));
    b.append("TraceRtoLoAfter == <<").append(String.join(", ", cells)).append(">>\n");
    b.append("TraceRtoLo(k) == IF k < ").append(rtoLo.size()).append(" THEN TraceRtoLoAfter[k + 1] ELSE ")
        .append(rtoLo.get(rtoLo.size() - 1)).append("\n");
    b.append("TraceRtoHi(k) == ").append(time.hi(t.rto())).append("\n");
    b.append("TraceTimeWaitLo == ").append(time.lo(t.timeWait())).append("\n");
    b.append("TraceTimeWaitHi == ").append(time.hi(t.timeWait())).append("\n");
    b.append("TraceKaLo(p) == IF p = 0 THEN ").append(time.lo(t.kaIdle())).append(" ELSE ")
        .append(time.lo(t.kaInterval())).append("\n");
    b.append("TraceKaHi(p) == IF p = 0 THEN ").append(time.hi(t.kaIdle())).append(" ELSE ")
        .append(time.hi(t.kaInterval())).append("\n");
    Bounds r2 = t.r2();
    Bounds r2Syn = t.r2Syn();
    String syn = "t.st \\in {\"SYN-SENT\", \"SYN-RECEIVED\"}";
    if (r2 != null && r2Syn != null) {
      b.append("TraceR2Clock == TRUE\n");
      b.append("TraceR2Lo(t) == IF ").append(syn).append(" THEN ").append(time.lo(r2Syn)).append(" ELSE ")
          .append(time.lo(r2)).append("\n");
      b.append("TraceR2Hi(t) == IF ").append(syn).append(" THEN ").append(time.r2Hi(r2Syn)).append(" ELSE ")
          .append(time.r2Hi(r2)).append("\n");
    } else {
      b.append("TraceR2Clock == FALSE\nTraceR2Lo(t) == 0\nTraceR2Hi(t) == 0\n");
    }
    b.append("\\* The stack's named policies (docs/findings.md; fastRetransmit: RFC 5681, docs/captures.md).\n");
    for (String[] p : new String[][] {{"AbortRstAck", "abortRstAck"}, {"BareSynRetransmit", "bareSynRetransmit"},
        {"FastRetransmits", "fastRetransmit"}, {"FinKeepsEdge", "finKeepsEdge"},
        {"EmptyAtRightEdge", "emptyAtRightEdge"}, {"HoldsFin", "holdsFin"}, {"SwsReceiver", "swsReceiver"}}) {
      List<String> hosts = new ArrayList<>();
      for (String host : List.of("A", "B")) {
        if (h.follows(host, p[1])) {
          hosts.add("\"" + host + "\"");
        }
      }
      b.append("Trace").append(p[0]).append("(h) == h \\in {").append(String.join(", ", hosts)).append("}\n");
    }
    b.append("\\* A RECEIVE of k octets opens the window by k; at a host of policy swsReceiver (MUST-39), by\n");
    b.append("\\* nothing until the free buffer beyond the right edge reaches min(RCV.BUFF / 2, MSS), then by\n");
    b.append("\\* all of it (ReadOpenings overridden).\n");
    b.append("TraceReadOpenings(h, k, held) == TraceHint(\"readOpen\", h, tcb[h].rcvWnd,\n");
    b.append("    IF TraceSwsReceiver(h)\n");
    b.append("    THEN {IF k + held >= Min(RcvWndSize \\div 2, MaxSegLen) THEN k + held ELSE 0}\n");
    b.append("    ELSE {k})\n");
    Bounds dack = t.delayedAck();
    if (dack != null) {
      b.append("TraceDelayedAcks == TRUE\n");
      b.append("TraceDackLo == ").append(time.lo(dack)).append("\n");
      b.append("TraceDackHi == ").append(time.hi(dack)).append("\n");
    } else {
      b.append("TraceDelayedAcks == FALSE\nTraceDackLo == 0\nTraceDackHi == 1\n");
    }
  }

  private static String set(@Nullable SortedSet<Long> values) {
    if (values == null || values.isEmpty()) {
      return "{}";
    }
    List<String> s = new ArrayList<>();
    values.forEach(v -> s.add(Long.toString(v)));
    return "{" + String.join(", ", s) + "}";
  }

  /**
   * The configuration text for {@code header}, whose trace in ticks is {@code time}; with {@code open}, its next
   * state relation is {@code TraceNext} ({@link #module}).
   */
  static String cfg(TraceHeader h, TickedTrace time, boolean open) {
    Timers t = h.timers();
    String[][] constants = {
      {"SeqMod", Long.toString(h.seqMod())},
      // No segment is in flight longer than MSL; a host keeps quiet at least MSL after a crash.
      {"MSL", Long.toString(Math.max(1, time.hi(h.msl())))},
      {"QuietTicks", Long.toString(time.lo(h.msl()))},
      // ISS values taken as observed or from a keyed clock leave the spec's ISN clock unused: it runs at 1 per
      // tick, so that a gap of hours (d * IsnRate) stays within TLC's integers.
      {"IsnRate", h.isn().equals("clock") ? Long.toString(h.isnRate()) : "1"},
      {"RcvWndSize", Integer.toString(h.rcvWnd())},
      {"MaxSegLen", Integer.toString(h.mss())},
      // Rto, KaIdle, KaInterval and TimeWaitTicks set the types and the ISN clock's assumption; the timers run by
      // the bounds below.
      {"Rto", Long.toString(Math.max(1, time.hi(t.rto())))},
      {"MaxRetries", Integer.toString(t.maxRetries() >= 0 ? t.maxRetries() : NO_RETRY_LIMIT)},
      {"KeepAlive", t.keepAlive() ? "TRUE" : "FALSE"},
      {"KaIdle", Long.toString(Math.max(1, time.hi(t.kaIdle())))},
      {"KaInterval", Long.toString(Math.max(1, time.hi(t.kaInterval())))},
      {"KaProbes", Integer.toString(t.kaProbes())},
      {"Rfc5961", h.rfc5961() ? "TRUE" : "FALSE"},
      {"Rfc1337", h.rfc1337() ? "TRUE" : "FALSE"},
      {"TwReopen", h.twReopen() ? "TRUE" : "FALSE"},
      {"HandshakeWays", "3"},
      {"TimeWaitTicks", Long.toString(time.hi(t.timeWait()))},
      {"IsnMode", "\"clock\""},
      {"WindowCheck", "TRUE"},
      {"MaxGen", Integer.toString(MAX_GEN)},
      // The spec's ISN clock (isn "clock") must outrun a user's data (IsnClockNotOutrun); ISS values taken as
      // observed or from a keyed clock bound nothing, and a user may send up to a quarter of the space.
      {"MaxData", Long.toString(h.isn().equals("clock") ? Math.max(0, Math.min(h.isnRate() - 3, 1 << 20))
          : h.seqMod() / 4)},
      {"NetCap", "1000"},
      {"LossBudget", Integer.toString(BUDGET)},
      // A capture sees every copy a sender puts out, and the network beyond the capture point does not
      // duplicate (docs/captures.md); a trace of a simulated network may; an open peer sends a copy again.
      {"DupBudget", Integer.toString(h.observed().isEmpty() || open ? 0 : BUDGET)},
      {"CrashBudget", Integer.toString(BUDGET)},
      // The segments an off-path attacker forged in the run (header "inject"): near misses the spec's attacker makes.
      {"InjectBudget", Integer.toString(h.inject())},
      {"PatientUsers", "FALSE"},
    };
    StringBuilder b = new StringBuilder("\\* Generated by tcpv validate.\nCONSTANTS\n");
    for (String[] c : constants) {
      b.append("  ").append(c[0]).append(" = ").append(c[1]).append('\n');
    }
    b.append("  IsnOffset <- TraceIsnOffset\n");
    b.append("  Calls <- TraceCalls\n");
    b.append("  SendLens <- TraceSendLens\n");
    b.append("  TextLens <- TraceTextLens\n");
    b.append("  ReadLens <- TraceReadLens\n");
    b.append("  ReadOpenings <- TraceReadOpenings\n");
    if (h.observed().isEmpty()) {
      b.append("  InitialWindows <- TraceInitialWindows\n");
      b.append("  OfferLens <- TraceOfferLens\n");
      b.append("  FinWithText <- TraceFinWithText\n");
    }
    for (String o : List.of("Arrivals", "KeepsCopy", "TickSizes", "RtoLo", "RtoHi", "TimeWaitLo", "TimeWaitHi",
        "KaLo", "KaHi", "R2Clock", "R2Lo", "R2Hi", "DelayedAcks", "DackLo", "DackHi", "AbortRstAck",
        "BareSynRetransmit", "FastRetransmits", "FinKeepsEdge", "EmptyAtRightEdge", "HoldsFin")) {
      b.append("  ").append(o).append(" <- Trace").append(o).append('\n');
    }
    if (!h.isn().equals("clock")) {
      b.append("  IsnCandidates <- TraceIsnCandidates\n");
    }
    b.append("INIT Init\nNEXT ").append(open ? "TraceNext" : "Next").append('\n');
    return b.toString();
  }

  /** The model for these texts, loaded into TLC (or the one already loaded, when it is the same). */
  static synchronized SpecModel load(Path specDir, String moduleText, String cfgText) throws IOException {
    SpecModel m = current;
    if (m != null && m.moduleText.equals(moduleText) && m.cfgText.equals(cfgText)) {
      return m;
    }
    Path dir = Files.createTempDirectory("tcpv-validate");
    dir.toFile().deleteOnExit();
    Files.copy(specDir.resolve("Tcp.tla"), dir.resolve("Tcp.tla"));
    Files.writeString(dir.resolve(MODULE + ".tla"), moduleText, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(MODULE + ".cfg"), cfgText, StandardCharsets.UTF_8);
    for (String f : List.of("Tcp.tla", MODULE + ".tla", MODULE + ".cfg")) {
      dir.resolve(f).toFile().deleteOnExit();
    }
    dev.tcpv.tlc.child.ModuleScratch.isolate();
    util.ToolIO.setUserDir(dir.toString());
    tlc2.util.FP64.Init();
    // TLC reports parsing progress on ToolIO.out; a validator's output is its verdicts.
    java.io.PrintStream saved = util.ToolIO.out;
    util.ToolIO.out = new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    FastTool tool;
    try {
      tool = new FastTool(dir.toString(), MODULE, MODULE, new util.SimpleFilenameToStream());
    } finally {
      util.ToolIO.out = saved;
    }
    m = new SpecModel(dir, moduleText, cfgText, tool);
    current = m;
    return m;
  }
}
