package dev.tcpv.report.diagram;

import dev.tcpv.counterexample.NetChange;
import dev.tcpv.counterexample.SegmentNotation;
import dev.tcpv.counterexample.ShapeException;
import dev.tcpv.counterexample.Shapes;
import dev.tcpv.counterexample.TraceValues;
import dev.tcpv.tla.TlaValue;
import dev.tcpv.tlc.TraceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a TLC error trace of the Tcp spec into a {@link Diagram}.
 *
 * <p>A segment is its record value in {@code net}, followed as it ages ({@code Tick} raises every age by the same
 * amount). One that leaves {@code net} in a {@code Lose} step is lost; in any other step it arrives at its {@code
 * dst}. One that appears is sent by its {@code src}. A step that spends the duplication budget delivered a copy of a
 * segment to the step's host and kept the segment in flight ({@code Deliver} with {@code KeepsCopy}); one that spends
 * the attacker's budget took the forged segment {@code budget.forged} names.
 */
final class TlcTraceDiagram {
  private static final String TCB = "tcb";
  private static final String NET = "net";
  private static final String BUDGET = "budget";
  private static final String QUIET = "quiet";
  private static final String LOSE = "Lose";
  /** The actions of the spec's {@code Next} that belong to no host. */
  private static final Set<String> HOSTLESS = Set.of("Tick", LOSE, "Quiescence");

  private final TraceValues values = new TraceValues();
  private final DiagramBuilder out;
  /** The segments in flight, as {@code net} holds them now, and their messages. */
  private Map<TlaValue, Integer> live = new LinkedHashMap<>();

  private TlcTraceDiagram(String left, String right) {
    this.out = new DiagramBuilder(left, right);
  }

  /** The diagram of {@code trace}; its hosts are those of the first state's {@code tcb}, else A and B. */
  static Diagram read(List<TraceState> trace, @Nullable String verdict) {
    TlcTraceDiagram reader = new TlcTraceDiagram("A", "B");
    List<String> hosts = trace.stream()
        .filter(s -> s.kind() == TraceState.Kind.INITIAL || s.kind() == TraceState.Kind.STEP)
        .findFirst()
        .map(reader::hosts)
        .orElse(List.of());
    if (hosts.size() == 2) {
      reader = new TlcTraceDiagram(hosts.get(0), hosts.get(1));
    }
    return reader.readAll(trace, verdict);
  }

  private Diagram readAll(List<TraceState> trace, @Nullable String verdict) {
    Map<Integer, Integer> rowOfState = new HashMap<>();
    @Nullable TraceState previous = null;
    Integer loop = null;
    for (TraceState state : trace) {
      switch (state.kind()) {
        case INITIAL, STEP -> {
          int row = previous == null ? initial(state) : step(previous, state);
          rowOfState.put(state.number(), row);
          previous = state;
        }
        case STUTTERING -> out.row("stutters forever", List.of(), List.of("nothing changes from here on"));
        case BACK_TO_STATE -> {
          Integer target = rowOfState.get(state.number());
          int shown = target == null ? state.number() : target + 1;
          out.row(actionName(state) + ": back to state " + shown, List.of(),
              List.of("the run repeats from state " + shown + " forever"));
          loop = target;
        }
      }
    }
    return out.build(verdict, loop);
  }

  private int initial(TraceState state) {
    int row = out.nextRow();
    List<Diagram.Change> changes = new ArrayList<>();
    Map<String, TlaValue> tcb = tcb(state);
    for (Map.Entry<String, TlaValue> host : tcb.entrySet()) {
      try {
        DiagramBuilder.change(host.getKey(), null, host.getValue()).ifPresent(changes::add);
      } catch (ShapeException e) {
        // A TCB the notation cannot read is left out of the picture; the text counterexample prints it raw.
      }
    }
    List<String> notes = new ArrayList<>();
    for (TlaValue segment : elements(value(state, NET))) {
      Endpoints ends = endpoints(segment);
      if (ends == null) {
        notes.add("a segment in flight that the diagram cannot read: " + segment.toTla());
        continue;
      }
      live.put(segment, out.send(ends.src, ends.dst, row, Diagram.Kind.SENT, label(segment)));
    }
    return out.row(state.kind() == TraceState.Kind.INITIAL ? "Initial state" : actionName(state), changes, notes);
  }

