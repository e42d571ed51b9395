package dev.tcpv.trace;

/** Receives one {@link TraceEvent} per spec action the engine takes. */
@FunctionalInterface
public interface TraceSink {

  /** Called synchronously, inside the engine call that took the action. */
  void event(TraceEvent e);
}
