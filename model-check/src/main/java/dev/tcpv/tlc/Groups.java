package dev.tcpv.tlc;

import java.util.regex.Matcher;

/** Capturing groups that the pattern guarantees once it matched, without a null check at every use. */
final class Groups {
  private Groups() {}

  /** Group {@code group} of a successful match; the pattern must make it non-optional. */
  static String of(Matcher m, int group) {
    String text = m.group(group);
    if (text == null) {
      throw new IllegalStateException("group " + group + " of " + m.pattern() + " did not take part in the match");
    }
    return text;
  }
}
