package dev.tcpv.report.pages;

import dev.tcpv.check.BranchCatalogue;
import dev.tcpv.check.CheckOptions;
import dev.tcpv.check.CheckReport;
import dev.tcpv.check.InputException;
import dev.tcpv.check.ModelCheck;
import dev.tcpv.check.ModelRunner;
import dev.tcpv.check.ModelVerdict;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.counterexample.CounterexampleRenderer;
import dev.tcpv.manifest.Manifest;
import dev.tcpv.manifest.ManifestException;
import dev.tcpv.manifest.ManifestReader;
import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.mutate.CatalogueReader;
import dev.tcpv.mutate.MutationGate;
import dev.tcpv.prove.Obligation;
import dev.tcpv.prove.ObligationsReader;
import dev.tcpv.report.diagram.Diagram;
import dev.tcpv.report.diagram.Diagrams;
import dev.tcpv.report.diagram.SequenceDiagramSvg;
import dev.tcpv.script.ScriptParser;
import dev.tcpv.script.ScriptSyntaxException;
import dev.tcpv.tlc.ConfigProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Makes the auditor's report: reads the catalogue, the spec, the sources, the test results, the manifest, the
 * mutation catalogue and the scripts, takes the counterexamples of the violation models from the run (or, when
 * the run did not check them and a runner is given, checks them now: they are small), and writes the site.
 */
public final class Report {
  /** Where the engine's and the CLI's main sources are. */
  static final List<String> MAIN_SOURCES = List.of("impl/src/main/java");
  /** Where the tests are. */
  static final List<String> TEST_SOURCES =
      List.of("impl/src/test/java", "model-check/src/test/java", "tools/src/test/java");
  /** The Maven modules whose Surefire reports are read. */
  static final List<String> MODULES = List.of("impl", "model-check", "tools");

  /**
   * What a report is.
   *
   * @param pages the pages written
   * @param rules the rule IDs of the catalogue (each has a page and a row of the rule index)
   * @param counterexamples the models whose counterexample has a page
   */
  public record Summary(int pages, List<String> rules, List<String> counterexamples) {
    public Summary {
      rules = List.copyOf(rules);
      counterexamples = List.copyOf(counterexamples);
    }
  }

  private Report() {}

  /**
   * Writes the site into {@code out}.
   *
   * @param root the repository root
   * @param layout where the spec, the models and the manifest are
   * @param run what the run that makes the report found ({@link RunRecord#none()} for none)
   * @param runner checks a violation model whose counterexample the run does not have; null to draw only those
   *     the run has
   */
  public static Summary write(Path root, ProjectLayout layout, Path out, RunRecord run, @Nullable ModelRunner runner)
      throws InputException, IOException, InterruptedException {
    RuleCatalogue catalogue = RuleCatalogue.read(layout.specDir().resolve("rules.md"));
    BranchCatalogue branches = BranchCatalogue.read(layout.specDir());
    SpecIndex spec = SpecIndex.of(Files.readString(root.resolve(ReportInputs.SPEC_FILE)), branches);
    JavaIndex main = JavaIndex.read(root, MAIN_SOURCES, false);
    JavaIndex tests = JavaIndex.read(root, TEST_SOURCES, true);
    TestResults results = TestResults.read(root, MODULES);
    Manifest manifest;
    try {
      manifest = ManifestReader.read(layout.manifest());
    } catch (ManifestException e) {
      throw new InputException(String.valueOf(e.getMessage()), e);
    }
    Map<String, List<String>> properties = new HashMap<>();
    for (ModelEntry m : manifest.models()) {
      String cfg = Files.readString(layout.modelsDir().resolve(m.config()));
      List<String> names = new ArrayList<>(ConfigProperties.invariants(cfg));
      names.addAll(ConfigProperties.parse(cfg));
      properties.put(m.name(), names);
    }
    var mutations = CatalogueReader.read(MutationGate.defaultCatalogue()).mutations();
    ReportInputs inputs = new ReportInputs(root, catalogue, spec, main, tests, results, manifest, properties,
        mutations, scripts(root), obligations(root), Finding.read(root), run,
        counterexamples(layout, manifest, run, runner));
    int pages = new SiteWriter(inputs, out).write();
    return new Summary(pages, catalogue.ids(), List.copyOf(inputs.counterexamples().keySet()));
  }

