package dev.tcpv.validate;

import java.util.Locale;

/**
 * What a one-endpoint trace's hidden peer may be (docs/traces.md, "One endpoint").
 *
 * <p>{@link #OPEN}: any peer, or none that follows the spec. Before each line of the observed host the peer takes
 * every segment in flight and puts in flight the segment the line shows the observed host taking, if any; no other
 * hidden step is searched. The trace is valid when the observed host's steps are those of the spec's endpoint given
 * the segments it received: the check that judges an implementation by its own trace whatever its peer (the
 * kernel's TCP in interop). It costs what a fully observed trace costs.
 *
 * <p>{@link #SPEC}: a peer that is the spec's other endpoint, with the spec's network between them: the hidden
 * steps are searched, within bounds, before each line ({@link TraceValidator#HIDDEN_DEPTH} and the others). Valid
 * means a spec behaviour of both hosts shows the observed host's lines; stronger than {@link #OPEN} (it also says
 * the peer's segments are ones a spec endpoint sends), slower by orders of magnitude, and bounded: a valid trace
 * whose gaps need more hidden steps than the search takes is rejected.
 */
public enum Peer {
  /** Any peer: the segments the observed host takes are given, not explained. */
  OPEN,
  /** The spec's other endpoint, searched within bounds. */
  SPEC;

  /** The peer named {@code name} ({@code open} or {@code spec}). */
  public static Peer of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "open" -> OPEN;
      case "spec" -> SPEC;
      default -> throw new IllegalArgumentException("--peer must be open or spec, not " + name);
    };
  }

  /** The name {@link #of} reads. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
