package dev.tcpv.counterexample;

import dev.tcpv.tla.TlaValue;
import dev.tcpv.tlc.TraceState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders a TLC error trace of the Tcp spec as a numbered sequence of steps in RFC 9293 vocabulary:
 *
 * <pre>
 *  3. Deliver  A -> B  &lt;SEQ=5&gt;&lt;ACK=9&gt;&lt;CTL=SYN,ACK&gt; (age 1)
 *       B: LISTEN -> SYN-RECEIVED   [ISS=9 IRS=4 SND.UNA=9 SND.NXT=10 RCV.NXT=5]
 *       sent: B -> A &lt;SEQ=9&gt;&lt;ACK=5&gt;&lt;CTL=SYN,ACK&gt;
 * </pre>
 *
 * <p>Each step shows only what changed: segments that left {@code net} (one on the heading line, several
 * as {@code left:} lines), each endpoint's state change and changed TCB fields, segments sent, the ISN
 * clock, and the entries of any other variable that changed ({@code quiet[B]}, {@code budget.loss},
 * {@code ghost.gen[A]}), ghost last. A variable that
 * does not parse or is not shaped as expected is printed raw, so a spec change degrades the rendering
 * instead of losing the counterexample.
 */
public final class CounterexampleRenderer {
  private static final String INDENT = "      ";
  private static final String TCB = "tcb";
  private static final String NET = "net";
  private static final String CLOCK = "isnClock";
  private static final String GHOST = "ghost";
  /** The spec's coverage label: the branches of the spec a step took (spec/branches.json). */
  private static final String BRANCH = "branch";
  /** Variables the initial state does not show: their initial values say nothing about TCP. */
  private static final Set<String> BOOKKEEPING = Set.of("quiet", "budget", GHOST, BRANCH);
  /** How deep changes inside records, functions and sequences are traced before the whole value is shown. */
  private static final int DIFF_DEPTH = 3;

  private final TraceValues values = new TraceValues();

  private CounterexampleRenderer() {}

  /** The trace as text, one line per heading or change, each line ending in a line break. */
  public static String render(List<TraceState> trace) {
    return new CounterexampleRenderer().renderAll(trace);
  }

  private String renderAll(List<TraceState> trace) {
    StringBuilder out = new StringBuilder();
    @Nullable TraceState previous = null;
    int position = 0;
    for (TraceState state : trace) {
      position++;
      List<String> lines = switch (state.kind()) {
        case INITIAL -> initial(position, state);
        case STEP -> previous == null ? initial(position, state) : step(position, previous, state);
        case STUTTERING -> List.of(number(position) + "(stuttering: nothing changes from here on)");
        case BACK_TO_STATE -> List.of(number(position) + actionName(state)
            + "  back to state " + state.number() + " (the behavior repeats from there forever)");
      };
      lines.forEach(line -> out.append(line).append('\n'));
      if (state.kind() == TraceState.Kind.INITIAL || state.kind() == TraceState.Kind.STEP) {
        previous = state;
      }
    }
    return out.toString();
  }

  private List<String> initial(int position, TraceState state) {
    List<String> lines = new ArrayList<>();
    lines.add(number(position) + (state.kind() == TraceState.Kind.INITIAL ? "Initial state" : actionName(state)));
    Set<String> shown = new LinkedHashSet<>();
    value(state, TCB).ifPresent(tcb -> {
      try {
        List<String> hosts = new ArrayList<>();
        for (Map.Entry<String, TlaValue> host : Shapes.fields(tcb, TCB).entrySet()) {
          hosts.add(INDENT + TcbNotation.state(host.getKey(), host.getValue()));
        }
        lines.addAll(hosts);
        shown.add(TCB);
      } catch (ShapeException e) {
        // Printed raw below.
      }
    });
    value(state, NET).ifPresent(net -> {
      try {
        List<String> inFlight = new ArrayList<>();
        for (TlaValue segment : NetChange.between(new TlaValue.SetOf(Set.of()), net).appeared()) {
          inFlight.add(INDENT + "in flight: " + SegmentNotation.line(segment));
        }
        lines.addAll(inFlight);
        shown.add(NET);
      } catch (ShapeException e) {
        // Printed raw below.
      }
    });
    value(state, CLOCK).ifPresent(clock -> lines.add(INDENT + "clock: " + Shapes.show(clock)));
    shown.add(CLOCK);
    shown.addAll(BOOKKEEPING);
    for (Map.Entry<String, String> variable : state.variables().entrySet()) {
      if (!shown.contains(variable.getKey()) || value(state, variable.getKey()).isEmpty()) {
        lines.add(INDENT + variable.getKey() + " = " + oneLine(variable.getValue()));
      }
    }
    return lines;
  }

