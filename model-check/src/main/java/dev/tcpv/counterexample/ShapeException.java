package dev.tcpv.counterexample;

/**
 * A variable of the trace is not shaped as the renderer expects (the spec changed, or a model overrides
 * it); the renderer then prints the variable raw.
 */
public final class ShapeException extends Exception {
  private static final long serialVersionUID = 1L;

  ShapeException(String message) {
    super(message);
  }
}
