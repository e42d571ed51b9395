package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every action a host's TCB takes in {@code spec/Tcp.tla} (the disjuncts of {@code UserCall}, {@code Output},
 * {@code Arrival} and {@code Timeout}) has one method of {@link Connection} of the same name in lower camel case,
 * whose Javadoc names the spec action and at least one rule ID. ({@code Crash}, the host's restart, is {@code
 * Endpoint.start}: it drops every TCB of the host, not one connection's.) The actions of {@link #NOT_IN_ENGINE} are
 * set aside with their reasons; {@code Offer}'s ({@code OfferWindow}, a receiver offering buffer it held back) is
 * no group of these: the engine offers all its free buffer at once.
 */
class SpecActionMethodsTest {
  /** The definitions of Tcp.tla whose disjuncts are a TCB's actions. */
  private static final List<String> GROUPS = List.of("UserCall", "Output", "Recover", "Arrival", "Timeout");

  /**
   * The TCB actions of the spec that the engine does not take, each with the reason: behaviours the spec allows
   * for other stacks (their captures) that the engine leaves out.
   */
  static final Map<String, String> NOT_IN_ENGINE = Map.of();

  private static final Pattern RULE_ID = Pattern.compile("\\b(?:R-[A-Z]+-\\d+|S-\\d+|MUST-\\d+)\\b");

  /** The TCB actions of {@code tla}: the names applied to {@code (h)} in the bodies of {@link #GROUPS}. */
  static Set<String> tcbActions(String tla) {
    Set<String> actions = new LinkedHashSet<>();
    for (String group : GROUPS) {
      Matcher def = Pattern.compile("(?m)^" + group + "\\(h\\) ==\\n?((?:.*\\n)*?)\\n").matcher(tla);
      assertTrue(def.find(), "Tcp.tla defines " + group + "(h)");
      Matcher call = Pattern.compile("\\b([A-Z]\\w*)\\(h\\)").matcher(String.valueOf(def.group(1)));
      while (call.find()) {
        actions.add(String.valueOf(call.group(1)));
      }
    }
    return actions;
  }

  /**
   * What is wrong with {@code java}, a class's source, for the spec actions {@code actions}: a missing method of
   * an action's lower camel name, more than one, or one whose Javadoc does not name the action (as {@code {@code
   * Name}}) or a rule ID. Empty when every action has its method.
   */
  static List<String> problems(Set<String> actions, String java) {
    List<String> out = new ArrayList<>();
    for (String action : actions) {
      String method = action.substring(0, 1).toLowerCase(Locale.ROOT) + action.substring(1);
      List<Integer> at = RepoSource.methods(java).stream().filter(m -> m.name().equals(method))
          .map(RepoSource.Method::start).toList();
      if (at.size() != 1) {
        out.add(action + ": " + at.size() + " methods named " + method);
        continue;
      }
      int start = at.get(0);
      int close = java.lastIndexOf("*/", start);
      int open = java.lastIndexOf("/**", start);
      String between = close < 0 ? "" : java.substring(close + 2, start);
      if (open < 0 || close < open || !between.replaceAll("@\\w+", "").isBlank()) {
        out.add(action + ": " + method + " has no Javadoc");
        continue;
      }
      String doc = java.substring(open, close);
      if (!doc.contains("{@code " + action + "}")) {
        out.add(action + ": the Javadoc of " + method + " does not name spec action {@code " + action + "}");
      }
      if (!RULE_ID.matcher(doc).find()) {
        out.add(action + ": the Javadoc of " + method + " names no rule ID");
      }
    }
    return out;
  }

  @Test
  @DisplayName("Every TCB action of Tcp.tla's Next has one Connection method of its name, documented with its rules")
  void everyActionHasItsMethod() throws IOException {
    Set<String> actions = tcbActions(RepoSource.read("spec", "Tcp.tla"));
    assertTrue(actions.size() >= 25 && actions.contains("ReceiveRst") && actions.contains("KeepAliveGiveUp"),
        "the TCB actions read from Tcp.tla: " + actions);
    assertTrue(actions.containsAll(NOT_IN_ENGINE.keySet()), "actions set aside that the spec no longer has");
    actions.removeAll(NOT_IN_ENGINE.keySet());
    assertEquals(List.of(), problems(actions, RepoSource.connection()));
  }

