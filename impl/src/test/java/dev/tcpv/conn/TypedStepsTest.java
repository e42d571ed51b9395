package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compile-time check of {@link TcpState}'s transition table reaches every step of {@link Connection} that
 * leaves its state for another than CLOSED: each {@code to(next, ...)} stands in a method that returns {@code
 * Step<XNext>} (or {@code Step<N>}, N bound by such a caller), or carries the witness {@code Connection.<XNext>to}
 * in the {@code case X} of a switch on the state (or after {@code state instanceof X}). Steps that stay ({@code
 * stay}) and steps to CLOSED ({@code toClosed}), which every state permits, are the only untyped ones.
 */
class TypedStepsTest {
  private static final Pattern TYPED = Pattern.compile("Step<(?:\\w+Next|N)>");
  private static final Pattern BARE_TO = Pattern.compile("(?<![\\w.>])to\\(");
  private static final Pattern WITNESS = Pattern.compile("Connection\\.<(\\w+)Next>to\\(");
  /** Where the source state is matched: a switch's case or an instanceof pattern. */
  private static final Pattern CASE = Pattern.compile("(?:case|state instanceof) (\\w+) \\w+");

  /** The untyped steps of {@code java} (Connection's source) that could leave for another state; empty if none. */
  static List<String> problems(String java) {
    List<String> out = new ArrayList<>();
    for (RepoSource.Method m : RepoSource.methods(java)) {
      String body = java.substring(m.start(), m.end());
      boolean typed = TYPED.matcher(m.returns()).matches();
      Matcher bare = BARE_TO.matcher(body);
      while (bare.find()) {
        if (!typed && !m.name().equals("to")) {
          out.add(m.name() + " (returns " + m.returns() + ") calls to(...) untyped: use stay, toClosed or a witness");
        }
      }
      Matcher w = WITNESS.matcher(body);
      while (w.find()) {
        Matcher c = CASE.matcher(body.substring(0, w.start()));
        String source = null;
        while (c.find()) {
          source = c.group(1);
        }
        if (source == null || !source.equals(w.group(1))) {
          out.add(m.name() + ": the witness " + w.group(1) + "Next stands in the case of " + source);
        }
      }
      if (body.contains("new Step<>(") && !typed && !List.of("stay", "toClosed", "to").contains(m.name())) {
        out.add(m.name() + " (returns " + m.returns() + ") builds a Step untyped");
      }
    }
    return out;
  }

  @Test
  @DisplayName("Every step of Connection to another state than CLOSED is typed by its source state's Next interface")
  void stepsAreTyped() throws IOException {
    String java = RepoSource.connection();
    assertTrue(RepoSource.methods(java).size() > 60 && java.contains("Connection.<ClosedNext>to("), "methods read");
    assertEquals(List.of(), problems(java));
  }

  @Test
  @DisplayName("An untyped to(...), a witness in another state's case, or an untyped new Step is reported")
  void untypedStepsAreReported() throws IOException {
    String java = RepoSource.connection();
    String untyped = java.replace("return toClosed(Action.KEEP_ALIVE_GIVE_UP, Rule.R_KA_3);",
        "return to(LISTEN, Action.KEEP_ALIVE_GIVE_UP, Rule.R_KA_3);");
    assertEquals(List.of("keepAliveGiveUp (returns Step<?>) calls to(...) untyped: use stay, toClosed or a witness"),
        problems(untyped));
    String wrongCase = java.replace("Connection.<CloseWaitNext>to(new LastAck", "Connection.<EstablishedNext>to(new "
        + "LastAck");
    assertEquals(List.of("close: the witness EstablishedNext stands in the case of CloseWait"), problems(wrongCase));
    String built = java.replace("return toClosed(Action.USER_TIMEOUT, Rule.R_TO_2);",
        "return new Step<>(LISTEN, Action.USER_TIMEOUT, List.of());");
    assertEquals(List.of("userTimeout (returns Step<?>) builds a Step untyped"), problems(built));
  }
}