  private int step(TraceState before, TraceState after) {
    int row = out.nextRow();
    String action = actionName(after);
    List<String> notes = new ArrayList<>();
    Map<String, TlaValue> tcbBefore = tcb(before);
    Map<String, TlaValue> tcbAfter = tcb(after);
    List<Diagram.Change> changes = new ArrayList<>();
    Set<String> touched = new LinkedHashSet<>();
    for (Map.Entry<String, TlaValue> host : tcbAfter.entrySet()) {
      TlaValue was = tcbBefore.get(host.getKey());
      if (host.getValue().equals(was)) {
        continue;
      }
      touched.add(host.getKey());
      try {
        DiagramBuilder.change(host.getKey(), was, host.getValue()).ifPresent(changes::add);
      } catch (ShapeException e) {
        // Left out of the picture, as above.
      }
    }
    List<TlaValue> inFlightBefore = elements(value(before, NET));
    List<TlaValue> inFlightAfter = elements(value(after, NET));
    Long ticks = ageing(inFlightBefore, inFlightAfter);
    // A step that only ages the segments in flight moves none in or out; NetChange would pair each segment with its
    // aged self, except where an aged one equals a younger one in flight.
    NetChange net = ticks == null ? netChange(before, after) : new NetChange(List.of(), List.of());
    List<TlaValue> forged = budgetSpent(before, after, "inject") ? elements(budgetField(after, "forged")) : List.of();
    String actor = HOSTLESS.contains(action) ? null : actor(net, forged, touched, before, after);
    if (net != null) {
      for (TlaValue segment : net.left()) {
        Integer id = live.remove(segment);
        if (id == null) {
          notes.add("a segment the diagram did not see sent left the network: " + segment.toTla());
        } else {
          out.end(id, action.equals(LOSE) ? Diagram.Fate.LOST : Diagram.Fate.ARRIVED, row);
        }
      }
      if (ticks != null) {
        Map<TlaValue, Integer> aged = new LinkedHashMap<>();
        for (Map.Entry<TlaValue, Integer> e : live.entrySet()) {
          aged.put(aged(e.getKey(), ticks), e.getValue());
        }
        live = aged;
      } else {
        follow(inFlightAfter, notes);
      }
      if (budgetSpent(before, after, "dup")) {
        String receiver = copy(actor, row, notes);
        actor = actor == null ? receiver : actor;
      }
      for (TlaValue segment : net.appeared()) {
        Endpoints ends = endpoints(segment);
        if (ends == null) {
          notes.add("a segment the diagram cannot read was sent: " + segment.toTla());
        } else {
          live.put(segment, out.send(ends.src, ends.dst, row, Diagram.Kind.SENT, label(segment)));
        }
      }
    }
    for (TlaValue segment : forged) {
      Endpoints ends = endpoints(segment);
      if (ends != null) {
        out.end(out.send(ends.src, ends.dst, row, Diagram.Kind.FORGED, label(segment)), Diagram.Fate.ARRIVED, row);
      }
    }
    return out.row(actor == null ? action : action + "(" + actor + ")", changes, notes);
  }

  /**
   * The host that took the step: the one a segment left the network for, the one a forged segment reached, the
   * one that sent, the only one whose TCB changed, the only one whose quiet time changed; null when none says.
   */
  private @Nullable String actor(
      @Nullable NetChange net, List<TlaValue> forged, Set<String> touched, TraceState before, TraceState after) {
    List<TlaValue> taken = new ArrayList<>(net == null ? List.of() : net.left());
    taken.addAll(forged);
    for (TlaValue segment : taken) {
      Endpoints ends = endpoints(segment);
      if (ends != null) {
        return ends.dst;
      }
    }
    Set<String> senders = new LinkedHashSet<>();
    for (TlaValue segment : net == null ? List.<TlaValue>of() : net.appeared()) {
      Endpoints ends = endpoints(segment);
      if (ends != null) {
        senders.add(ends.src);
      }
    }
    if (senders.size() == 1) {
      return senders.iterator().next();
    }
    if (touched.size() == 1) {
      return touched.iterator().next();
    }
    Optional<TlaValue> quietBefore = value(before, QUIET);
    Optional<TlaValue> quietAfter = value(after, QUIET);
    if (quietBefore.isPresent() && quietAfter.isPresent()) {
      List<String> quieted = new ArrayList<>();
      for (String host : List.of(out.left(), out.right())) {
        Optional<TlaValue> was = quietBefore.get().get(host);
        if (!was.equals(quietAfter.get().get(host))) {
          quieted.add(host);
        }
      }
      if (quieted.size() == 1) {
        return quieted.get(0);
      }
    }
    return null;
  }

  /**
   * The network delivered a copy of a segment in flight to {@code actor} (any host when null) and kept the segment:
   * a message of its own from the segment's send. When several segments could have been copied, the trace does not
   * say which; the oldest is drawn, and a note says so. Returns the host that received the copy, if known.
   */
  private @Nullable String copy(@Nullable String actor, int row, List<String> notes) {
    List<Integer> candidates = new ArrayList<>();
    for (int id : live.values()) {
      if (actor == null || out.to(id).equals(actor)) {
        candidates.add(id);
      }
    }
    if (candidates.isEmpty()) {
      notes.add("a copy of a segment was delivered; the diagram cannot tell which");
      return actor;
    }
    candidates.sort((a, b) -> Integer.compare(out.sentRow(a), out.sentRow(b)));
    int original = candidates.get(0);
    int copy = out.send(out.from(original), out.to(original), out.sentRow(original), Diagram.Kind.COPY,
        out.label(original));
    out.end(copy, Diagram.Fate.ARRIVED, row);
    if (candidates.size() > 1) {
      notes.add("a copy of one of " + candidates.size() + " segments in flight to " + out.to(original)
          + "; the trace does not say which, the oldest is drawn");
    }
    return out.to(original);
  }

