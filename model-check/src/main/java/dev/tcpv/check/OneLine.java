package dev.tcpv.check;

/**
 * Error messages that quote outside input (a field name, a line of a script) stay one line: control characters
 * and line separators are shown as {@code \n}, {@code \r}, {@code \t} or a four-digit Unicode escape.
 */
public final class OneLine {
  private OneLine() {}

  /** {@code s} with every control character and line separator escaped. */
  public static String of(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
