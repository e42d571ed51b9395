package dev.tcpv.tracefile;

/** A malformed trace: the message names the file and line and fits on one line. */
public final class TraceFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A malformed trace. */
  public TraceFormatException(String message) {
    super(message);
  }
}
