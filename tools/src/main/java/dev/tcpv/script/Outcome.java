package dev.tcpv.script;

/**
 * How one script ended.
 *
 * @param status pass, fail or skip
 * @param message for a failure: the script line, what was expected and what happened; for a skip: why; for a
 *     pass: a note (in lenient mode, a segment sent after the last line, which is not compared) or empty
 * @param skippedLines how many lines only mean something on a real OS and were skipped
 */
public record Outcome(Status status, String message, int skippedLines) {
  /** The result of a script. */
  public enum Status {
    /** Every line held. */
    PASS,
    /** A line did not hold. */
    FAIL,
    /** The script needs something the runner does not model. */
    SKIP
  }
}
