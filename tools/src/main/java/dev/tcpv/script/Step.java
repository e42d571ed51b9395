package dev.tcpv.script;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One line of a script that does something (or is counted as skipped). */
public sealed interface Step {
  /** The 1-based line number. */
  int line();

  /** The line as written, trimmed. */
  String text();

  /** When it happens. */
  Time time();

  /**
   * When a line happens: {@code 1.0}, {@code +0.1}, {@code 0.9~1.1}, {@code +0.9~+1.1}.
   *
   * @param startMicros the start, in microseconds
   * @param relative whether the start counts from the previous line's time
   * @param endMicros the end of a range, or null
   * @param endRelative whether the end counts from the previous line's time
   */
  record Time(long startMicros, boolean relative, @Nullable Long endMicros, boolean endRelative) {}

  /** {@code <}: the remote peer sends {@code segment}. */
  record Inject(int line, String text, Time time, SegmentSpec segment) implements Step {}

  /** {@code >}: the engine must send {@code segment}. */
  record Expect(int line, String text, Time time, SegmentSpec segment) implements Step {}

  /**
   * A socket call with its expected result.
   *
   * @param name the call
   * @param args the arguments as written, split at top-level commas
   * @param result the expected return value
   * @param errno the expected errno name, or null
   */
  record Call(int line, String text, Time time, String name, List<String> args, long result, @Nullable String errno)
      implements Step {
    /** Copies the arguments. */
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code %{ assert tcpi_state == TCPI_X }%}: the connection must be in {@code state} (an RFC name). */
  record AssertState(int line, String text, Time time, String state) implements Step {}

  /** {@code %{ assert iss_advance == N }%}: the engine's latest ISS is {@code advance} above the one before. */
  record AssertIssAdvance(int line, String text, Time time, long advance) implements Step {}

  /** A {@code sysctl -w name=value} shell line. */
  record Sysctl(int line, String text, Time time, String name, String value) implements Step {}

  /** A line that only means something on a real OS, counted as skipped. */
  record Skipped(int line, String text, Time time, String reason) implements Step {}
}
