package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code scripts} stage of {@code tcpv all}: the project's scripts in strict mode, and the FreeBSD suite in
 * lenient mode against the expectations file when the suite is there (skipped with a message when not).
 */
class ScriptStageTest {
  private static Path root() {
    String p = System.getProperty("tcpv.root");
    return (p == null ? Path.of("..") : Path.of(p)).toAbsolutePath().normalize();
  }

  private record Result(StageResult result, String out, String err) {}

  private static Result run(ScriptStage stage) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    StageResult r = stage.run(new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(r, out.toString(), err.toString());
  }

  @Test
  void ownScriptsPassAndAMissingSuiteIsSkipped(@TempDir Path nowhere) throws Exception {
    ScriptStage stage = new ScriptStage(root(), nowhere);
    Result r = run(stage);
    assertEquals(ExitCodes.OK, r.result().exitCode(), r::out);
    // The report's record of the run: every script of the corpus by its path from the root, all passed.
    assertTrue(stage.results().size() >= 40, () -> stage.results().toString());
    assertTrue(stage.results().stream().allMatch(s -> s.file().startsWith("tools/scripts/")
        && s.outcome().status() == dev.tcpv.script.Outcome.Status.PASS), () -> stage.results().toString());
    assertTrue(stage.results().stream().anyMatch(s -> s.file().equals("tools/scripts/rules/R-TW-1.pkt")));
    assertTrue(r.result().detail().contains("FreeBSD suite skipped (not found)"), r.result()::detail);
    assertTrue(r.out().contains("FreeBSD suite: skipped (not found at " + nowhere.resolve("state-event-engine")),
        r::out);
  }

  @Test
  void freebsdSuiteFailsOnlyAsTheExpectationsSay() throws Exception {
    Path suite = ScriptStage.suiteLocation(root());
    boolean present = Files.isDirectory(suite.resolve("state-event-engine"));
    if (!present) {
      System.out.println("ScriptStageTest: FreeBSD suite not found at " + suite + ": skipped");
    }
    Assumptions.assumeTrue(present, "FreeBSD suite not found at " + suite + ": skipped");
    Result r = run(new ScriptStage(root(), suite));
    System.out.println("ScriptStageTest: " + r.result().detail());
    assertEquals(ExitCodes.OK, r.result().exitCode(), r::out);
    assertTrue(r.result().detail().contains(" 0 unexpected failures"), r.result()::detail);
  }

  @Test
  void anUnlistedFailureFailsTheStage(@TempDir Path dir) throws Exception {
    Path scripts = dir.resolve("tools/scripts");
    Files.createDirectories(scripts);
    Files.writeString(scripts.resolve("X.pkt"), "0.000 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4\n");
    Result r = run(new ScriptStage(dir, dir.resolve("none")));
    assertEquals(ExitCodes.FAILED, r.result().exitCode(), r::out);
    assertTrue(r.out().contains("expected return 4, actual 3"), r::out);
  }
}
