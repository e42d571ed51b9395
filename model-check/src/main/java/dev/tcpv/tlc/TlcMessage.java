package dev.tcpv.tlc;

/**
 * One framed message of TLC's {@code -tool} output.
 *
 * @param code the message code ({@code tlc2.output.EC})
 * @param severity 0 info, 1 error, 2 TLC bug, 3 warning, 4 state
 * @param text the lines between the frame markers, without the final line break
 */
public record TlcMessage(int code, int severity, String text) {

  /** Whether TLC marks the message as an error or as a bug of its own. */
  public boolean isError() {
    return severity == TlcCode.SEVERITY_ERROR || severity == TlcCode.SEVERITY_TLC_BUG;
  }
}