  /** How the spec's TCB actions differ from {@code constants}' spec names: "missing X", "extra Y". */
  static List<String> enumDifferences(Set<String> actions, List<Action> constants) {
    List<String> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    constants.stream().filter(Action::inSpec).forEach(a -> names.add(a.specName()));
    actions.stream().filter(a -> !names.contains(a)).forEach(a -> out.add("missing " + a));
    names.stream().filter(a -> !actions.contains(a)).forEach(a -> out.add("extra " + a));
    return out;
  }

  @Test
  @DisplayName("The engine's Action enumeration is the spec's TCB actions, plus USER_TIMEOUT, each with its method")
  void enumerationIsTheSpecsActions() throws IOException {
    Set<String> actions = tcbActions(RepoSource.read("spec", "Tcp.tla"));
    actions.removeAll(NOT_IN_ENGINE.keySet());
    assertEquals(List.of(), enumDifferences(actions, List.of(Action.values())));
    assertEquals(List.of(Action.USER_TIMEOUT),
        java.util.Arrays.stream(Action.values()).filter(a -> !a.inSpec()).toList());
    String java = RepoSource.connection();
    for (Action a : Action.values()) {
      assertTrue(java.contains(" " + a.methodName() + "("), "Connection has no method " + a.methodName());
      assertTrue(java.contains("Action." + a.name()), "no step of Connection is named Action." + a.name());
    }
    assertEquals("SegmentArrivesSynSent", Action.SEGMENT_ARRIVES_SYN_SENT.specName());
    assertEquals("keepAliveGiveUp", Action.KEEP_ALIVE_GIVE_UP.methodName());
  }

  @Test
  @DisplayName("A spec action without a constant, or a constant without a spec action, is reported")
  void enumerationDifferencesAreReported() {
    Set<String> actions = new LinkedHashSet<>();
    java.util.Arrays.stream(Action.values()).filter(Action::inSpec).forEach(a -> actions.add(a.specName()));
    actions.remove("ReceiveRst");
    actions.add("ReceiveUrgent");
    assertEquals(List.of("missing ReceiveUrgent", "extra ReceiveRst"),
        enumDifferences(actions, List.of(Action.values())));
  }

  @Test
  @DisplayName("A missing method, a second one, or a Javadoc without the action or a rule ID is reported")
  void brokenSourcesAreReported() throws IOException {
    String java = RepoSource.connection();
    Set<String> one = Set.of("ReceiveRst");
    assertEquals(List.of("ReceiveRst: 0 methods named receiveRst"),
        problems(one, java.replace(" receiveRst(", " takeRst(")));
    String twice = java.replace("  private boolean persisting(", "  private void receiveRst(int x) {}\n"
        + "  private boolean persisting(");
    assertEquals(List.of("ReceiveRst: 2 methods named receiveRst"), problems(one, twice));
    assertEquals(List.of("ReceiveRst: the Javadoc of receiveRst does not name spec action {@code ReceiveRst}"),
        problems(one, java.replace("spec action {@code ReceiveRst}", "the RST check")));
    String undocumented = java.replaceAll("(?s)/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(private <N extends TcpState> "
        + "Step<N> receiveRst\\()", "$2");
    assertEquals(List.of("ReceiveRst: receiveRst has no Javadoc"), problems(one, undocumented));
    Set<String> syn = Set.of("ReceiveSyn");
    String noRule = java.replace("R-RST-4, spec action {@code ReceiveSyn}", "spec action {@code ReceiveSyn}");
    assertEquals(List.of("ReceiveSyn: the Javadoc of receiveSyn names no rule ID"), problems(syn, noRule));
  }
}
