package dev.tcpv.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.cli.Tcpv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invariant and property that the CI models check can fail: each case breaks the spec (a mutant: one
 * exact snippet of {@code spec/Tcp.tla} replaced) or a constant, and {@code tcpv check} must report exactly
 * that violation. The CI models show that the unbroken spec satisfies the same properties, so together they
 * show that no property holds vacuously.
 *
 * <p>NoStaleSegmentAcceptedInv and NoUnrequestedConnectionInv fail in the CI knob models FixedIsn,
 * TwoWayHandshake and NoWindowCheck, and TimeWaitCoversLastAckProp in ShortTimeWait, so they have no case
 * here.
 */
class PropertiesCanFailTest {
  private static final Path ROOT = Path.of(System.getProperty(ProjectLayout.ROOT_PROPERTY, "."));
  private static final Path SPEC = ROOT.resolve("spec/Tcp.tla");
  private static final Path MODELS = ROOT.resolve("model-check/models");
  private static final Pattern CONSTANT = Pattern.compile("\\s+(\\w+)\\s*(=|<-).*");

  /** Which part of the configuration lists the property. */
  enum Kind {
    INVARIANTS,
    PROPERTIES
  }

  /**
   * One way to make a property fail.
   *
   * @param property the invariant or property that must be reported violated
   * @param kind where the configuration lists it
   * @param base the model configuration whose constants the case starts from
   * @param constants constants that differ from the base
   * @param specification {@code Spec} or {@code FairSpec}
   * @param snippet text of spec/Tcp.tla that occurs exactly once, or empty for no mutation
   * @param replacement what replaces the snippet
   * @param deadlock whether TLC checks for deadlock
   */
  record Case(String property, Kind kind, String base, Map<String, String> constants, String specification,
      String snippet, String replacement, boolean deadlock) {
    @Override
    public String toString() {
      return property;
    }
  }

