package dev.tcpv.report.diagram;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The content of a sequence diagram of one run between two hosts, whatever the run came from (a TLC error trace,
 * an engine trace): its steps as rows from top to bottom, the segments between the hosts, and the property the run
 * violates.
 *
 * <p>Rows are indexed from 0, and a row's index is its vertical position; the pictures and {@link #describe()}
 * number them from 1, as the text counterexamples number a trace's states.
 *
 * @param left the host drawn on the left ({@code A})
 * @param right the host drawn on the right ({@code B})
 * @param rows the steps of the run, in order
 * @param messages the segments, in the order they were sent (a copy delivered by duplication, or a forged segment,
 *     in the order it arrived)
 * @param verdict the property the run violates and the row where it does, or null
 * @param loopsBackTo for a run that ends by returning to an earlier row and repeating from there forever (the lasso
 *     of a liveness counterexample), that row; null otherwise
 */
public record Diagram(
    String left,
    String right,
    List<Row> rows,
    List<Message> messages,
    @Nullable Verdict verdict,
    @Nullable Integer loopsBackTo) {

  /** Copies the lists; checks that every row a message, the verdict or the loop names exists. */
  public Diagram {
    if (left.equals(right)) {
      throw new IllegalArgumentException("the two hosts have one name: " + left);
    }
    rows = List.copyOf(rows);
    messages = List.copyOf(messages);
    for (Message m : messages) {
      if (m.endRow() >= rows.size()) {
        throw new IllegalArgumentException("a message ends at row " + m.endRow() + " of " + rows.size());
      }
      if (!hostOf(m.from(), left, right) || !hostOf(m.to(), left, right) || m.from().equals(m.to())) {
        throw new IllegalArgumentException("a message goes from " + m.from() + " to " + m.to()
            + ", not between " + left + " and " + right);
      }
    }
    if (verdict != null && verdict.row() >= rows.size()) {
      throw new IllegalArgumentException("the verdict is at row " + verdict.row() + " of " + rows.size());
    }
    if (loopsBackTo != null && (loopsBackTo < 0 || loopsBackTo >= rows.size())) {
      throw new IllegalArgumentException("the run loops back to row " + loopsBackTo + " of " + rows.size());
    }
  }

  private static boolean hostOf(String host, String left, String right) {
    return host.equals(left) || host.equals(right);
  }

  /**
   * One step of the run.
   *
   * @param label what happened, e.g. {@code ReceiveSegment(B)} or {@code Tick}
   * @param changes the hosts whose state (or noted TCB variables) the step changed, left host first
   * @param notes anything else a reader needs at this row, e.g. that the step repeats forever
   */
  public record Row(String label, List<Change> changes, List<String> notes) {
    /** Copies the lists. */
    public Row {
      changes = List.copyOf(changes);
      notes = List.copyOf(notes);
    }
  }

  /**
   * A host's state change at a row, as {@code LISTEN -> SYN-RECEIVED} with a short note of TCB variables such as
   * {@code ISS=9 IRS=4}.
   *
   * @param host the host
   * @param from the state before the step when the step changed it; null when it did not (then only the note
   *     changed) or when the row is the first to show the host
   * @param to the state after the step
   * @param note the TCB variables worth showing, e.g. {@code ISS=9 IRS=4}, or empty
   */
  public record Change(String host, @Nullable String from, String to, String note) {
    /** {@code LISTEN -> SYN-RECEIVED}, or the state alone when it did not change. */
    public String state() {
      return from == null ? to : from + " -> " + to;
    }
  }

  /** How a segment entered the network. */
  public enum Kind {
    /** Sent by {@link Message#from()} at {@link Message#sentRow()}. */
    SENT,
    /**
     * A copy of the segment {@link Message#from()} sent at {@link Message#sentRow()}, delivered while the segment
     * itself stays in flight (the network duplicated it): a message of its own.
     */
    COPY,
    /**
     * Never sent: an off-path attacker forged it, with {@link Message#from()} as its source, and it arrived at once
     * ({@link Message#sentRow()} equals {@link Message#endRow()}). In an engine trace, any arrival without a send.
     */
    FORGED
  }

  /** What became of a segment. */
  public enum Fate {
    /** It reached {@link Message#to()} at {@link Message#endRow()}. */
    ARRIVED,
    /** The network lost it at {@link Message#endRow()}. */
    LOST,
    /** It was still in flight when the run ended ({@link Message#endRow()} is the last row). */
    IN_FLIGHT
  }

  /**
   * A segment between the hosts.
   *
   * @param from the sending host (for a forged segment, the source it claims)
   * @param to the host it is addressed to
   * @param sentRow the row at which it entered the network
   * @param endRow the row at which it arrived or was lost; for a segment still in flight, the last row
   * @param kind how it entered the network
   * @param fate what became of it
   * @param label the segment in RFC 9293 notation, e.g. {@code <SEQ=5><ACK=9><CTL=SYN,ACK>}
   */
  public record Message(String from, String to, int sentRow, int endRow, Kind kind, Fate fate, String label) {
    /** Checks that the message ends no earlier than it starts, and that only a forged one arrives at once. */
    public Message {
      if (sentRow < 0 || endRow < sentRow) {
        throw new IllegalArgumentException("a message sent at row " + sentRow + " ends at row " + endRow);
      }
      if (kind == Kind.FORGED && (fate != Fate.ARRIVED || endRow != sentRow)) {
        throw new IllegalArgumentException("a forged segment arrives at the row it appears: " + label);
      }
      if (kind != Kind.FORGED && fate != Fate.IN_FLIGHT && endRow == sentRow) {
        throw new IllegalArgumentException("a segment arrives or is lost at the row it was sent: " + label);
      }
    }
  }

  /**
   * The property the run violates.
   *
   * @param row the row at which it is violated
   * @param text what is violated and how, e.g. {@code NoUnrequestedConnectionInv violated: B is ESTABLISHED for a
   *     SYN nobody sent in this incarnation}
   */
  public record Verdict(int row, String text) {
    /** Checks the row. */
    public Verdict {
      if (row < 0) {
        throw new IllegalArgumentException("the verdict is at row " + row);
      }
    }
  }

  /**
   * The diagram as plain text, one line per row after a heading line (and a last line for the verdict): the text
   * alternative of the picture.
   */
  public String describe() {
    List<String> lines = new ArrayList<>();
    lines.add("Sequence diagram of " + left + " (left) and " + right + " (right), " + rows.size()
        + (rows.size() == 1 ? " step." : " steps."));
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      List<String> parts = new ArrayList<>();
      for (Message m : messages) {
        if (m.endRow() == i && m.fate() != Fate.IN_FLIGHT) {
          parts.add(taken(m));
        }
      }
      for (Change c : row.changes()) {
        parts.add(c.host() + ": " + c.state() + (c.note().isEmpty() ? "" : " (" + c.note() + ")"));
      }
      for (Message m : messages) {
        if (m.sentRow() == i && m.kind() == Kind.SENT) {
          parts.add(m.from() + " sends " + m.label() + " to " + m.to() + ", " + fate(m));
        }
      }
      parts.addAll(row.notes());
      lines.add(number(i) + ". " + row.label() + (parts.isEmpty() ? "" : ": " + String.join("; ", parts)) + ".");
    }
    Integer loop = loopsBackTo;
    if (loop != null) {
      lines.set(lines.size() - 1, lines.get(lines.size() - 1)
          + " The run repeats from step " + number(loop) + " forever.");
    }
    Verdict v = verdict;
    if (v != null) {
      lines.add("Violated at step " + number(v.row()) + ": " + v.text());
    }
    return String.join("\n", lines) + "\n";
  }

  private static String taken(Message m) {
    return switch (m.kind()) {
      case SENT -> m.fate() == Fate.LOST
          ? "the network loses " + m.label() + " from " + m.from() + " (sent at step " + number(m.sentRow()) + ")"
          : m.to() + " receives " + m.label() + " from " + m.from() + " (sent at step " + number(m.sentRow()) + ")";
      case COPY -> m.to() + " receives a copy of " + m.label() + " from " + m.from() + " (sent at step "
          + number(m.sentRow()) + "), which stays in flight";
      case FORGED -> m.to() + " receives " + m.label() + ", forged by an attacker as from " + m.from();
    };
  }

  private static String fate(Message m) {
    return switch (m.fate()) {
      case ARRIVED -> "which arrives at step " + number(m.endRow());
      case LOST -> "which is lost at step " + number(m.endRow());
      case IN_FLIGHT -> "still in flight at the end";
    };
  }

  private static int number(int row) {
    return row + 1;
  }
}
