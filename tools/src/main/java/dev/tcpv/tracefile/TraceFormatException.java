package dev.tcpv.tracefile;

import dev.tcpv.check.OneLine;

/**
 * A malformed trace: the message names the file and line and fits on one line (text of the trace it quotes has
 * its control characters escaped, {@link OneLine}).
 */
public final class TraceFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A malformed trace. */
  public TraceFormatException(String message) {
    super(OneLine.of(message));
  }
}
