package dev.tcpv.script;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed script.
 *
 * @param file where it came from
 * @param headers the {@code --name=value} header lines ({@code ip_version}, {@code tolerance_usecs},
 *     {@code remote_isn})
 * @param steps the lines that do something, in order, after {@code #ifdef} selection
 */
public record Script(Path file, Map<String, String> headers, List<Step> steps) {
  /** Packetdrill's default tolerance. */
  public static final long DEFAULT_TOLERANCE_MICROS = 4_000;

  /** Copies the collections. */
  public Script {
    headers = Map.copyOf(headers);
    steps = List.copyOf(steps);
  }

  /** How far an expected segment may come from its time, in microseconds. */
  public long toleranceMicros() {
    String t = headers.get("tolerance_usecs");
    return t == null ? DEFAULT_TOLERANCE_MICROS : Long.parseLong(t);
  }

  /** Whether the endpoint starts with the quiet time of R-ISN-2 ({@code --quiet_time=1}). */
  public boolean quietTime() {
    return "1".equals(headers.get("quiet_time"));
  }

  /** The remote peer's ISN, to which the script's own sequence numbers are relative (default 0). */
  public long remoteIsn() {
    String t = headers.get("remote_isn");
    return t == null ? 0 : Long.parseLong(t);
  }
}
