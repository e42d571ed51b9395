package dev.tcpv.cli;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.report.pages.RunRecord;
import dev.tcpv.script.ScriptProfile;
import dev.tcpv.script.ScriptSuite;
import dev.tcpv.script.ScriptSyntaxException;
import dev.tcpv.script.SegmentMatcher;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code scripts} row of {@code tcpv all}: the project's own scripts ({@code tools/scripts}) in strict
 * mode under the {@code tcpv} profile, then, when it is there, the FreeBSD tcp-testsuite's state-event-engine
 * scripts in lenient mode under the {@code rfc9293} and {@code freebsd} profiles against {@code
 * tools/scripts/freebsd-expectations-NAME.txt}.
 *
 * <p>The suite is looked for in the system property {@value #SUITE_PROPERTY}, then the environment variable
 * {@value #SUITE_ENV}, then {@code <repository>/../shared/conformance/freebsd-tcp-testsuite}; its
 * {@code state-event-engine} directory is run. It is not part of the project, so its absence is not a failure:
 * the stage says it skipped it.
 */
final class ScriptStage implements Stage {
  /** The system property naming the FreeBSD suite's directory. */
  static final String SUITE_PROPERTY = "tcpv.freebsd.suite";
  /** The environment variable naming the FreeBSD suite's directory. */
  static final String SUITE_ENV = "TCPV_FREEBSD_SUITE";

  /** The profiles the FreeBSD suite runs under, each with its expectations file ({@link #expectationsFile}). */
  static final List<String> SUITE_PROFILES = List.of("rfc9293", "freebsd");

  private final Path root;
  private final @Nullable Path suite;
  private final List<RunRecord.ScriptRun> results = new ArrayList<>();

  ScriptStage(Path root, @Nullable Path suite) {
    this.root = root;
    this.suite = suite;
  }

  /** The stage for the repository at {@code tcpv.root} (or the current directory). */
  static ScriptStage forRepository() {
    String property = System.getProperty(ProjectLayout.ROOT_PROPERTY);
    Path root = (property == null || property.isBlank() ? Path.of("") : Path.of(property)).toAbsolutePath().normalize();
    return new ScriptStage(root, suiteLocation(root));
  }

  /** Where the FreeBSD suite is looked for. */
  static Path suiteLocation(Path root) {
    String p = System.getProperty(SUITE_PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(SUITE_ENV);
    }
    if (p != null && !p.isBlank()) {
      return Path.of(p).toAbsolutePath().normalize();
    }
    return root.resolve("../shared/conformance/freebsd-tcp-testsuite").normalize();
  }

  /** The expectations file of the FreeBSD suite under {@code profile}, in {@code tools/scripts}. */
  static String expectationsFile(String profile) {
    return "freebsd-expectations-" + profile + ".txt";
  }

  @Override
  public String name() {
    return "scripts";
  }

  /** The outcome of each script of the project's corpus in the last run, by path from the repository root. */
  List<RunRecord.ScriptRun> results() {
    return List.copyOf(results);
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    Path corpus = root.resolve("tools/scripts");
    try {
      out.println("Own scripts (strict, profile tcpv): " + corpus);
      ScriptSuite.Summary own = ScriptSuite.run(ScriptSuite.collect(List.of(corpus)), ScriptProfile.tcpv(),
          Set.of(), SegmentMatcher.Mode.STRICT, Map.of(), out, false);
      for (ScriptSuite.Result r : own.results()) {
        Path rel = root.relativize(r.file().toAbsolutePath().normalize());
        results.add(new RunRecord.ScriptRun(rel.toString().replace('\\', '/'), r.outcome()));
      }
      String detail = "own: " + own.passed() + "/" + own.total() + " passed";
      boolean ok = own.ok() && own.passed() == own.total();
      Path engine = suite == null ? null : suite.resolve("state-event-engine");
      if (engine == null || !Files.isDirectory(engine)) {
        out.println("FreeBSD suite: skipped (not found at " + (engine == null ? "(none)" : engine) + "; set "
            + SUITE_ENV + " or -D" + SUITE_PROPERTY + ")");
        detail += "; FreeBSD suite skipped (not found)";
      } else {
        for (String name : SUITE_PROFILES) {
          out.println("FreeBSD suite (lenient, profile " + name + "): " + engine);
          Map<String, String> expected = ScriptSuite.expectations(corpus.resolve(expectationsFile(name)));
          ScriptSuite.Summary bsd = ScriptSuite.run(ScriptSuite.collect(List.of(engine)), ScriptProfile.of(name),
              Set.of(), SegmentMatcher.Mode.LENIENT, expected, out, false);
          detail += "; FreeBSD suite under " + name + ": " + bsd.passed() + "/" + bsd.total() + " passed, "
              + bsd.expected() + " listed, " + bsd.failed() + " unexpected failures"
              + (bsd.unexpectedPasses() > 0 ? ", " + bsd.unexpectedPasses() + " listed but passing" : "");
          ok &= bsd.ok();
        }
      }
      out.flush();
      return new StageResult(ok ? ExitCodes.OK : ExitCodes.FAILED, detail);
    } catch (ScriptSyntaxException e) {
      out.flush();
      err.println("tcpv: " + e.getMessage());
      return new StageResult(ExitCodes.BAD_INPUT, String.valueOf(e.getMessage()));
    }
  }
}