  /** The proof obligations of {@code proofs/obligations.json}. */
  private static List<Obligation> obligations(Path root) throws InputException {
    Path proofs = root.resolve("proofs");
    return ObligationsReader.read(proofs.resolve("obligations.json"), proofs);
  }

  /** The counterexample as an SVG sequence diagram, or empty when its trace cannot be drawn (the text remains). */
  private static String svg(String model, ModelVerdict v) {
    String violated = v.result().outcome().label();
    try {
      Diagram d = Diagrams.fromTlcTrace(v.result().trace(), violated);
      return SequenceDiagramSvg.render(d, model + ": " + violated);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** The scripts under {@code tools/scripts}, with the rules their names and texts name. */
  private static List<ReportInputs.ScriptFile> scripts(Path root) throws IOException {
    Path dir = root.resolve("tools/scripts");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ReportInputs.ScriptFile> scripts = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".pkt")).sorted().toList()) {
        String text = Files.readString(p);
        Set<String> ids = new LinkedHashSet<>(RuleIds.in(String.valueOf(p.getFileName())));
        ids.addAll(RuleIds.in(text));
        String rel = root.relativize(p).toString().replace('\\', '/');
        String svg;
        try {
          svg = SequenceDiagramSvg.render(ScriptDiagrams.of(ScriptParser.parse(p, text, Set.of("STANDARD"))), rel);
        } catch (ScriptSyntaxException | IllegalArgumentException e) {
          svg = "";
        }
        scripts.add(new ReportInputs.ScriptFile(rel, ids, openingComment(text), svg));
      }
    }
    return scripts;
  }

  /** The comment lines that open a script, without their {@code //}. */
  private static String openingComment(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.startsWith("//")) {
        break;
      }
      b.append(line.substring(2).strip()).append(' ');
    }
    return b.toString().strip();
  }

  /**
   * The counterexamples of the manifest's violation models (not deep ones): from the run when it checked them,
   * else from a check made now when a runner is given.
   */
  private static Map<String, ReportInputs.Counterexample> counterexamples(ProjectLayout layout, Manifest manifest,
      RunRecord run, @Nullable ModelRunner runner) throws InputException, IOException, InterruptedException {
    List<ModelEntry> violating = manifest.models().stream()
        .filter(m -> !m.expectsPass() && !m.deep() && !ModelEntry.DEADLOCK.equals(m.expect())).toList();
    Map<String, ModelVerdict> verdicts = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (ModelEntry m : violating) {
      Optional<ModelVerdict> v = run.model(m.name());
      if (v.isPresent() && !v.get().result().trace().isEmpty()) {
        verdicts.put(m.name(), v.get());
      } else {
        missing.add(m.name());
      }
    }
    if (runner != null && !missing.isEmpty()) {
      PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      CheckReport report = new ModelCheck(layout, runner, quiet, quiet)
          .run(new CheckOptions(missing, false, null, false, false, false));
      report.verdicts().forEach(v -> verdicts.put(v.model().name(), v));
    }
    Map<String, ReportInputs.Counterexample> out = new LinkedHashMap<>();
    for (ModelEntry m : violating) {
      ModelVerdict v = verdicts.get(m.name());
      if (v == null || v.result().trace().isEmpty()) {
        continue;
      }
      String verdict = v.result().outcome().label()
          + (v.outcomeAsExpected() ? " (as the model expects)" : " (the model expects " + m.expect() + ")");
      out.put(m.name(), new ReportInputs.Counterexample(m, verdict,
          CounterexampleRenderer.render(v.result().trace()), svg(m.name(), v)));
    }
    return out;
  }
}
