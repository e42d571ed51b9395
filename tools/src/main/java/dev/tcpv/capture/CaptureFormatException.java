package dev.tcpv.capture;

import dev.tcpv.check.OneLine;

/** A capture file that cannot be read: one line naming the file and where it is wrong. */
public final class CaptureFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public CaptureFormatException(String message) {
    super(OneLine.of(message));
  }
}
