package dev.tcpv.report.diagram;

import dev.tcpv.counterexample.ShapeException;
import dev.tcpv.counterexample.TcbNotation;
import dev.tcpv.tla.TlaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Collects a diagram's rows and messages as a run is read, step by step. */
final class DiagramBuilder {
  /**
   * The TCB variables a state change's note keeps: the sequence variables, which the segments' numbers refer to.
   * Windows, timers and the spec's bookkeeping are left to the text counterexample.
   */
  private static final Set<String> NOTED = Set.of("ISS", "IRS", "SND.UNA", "SND.NXT", "RCV.NXT");
  /** States entered with a TCB of zeros: the note would only list the zeros. */
  private static final Set<String> WITHOUT_VARIABLES = Set.of("CLOSED", "LISTEN");

  private final String left;
  private final String right;
  private final List<Diagram.Row> rows = new ArrayList<>();
  private final List<Open> messages = new ArrayList<>();

  /** A message whose end may not be known yet. */
  private static final class Open {
    final String from;
    final String to;
    final int sentRow;
    final Diagram.Kind kind;
    final String label;
    Diagram.@Nullable Fate fate;
    int endRow;

    Open(String from, String to, int sentRow, Diagram.Kind kind, String label) {
      this.from = from;
      this.to = to;
      this.sentRow = sentRow;
      this.kind = kind;
      this.label = label;
    }
  }

  DiagramBuilder(String left, String right) {
    this.left = left;
    this.right = right;
  }

  String left() {
    return left;
  }

  String right() {
    return right;
  }

  /** The host that is not {@code host}. */
  String other(String host) {
    return host.equals(left) ? right : left;
  }

  /** Whether {@code host} is one of the two. */
  boolean isHost(String host) {
    return host.equals(left) || host.equals(right);
  }

  /** The index the next row will have. */
  int nextRow() {
    return rows.size();
  }

  /** Adds a row; returns its index. */
  int row(String label, List<Diagram.Change> changes, List<String> notes) {
    List<Diagram.Change> ordered = new ArrayList<>();
    for (String host : List.of(left, right)) {
      changes.stream().filter(c -> c.host().equals(host)).forEach(ordered::add);
    }
    rows.add(new Diagram.Row(label, ordered, notes));
    return rows.size() - 1;
  }

  /** A message entering the network at {@code row}; returns its id. */
  int send(String from, String to, int row, Diagram.Kind kind, String label) {
    messages.add(new Open(from, to, row, kind, label));
    return messages.size() - 1;
  }

  /** Message {@code id} arrives or is lost at {@code row}. */
  void end(int id, Diagram.Fate fate, int row) {
    Open m = messages.get(id);
    m.fate = fate;
    m.endRow = row;
  }

  int sentRow(int id) {
    return messages.get(id).sentRow;
  }

  String from(int id) {
    return messages.get(id).from;
  }

  String to(int id) {
    return messages.get(id).to;
  }

  String label(int id) {
    return messages.get(id).label;
  }

  /** The diagram: every message without an end is still in flight at the last row. */
  Diagram build(@Nullable String verdict, @Nullable Integer loopsBackTo) {
    int last = rows.size() - 1;
    List<Diagram.Message> done = new ArrayList<>();
    for (Open m : messages) {
      Diagram.Fate fate = m.fate;
      done.add(fate == null
          ? new Diagram.Message(m.from, m.to, m.sentRow, Math.max(last, m.sentRow), m.kind, Diagram.Fate.IN_FLIGHT,
              m.label)
          : new Diagram.Message(m.from, m.to, m.sentRow, m.endRow, m.kind, fate, m.label));
    }
    Diagram.Verdict v = verdict == null || rows.isEmpty() ? null : new Diagram.Verdict(last, verdict);
    return new Diagram(left, right, rows, done, v, loopsBackTo);
  }

  /**
   * The change of {@code host}'s TCB from {@code before} (null: the first the run shows of it) to {@code after},
   * as {@link TcbNotation} words it, keeping the state and the sequence variables; empty when neither changed.
   */
  static Optional<Diagram.Change> change(String host, @Nullable TlaValue before, TlaValue after)
      throws ShapeException {
    Optional<String> line = TcbNotation.change(host, before, after);
    if (line.isEmpty()) {
      return Optional.empty();
    }
    // "B: LISTEN -> SYN-RECEIVED   [ISS=9 IRS=4 ...]", "B: LISTEN", "A: TIME-WAIT   [tw=1]".
    String text = line.get();
    String prefix = host + ": ";
    if (text.startsWith(prefix)) {
      text = text.substring(prefix.length());
    }
    int bracket = text.indexOf("   [");
    String transition = bracket < 0 ? text : text.substring(0, bracket);
    String fields = bracket < 0 ? "" : text.substring(bracket + 4, text.length() - (text.endsWith("]") ? 1 : 0));
    int arrow = transition.indexOf(" -> ");
    String from = arrow < 0 ? null : transition.substring(0, arrow);
    String to = arrow < 0 ? transition : transition.substring(arrow + 4);
    List<String> kept = new ArrayList<>();
    for (String field : fields.split(" ")) {
      int eq = field.indexOf('=');
      if (eq > 0 && NOTED.contains(field.substring(0, eq))) {
        kept.add(field);
      }
    }
    boolean entered = from != null || before == null;
    String note = entered && WITHOUT_VARIABLES.contains(to) ? "" : String.join(" ", kept);
    if (!entered && note.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Diagram.Change(host, from, to, note));
  }
}
