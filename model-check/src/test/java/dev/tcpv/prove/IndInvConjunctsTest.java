package dev.tcpv.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.tlc.TlcJob;
import dev.tcpv.tlc.TlcLauncher;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * No conjunct of IndInv is dead weight: without each conjunct listed in {@link #NEEDED}, the inductiveness
 * obligation ({@code IndInv /\ Next => IndInv'}, proofs/MCIndInvStep.cfg with {@code Omit} set to the
 * conjunct) fails. The conjuncts in {@link #KEPT} are not needed for inductiveness; proofs/README.md says
 * why each is kept, and this test checks that every conjunct is in exactly one of the two lists.
 */
class IndInvConjunctsTest {
  static final List<String> NEEDED = List.of(
      "SafeTcb", "GenConsistent", "RcvBelowSnd", "SndNxtShape", "TimerShape",
      "OwnSegmentsConsistent", "PartnerSegmentsConsistent", "SegmentShape", "SegmentTags");
  static final List<String> KEPT = List.of(
      "SafeStale", "SafeUnrequested", "SafeIssIrs", "SafePrefix", "Roles", "Canonical", "IrsIsPeerIss",
      "UnaBelowRcv", "RcvNxtShape", "ServerSynced");

  private static final Pattern ALL = Pattern.compile("AllConjuncts ==\\s*<<(.*?)>>", Pattern.DOTALL);

  private final Path dir;

  IndInvConjunctsTest(@TempDir Path dir) {
    this.dir = dir;
  }

  private static Set<String> conjuncts() throws IOException {
    String module = Files.readString(ProofFiles.PROOFS.resolve("TcpIndInv.tla"), StandardCharsets.UTF_8);
    Matcher m = ALL.matcher(module);
    assertTrue(m.find(), "AllConjuncts not found in TcpIndInv.tla");
    Set<String> names = new TreeSet<>();
    Arrays.stream(String.valueOf(m.group(1)).split(",")).map(s -> s.strip().replace("\"", "")).forEach(names::add);
    return names;
  }

  @Test
  void everyConjunctIsTestedOrExplained() throws IOException {
    Set<String> listed = new TreeSet<>(NEEDED);
    listed.addAll(KEPT);
    assertEquals(NEEDED.size() + KEPT.size(), listed.size(), "a conjunct is in both lists");
    assertEquals(conjuncts(), listed);
    String readme = Files.readString(ProofFiles.PROOFS.resolve("README.md"), StandardCharsets.UTF_8);
    for (String kept : KEPT) {
      assertTrue(readme.contains("| `" + kept + "` |"), () -> "proofs/README.md does not explain " + kept);
    }
  }

  @ParameterizedTest
  @FieldSource("NEEDED")
  void inductivenessFailsWithout(String conjunct) throws IOException, InterruptedException {
    ProofFiles.copyTo(dir);
    String config = Files.readString(dir.resolve("MCIndInvStep.cfg"), StandardCharsets.UTF_8);
    assertTrue(config.contains("Omit = \"\""), "MCIndInvStep.cfg sets Omit = \"\"");
    Files.writeString(dir.resolve("Omit.cfg"), config.replace("Omit = \"\"", "Omit = \"" + conjunct + "\""));
    TlcJob job = new TlcJob("Omit" + conjunct, dir, "MCTcpIndInv.tla", "Omit.cfg", ProofFiles.SPEC, 1, false);
    TlcResult result = TlcLauncher.forCurrentJvm().run(job, p -> {});
    assertEquals(new TlcOutcome.InvariantViolated("IndInv"), result.outcome(), conjunct);
    assertTrue(result.trace().size() == 2, "the counterexample is one step from a generated state");
  }
}
