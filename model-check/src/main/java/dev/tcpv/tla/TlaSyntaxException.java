package dev.tcpv.tla;

/** TLC printed value text that {@link TlaValueParser} does not understand; the message says where and why. */
public final class TlaSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  TlaSyntaxException(String message) {
    super(message);
  }
}
