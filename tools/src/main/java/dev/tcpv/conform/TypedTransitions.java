package dev.tcpv.conform;

import dev.tcpv.conn.TcpState;
import dev.tcpv.conn.Transitions;
import dev.tcpv.conn.Transitions.Entry;
import dev.tcpv.conn.Transitions.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The state-diagram transitions as (from state, event, to state) triples, two ways, which must be equal: the
 * engine's declared table {@link Transitions} (checked against the sealed {@code …Next} types and against the
 * transitions the engines take under the conformance paths) and the triples the conformance models' edges take
 * (each edge where a host's state changes, with the event of the spec action, {@link #specEvent}). A triple is
 * written {@code "FROM --EVENT--> TO"} with RFC 9293's state and event names.
 */
public final class TypedTransitions {

  /**
   * The triples only the engine has, each with its reason. The spec's user never times out, and the spec leaves
   * ABORT in TIME-WAIT out (spec/README.md, interpretations) where the engine follows RFC 9293 §3.10.5.
   */
  public static final Map<String, String> ENGINE_ONLY = engineOnly();

  /**
   * The engine triples the spec has but the conformance models' constants or budgets do not reach, each with
   * its reason; they are set aside like {@link #ENGINE_ONLY}.
   */
  public static final Map<String, String> NOT_IN_MODELS = notInModels();

  /**
   * The spec event of each of the 34 actions of {@code Next}: RFC 9293's user calls, SEGMENT ARRIVES and
   * timeouts, and seven that are no event of our engine (HOST CRASH, LOSS, TIME, QUIESCENCE; the DELAYED-ACK
   * TIMEOUT, WINDOW OFFER and FAST RETRANSMIT of a stack that defers ACKs, holds buffer back or resends on
   * duplicate ACKs, which the engine does not).
   */
  public static final Map<String, String> SPEC_EVENTS = specEvents();

  /** The spec events that are no event of an engine: their triples (a crash deletes the TCB) are spec-only. */
  public static final Set<String> NOT_ENGINE_EVENTS =
      Set.of("HOST CRASH", "LOSS", "TIME", "QUIESCENCE", "DELAYED-ACK TIMEOUT", "WINDOW OFFER", "FAST RETRANSMIT");

  private TypedTransitions() {}

  private static Map<String, String> engineOnly() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : List.of("SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSE-WAIT", "CLOSING",
        "LAST-ACK")) {
      m.put(Transitions.triple(s, Event.USER_TIMEOUT, "CLOSED"),
          "the spec has no user timeout (its users wait; R2 is the retry count of GiveUp)");
    }
    m.put(Transitions.triple("TIME-WAIT", Event.ABORT, "CLOSED"),
        "RFC 9293 §3.10.5: ABORT in TIME-WAIT deletes the TCB; the spec leaves it out (spec/README.md)");
    return Map.copyOf(m);
  }

  private static Map<String, String> notInModels() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Transitions.triple("SYN-RECEIVED", Event.RETRANSMISSION_TIMEOUT, "CLOSED"),
        "the models' budgets do not reach R2 in the SYN-RECEIVED of a simultaneous open (GiveUp in SYN-RECEIVED "
            + "is taken after a passive OPEN, back to LISTEN)");
    return Map.copyOf(m);
  }

  private static Map<String, String> specEvents() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ActiveOpen", Event.OPEN_ACTIVE.rfcName());
    m.put("PassiveOpen", Event.OPEN_PASSIVE.rfcName());
    m.put("Send", Event.SEND.rfcName());
    m.put("SendData", Event.SEND.rfcName());
    m.put("Receive", Event.RECEIVE.rfcName());
    m.put("Close", Event.CLOSE.rfcName());
    m.put("SendFin", Event.CLOSE.rfcName());
    m.put("Abort", Event.ABORT.rfcName());
    for (String a : List.of("SegmentArrivesClosed", "SegmentArrivesListen", "SegmentArrivesSynSent",
        "SimultaneousOpen", "TimeWaitReopen", "TimeWaitFinRetransmitted", "SimultaneousOpenSynAck",
        "RejectUnacceptable", "ReceiveRst", "ReceiveSyn", "ReceiveSegment", "ReceiveFin", "SimultaneousClose")) {
      m.put(a, Event.SEGMENT_ARRIVES.rfcName());
    }
    m.put("RetransmitTimeout", Event.RETRANSMISSION_TIMEOUT.rfcName());
    m.put("WindowProbe", Event.RETRANSMISSION_TIMEOUT.rfcName());
    m.put("GiveUp", Event.RETRANSMISSION_TIMEOUT.rfcName());
    m.put("TimeWaitTimeout", Event.TIME_WAIT_TIMEOUT.rfcName());
    m.put("KeepAliveProbe", Event.KEEP_ALIVE_TIMEOUT.rfcName());
    m.put("KeepAliveGiveUp", Event.KEEP_ALIVE_TIMEOUT.rfcName());
    // Neither is an event of RFC 9293 §3.10 (and neither changes the state): the delayed-ACK timer (§3.8.6.3) and
    // a receiver offering buffer it held back (§3.8.6.2.2).
    m.put("DelayedAck", "DELAYED-ACK TIMEOUT");
    m.put("OfferWindow", "WINDOW OFFER");
    // Nor is fast retransmit (RFC 5681 §3.2), a stack's resend before its retransmission timer fires.
    m.put("FastRetransmit", "FAST RETRANSMIT");
    m.put("Crash", "HOST CRASH");
    m.put("Lose", "LOSS");
    m.put("Tick", "TIME");
    m.put("Quiescence", "QUIESCENCE");
    return Map.copyOf(m);
  }

  /**
   * The event of a spec action label such as {@code ReceiveRst(B)}.
   *
   * @throws ConformException for an action the map does not know
   */
  public static String specEvent(String label) throws ConformException {
    int paren = label.indexOf('(');
    String name = paren < 0 ? label : label.substring(0, paren);
    String event = SPEC_EVENTS.get(name);
    if (event == null) {
      throw new ConformException("no event kind for the spec action " + name);
    }
    return event;
  }

  /** The triple of a spec edge whose host goes from {@code from} to {@code to} under {@code label}. */
  public static String specTriple(String from, String label, String to) throws ConformException {
    return from + " --" + specEvent(label) + "--> " + to;
  }

  /** The triples of {@code table}. */
  public static Set<String> triples(Collection<Entry> table) {
    Set<String> out = new TreeSet<>();
    table.forEach(e -> out.add(e.triple()));
    return out;
  }

  /**
   * What the sealed types say against {@code table}: an entry whose {@code to} its {@code from} state's {@code
   * …Next} interface does not permit (or that stays), a pair those interfaces permit that no entry has, a
   * triple listed twice. Empty when the table agrees with the types.
   */
  public static List<String> typeProblems(List<Entry> table) {
    List<String> out = new ArrayList<>();
    Set<String> pairs = new TreeSet<>();
    Set<String> seen = new TreeSet<>();
    for (Entry e : table) {
      if (!seen.add(e.triple())) {
        out.add(e.triple() + ": listed twice");
      }
      pairs.add(Transitions.rfcName(e.from()) + " -> " + Transitions.rfcName(e.to()));
      Class<?> next = nextType(e.from());
      Class<?>[] permitted = next == null ? null : next.getPermittedSubclasses();
      if (next == null || permitted == null) {
        out.add(e.triple() + ": " + e.from().getSimpleName() + " has no sealed Next interface");
      } else if (e.from() == e.to() || !Arrays.asList(permitted).contains(e.to())) {
        out.add(e.triple() + ": " + next.getSimpleName() + " does not permit " + e.to().getSimpleName());
      }
    }
    for (Class<?> nested : TcpState.class.getDeclaredClasses()) {
      String simple = nested.getSimpleName();
      Class<?>[] permitted = nested.getPermittedSubclasses();
      if (!nested.isInterface() || !simple.endsWith("Next") || permitted == null) {
        continue;
      }
      String from = camelToRfc(simple.substring(0, simple.length() - "Next".length()));
      for (Class<?> to : permitted) {
        String pair = from + " -> " + Transitions.rfcName(to);
        if (!Transitions.rfcName(to).equals(from) && !pairs.contains(pair)) {
          out.add(pair + ": " + simple + " permits it, no table entry has it");
        }
      }
    }
    return out;
  }

  private static @Nullable Class<?> nextType(Class<?> state) {
    for (Class<?> nested : TcpState.class.getDeclaredClasses()) {
      if (nested.getSimpleName().equals(state.getSimpleName() + "Next")) {
        return nested;
      }
    }
    return null;
  }

  /**
   * What the engines did against {@code table}: a transition taken ({@code "FROM action TO"}, see {@link
   * PathRunner#engineTransitions()}) whose triple is no entry or whose action the entry does not list, and, when
   * {@code allModels}, an entry that is not engine-only and was never taken. Empty when they agree.
   */
  public static List<String> runProblems(List<Entry> table, Set<String> taken, boolean allModels) {
    List<String> out = new ArrayList<>();
    Map<String, Entry> byTriple = new LinkedHashMap<>();
    table.forEach(e -> byTriple.put(e.triple(), e));
    Set<String> hit = new TreeSet<>();
    for (String t : taken) {
      String[] f = t.split(" ");
      String triple;
      try {
        triple = Transitions.triple(f[0], Transitions.event(f[1]), f[2]);
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        out.add(t + ": taken by the engine, no engine action");
        continue;
      }
      Entry e = byTriple.get(triple);
      if (e == null) {
        out.add(triple + " (" + f[1] + "): taken by the engine, not in its table");
      } else if (!e.actions().contains(f[1])) {
        out.add(triple + ": taken by the engine's " + f[1] + ", which the table does not list");
      } else {
        hit.add(triple);
      }
    }
    if (allModels) {
      for (String triple : byTriple.keySet()) {
        if (!hit.contains(triple) && !ENGINE_ONLY.containsKey(triple) && !NOT_IN_MODELS.containsKey(triple)) {
          out.add(triple + ": in the engine's table, never taken by the engines");
        }
      }
    }
    return out;
  }

  /**
   * Compares the engine's table triples with the models' triples: equal once the documented engine-only
   * triples and those the models do not reach are set aside and the triples of events no engine has (a crash) are left out of the spec's side.
   * One line per difference; empty when equal.
   */
  public static List<String> compare(Set<String> engine, Set<String> spec) {
    Set<String> e = new TreeSet<>(engine);
    List<String> out = new ArrayList<>();
    for (String only : ENGINE_ONLY.keySet()) {
      if (!e.remove(only)) {
        out.add(only + ": listed as engine-only, not in the engine's table");
      }
    }
    for (String unreached : NOT_IN_MODELS.keySet()) {
      if (!e.remove(unreached)) {
        out.add(unreached + ": listed as not in the models, not in the engine's table");
      }
    }
    Set<String> s = new TreeSet<>();
    for (String t : spec) {
      String event = t.substring(t.indexOf("--") + 2, t.indexOf("-->"));
      if (!NOT_ENGINE_EVENTS.contains(event)) {
        s.add(t);
      }
    }
    out.addAll(diff("the engine's table", e, "the models", s));
    return out;
  }

  /** {@code SynReceived} as RFC 9293 writes it: {@code SYN-RECEIVED}; {@code FinWait1}: {@code FIN-WAIT-1}. */
  static String rfcName(String camel) {
    return camelToRfc(camel);
  }

  /** What differs between two sets, one line per element; empty when they are equal. */
  public static List<String> diff(String leftName, Set<String> left, String rightName, Set<String> right) {
    List<String> out = new ArrayList<>();
    for (String e : left) {
      if (!right.contains(e)) {
        out.add(e + ": in " + leftName + ", not in " + rightName);
      }
    }
    for (String e : right) {
      if (!left.contains(e)) {
        out.add(e + ": in " + rightName + ", not in " + leftName);
      }
    }
    return out;
  }

  private static String camelToRfc(String camel) {
    return camel.replaceAll("(?<=[a-z])(?=[A-Z0-9])", "-").toUpperCase(Locale.ROOT);
  }

  /**
   * The handlers of the engine that lead from one state, read from their signatures: each private method of
   * {@link dev.tcpv.conn.Connection} whose return type is a step or an outcome to some {@code N} and that is
   * either of a state record {@code X} (its first parameter) or the processing of one ({@code processX}, the
   * spec's {@code Process} for state X), as the pair "handler (X) -> N" (e.g. {@code segmentArrivesListen (LISTEN)
   * -> ListenNext}, {@code processFinWait1 (FIN-WAIT-1) -> FinWait1Next}). A handler of {@code X} must return
   * {@code XNext}: that ties the types the table is checked against to the code.
   */
  public static Map<String, String> segmentHandlers() {
    Map<String, String> out = new java.util.TreeMap<>();
    Map<String, Class<?>> records = new java.util.HashMap<>();
    for (Class<?> nested : TcpState.class.getDeclaredClasses()) {
      if (nested.isRecord()) {
        records.put(nested.getSimpleName(), nested);
      }
    }
    for (java.lang.reflect.Method m : dev.tcpv.conn.Connection.class.getDeclaredMethods()) {
      Class<?>[] params = m.getParameterTypes();
      if (!(m.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType p)
          || p.getActualTypeArguments().length != 1
          || !(p.getActualTypeArguments()[0] instanceof Class<?> next)) {
        continue;
      }
      String name = m.getName();
      Class<?> of = params.length > 0 && TcpState.class.isAssignableFrom(params[0]) && params[0].isRecord()
          ? params[0]
          : name.startsWith("process") ? records.get(name.substring("process".length())) : null;
      if (of != null) {
        out.put(name + " (" + rfcName(of.getSimpleName()) + ")", next.getSimpleName());
      }
    }
    return out;
  }
}
