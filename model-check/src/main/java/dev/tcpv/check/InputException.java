package dev.tcpv.check;

/**
 * Bad usage or bad input (an unknown model, a missing file, a malformed manifest): nothing was checked.
 * The CLI prints the one-line message and exits with status 2.
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(OneLine.of(message));
  }

  public InputException(String message, Throwable cause) {
    super(OneLine.of(message), cause);
  }
}
