package dev.tcpv.report.pages;

import dev.tcpv.manifest.Manifest;
import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.mutate.Mutation;
import dev.tcpv.prove.Obligation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the site is made from, read before any page is written.
 *
 * @param root the repository root
 * @param catalogue the rule catalogue
 * @param spec the spec module's definitions
 * @param main the engine's members that name rules
 * @param tests every test method
 * @param results the last {@code mvn verify}'s results
 * @param manifest the models
 * @param modelProperties per model, the invariants and properties its configuration checks
 * @param mutations the spec-mutation catalogue
 * @param scripts the packetdrill-style scripts and the rules they name
 * @param obligations the proof obligations ({@code proofs/obligations.json})
 * @param findings the findings of {@code docs/findings.md}
 * @param run what the run that made the report found
 * @param counterexamples per violation model, its counterexample, in the manifest's order
 */
record ReportInputs(Path root, RuleCatalogue catalogue, SpecIndex spec, JavaIndex main, JavaIndex tests,
    TestResults results, Manifest manifest, Map<String, List<String>> modelProperties, List<Mutation> mutations,
    List<ScriptFile> scripts, List<Obligation> obligations, List<Finding> findings, RunRecord run,
    Map<String, Counterexample> counterexamples) {

  /** The spec module's path in the repository. */
  static final String SPEC_FILE = "spec/Tcp.tla";

  /**
   * A script of the corpus.
   *
   * @param file its path, relative to the repository root
   * @param rules the rule IDs its name and text name
   * @param summary its opening comment, the scenario in words
   * @param svg the script as an SVG sequence diagram, or empty when it does not parse
   */
  record ScriptFile(String file, Set<String> rules, String summary, String svg) {
    ScriptFile {
      rules = Set.copyOf(rules);
    }

    /** The site page of its diagram: {@code scenario/rules/R-TW-1.html} for {@code .../scripts/rules/R-TW-1.pkt}. */
    String page() {
      String tail = file.substring(file.indexOf("scripts/") + "scripts/".length());
      return "scenario/" + tail.substring(0, tail.length() - ".pkt".length()) + ".html";
    }
  }

  /**
   * A model's counterexample, ready to show.
   *
   * @param model the model
   * @param verdict what TLC found, in words
   * @param text the trace in RFC notation ({@link dev.tcpv.counterexample.CounterexampleRenderer})
   * @param svg the trace as an SVG sequence diagram, or empty when it could not be drawn
   */
  record Counterexample(ModelEntry model, String verdict, String text, String svg) {}

  ReportInputs {
    modelProperties = Map.copyOf(modelProperties);
    mutations = List.copyOf(mutations);
    scripts = List.copyOf(scripts);
    obligations = List.copyOf(obligations);
    findings = List.copyOf(findings);
    // The order of the counterexamples is the page's order: keep the caller's (a LinkedHashMap).
    counterexamples = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counterexamples));
  }
}
