package dev.tcpv.script;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A segment as a script writes it: {@code S. 0:0(0) ack 1 win 65535 <mss 1460>}.
 *
 * @param flags the flag letters in the script's order ({@code S F R P . E W U})
 * @param start the relative sequence number of the first octet, or null for {@code ...} or {@code ...(N)} (any)
 * @param length the payload length (the end minus the start)
 * @param ack the relative acknowledgment number, or null when the script gives none
 * @param window the window, or null when the script gives none
 * @param options the options as written ({@code "mss 1460"}, {@code "nop"}), or null for {@code <...>} (any);
 *     empty when the script writes none
 */
public record SegmentSpec(
    String flags,
    @Nullable Long start,
    int length,
    @Nullable Long ack,
    @Nullable Integer window,
    @Nullable List<String> options) {

  /** Copies the options. */
  public SegmentSpec {
    if (options != null) {
      options = List.copyOf(options);
    }
  }

  /** The segment in the script's notation. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(flags);
    if (start == null) {
      sb.append(length == 0 ? " ..." : " ...(" + length + ")");
    } else {
      sb.append(' ').append(start).append(':').append(start + length).append('(').append(length).append(')');
    }
    if (ack != null) {
      sb.append(" ack ").append(ack);
    }
    if (window != null) {
      sb.append(" win ").append(window);
    }
    if (options == null) {
      sb.append(" <...>");
    } else if (!options.isEmpty()) {
      sb.append(" <").append(String.join(",", options)).append('>');
    }
    return sb.toString();
  }
}
