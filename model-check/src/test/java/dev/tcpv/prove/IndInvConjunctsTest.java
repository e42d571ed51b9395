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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * No conjunct of IndInv is dead weight: without each conjunct listed in {@link #NEEDED}, the inductiveness
 * obligation ({@code IndInv /\ Next => IndInv'}, proofs/MCIndInvStep.cfg with {@code Omit} set to the
 * conjunct) fails. The conjuncts in {@link #KEPT} are not needed for inductiveness; proofs/README.md says
 * why each is kept, and this test checks that every conjunct is in exactly one of the two lists.
 *
 * <p>The nine TLC runs take about eight minutes on two cores (each generates every IndInv state of the step
 * model), so they are opt-in: {@code mvn verify -Dtcpv.slow=true}. The inductiveness obligation itself (with
 * every conjunct) runs in the {@code prove} stage of {@code ./tcpv all}, and so in CI.
 */
class IndInvConjunctsTest {
  static final List<String> NEEDED = List.of(
      "SafeTcb", "GenConsistent", "RcvBelowSnd", "SndNxtShape", "TimerShape",
      "OwnSegmentsConsistent", "PartnerSegmentsConsistent", "SegmentShape", "SegmentTags");
  static final List<String> KEPT = List.of(
      "SafeStale", "SafeUnrequested", "SafeIssIrs", "SafePrefix", "Roles", "Canonical", "IrsIsPeerIss",
      "UnaBelowRcv", "RcvNxtShape", "ServerSynced");

  private static final Pattern ALL = Pattern.compile("AllConjuncts ==\\s*<<(.*?)>>", Pattern.DOTALL);

  /** One directory for all runs of the class, since they start together. */
  @TempDir static Path SHARED = Path.of("unset");

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

  /**
   * The TLC runs, two at a time (each TLC is single-threaded while it generates the initial states, and there
   * are two cores): the first case starts them all, and each case waits for its own.
   */
  private static final Map<String, Future<TlcResult>> RUNS = new ConcurrentHashMap<>();

  private static synchronized Future<TlcResult> run(String conjunct, Path dir) {
    if (RUNS.isEmpty()) {
      ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "IndInvConjunctsTest");
        t.setDaemon(true);
        return t;
      });
      for (String each : NEEDED) {
        RUNS.put(each, pool.submit(() -> omit(each, dir.resolve(each))));
      }
      pool.shutdown();
    }
    Future<TlcResult> run = RUNS.get(conjunct);
    if (run == null) {
      throw new IllegalArgumentException("not a needed conjunct: " + conjunct);
    }
    return run;
  }

  private static TlcResult omit(String conjunct, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    ProofFiles.copyTo(dir);
    String config = Files.readString(dir.resolve("MCIndInvStep.cfg"), StandardCharsets.UTF_8);
    if (!config.contains("Omit = \"\"")) {
      throw new IllegalStateException("MCIndInvStep.cfg does not set Omit = \"\"");
    }
    Files.writeString(dir.resolve("Omit.cfg"), config.replace("Omit = \"\"", "Omit = \"" + conjunct + "\""));
    TlcJob job = new TlcJob("Omit" + conjunct, dir, "MCTcpIndInv.tla", "Omit.cfg", ProofFiles.SPEC, 1, false);
    return TlcLauncher.forCurrentJvm().run(job, p -> {});
  }

  @ParameterizedTest
  @FieldSource("NEEDED")
  @EnabledIfSystemProperty(named = "tcpv.slow", matches = "true")
  void inductivenessFailsWithout(String conjunct) throws Exception {
    TlcResult result = run(conjunct, SHARED).get();
    assertEquals(new TlcOutcome.InvariantViolated("IndInv"), result.outcome(), conjunct);
    assertTrue(result.trace().size() == 2, "the counterexample is one step from a generated state");
  }
}
