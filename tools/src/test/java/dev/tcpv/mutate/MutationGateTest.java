package dev.tcpv.mutate;

import static dev.tcpv.mutate.MutationWorkspace.CLOSE_FIND;
import static dev.tcpv.mutate.MutationWorkspace.CLOSE_REPLACE;
import static dev.tcpv.mutate.MutationWorkspace.mutation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.ModelRunner;
import dev.tcpv.tlc.TlcJob;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's logic with a fake {@link ModelRunner} in place of TLC: which outcome counts as what, what the job
 * looks like, and what the report says. Fast, so every verdict has a case.
 */
class MutationGateTest {
  private static final String SYN_FIND = "IF AckAcceptable(t.sndUna, s.ack, t.sndNxt) THEN \"ok\" ELSE \"rst\"";

  private final MutationWorkspace workspace;
  /** The jobs the gate ran and the spec each saw, by mutation: two run at once, in no set order. */
  private final Map<String, TlcJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, String> mutantSpecs = new ConcurrentHashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  MutationGateTest(@TempDir Path dir) throws IOException {
    this.workspace = MutationWorkspace.create(dir);
  }

  /** Runs the gate; TLC's outcome for each mutation (by name) comes from {@code outcomes}. */
  private MutateReport run(Map<String, TlcOutcome> outcomes, MutateOptions options) throws Exception {
    return run(outcomes, options, job -> {});
  }

  /** As {@link #run(Map, MutateOptions)}; {@code before} runs first in each fake TLC run. */
  private MutateReport run(Map<String, TlcOutcome> outcomes, MutateOptions options, Consumer<TlcJob> before)
      throws Exception {
    ModelRunner fake = (job, progress) -> {
      before.accept(job);
      jobs.put(job.model(), job);
      mutantSpecs.put(job.model(), Files.readString(job.specDir().resolve("Tcp.tla")));
      TlcOutcome outcome = outcomes.get(job.model());
      if (outcome == null) {
        throw new AssertionError("no outcome for " + job.model());
      }
      return new TlcResult(outcome, 1234L, 7, Duration.ofMillis(2500), List.of(), List.of());
    };
    return new MutationGate(workspace.layout(), workspace.catalogue, fake, new PrintWriter(out, true),
        new PrintWriter(err, true)).run(options);
  }

  private static MutateOptions all() {
    return all(1);
  }

  private static MutateOptions all(int jobs) {
    return new MutateOptions(List.of(), true, MutateOptions.DEFAULT_TIME_LIMIT, jobs);
  }

  /** The job the gate ran for mutation {@code name}. */
  private TlcJob ran(String name) {
    TlcJob job = jobs.get(name);
    if (job == null) {
      throw new AssertionError(name + " was not run");
    }
    return job;
  }

  private void assertOut(String fragment) {
    assertTrue(out.toString().contains(fragment), () -> "expected '" + fragment + "' in:\n" + out);
  }

