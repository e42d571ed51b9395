package dev.tcpv.text;

import java.time.Duration;
import java.util.Locale;

/** How counts and durations read in reports: {@code 1,234,567} and {@code 0.6 s}, {@code 45 s}, {@code 3 min 05 s}. */
public final class Formats {
  private Formats() {}

  /** A count with thousands separators. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A duration to a tenth of a second below ten seconds, to the second below an hour, else minutes. */
  public static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = d.toSeconds();
    if (seconds < 60) {
      return seconds + " s";
    }
    return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
  }
}
