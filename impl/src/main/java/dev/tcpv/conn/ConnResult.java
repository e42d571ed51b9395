package dev.tcpv.conn;

import dev.tcpv.wire.Segment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one engine call did and what the caller must do next, like {@code SSLEngineResult}: send the segments in
 * order, apply the timer commands, hand the events to the user.
 *
 * @param error the error of a refused user call (nothing else happened then), or null
 * @param segments the segments to send, in order
 * @param timers the timer changes
 * @param events the events for the user, in order
 * @param state the state after the call
 */
public record ConnResult(
    @Nullable CallError error,
    List<Segment> segments,
    List<TimerCommand> timers,
    List<UserEvent> events,
    TcpState state) {

  /** Copies the lists. */
  public ConnResult {
    segments = List.copyOf(segments);
    timers = List.copyOf(timers);
    events = List.copyOf(events);
  }

  /** Whether the call was refused with an {@link #error()}. */
  public boolean refused() {
    return error != null;
  }
}
