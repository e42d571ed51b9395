package dev.tcpv.endpoint;

import dev.tcpv.conn.TimerCommand;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.wire.Segment;
import java.util.List;

/**
 * What one endpoint call did, like {@link dev.tcpv.conn.ConnResult} but for many connections: each item names
 * its 4-tuple. Send the segments in order, apply the timer commands (fire one with {@link
 * Endpoint#handleTimeout}), hand the events to the users.
 *
 * @param segments the segments to send, in order
 * @param timers the timer changes
 * @param events the events for the users, in order
 */
public record EndpointResult(List<Outgoing> segments, List<TimerOrder> timers, List<Event> events) {

  /** Copies the lists. */
  public EndpointResult {
    segments = List.copyOf(segments);
    timers = List.copyOf(timers);
    events = List.copyOf(events);
  }

  /**
   * A segment to send.
   *
   * @param tuple the connection it belongs to
   * @param segment the segment
   */
  public record Outgoing(FourTuple tuple, Segment segment) {}

  /**
   * A timer change.
   *
   * @param tuple the connection whose timer it is
   * @param command the change
   */
  public record TimerOrder(FourTuple tuple, TimerCommand command) {}

  /**
   * A user event.
   *
   * @param tuple the connection it concerns
   * @param event the event
   */
  public record Event(FourTuple tuple, UserEvent event) {}
}