  /**
   * Checks that the segments still in flight are in {@code now}; one that is not (a change of {@code net} the
   * diagram cannot read) ends the tracking of its message, and a note says so.
   */
  private void follow(List<TlaValue> now, List<String> notes) {
    Set<TlaValue> after = new LinkedHashSet<>(now);
    if (after.containsAll(live.keySet())) {
      return;
    }
    Map<TlaValue, Integer> next = new LinkedHashMap<>();
    for (Map.Entry<TlaValue, Integer> e : live.entrySet()) {
      if (after.contains(e.getKey())) {
        next.put(e.getKey(), e.getValue());
      } else {
        notes.add("the diagram lost track of " + out.label(e.getValue()));
      }
    }
    live = next;
  }

  /**
   * The number of ticks by which {@code after} is {@code before} with every segment aged alike (a {@code Tick}), or
   * null when it is not.
   */
  private static @Nullable Long ageing(List<TlaValue> before, List<TlaValue> after) {
    if (before.isEmpty() || before.size() != after.size() || age(before.get(0)) == Long.MIN_VALUE) {
      return null;
    }
    Set<TlaValue> target = new LinkedHashSet<>(after);
    TlaValue first = before.get(0);
    for (TlaValue candidate : after) {
      long ticks = age(candidate) - age(first);
      if (ticks <= 0 || !aged(first, ticks).equals(candidate)) {
        continue;
      }
      Set<TlaValue> moved = new LinkedHashSet<>();
      for (TlaValue segment : before) {
        moved.add(aged(segment, ticks));
      }
      if (moved.equals(target)) {
        return ticks;
      }
    }
    return null;
  }

  private static long age(TlaValue segment) {
    return segment.get("age").orElse(null) instanceof TlaValue.Int i ? i.value() : Long.MIN_VALUE;
  }

  private static TlaValue aged(TlaValue segment, long ticks) {
    if (!(segment instanceof TlaValue.Rec rec) || !(rec.fields().get("age") instanceof TlaValue.Int i)) {
      return segment;
    }
    Map<String, TlaValue> fields = new LinkedHashMap<>(rec.fields());
    fields.put("age", new TlaValue.Int(i.value() + ticks));
    return new TlaValue.Rec(fields);
  }

  private @Nullable NetChange netChange(TraceState before, TraceState after) {
    Optional<TlaValue> was = value(before, NET);
    Optional<TlaValue> now = value(after, NET);
    if (was.isEmpty() || now.isEmpty()) {
      return null;
    }
    try {
      return NetChange.between(was.get(), now.get());
    } catch (ShapeException e) {
      return null;
    }
  }

  /** Whether the step lowered the budget field {@code name} (a duplication, an attacker's forgery). */
  private boolean budgetSpent(TraceState before, TraceState after, String name) {
    return budgetField(before, name) instanceof TlaValue.Int was && budgetField(after, name) instanceof TlaValue.Int now
        && now.value() < was.value();
  }

  private @Nullable TlaValue budgetField(TraceState state, String name) {
    return value(state, BUDGET).flatMap(b -> b.get(name)).orElse(null);
  }

  private static List<TlaValue> elements(@Nullable TlaValue set) {
    return set instanceof TlaValue.SetOf s ? List.copyOf(s.elements()) : List.of();
  }

  private static List<TlaValue> elements(Optional<TlaValue> set) {
    return elements(set.orElse(null));
  }

  /** A segment's sender and addressee. */
  private record Endpoints(String src, String dst) {}

  private @Nullable Endpoints endpoints(TlaValue segment) {
    try {
      Map<String, TlaValue> f = Shapes.fields(segment, "segment");
      TlaValue src = f.get("src");
      TlaValue dst = f.get("dst");
      if (src == null || !out.isHost(Shapes.show(src))) {
        return null;
      }
      String from = Shapes.show(src);
      String to = dst == null ? out.other(from) : Shapes.show(dst);
      return out.isHost(to) && !to.equals(from) ? new Endpoints(from, to) : null;
    } catch (ShapeException e) {
      return null;
    }
  }

  /** The segment in RFC notation as it was sent: its age left out. */
  private static String label(TlaValue segment) {
    try {
      return SegmentNotation.fields(segment);
    } catch (ShapeException e) {
      return segment.toTla();
    }
  }

  /** The hosts of a state, in the order of {@code tcb}; empty when it does not parse. */
  private List<String> hosts(TraceState state) {
    return new ArrayList<>(tcb(state).keySet());
  }

  private Map<String, TlaValue> tcb(TraceState state) {
    Optional<TlaValue> tcb = value(state, TCB);
    if (tcb.isEmpty()) {
      return Map.of();
    }
    try {
      return Shapes.fields(tcb.get(), TCB);
    } catch (ShapeException e) {
      return Map.of();
    }
  }

  private Optional<TlaValue> value(TraceState state, String variable) {
    return values.value(state, variable);
  }

  private static String actionName(TraceState state) {
    return TraceValues.actionName(state);
  }
}
