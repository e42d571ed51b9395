package dev.tcpv.validate;

import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tlc2.tool.TLCState;

/**
 * A capture's segments sent before the capture point saw them. On loopback a host's segments can reach the capture
 * point in another order than they were sent in (two CPUs transmit for one socket: the receiver's SACK then shows
 * the same order). So a capture's search may let the host of a packet send, as hidden steps before it, up to {@link
 * #MOST} segments the capture has not shown yet; each is then <em>unseen</em>: it may not arrive or be lost before
 * a later packet shows it, and that packet must come within {@link #AGE_MOST} tick of its sending (a tick is 1 ms
 * in the built-in profiles). A capture that never shows such a segment is rejected.
 *
 * <p>A segment in flight is unseen when no packet showed one with the same fields at or after the tick it was sent
 * in; a hidden send of a segment a packet of the same tick showed is not allowed, so that seen and unseen stay
 * apart.
 */
final class Unseen {
  /** Segments sent and not yet captured, at most, in any state. */
  static final int MOST = 2;
  /** The ticks an unseen segment may age before the capture shows it, at most. */
  static final long AGE_MOST = 1;

  /** The segments the capture has shown so far (at age 0), each with the last tick it showed one. */
  private final java.util.Map<StateView.NetKey, Long> shown = new java.util.HashMap<>();
  /** The tick the states being searched are at: the last line's. */
  private long now;
  /**
   * While every state carries an unseen segment: why the line that first needed one matches no behaviour without
   * it (the rejection a later failure is reported as); else null.
   */
  private @Nullable Failure since;

  /** The states are at tick {@code tick}, after a line at that tick. */
  void at(long tick) {
    now = tick;
  }

  /** Records that a packet showed {@code s} now. */
  void show(SegmentRecord s) {
    shown.put(StateView.NetKey.of(s, 0), now);
  }

  /**
   * Whether segment {@code k} in flight now has been shown: a packet showed one with its fields no earlier than
   * {@code k} was sent (a copy sent again later, identical to one shown before, is a segment of its own).
   */
  private boolean seen(StateView.NetKey k) {
    Long last = shown.get(k.at(0));
    return last != null && last >= now - k.age();
  }

  /** The segments in flight in {@code s} that no packet has shown. */
  List<StateView.NetKey> of(TLCState s) {
    List<StateView.NetKey> out = new ArrayList<>();
    for (StateView.NetKey k : StateView.netKeys(s)) {
      if (!seen(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /** Whether hidden step {@code s} -> {@code t} leaves every unseen segment of {@code s} in flight. */
  boolean keeps(TLCState s, TLCState t) {
    List<StateView.NetKey> unseen = of(s);
    if (unseen.isEmpty()) {
      return true;
    }
    Set<StateView.NetKey> post = StateView.netKeys(t);
    for (StateView.NetKey k : unseen) {
      if (!post.contains(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether hidden step {@code s} -> {@code t} is a send of {@code host}'s the capture may show later: it puts one
   * segment in flight, of {@code host}, one no packet has shown, keeps every unseen segment in flight ({@link
   * #keeps}), and leaves at most {@link #MOST} unseen.
   */
  boolean mayHide(TLCState s, TLCState t, String host) {
    Set<StateView.NetKey> pre = StateView.netKeys(s);
    StateView.NetKey sent = null;
    for (StateView.NetKey k : StateView.netKeys(t)) {
      if (!pre.contains(k)) {
        if (sent != null) {
          return false;
        }
        sent = k;
      }
    }
    return sent != null && sent.src().equals(host) && !seen(sent) && of(t).size() <= MOST && keeps(s, t);
  }

  /** Whether {@code s} has an unseen segment {@code k} shows (the same fields, of any age up to {@link #AGE_MOST}). */
  boolean holds(TLCState s, StateView.NetKey k) {
    for (StateView.NetKey u : of(s)) {
      if (u.sameSegment(k)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every unseen segment of {@code s} is at most {@link #AGE_MOST} ticks old. */
  private boolean fresh(TLCState s) {
    for (StateView.NetKey k : of(s)) {
      if (k.age() > AGE_MOST) {
        return false;
      }
    }
    return true;
  }

  /** The states of {@code states} whose unseen segments are at most {@link #AGE_MOST} ticks old. */
  List<TLCState> timely(List<TLCState> states) {
    List<TLCState> out = new ArrayList<>();
    for (TLCState s : states) {
      if (fresh(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The rejection at {@code line} when every state after it (some, none {@link #timely}) holds a segment sent for an
   * earlier packet that the capture has not shown within {@link #AGE_MOST} tick.
   */
  Failure late(String source, TraceLine line, List<TLCState> states) {
    return failure(source, line, states, "not shown within " + AGE_MOST + " tick of its sending");
  }

  /** The rejection at the last line when every state still holds an unseen segment, or null. */
  @Nullable Failure neverShown(String source, TraceLine last, List<TLCState> states) {
    for (TLCState s : states) {
      if (of(s).isEmpty()) {
        return null;
      }
    }
    return states.isEmpty() ? null : failure(source, last, states, "never shown before the capture ends");
  }

  /**
   * Follows the states after a line: when every one carries an unseen segment, and none did before, {@code here}
   * says why the line matches nothing without one.
   */
  void track(List<TLCState> states, java.util.function.Supplier<Failure> here) {
    for (TLCState s : states) {
      if (of(s).isEmpty()) {
        since = null;
        return;
      }
    }
    if (since == null && !states.isEmpty()) {
      since = here.get();
    }
  }

  /**
   * {@code later} reported at the line that needed an unseen segment, when the states since then all carry one: a
   * capture that shows a sender's segment it never sent is rejected where it shows it.
   */
  Failure blame(Failure later) {
    Failure s = since;
    if (s == null) {
      return later;
    }
    return new Failure(s.source(), s.line(), s.event(), s.enabled(), s.closest() + "; nor after its sender sent a"
        + " segment the capture shows later: frame " + later.line() + " then " + (later.matched() ? "carries "
        + later.closest() : later.enabled().isEmpty() ? later.closest() : "matches no behaviour (" + later.event()
        + ")"));
  }

  private Failure failure(String source, TraceLine line, List<TLCState> states, String why) {
    Set<String> segs = new java.util.TreeSet<>();
    for (StateView.NetKey k : of(states.get(0))) {
      segs.add(k.src() + " SEQ=" + k.seq() + " ACK=" + k.ack() + " LEN=" + k.len());
    }
    return new Failure(source, line.line(), line.summary(), List.of(),
        "an earlier packet is explained only by its sender having sent " + String.join(", ", segs)
            + " before it, and that segment is " + why + " (a capture point sees every segment it passes)");
  }
}
