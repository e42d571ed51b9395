package dev.tcpv.script;

import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Flags;
import dev.tcpv.wire.Segment;
import dev.tcpv.wire.TcpOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compares a segment the engine sent with the one a script expects. Strict mode compares flags, sequence
 * number, length, acknowledgment number, window and options; lenient mode leaves out the window and the options,
 * so that scripts written for other stacks (other windows, other options) can run.
 */
public final class SegmentMatcher {
  /** How much of a segment is compared. */
  public enum Mode {
    /** Flags, sequence number, length, ACK number, window and options. */
    STRICT,
    /** Flags, sequence number, length and ACK number. */
    LENIENT
  }

  private final Mode mode;

  /** A matcher in {@code mode}. */
  public SegmentMatcher(Mode mode) {
    this.mode = mode;
  }

  /**
   * What differs between {@code expected} and {@code actual} (already written relative, as the script writes
   * it), or null when they match.
   */
  public @Nullable String mismatch(SegmentSpec expected, SegmentSpec actual) {
    List<String> diffs = new ArrayList<>();
    if (!flagSet(expected.flags()).equals(flagSet(actual.flags()))) {
      diffs.add("flags");
    }
    if (expected.start() != null && !expected.start().equals(actual.start())) {
      diffs.add("sequence number");
    }
    if (expected.length() != actual.length()) {
      diffs.add("length");
    }
    if (expected.ack() != null && !expected.ack().equals(actual.ack())) {
      diffs.add("ACK number");
    }
    if (mode == Mode.STRICT) {
      if (expected.window() != null && !expected.window().equals(actual.window())) {
        diffs.add("window");
      }
      List<String> eo = expected.options();
      List<String> ao = actual.options();
      if (eo != null && ao != null && !withoutTrailingEol(eo).equals(withoutTrailingEol(ao))) {
        diffs.add("options");
      }
    }
    return diffs.isEmpty() ? null : String.join(", ", diffs) + " differ";
  }

  private static TreeSet<Character> flagSet(String flags) {
    TreeSet<Character> set = new TreeSet<>();
    for (char c : flags.toCharArray()) {
      set.add(c);
    }
    return set;
  }

  private static List<String> withoutTrailingEol(List<String> options) {
    List<String> out = new ArrayList<>(options);
    while (!out.isEmpty() && out.get(out.size() - 1).equalsIgnoreCase("eol")) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** The flag letters of {@code flags} as packetdrill writes them ({@code S.}, {@code F.}, {@code R}). */
  public static String letters(Flags flags) {
    StringBuilder sb = new StringBuilder();
    if (flags.contains(Flag.SYN)) {
      sb.append('S');
    }
    if (flags.contains(Flag.FIN)) {
      sb.append('F');
    }
    if (flags.contains(Flag.RST)) {
      sb.append('R');
    }
    if (flags.contains(Flag.PSH)) {
      sb.append('P');
    }
    if (flags.contains(Flag.URG)) {
      sb.append('U');
    }
    if (flags.contains(Flag.ECE)) {
      sb.append('E');
    }
    if (flags.contains(Flag.CWR)) {
      sb.append('W');
    }
    if (flags.contains(Flag.ACK)) {
      sb.append('.');
    }
    return sb.toString();
  }

  /** The flags named by script letters. */
  public static Flags flags(String letters) {
    Flags f = Flags.NONE;
    for (char c : letters.toCharArray()) {
      f = f.with(switch (c) {
        case 'S' -> Flag.SYN;
        case 'F' -> Flag.FIN;
        case 'R' -> Flag.RST;
        case 'P' -> Flag.PSH;
        case 'U' -> Flag.URG;
        case 'E' -> Flag.ECE;
        case 'W' -> Flag.CWR;
        case '.' -> Flag.ACK;
        default -> throw new IllegalArgumentException("flag letter " + c);
      });
    }
    return f;
  }

  /** An option in the script's notation. */
  public static String text(TcpOption o) {
    return switch (o) {
      case TcpOption.Eol e -> "eol";
      case TcpOption.Nop n -> "nop";
      case TcpOption.Mss m -> "mss " + m.mss();
      case TcpOption.WindowScale w -> "wscale " + w.shift();
      case TcpOption.SackPermitted s -> "sackOK";
      case TcpOption.Sack s -> {
        StringBuilder sb = new StringBuilder("sack");
        for (TcpOption.SackBlock b : s.blocks()) {
          sb.append(' ').append(b.left().unsigned()).append(':').append(b.right().unsigned());
        }
        yield sb.toString();
      }
      case TcpOption.Timestamps t -> "TS val " + t.tsVal() + " ecr " + t.tsEcr();
      case TcpOption.Unknown u -> "kind " + u.kind();
    };
  }

  /** {@code s} as a script would write it, with sequence numbers relative to the two ISNs. */
  public static SegmentSpec relative(Segment s, long localIsn, long remoteIsn) {
    List<String> options = new ArrayList<>();
    for (TcpOption o : s.options()) {
      options.add(text(o));
    }
    long start = (s.seq().unsigned() - localIsn) & 0xFFFF_FFFFL;
    @Nullable Long ack = s.flags().contains(Flag.ACK) ? (s.ack().unsigned() - remoteIsn) & 0xFFFF_FFFFL : null;
    return new SegmentSpec(letters(s.flags()), start, s.payloadLength(), ack, s.window(), options);
  }
}
