package dev.tcpv.mutate;

import static dev.tcpv.mutate.MutationWorkspace.CLOSE_FIND;
import static dev.tcpv.mutate.MutationWorkspace.CLOSE_REPLACE;
import static dev.tcpv.mutate.MutationWorkspace.mutation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tcpv mutate} end to end: TLC checks mutants of the real spec on small models of a throwaway workspace.
 */
class MutateCommandTest {
  private final MutationWorkspace workspace;

  MutateCommandTest(@TempDir Path dir) throws IOException {
    this.workspace = MutationWorkspace.create(dir);
  }

  private static void assertContains(String text, String fragment) {
    assertTrue(text.contains(fragment), () -> "expected '" + fragment + "' in:\n" + text);
  }

  /** A CI mutation that no property can notice (it rewrites a comment) survives, and the gate fails. */
  @Test
  void failsWhenACiMutationSurvives() throws IOException {
    String comment = workspace.commentLine();
    workspace.catalogue(
        mutation("CommentOnly", comment, comment + " (rewritten)", "Small", "TypeInv", true, null),
        mutation("NotCi", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", false, null));
    MutationWorkspace.Run run = workspace.mutate();
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(), "SURVIVED  CommentOnly (teardown, R-TEST-1): Small passed, ");
    assertContains(run.out(), "(manifest 589) distinct states");
    assertContains(run.out(), "; no property notices the mistake");
    assertTrue(run.out().matches("(?s).*\nSURVIVED +CommentOnly +R-TEST-1 +teardown +Small +TypeInv +pass .*"),
        run::out);
    assertContains(run.out(),
        "Killed 0 of 1 mutation (0.0%); the gate FAILED: CommentOnly survived without an explanation.");
    assertTrue(!run.out().contains("NotCi"), "the default run is the CI subset");
    assertContains(run.err(), "[1/1] CommentOnly: Tcp.tla line ");
  }

  /** CLOSE in ESTABLISHED entering CLOSING is an edge the state diagram lacks: StateDiagramProp kills it. */
  @Test
  void passesWhenTheMutantIsKilled() throws IOException {
    workspace.catalogue(mutation("CloseEnterClosing", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp",
        true, null));
    MutationWorkspace.Run run = workspace.mutate();
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "killed    CloseEnterClosing (teardown, R-TEST-1): StateDiagramProp violated in Small");
    assertTrue(run.out().matches(
        "(?s).*\nkilled +CloseEnterClosing +R-TEST-1 +teardown +Small +StateDiagramProp +StateDiagramProp .*"),
        run::out);
    assertContains(run.out(), "Killed 1 of 1 mutation (100.0%); the gate passed.");
    assertContains(run.out(), "Kill rate by family: teardown 1 of 1 (100.0%).");
  }

  /** A survivor the catalogue explains passes the gate; a kill of a mutation marked as surviving fails it. */
  @Test
  void holdsTheSurvivesExplanationToTheResult() throws IOException {
    String comment = workspace.commentLine();
    workspace.catalogue(
        mutation("CommentOnly", comment, comment + " (rewritten)", "Small", "TypeInv", true, "a comment"),
        mutation("CloseEnterClosing", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", true,
            "thought to be equivalent"));
    MutationWorkspace.Run explained = workspace.mutate("CommentOnly");
    assertEquals(0, explained.exit(), explained::out);
    assertContains(explained.out(), "survived  CommentOnly (teardown, R-TEST-1): Small passed");
    assertContains(explained.out(), "; as the catalogue explains: a comment");
    assertContains(explained.out(), "Killed 0 of 1 mutation (0.0%); 1 survivor explained; the gate passed.");

    MutationWorkspace.Run stale = workspace.mutate("CloseEnterClosing");
    assertEquals(1, stale.exit(), stale::out);
    assertContains(stale.out(), "KILLED    CloseEnterClosing (teardown, R-TEST-1): StateDiagramProp violated in Small");
    assertContains(stale.out(),
        "the catalogue says it survives (thought to be equivalent): the explanation is stale");
    assertContains(stale.out(), "the gate FAILED: CloseEnterClosing was killed although the catalogue says it "
        + "survives (stale explanation).");
  }

  /** TLC on a model that takes far longer than the limit is stopped: the child JVM is gone, the verdict timeout. */
  @Test
  void stopsTlcAtTheTimeLimit() throws IOException {
    String comment = workspace.commentLine();
    workspace.catalogue(mutation("Slow", comment, comment + " (rewritten)", "Big", "TypeInv", true, null));
    long start = System.nanoTime();
    MutationWorkspace.Run run = workspace.mutate("--timeout", "1");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(), "TIMEOUT   Slow (teardown, R-TEST-1): Big stopped at the time limit");
    assertContains(run.out(), "; counts as survived");
    assertTrue(run.out().matches("(?s).*\nTIMEOUT +Slow +.* +TypeInv +timeout after 1\\.0 s .*"), run::out);
    assertContains(run.out(), "the gate FAILED: Slow timed out.");
    assertTrue(elapsed.compareTo(Duration.ofSeconds(20)) < 0, () -> "took " + elapsed);
    assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
        "TLC's child JVM still runs after the time limit");
  }
}
