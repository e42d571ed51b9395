package dev.tcpv.mutate;

import dev.tcpv.check.InputException;
import dev.tcpv.check.ModelCheck;
import dev.tcpv.check.ModelRunner;
import dev.tcpv.check.OrderedJobs;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.manifest.Manifest;
import dev.tcpv.manifest.ManifestException;
import dev.tcpv.manifest.ManifestReader;
import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.text.Formats;
import dev.tcpv.text.TextTable;
import dev.tcpv.tlc.TlcJob;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the mutations of a catalogue: each on a fresh copy of the spec with its one replacement, checked by TLC
 * on its manifest model exactly as {@code tcpv check} runs that model (configuration, workers, deadlock
 * setting), with a time limit.
 *
 * <p>Everything is checked before the first TLC run: the catalogue, the selection, every entry's {@code find}
 * text against the spec and its model against the manifest. {@link MutateOptions#jobs()} mutants are checked at
 * once. A line per mutant goes to {@code out} in the catalogue's order as its result comes, then a table, the
 * summary and the kill rate per family; progress goes to {@code err}. A mutant's time limit is wall time, shared
 * with the mutant beside it.
 */
public final class MutationGate {
  /** The catalogue's place under the repository root. */
  public static final String CATALOGUE = "model-check/mutations.json";
  /** The module the mutations edit, in the spec directory. */
  public static final String MODULE_FILE = ModelCheck.SPEC_MODULE + ".tla";

  private final ProjectLayout layout;
  private final Path catalogue;
  private final ModelRunner runner;
  private final PrintWriter out;
  private final PrintWriter err;

  public MutationGate(ProjectLayout layout, Path catalogue, ModelRunner runner, PrintWriter out, PrintWriter err) {
    this.layout = layout;
    this.catalogue = catalogue;
    this.runner = runner;
    this.out = out;
    this.err = err;
  }

  /** The repository's catalogue. */
  public static Path defaultCatalogue() {
    return ProjectLayout.root().resolve(CATALOGUE);
  }

  /** The spec module the mutations edit, read from {@code layout}'s spec directory. */
  public static String readSpec(ProjectLayout layout) throws InputException {
    Path file = layout.specDir().resolve(MODULE_FILE);
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException("no " + MODULE_FILE + " in " + layout.specDir(), e);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The manifest of {@code layout}. */
  public static Manifest readManifest(ProjectLayout layout) throws InputException {
    try {
      return ManifestReader.read(layout.manifest());
    } catch (ManifestException e) {
      throw new InputException(String.valueOf(e.getMessage()), e);
    }
  }

  /** Runs the gate; throws {@link InputException} for bad input, before any TLC run. */
  public MutateReport run(MutateOptions options) throws InputException, IOException, InterruptedException {
    if (options.timeLimit().isNegative() || options.timeLimit().isZero()) {
      throw new InputException("--timeout must be at least 1 second");
    }
    Catalogue all = CatalogueReader.read(catalogue);
    List<Mutation> selected = all.select(options.names(), options.all());
    Manifest manifest = readManifest(layout);
    String spec = readSpec(layout);
    CatalogueCheck.check(all, MODULE_FILE, spec, manifest);
    List<ModelEntry> models = selected.stream().map(m -> manifest.model(m.model()).orElseThrow()).toList();
    List<MutationResult> results = new ArrayList<>();
    try (OrderedJobs<TlcResult> jobs = new OrderedJobs<>(options.jobs(), "tcpv-mutate")) {
      for (int i = 0; i < selected.size(); i++) {
        Mutation m = selected.get(i);
        ModelEntry model = models.get(i);
        String started = String.format("  [%d/%d] %s: %s line %d, checking %s with TLC, %d worker%s", i + 1,
            selected.size(), m.name(), MODULE_FILE, CatalogueCheck.line(spec, m), model.name(), model.workers(),
            model.workers() == 1 ? "" : "s");
        jobs.submit(() -> {
          err.println(started);
          err.flush();
          return check(m, model, spec, options);
        });
      }
      // In the catalogue's order, each as soon as it and the mutants before it are done.
      for (int i = 0; i < selected.size(); i++) {
        MutationResult result = new MutationResult(selected.get(i), models.get(i), jobs.get(i));
        results.add(result);
        out.println(result.line());
        if (result.result().outcome() instanceof TlcOutcome.Failure failure) {
          failure.message().lines().forEach(line -> out.println("    " + line));
        }
        out.flush();
      }
    }
    out.println();
    out.print(table(results));
    String summary = summary(results);
    out.println(summary);
    out.println(families(results));
    long other = results.stream().filter(MutationResult::killedByAnother).count();
    if (other > 0) {
      out.println(other + " killed by another property than the catalogue expects (EXPECTED KILLER, ACTUAL).");
    }
    out.flush();
    return new MutateReport(results, summary);
  }

  private TlcResult check(Mutation m, ModelEntry model, String spec, MutateOptions options)
      throws IOException, InterruptedException {
    try (Mutant mutant = Mutant.create(layout.specDir(), MODULE_FILE, CatalogueCheck.apply(spec, m))) {
      TlcJob job = new TlcJob(m.name(), layout.modelsDir(), model.module(), model.config(), mutant.specDir(),
          model.workers(), model.checkDeadlock(), options.timeLimit(), null);
      return runner.run(job, p -> {
        err.printf("  %s: %s distinct, depth %d, %s%n", m.name(), Formats.count(p.distinct()), p.depth(),
            Formats.duration(p.elapsed()));
        err.flush();
      });
    }
  }

  private static String table(List<MutationResult> results) {
    TextTable table = new TextTable("VERDICT", "NAME", "RULE", "FAMILY", "MODEL", "EXPECTED KILLER", "ACTUAL",
        "DISTINCT", "TIME").alignRight(8);
    for (MutationResult r : results) {
      Mutation m = r.mutation();
      table.row(r.verdictCell(), m.name(), m.rule(), m.family().label(), r.model().name(), r.expectedCell(),
          r.actualCell(), r.distinctCell(), Formats.duration(r.result().elapsed()));
    }
    return table.render();
  }

  /** {@code Killed 41 of 43 mutations (95.3%); 2 survivors explained; the gate passed.} */
  static String summary(List<MutationResult> results) {
    int n = results.size();
    long killed = results.stream().filter(r -> r.verdict() == Verdict.KILLED).count();
    long explained = results.stream()
        .filter(r -> r.accepted() && r.verdict() != Verdict.KILLED)
        .count();
    StringBuilder s = new StringBuilder("Killed " + killed + " of " + n + " mutation" + (n == 1 ? "" : "s") + " ("
        + percent(killed, n) + ")");
    if (explained > 0) {
      s.append("; ").append(explained).append(explained == 1 ? " survivor" : " survivors").append(" explained");
    }
    List<String> problems = new ArrayList<>();
    for (MutationResult r : results) {
      if (r.accepted()) {
        continue;
      }
      String name = r.mutation().name();
      problems.add(switch (r.verdict()) {
        case KILLED -> name + " was killed although the catalogue says it survives (stale explanation)";
        case SURVIVED -> name + " survived without an explanation";
        case TIMEOUT -> name + " timed out";
        case ERROR -> name + " could not be checked (TLC error)";
      });
    }
    if (problems.isEmpty()) {
      s.append("; the gate passed.");
    } else {
      s.append("; the gate FAILED: ").append(String.join(", ", problems)).append('.');
    }
    return s.toString();
  }

  /** {@code Kill rate by family: handshake 5 of 5 (100.0%), teardown 3 of 4 (75.0%).} */
  static String families(List<MutationResult> results) {
    Map<Family, long[]> counts = new EnumMap<>(Family.class);
    for (MutationResult r : results) {
      long[] c = counts.computeIfAbsent(r.mutation().family(), f -> new long[2]);
      c[0] += r.verdict() == Verdict.KILLED ? 1 : 0;
      c[1]++;
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((family, c) -> parts.add(family.label() + " " + c[0] + " of " + c[1] + " (" + percent(c[0], c[1])
        + ")"));
    return "Kill rate by family: " + String.join(", ", parts) + ".";
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }
}
