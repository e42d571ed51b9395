package dev.tcpv.conform;

/** Bad input for a conformance run: a model the engines cannot be driven along, a malformed state graph. */
public final class ConformException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message one line, without the {@code tcpv:} prefix */
  public ConformException(String message) {
    super(message);
  }
}
