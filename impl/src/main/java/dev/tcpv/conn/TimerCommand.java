package dev.tcpv.conn;

/** What the caller must do with one {@link Timer}. */
public sealed interface TimerCommand {

  /** The timer concerned. */
  Timer timer();

  /**
   * Arm (or re-arm) the timer to fire at {@code deadlineMicros}; call {@link Connection#handleTimeout} then.
   *
   * @param timer the timer
   * @param deadlineMicros when it fires, on the caller's clock
   */
  record Set(Timer timer, long deadlineMicros) implements TimerCommand {}

  /**
   * Disarm the timer.
   *
   * @param timer the timer
   */
  record Cancel(Timer timer) implements TimerCommand {}
}