  private static Case invariant(String property, String base, Map<String, String> constants, String snippet,
      String replacement) {
    return new Case(property, Kind.INVARIANTS, base, constants, "Spec", snippet, replacement, true);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // A segment offers a window larger than RCV.WND can be.
        invariant("TypeInv", "MCLossRecovery.cfg", Map.of("LossBudget", "0"),
            "wnd |-> IF \"RST\" \\in ctl THEN 0 ELSE wnd,",
            "wnd |-> IF \"RST\" \\in ctl THEN 0 ELSE wnd + 1,"),
        // Text that arrives closes the window by one octet more than it fills: the right edge moves back.
        new Case("RcvWindowEdgeProp", Kind.PROPERTIES, "MCZeroWindow.cfg",
            Map.of("RcvWndSize", "2", "MaxData", "3"), "Spec",
            "!.unread = @ + n, !.rcvWnd = @ - n]",
            "!.unread = @ + n, !.rcvWnd = IF @ > n THEN @ - n - 1 ELSE 0]", true),
        // SYN-SENT records the SYN,ACK's SEQ + 1 as IRS.
        invariant("IssIrsAgreementInv", "MCLossRecovery.cfg", Map.of("LossBudget", "0"),
            "!.st = \"ESTABLISHED\", !.irs = s.seq,",
            "!.st = \"ESTABLISHED\", !.irs = SeqAdd(s.seq, 1),"),
        // The receiver numbers the delivered byte one too high.
        invariant("DeliveredPrefixInv", "MCDataTransfer.cfg", Map.of(),
            "Deliveries(<<>>, s.sgen, SeqDist(SeqAdd(t2.rcvNxt, lo), t2.irs), hi - lo)",
            "Deliveries(<<>>, s.sgen, SeqDist(SeqAdd(t2.rcvNxt, lo), t2.irs) + 1, hi - lo)"),
        // SendData advances SND.NXT by one more than the octets it sends.
        invariant("TcbConsistencyInv", "MCDataTransfer.cfg", Map.of(),
            "!.sndNxt = SeqAdd(@, IF fin THEN n + 1 ELSE n)]))]",
            "!.sndNxt = SeqAdd(@, IF fin THEN n + 1 ELSE n + 1)]))]"),
        // CLOSE in ESTABLISHED enters CLOSING, an edge the state diagram lacks.
        new Case("StateDiagramProp", Kind.PROPERTIES, "MCLossRecovery.cfg", Map.of("LossBudget", "0"), "Spec",
            "-> closing(\"FIN-WAIT-1\")", "-> closing(\"CLOSING\")", true),
        // TIME-WAIT of one MSL instead of two.
        new Case("TimeWaitLengthProp", Kind.PROPERTIES, "MCLossRecovery.cfg",
            Map.of("LossBudget", "0", "MSL", "1", "TimeWaitTicks", "1"), "Spec", "", "", true),
        // No retransmission: a lost SYN makes the client give up.
        new Case("HandshakeCompletesProp", Kind.PROPERTIES, "MCLivenessLoss.cfg",
            Map.of("MaxRetries", "0", "LossBudget", "1"), "FairSpec", "", "", true),
        // LAST-ACK stays when its FIN is acknowledged.
        new Case("CloseCompletesProp", Kind.PROPERTIES, "MCLivenessLoss.cfg", Map.of("LossBudget", "0"),
            "FairSpec",
            "[] t1.st = \"LAST-ACK\" /\\ FinAcked(t1) -> NoTcb",
            "[] t1.st = \"LAST-ACK\" /\\ FinAcked(t1) -> t1", true),
        // The 2 MSL timer never expires; time stops there, so the deadlock check is off.
        new Case("TimeWaitEndsProp", Kind.PROPERTIES, "MCLivenessLoss.cfg", Map.of("LossBudget", "0"),
            "FairSpec",
            "/\\ tcb[h].st = \"TIME-WAIT\" /\\ tcb[h].tw >= TimeWaitLo",
            "/\\ tcb[h].st = \"TIME-WAIT\" /\\ FALSE /\\ tcb[h].tw >= TimeWaitLo", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checkReportsTheViolation(Case c, @TempDir Path dir) throws IOException {
    Path spec = Files.createDirectories(dir.resolve("spec"));
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.writeString(spec.resolve("Tcp.tla"), mutant(Files.readString(SPEC), c.snippet(), c.replacement()));
    Files.copy(MODELS.resolve("MCTcp.tla"), models.resolve("MCTcp.tla"));
    Files.writeString(models.resolve("MCBroken.cfg"), config(c));
    Path manifest = models.resolve("manifest.json");
    Files.writeString(manifest, "{\"models\": [{\"name\": \"Broken\", \"module\": \"MCTcp.tla\", "
        + "\"config\": \"MCBroken.cfg\", \"ci\": true, \"expect\": \"" + c.property() + "\", \"workers\": 1"
        + (c.deadlock() ? "" : ", \"deadlock\": false") + "}]}\n");

    // The count is not the point; --update-counts records it in the throwaway manifest.
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Tcpv.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("check",
        "--no-coverage-gate", "--update-counts", "--manifest", manifest.toString(), "--models-dir",
        models.toString(), "--spec-dir", spec.toString());

    String report = out + "\n" + err;
    assertEquals(0, exit, report);
    assertTrue(out.toString().contains("Broken: " + c.property() + " violated, as the manifest expects."), report);
  }

  /** The spec with the snippet replaced; the snippet must occur exactly once, so the case cannot go vacuous. */
  private static String mutant(String spec, String snippet, String replacement) {
    if (snippet.isEmpty()) {
      return spec;
    }
    int first = spec.indexOf(snippet);
    assertTrue(first >= 0, () -> "not in spec/Tcp.tla: " + snippet);
    assertEquals(-1, spec.indexOf(snippet, first + 1), () -> "more than once in spec/Tcp.tla: " + snippet);
    return spec.replace(snippet, replacement);
  }

  /** The base configuration's constants with the case's changes, and only the property under test. */
  private static String config(Case c) throws IOException {
    Map<String, String> pending = new LinkedHashMap<>(c.constants());
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(MODELS.resolve(c.base()))) {
      if (line.strip().startsWith("SPECIFICATION")) {
        break;
      }
      if (line.startsWith("\\*")) {
        continue;
      }
      Matcher m = CONSTANT.matcher(line);
      String name = m.matches() ? m.group(1) : null;
      String value = name == null ? null : pending.remove(name);
      lines.add(value == null ? line : "  " + name + " = " + value);
    }
    assertTrue(pending.isEmpty(), () -> "constants not in " + c.base() + ": " + pending.keySet());
    lines.add("SPECIFICATION " + c.specification());
    lines.add("VIEW View");
    lines.add(c.kind().name());
    lines.add("  " + c.property());
    return String.join("\n", lines) + "\n";
  }
}
