package dev.tcpv.mutate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The part of TCP a mutation breaks; the summary gives the kill rate per family. */
public enum Family {
  HANDSHAKE,
  RESET,
  ACCEPTABILITY,
  TEARDOWN,
  TIME_WAIT,
  ISN,
  KEEP_ALIVE,
  RETRANSMISSION,
  REASSEMBLY,
  RFC5961,
  RFC1337,
  REOPEN,
  DATA,
  WINDOW;

  /** The name the catalogue uses: lower case, words joined by '-' ({@code time-wait}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The family whose {@link #label()} is exactly {@code label}. */
  public static Optional<Family> of(String label) {
    return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst();
  }

  /** Every label, for error messages. */
  public static String labels() {
    return Arrays.stream(values()).map(Family::label).collect(Collectors.joining(", "));
  }
}