  @Test
  void runsEachMutantOnACopyOfTheSpecAsTheManifestSaysAndDeletesIt() throws Exception {
    workspace.catalogue(
        mutation("CloseEnterClosing", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", true, null),
        mutation("SynAnyAck", SYN_FIND, "\"ok\"", "Big", "TypeInv", true, null));
    String spec = Files.readString(workspace.spec.resolve("Tcp.tla"));
    MutateReport report = run(Map.of("CloseEnterClosing", new TlcOutcome.PropertyViolated("StateDiagramProp"),
        "SynAnyAck", new TlcOutcome.InvariantViolated("TypeInv")), new MutateOptions(List.of(), false,
        Duration.ofSeconds(42)));
    assertEquals(0, report.exitCode(), out::toString);

    assertEquals(2, jobs.size());
    TlcJob close = ran("CloseEnterClosing");
    TlcJob syn = ran("SynAnyAck");
    assertEquals(workspace.models.toAbsolutePath().normalize(), close.modelsDir());
    assertEquals("MCTcp.tla", close.module());
    assertEquals("MCSmall.cfg", close.config());
    assertEquals(1, close.workers());
    assertTrue(close.checkDeadlock());
    assertEquals(Duration.ofSeconds(42), close.timeLimit());
    assertEquals(2, syn.workers());
    assertEquals("MCBig.cfg", syn.config());

    assertEquals(spec.replace(CLOSE_FIND, CLOSE_REPLACE), mutantSpecs.get("CloseEnterClosing"));
    assertEquals(spec.replace(SYN_FIND, "\"ok\""), mutantSpecs.get("SynAnyAck"));
    assertEquals(spec, Files.readString(workspace.spec.resolve("Tcp.tla")), "the spec itself is not touched");
    for (TlcJob job : jobs.values()) {
      assertFalse(Files.exists(job.specDir()), "mutant left behind: " + job.specDir());
      assertFalse(job.specDir().equals(workspace.spec.toAbsolutePath().normalize()));
    }
  }

  @Test
  void countsAKillByAnotherPropertyOrADeadlock() throws Exception {
    workspace.catalogue(
        mutation("Other", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", true, null),
        mutation("Stuck", SYN_FIND, "\"ok\"", "Small", "deadlock", true, null));
    MutateReport report = run(Map.of("Other", new TlcOutcome.InvariantViolated("TcbConsistencyInv"),
        "Stuck", new TlcOutcome.Deadlock()), all());
    assertEquals(0, report.exitCode(), out::toString);
    assertOut("killed    Other (teardown, R-TEST-1): TcbConsistencyInv violated in Small (expected StateDiagramProp)");
    assertOut("killed    Stuck (teardown, R-TEST-1): deadlock in Small, 1,234 distinct states");
    assertTrue(out.toString().matches("(?s).*\nkilled +Other +.* +StateDiagramProp +TcbConsistencyInv +1,234 .*"),
        out::toString);
    assertTrue(out.toString().matches("(?s).*\nkilled +Stuck +.* +deadlock +deadlock +1,234 .*"), out::toString);
    assertOut("Killed 2 of 2 mutations (100.0%); the gate passed.");
    assertOut("1 killed by another property than the catalogue expects");
  }

  @Test
  void aTimeoutCountsAsSurvived() throws Exception {
    workspace.catalogue(
        mutation("Slow", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", true, null),
        mutation("SlowExplained", SYN_FIND, "\"ok\"", "Small", "TypeInv", true, "too big for the models"));
    TlcOutcome timeout = new TlcOutcome.TimedOut(Duration.ofSeconds(300));
    MutateReport report = run(Map.of("Slow", timeout, "SlowExplained", timeout), all());
    assertEquals(1, report.exitCode(), out::toString);
    assertOut("TIMEOUT   Slow (teardown, R-TEST-1): Small stopped at the time limit, 1,234 (manifest 589) distinct");
    assertOut("timeout   SlowExplained (teardown, R-TEST-1): Small stopped at the time limit");
    assertOut("timeout after 5 min 00 s");
    assertOut("Killed 0 of 2 mutations (0.0%); 1 survivor explained; the gate FAILED: Slow timed out.");
  }

  @Test
  void anErrorFailsTheGateWithTlcsMessage() throws Exception {
    workspace.catalogue(mutation("Broken", CLOSE_FIND, "-> closing(", "Small", "StateDiagramProp", true, null),
        mutation("Fine", SYN_FIND, "\"ok\"", "Small", "TypeInv", true, null));
    MutateReport report = run(Map.of("Broken", new TlcOutcome.Failure("Parse error\nin module Tcp"),
        "Fine", new TlcOutcome.InvariantViolated("TypeInv")), all());
    assertEquals(1, report.exitCode(), out::toString);
    assertOut("ERROR     Broken (teardown, R-TEST-1): TLC could not check Small on the mutant, so the mutation is "
        + "malformed");
    assertOut("\n    Parse error\n    in module Tcp\n");
    assertOut("Killed 1 of 2 mutations (50.0%); the gate FAILED: Broken could not be checked (TLC error).");
  }

  @Test
  void givesTheKillRatePerFamily() throws Exception {
    String handshake = mutation("Hs", SYN_FIND, "\"ok\"", "Small", "TypeInv", true, null)
        .replace("\"teardown\"", "\"handshake\"");
    String comment = workspace.commentLine();
    workspace.catalogue(handshake,
        mutation("Td1", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", true, null),
        mutation("Td2", comment, comment + "!", "Small", "TypeInv", false, null));
    MutateReport report = run(Map.of("Hs", new TlcOutcome.InvariantViolated("TypeInv"),
        "Td1", new TlcOutcome.PropertyViolated("StateDiagramProp"), "Td2", new TlcOutcome.Pass()), all());
    assertEquals(1, report.exitCode());
    assertEquals("Killed 2 of 3 mutations (66.7%); the gate FAILED: Td2 survived without an explanation.",
        report.summary());
    assertOut("Kill rate by family: handshake 1 of 1 (100.0%), teardown 1 of 2 (50.0%).");
  }

  @Test
  void runsTheNamedMutationsOnly() throws Exception {
    workspace.catalogue(
        mutation("First", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", true, null),
        mutation("Second", SYN_FIND, "\"ok\"", "Small", "TypeInv", false, null));
    MutateReport report = run(Map.of("Second", new TlcOutcome.InvariantViolated("TypeInv")),
        new MutateOptions(List.of("Second"), false, MutateOptions.DEFAULT_TIME_LIMIT));
    assertEquals(0, report.exitCode());
    assertEquals(Set.of("Second"), jobs.keySet());
  }

  @Test
  void checksTwoMutantsAtOnceAndReportsThemInTheCataloguesOrder() throws Exception {
    workspace.catalogue(
        mutation("Slower", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", true, null),
        mutation("Faster", SYN_FIND, "\"ok\"", "Small", "TypeInv", true, null));
    CountDownLatch fasterDone = new CountDownLatch(1);
    Set<String> sawTheOther = ConcurrentHashMap.newKeySet();
    MutateReport report = run(Map.of("Slower", new TlcOutcome.PropertyViolated("StateDiagramProp"),
        "Faster", new TlcOutcome.InvariantViolated("TypeInv")), all(2), job -> {
          try {
            if (job.model().equals("Faster")) {
              fasterDone.countDown();
            } else if (fasterDone.await(10, TimeUnit.SECONDS)) {
              // Slower ends only after Faster has run beside it: with one job at a time it would wait in vain.
              sawTheOther.add(job.model());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertEquals(0, report.exitCode(), out::toString);
    assertEquals(Set.of("Slower"), sawTheOther);
    String text = out.toString();
    assertTrue(text.indexOf("killed    Slower") < text.indexOf("killed    Faster"), text);
    assertEquals(List.of("Slower", "Faster"), report.results().stream().map(r -> r.mutation().name()).toList());
  }
}
