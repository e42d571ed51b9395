package dev.tcpv.script;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs scripts (files, or every {@code *.pkt} under a directory) and reports one line per script and a summary.
 * With an expectations file, a script listed there may fail (or be skipped) without failing the run; a listed
 * script that passes is reported so that the list can be trimmed, but does not fail the run.
 */
public final class ScriptSuite {

  /**
   * What a run found.
   *
   * @param passed scripts that passed
   * @param failed scripts that failed or were skipped and are not in the expectations
   * @param expected scripts that failed or were skipped as the expectations say
   * @param unexpectedPasses listed scripts that passed
   * @param skipped scripts skipped (listed or not)
   * @param skippedLines lines skipped over all scripts
   * @param total scripts run
   * @param results each script's file and outcome, in the order they ran
   */
  public record Summary(int passed, int failed, int expected, int unexpectedPasses, int skipped,
      int skippedLines, int total, List<Result> results) {
    /** Copies the results. */
    public Summary {
      results = List.copyOf(results);
    }

    /** Whether the run holds: no failure outside the expectations. */
    public boolean ok() {
      return failed == 0;
    }

    /** One line for a summary table. */
    public String line() {
      return total + " scripts: " + passed + " passed, " + failed + " failed"
          + (expected > 0 ? ", " + expected + " expected failures" : "")
          + (unexpectedPasses > 0 ? ", " + unexpectedPasses + " listed but passing" : "")
          + " (" + skipped + " scripts skipped, " + skippedLines + " OS-only lines skipped)";
    }
  }

  private ScriptSuite() {}

  /** Every script named by {@code paths}: files as given, directories searched for {@code *.pkt}, sorted. */
  public static List<Path> collect(List<Path> paths) throws ScriptSyntaxException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.toString().endsWith(".pkt") && Files.isRegularFile(f)).sorted().forEach(out::add);
        } catch (IOException | RuntimeException e) {
          throw new ScriptSyntaxException(p, 0, "cannot read directory: " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new ScriptSyntaxException(p, 0, "no such file or directory");
      }
    }
    return out;
  }

  /**
   * Reads an expectations file: one script file name a line, then whitespace and the reason; {@code #} starts a
   * comment. A line without a reason is an error.
   */
  public static Map<String, String> expectations(Path file) throws ScriptSyntaxException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ScriptSyntaxException(file, 0, "cannot read: " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      if (parts.length < 2 || parts[1].isBlank()) {
        throw new ScriptSyntaxException(file, i + 1, "a listed script needs a reason: " + parts[0]);
      }
      if (out.put(parts[0], parts[1].strip()) != null) {
        throw new ScriptSyntaxException(file, i + 1, "listed twice: " + parts[0]);
      }
    }
    return out;
  }

  /**
   * How one script of a run ended.
   *
   * @param file the script
   * @param outcome its outcome
   */
  public record Result(Path file, Outcome outcome) {}

  /**
   * Parses every script first (a syntax error stops the run before anything runs), then runs each and prints
   * one line per script to {@code out}.
   */
  public static Summary run(List<Path> files, ScriptProfile profile, Set<String> defines, SegmentMatcher.Mode mode,
      @Nullable Map<String, String> expectations, PrintWriter out) throws ScriptSyntaxException {
    return run(files, profile, defines, mode, expectations, out, true);
  }

  /**
   * As {@link #run(List, ScriptProfile, Set, SegmentMatcher.Mode, Map, PrintWriter)}; with {@code passes} false the
   * lines of scripts that passed (and of expected failures) are left out, the rest and the summary are printed.
   * {@code #ifdef} takes the profile's name ({@link ScriptProfile#define}) and {@code defines}.
   */
  public static Summary run(List<Path> files, ScriptProfile profile, Set<String> defines, SegmentMatcher.Mode mode,
      @Nullable Map<String, String> expectations, PrintWriter out, boolean passes) throws ScriptSyntaxException {
    Set<String> names = new HashSet<>(defines);
    names.add(profile.define());
    List<Script> scripts = new ArrayList<>();
    for (Path f : files) {
      scripts.add(ScriptParser.parse(f, names));
    }
    int passed = 0;
    int failed = 0;
    int expected = 0;
    int unexpectedPasses = 0;
    int skipped = 0;
    int skippedLines = 0;
    List<Result> results = new ArrayList<>();
    for (Script s : scripts) {
      Outcome o = ScriptRunner.run(s, mode, profile);
      results.add(new Result(s.file(), o));
      skippedLines += o.skippedLines();
      String name = String.valueOf(s.file().getFileName());
      String reason = expectations == null ? null : expectations.get(name);
      switch (o.status()) {
        case PASS -> {
          passed++;
          if (reason != null) {
            unexpectedPasses++;
            out.println("PASS " + s.file() + "  (listed as expected to fail: remove it from the expectations)");
          } else if (passes) {
            out.println("PASS " + s.file() + (o.message().isEmpty() ? "" : "\n    note: " + o.message()));
          }
        }
        case FAIL, SKIP -> {
          if (o.status() == Outcome.Status.SKIP) {
            skipped++;
          }
          String word = o.status() == Outcome.Status.FAIL ? "FAIL " : "SKIP ";
          if (reason != null) {
            expected++;
            if (passes) {
              out.println(word + s.file() + "  (expected: " + reason + ")");
            }
          } else {
            if (o.status() == Outcome.Status.FAIL || expectations != null) {
              failed++;
            }
            out.println(word + s.file() + "\n    " + o.message());
          }
        }
      }
    }
    if (expectations != null) {
      Set<String> ran = new HashSet<>();
      for (Script s : scripts) {
        ran.add(String.valueOf(s.file().getFileName()));
      }
      List<String> absent = new ArrayList<>();
      for (String name : expectations.keySet()) {
        if (!ran.contains(name)) {
          absent.add(name);
        }
      }
      if (!absent.isEmpty()) {
        out.println("Listed in the expectations but not run: " + String.join(", ", absent));
      }
    }
    Summary summary = new Summary(passed, failed, expected, unexpectedPasses, skipped, skippedLines,
        scripts.size(), results);
    out.println(summary.line());
    out.flush();
    return summary;
  }
}