  private List<String> step(int position, TraceState before, TraceState after) {
    String heading = number(position) + actionName(after);
    List<String> left = new ArrayList<>();
    List<String> endpoints = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    List<String> clock = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    List<String> ghost = new ArrayList<>();
    Set<String> hosts = hosts(after);
    for (Map.Entry<String, String> variable : after.variables().entrySet()) {
      String name = variable.getKey();
      String oldText = before.variables().get(name);
      if (name.equals(BRANCH)) {
        // Every step's own label, changed or not: which arms of the spec it took.
        value(after, name).ifPresent(b -> ghost.add(0, INDENT + "took: " + branches(b)));
        continue;
      }
      if (variable.getValue().equals(oldText)) {
        continue;
      }
      Optional<TlaValue> was = value(before, name);
      Optional<TlaValue> now = value(after, name);
      try {
        if (was.isEmpty() || now.isEmpty()) {
          throw new ShapeException(name + " does not parse");
        }
        switch (name) {
          case NET -> {
            NetChange change = NetChange.between(was.get(), now.get());
            if (change.left().size() == 1) {
              TlaValue segment = change.left().get(0);
              heading += "  " + SegmentNotation.endpoints(segment) + "  " + SegmentNotation.fields(segment);
            } else {
              for (TlaValue segment : change.left()) {
                left.add(INDENT + "left: " + SegmentNotation.line(segment));
              }
            }
            for (TlaValue segment : change.appeared()) {
              sent.add(INDENT + "sent: " + SegmentNotation.line(segment));
            }
          }
          case TCB -> endpoints.addAll(tcbChanges(was.get(), now.get()));
          case CLOCK -> clock.add(INDENT + "clock: " + Shapes.show(was.get()) + " -> " + Shapes.show(now.get()));
          default -> diff(name, was.get(), now.get(), hosts, 0, name.equals(GHOST) ? ghost : rest);
        }
      } catch (ShapeException e) {
        rest.add(INDENT + name + " = " + oneLine(variable.getValue()));
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(heading);
    lines.addAll(left);
    lines.addAll(endpoints);
    lines.addAll(sent);
    lines.addAll(clock);
    lines.addAll(rest);
    lines.addAll(ghost);
    return lines;
  }

  /** The names in a coverage label, sorted and comma-separated; another value as TLA+ shows it. */
  private static String branches(TlaValue label) {
    if (!(label instanceof TlaValue.SetOf set)) {
      return Shapes.show(label);
    }
    List<String> names = new ArrayList<>();
    for (TlaValue v : set.elements()) {
      names.add(v instanceof TlaValue.Str s ? s.value() : Shapes.show(v));
    }
    names.sort(java.util.Comparator.naturalOrder());
    return names.isEmpty() ? "-" : String.join(", ", names);
  }

  private static List<String> tcbChanges(TlaValue was, TlaValue now) throws ShapeException {
    Map<String, TlaValue> before = Shapes.fields(was, TCB);
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, TlaValue> host : Shapes.fields(now, TCB).entrySet()) {
      TcbNotation.change(host.getKey(), before.get(host.getKey()), host.getValue())
          .ifPresent(line -> lines.add(INDENT + line));
    }
    return lines;
  }

  /**
   * One line per changed leaf of a value, as {@code quiet[A]: 0 -> 2} or {@code ghost.gen[B]: 1 -> 2}: keys
   * that are hosts in brackets, field names after a dot, sequence positions in brackets. Below
   * {@link #DIFF_DEPTH}, or where the shape itself changed, the whole old and new value.
   */
  private static void diff(String label, TlaValue was, TlaValue now, Set<String> hosts, int depth, List<String> out) {
    if (was.equals(now)) {
      return;
    }
    if (depth < DIFF_DEPTH) {
      Map<String, TlaValue> before = keyed(was);
      Map<String, TlaValue> after = keyed(now);
      if (before != null && after != null && before.keySet().equals(after.keySet())) {
        for (Map.Entry<String, TlaValue> entry : after.entrySet()) {
          String key = entry.getKey();
          TlaValue old = before.get(key);
          if (old != null) {
            String sub = hosts.contains(key) ? label + "[" + key + "]" : label + "." + key;
            diff(sub, old, entry.getValue(), hosts, depth + 1, out);
          }
        }
        return;
      }
      if (was instanceof TlaValue.Seq a && now instanceof TlaValue.Seq b
          && a.elements().size() == b.elements().size()) {
        for (int i = 0; i < a.elements().size(); i++) {
          diff(label + "[" + (i + 1) + "]", a.elements().get(i), b.elements().get(i), hosts, depth + 1, out);
        }
        return;
      }
    }
    out.add(INDENT + label + ": " + Shapes.show(was) + " -> " + Shapes.show(now));
  }

  /** The entries of a record or function by name, or null for any other value. */
  private static @Nullable Map<String, TlaValue> keyed(TlaValue value) {
    if (!(value instanceof TlaValue.Rec) && !(value instanceof TlaValue.Fcn)) {
      return null;
    }
    try {
      return Shapes.fields(value, "value");
    } catch (ShapeException e) {
      return null;
    }
  }

  /** The hosts of the state: the domain of {@code tcb}, or none when it does not parse. */
  private Set<String> hosts(TraceState state) {
    Optional<TlaValue> tcb = value(state, TCB);
    Map<String, TlaValue> byHost = tcb.isPresent() ? keyed(tcb.get()) : null;
    return byHost == null ? Set.of() : byHost.keySet();
  }

  private Optional<TlaValue> value(TraceState state, String variable) {
    return values.value(state, variable);
  }

  private static String actionName(TraceState state) {
    return TraceValues.actionName(state);
  }

  private static String number(int position) {
    return String.format("%2d. ", position);
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
