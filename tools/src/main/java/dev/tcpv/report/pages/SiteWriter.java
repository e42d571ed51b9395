package dev.tcpv.report.pages;

import static dev.tcpv.report.pages.Html.esc;
import static dev.tcpv.report.pages.Html.link;

import dev.tcpv.check.ModelVerdict;
import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.mutate.Mutation;
import dev.tcpv.mutate.MutationResult;
import dev.tcpv.prove.Obligation;
import dev.tcpv.prove.Prove;
import dev.tcpv.text.Formats;
import dev.tcpv.script.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Writes the pages of the site from its {@link ReportInputs}. */
final class SiteWriter {
  /** The longest excerpt a rule page shows; the rest is one click away on the source page. */
  private static final int EXCERPT_LINES = 28;
  /** The stages with a page of figures ({@code stage/NAME.html}). */
  static final List<String> FIGURE_STAGES = List.of("traces", "conform", "linux", "interop");

  private final ReportInputs in;
  private final Path out;
  /** Repository-relative files that get a source page. */
  private final Set<String> sources = new TreeSet<>();
  private final Map<String, List<String>> lineCache = new java.util.HashMap<>();
  private final Map<String, Evidence> evidence = new java.util.HashMap<>();
  private int pages;

  SiteWriter(ReportInputs in, Path out) {
    this.in = in;
    this.out = out;
  }

  /** Writes every page; returns how many. */
  int write() throws IOException {
    Files.createDirectories(out);
    copyStyle();
    sources.add(ReportInputs.SPEC_FILE);
    in.tests().members().forEach(m -> sources.add(m.file()));
    in.main().members().forEach(m -> sources.add(m.file()));
    in.scripts().forEach(s -> sources.add(s.file()));
    index();
    rules();
    for (Rule r : in.catalogue().rules()) {
      rulePage(r);
    }
    models();
    counterexamples();
    scenarios();
    tests();
    mutations();
    proofs();
    findings();
    for (String stage : FIGURE_STAGES) {
      stagePage(stage);
    }
    for (String file : sources) {
      sourcePage(file);
    }
    return pages;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Evidence per rule

  /** What the project has for one rule, and the four statuses an auditor asks about. */
  private record Evidence(List<SpecDefinition> spec, List<JavaMember> code, List<JavaMember> tests,
      List<ModelEntry> models, List<Mutation> mutations, List<ReportInputs.ScriptFile> scripts) {
    boolean modelled() {
      // An action or property that declares the rule, or a constant that carries it as a policy or a knob.
      return spec.stream().anyMatch(d -> d.kind() != SpecDefinition.Kind.DEFINITION);
    }

    boolean implemented() {
      return !code.isEmpty();
    }

    boolean checked() {
      return !models.isEmpty() || !mutations.isEmpty() || !scripts.isEmpty();
    }
  }

  /** The evidence of rule {@code id}, gathered once: the index, the rule index and the rule's page all ask. */
  private Evidence evidence(String id) {
    return evidence.computeIfAbsent(id, this::gather);
  }

  private Evidence gather(String id) {
    List<SpecDefinition> spec = in.spec().declaring(id);
    Set<String> properties = spec.stream().filter(d -> d.kind() == SpecDefinition.Kind.PROPERTY)
        .map(SpecDefinition::name).collect(Collectors.toSet());
    List<ModelEntry> models = in.manifest().models().stream()
        .filter(m -> RuleIds.in(m.description() + " " + m.enables()).contains(id)
            || in.modelProperties().getOrDefault(m.name(), List.of()).stream().anyMatch(properties::contains))
        .toList();
    List<Mutation> mutations = in.mutations().stream().filter(m -> m.rule().equals(id)).toList();
    List<ReportInputs.ScriptFile> scripts = in.scripts().stream().filter(s -> s.rules().contains(id)).toList();
    return new Evidence(spec, in.main().naming(id), in.tests().naming(id), models, mutations, scripts);
  }

  /** Whether some test of the rule passed in the last {@code mvn verify}. */
  private boolean testedAndPassed(Evidence e) {
    return e.tests().stream().map(this::outcome).anyMatch(o -> o != null && o.failed() == 0 && o.passed() > 0);
  }

  private TestResults.@Nullable Outcome outcome(JavaMember test) {
    return in.results().of(packageOf(test.file()), test.type(), test.name());
  }

  /** The package of a source file under {@code src/.../java/}. */
  private static String packageOf(String file) {
    int java = file.indexOf("/java/");
    int slash = file.lastIndexOf('/');
    return java < 0 || slash <= java + 5 ? "" : file.substring(java + 6, slash).replace('/', '.');
  }

  // ---------------------------------------------------------------------------------------------------------
  // Pages

  private void index() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>This site follows every rule of the project's catalogue (<code>spec/rules.md</code>) from its ")
        .append("entry to the TLA+ actions that model it, the engine methods that implement it, the tests that ")
        .append("observe it and the models, mutations and scripts that check it. Start at the ")
        .append(link("index.html", "rules.html", "rule index")).append(".</p>\n");
    int modelled = 0;
    int implemented = 0;
    int tested = 0;
    int checked = 0;
    for (Rule r : in.catalogue().rules()) {
      Evidence e = evidence(r.id());
      modelled += e.modelled() ? 1 : 0;
      implemented += e.implemented() ? 1 : 0;
      tested += testedAndPassed(e) ? 1 : 0;
      checked += e.checked() ? 1 : 0;
    }
    int n = in.catalogue().rules().size();
    b.append("<table class=\"summary\"><tr><th>rules</th><th>modelled</th><th>implemented</th>")
        .append("<th>tested (passed)</th><th>checked</th></tr>\n<tr><td>").append(n).append("</td><td>")
        .append(modelled).append("</td><td>").append(implemented).append("</td><td>").append(tested)
        .append("</td><td>").append(checked).append("</td></tr></table>\n");
    b.append("<h2>The run that made this report</h2>\n");
    RunRecord run = in.run();
    if (run.finished() == null) {
      b.append("<p>This report was made by <code>./tcpv report</code> without a run of the stages: model and ")
          .append("mutation results are those the manifest and the catalogue expect, not results of this run. ")
          .append("<code>./tcpv all --report DIR</code> makes a report from the run it has just made.</p>\n");
    } else {
      b.append("<p>Finished ").append(esc(String.valueOf(run.finished()))).append(".</p>\n")
          .append("<table><tr><th>stage</th><th>result</th><th>time</th><th>detail</th></tr>\n");
      for (RunRecord.StageRow s : run.stages()) {
        String name = FIGURE_STAGES.contains(s.name())
            ? link("index.html", "stage/" + s.name() + ".html", s.name()) : esc(s.name());
        b.append("<tr><td>").append(name).append("</td><td class=\"").append(cls(s.result()))
            .append("\">").append(esc(s.result())).append("</td><td>").append(esc(s.time())).append("</td><td>")
            .append(esc(s.detail())).append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<p>The figures of the stages that validate and drive the engine and the kernel: ");
    for (int i = 0; i < FIGURE_STAGES.size(); i++) {
      String stage = FIGURE_STAGES.get(i);
      b.append(i == 0 ? "" : ", ").append(link("index.html", "stage/" + stage + ".html", figureTitle(stage)));
    }
    b.append("; the ").append(link("index.html", "findings.html", "findings")).append(" where a real stack ")
        .append("departs from RFC 9293.</p>\n");
    b.append("<p>Test results are those of the last <code>mvn verify</code>")
        .append(in.results().written() == null ? " (none found: run it before the report)"
            : " (reports written " + esc(String.valueOf(in.results().written())) + ")")
        .append(".</p>\n");
    writePage("index.html", "The TCP connection lifecycle: rules and their evidence", b.toString());
  }

  private void rules() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>Every rule of <code>spec/rules.md</code>. A status is shown when the project has it: ")
        .append("<b>modelled</b> (a spec action, property or constant declares the rule), <b>implemented</b> ")
        .append("(engine code ")
        .append("names it), <b>tested</b> (a test that names it passed in the last <code>mvn verify</code>), ")
        .append("<b>checked</b> (a model, a spec mutation or a script concerns it).</p>\n");
    String section = "";
    b.append("<table class=\"rules\">\n");
    for (Rule r : in.catalogue().rules()) {
      if (!r.section().equals(section)) {
        section = r.section();
        b.append("<tr><th colspan=\"3\" class=\"section\">").append(esc(section)).append("</th></tr>\n");
      }
      Evidence e = evidence(r.id());
      b.append("<tr id=\"").append(esc(r.id())).append("\"><td class=\"id\">")
          .append(link("rules.html", "rule/" + r.id() + ".html", r.id())).append("</td><td>")
          .append(statusChips(e)).append("</td><td>").append(esc(shorten(r.text(), 160))).append("</td></tr>\n");
    }
    b.append("</table>\n");
    writePage("rules.html", "Rule index", b.toString());
  }

  private String statusChips(Evidence e) {
    return chip("modelled", e.modelled()) + chip("implemented", e.implemented()) + chip("tested", testedAndPassed(e))
        + chip("checked", e.checked());
  }

  private static String chip(String what, boolean has) {
    return "<span class=\"chip " + (has ? "yes" : "no") + "\">" + (has ? "" : "not ") + what + "</span> ";
  }

  private void rulePage(Rule r) throws IOException {
    String page = "rule/" + r.id() + ".html";
    Evidence e = evidence(r.id());
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"entry\">").append(esc(r.text())).append("</p>\n<dl class=\"facts\">")
        .append("<dt>section</dt><dd>").append(esc(r.section())).append("</dd>");
    if (!r.rfcRefs().isEmpty()) {
      b.append("<dt>RFC sections</dt><dd>").append(esc(String.join(", ", r.rfcRefs()))).append("</dd>");
    }
    if (!r.keys().isEmpty()) {
      b.append("<dt>requirement keys</dt><dd>").append(esc(String.join(", ", r.keys()))).append("</dd>");
    }
    b.append("<dt>policy</dt><dd>").append(r.policy() ? "yes: a knob with a default, a constant of the spec" : "no")
        .append("</dd><dt>catalogue</dt><dd>").append(link(page, "src/spec/rules.md.html#L" + r.line(),
            "spec/rules.md line " + r.line())).append("</dd></dl>\n");
    sources.add("spec/rules.md");
    b.append("<p>").append(statusChips(e)).append("</p>\n").append(missing(e));

    b.append("<h2>Spec: what models it</h2>\n");
    if (e.spec().isEmpty()) {
      b.append("<p class=\"none\">No definition of <code>spec/Tcp.tla</code> declares this rule.</p>\n");
    }
    for (SpecDefinition d : e.spec()) {
      b.append("<h3>").append(link(page, "src/" + ReportInputs.SPEC_FILE + ".html#L" + d.head(), d.name()))
          .append(" <span class=\"kind\">").append(d.kind().label()).append(", lines ").append(d.first())
          .append("–").append(d.last()).append("</span></h3>\n");
      if (!d.branches().isEmpty()) {
        b.append("<p class=\"small\">branches: ").append(esc(String.join(", ", d.branches()))).append("</p>\n");
      }
      b.append(excerpt(page, ReportInputs.SPEC_FILE, in.spec().lines(), d.first(), d.last()));
    }

    b.append("<h2>Engine: what implements it</h2>\n");
    if (e.code().isEmpty()) {
      b.append("<p class=\"none\">No engine code names this rule.</p>\n");
    }
    for (JavaMember m : e.code()) {
      b.append("<h3>").append(link(page, "src/" + m.file() + ".html#L" + m.begin(), m.qualified()))
          .append(" <span class=\"kind\">").append(esc(m.file())).append(" lines ").append(m.begin()).append("–")
          .append(m.end()).append("</span></h3>\n")
          .append(excerpt(page, m.file(), lines(m.file()), m.begin(), m.end()));
    }

    b.append("<h2>Tests that observe it</h2>\n");
    if (e.tests().isEmpty()) {
      b.append("<p class=\"none\">No test names this rule.</p>\n");
    } else {
      b.append("<table><tr><th>test</th><th>result</th><th>what it shows</th></tr>\n");
      for (JavaMember t : e.tests()) {
        b.append(testRow(page, t));
      }
      b.append("</table>\n");
    }

    b.append("<h2>Models that check it</h2>\n");
    if (e.models().isEmpty()) {
      b.append("<p class=\"none\">No model names this rule or checks a property that declares it.</p>\n");
    } else {
      b.append("<table><tr><th>model</th><th>expected</th><th>this run</th><th>states</th></tr>\n");
      for (ModelEntry m : e.models()) {
        b.append("<tr><td>").append(link(page, "models.html#" + m.name(), m.name()));
        if (in.counterexamples().containsKey(m.name())) {
          b.append(" (").append(link(page, "cx/" + m.name() + ".html", "counterexample")).append(")");
        }
        b.append("</td><td>").append(esc(m.expect())).append("</td>").append(modelRunCells(m)).append("</tr>\n");
      }
      b.append("</table>\n");
    }

    if (!e.mutations().isEmpty()) {
      b.append("<h2>Spec mutations that break it</h2>\n<table><tr><th>mutation</th><th>caught by</th>")
          .append("<th>this run</th></tr>\n");
      for (Mutation m : e.mutations()) {
        b.append("<tr><td>").append(link(page, "mutations.html#" + m.name(), m.name())).append("</td><td>")
            .append(esc(m.model() + ": " + (m.killedBy() == null ? "expected to survive" : m.killedBy())))
            .append("</td>").append(mutationRunCell(m)).append("</tr>\n");
      }
      b.append("</table>\n");
    }
    if (!e.scripts().isEmpty()) {
      b.append("<h2>Scripts</h2>\n<ul>\n");
      for (ReportInputs.ScriptFile s : e.scripts()) {
        b.append("<li>").append(link(page, "src/" + s.file() + ".html", s.file()));
        if (!s.svg().isEmpty()) {
          b.append(" (").append(link(page, s.page(), "sequence diagram")).append(")");
        }
        b.append(": ").append(scriptRun(s)).append("</li>\n");
      }
      b.append("</ul>\n<p class=\"small\">The scripts stage runs every script against the engine in strict mode; ")
          .append("the summary of the run is on the ").append(link(page, "index.html", "first page")).append(".</p>\n");
    }
    List<Finding> findings = in.findings().stream().filter(f -> f.rules().contains(r.id())).toList();
    if (!findings.isEmpty()) {
      b.append("<h2>Findings: where a real stack departs from it</h2>\n<ul>\n");
      for (Finding f : findings) {
        b.append("<li>").append(link(page, "findings.html#" + f.id(), f.id() + ". " + f.title())).append("</li>\n");
      }
      b.append("</ul>\n");
    }
    writePage(page, r.id(), b.toString());
  }

  private String missing(Evidence e) {
    List<String> gaps = new ArrayList<>();
    if (!e.modelled()) {
      gaps.add("no spec action or property declares it");
    }
    if (!e.implemented()) {
      gaps.add("no engine code names it");
    }
    if (e.tests().isEmpty()) {
      gaps.add("no test names it");
    } else if (!testedAndPassed(e)) {
      gaps.add("none of its tests passed in the last mvn verify (not run, or failed)");
    }
    if (!e.checked()) {
      gaps.add("no model, mutation or script concerns it");
    }
    return gaps.isEmpty() ? "" : "<p class=\"gaps\">Missing: " + esc(String.join("; ", gaps)) + ".</p>\n";
  }

  private String testRow(String page, JavaMember t) {
    TestResults.@Nullable Outcome o = outcome(t);
    String result = o == null ? "not run" : o.label() + (o.passed() + o.failed() > 1
        ? " (" + o.passed() + " of " + (o.passed() + o.failed()) + ")" : "");
    return "<tr><td>" + link(page, "src/" + t.file() + ".html#L" + t.begin(), t.type() + "." + t.name())
        + "</td><td class=\"" + cls(result) + "\">" + esc(result) + "</td><td>"
        + esc(t.displayName() == null ? "" : t.displayName()) + "</td></tr>\n";
  }

  private String modelRunCells(ModelEntry m) {
    Optional<ModelVerdict> v = in.run().model(m.name());
    String expected = m.distinct() == null ? "not recorded" : Formats.count(m.distinct());
    if (v.isEmpty()) {
      return "<td class=\"na\">not run</td><td>" + esc(expected) + " (manifest)</td>";
    }
    String result = v.get().asExpected() ? "as expected" : "UNEXPECTED: " + v.get().problem();
    return "<td class=\"" + cls(result) + "\">" + esc(result) + "</td><td>" + esc(v.get().distinctLabel()) + "</td>";
  }

  /** What the run found for script {@code s}: passed, failed (with the line and why), skipped, or not run. */
  private String scriptRun(ReportInputs.ScriptFile s) {
    Optional<RunRecord.ScriptRun> r = in.run().script(s.file());
    if (r.isEmpty()) {
      return "<span class=\"na\">not run</span>";
    }
    Outcome o = r.get().outcome();
    return switch (o.status()) {
      case PASS -> "<span class=\"ok\">passed</span>";
      case FAIL -> "<span class=\"fail\">FAILED</span>: " + esc(o.message());
      case SKIP -> "<span class=\"na\">skipped</span>: " + esc(o.message());
    };
  }

  private String mutationRunCell(Mutation m) {
    Optional<MutationResult> r = in.run().mutation(m.name());
    if (r.isEmpty()) {
      return "<td class=\"na\">not run</td>";
    }
    String cell = r.get().verdictCell() + (r.get().accepted() ? "" : " (not as catalogued)");
    return "<td class=\"" + (r.get().accepted() ? "ok" : "fail") + "\">" + esc(cell) + "</td>";
  }

  private void models() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>Every model of <code>model-check/models/manifest.json</code>: the bounds it enables, what it must ")
        .append("show and, when this report was made by a run, what the run found. Knob models break TCP on ")
        .append("purpose and must violate the named property; their counterexamples are drawn on the ")
        .append(link("models.html", "counterexamples.html", "counterexamples page")).append(".</p>\n")
        .append("<table class=\"models\"><tr><th>model</th><th>set</th><th>expected</th><th>this run</th>")
        .append("<th>states</th><th>rules</th><th>what it shows</th></tr>\n");
    for (ModelEntry m : in.manifest().models()) {
      String set = m.deep() ? "deep" : m.ci() ? "CI" : "opt-in";
      b.append("<tr id=\"").append(esc(m.name())).append("\"><td>").append(esc(m.name()));
      if (in.counterexamples().containsKey(m.name())) {
        b.append("<br>").append(link("models.html", "cx/" + m.name() + ".html", "counterexample"));
      }
      b.append("</td><td>").append(set).append("</td><td>").append(esc(m.expect())).append("</td>")
          .append(modelRunCells(m)).append("<td>");
      b.append(ruleLinks("models.html", RuleIds.in(m.description() + " " + m.enables())));
      b.append("</td><td>").append(esc(m.description())).append("<br><span class=\"small\">")
          .append(esc(m.enables())).append("</span></td></tr>\n");
    }
    b.append("</table>\n");
    writePage("models.html", "Models", b.toString());
  }

  private void counterexamples() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>Each model below breaks TCP on purpose (a knob) or asks whether a behaviour is reachable (a ")
        .append("Debug model whose invariant says it is not). TLC's counterexample is the behaviour that ")
        .append("explains the rule.</p>\n<ul>\n");
    for (Map.Entry<String, ReportInputs.Counterexample> cx : in.counterexamples().entrySet()) {
      b.append("<li>").append(link("counterexamples.html", "cx/" + cx.getKey() + ".html", cx.getKey()))
          .append(": ").append(esc(cx.getValue().model().description())).append("</li>\n");
      counterexample(cx.getValue());
    }
    b.append("</ul>\n");
    writePage("counterexamples.html", "Counterexamples", b.toString());
  }

  private void counterexample(ReportInputs.Counterexample cx) throws IOException {
    String page = "cx/" + cx.model().name() + ".html";
    StringBuilder b = new StringBuilder();
    b.append("<p>").append(esc(cx.model().description())).append("</p>\n<p class=\"small\">")
        .append(esc(cx.model().enables())).append("</p>\n<p class=\"verdict\">").append(esc(cx.verdict()))
        .append("</p>\n");
    if (!cx.svg().isEmpty()) {
      b.append("<figure class=\"diagram\">").append(cx.svg()).append("<figcaption>The counterexample as a ")
          .append("sequence diagram; the steps are listed in words below.</figcaption></figure>\n");
    }
    b.append("<h2>The steps</h2>\n<pre class=\"trace\">").append(esc(cx.text())).append("</pre>\n");
    b.append("<p>").append(link(page, "models.html#" + cx.model().name(), "The model in the table")).append("</p>\n");
    writePage(page, "Counterexample: " + cx.model().name(), b.toString());
  }

  private void scenarios() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>Every script of the corpus (<code>tools/scripts/</code>) as a sequence diagram: the ")
        .append("engine on the left, the script's peer on the right. The scripts stage runs each against the ")
        .append("engine in strict mode: a script that passes there is what the engine did, segment by segment.</p>\n")
        .append("<ul>\n");
    for (ReportInputs.ScriptFile s : in.scripts()) {
      if (s.svg().isEmpty()) {
        continue;
      }
      b.append("<li>").append(link("scenarios.html", s.page(), s.file())).append(": ").append(esc(s.summary()))
          .append(" (").append(scriptRun(s)).append(")</li>\n");
      String page = s.page();
      StringBuilder p = new StringBuilder();
      p.append("<p>").append(esc(s.summary())).append("</p>\n<p>In this run: ").append(scriptRun(s))
          .append("</p>\n<figure class=\"diagram\">").append(s.svg())
          .append("<figcaption>The script as a sequence diagram; its lines are on the ")
          .append(link(page, "src/" + s.file() + ".html", "source page")).append(".</figcaption></figure>\n");
      if (!s.rules().isEmpty()) {
        p.append("<p>Rules: ");
        p.append(ruleLinks(page, s.rules()));
        p.append("</p>\n");
      }
      writePage(page, "Scenario: " + s.file(), p.toString());
    }
    b.append("</ul>\n");
    writePage("scenarios.html", "Scenarios", b.toString());
  }

  private void tests() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>Every test method of the build, with its result in the last <code>mvn verify</code> and the ")
        .append("rules it names.</p>\n");
    Map<String, List<JavaMember>> byClass = new LinkedHashMap<>();
    for (JavaMember t : in.tests().tests()) {
      byClass.computeIfAbsent(t.file(), k -> new ArrayList<>()).add(t);
    }
    for (Map.Entry<String, List<JavaMember>> c : byClass.entrySet()) {
      b.append("<h2 class=\"file\">").append(link("tests.html", "src/" + c.getKey() + ".html", c.getKey()))
          .append("</h2>\n<table><tr><th>test</th><th>result</th><th>display name</th><th>rules</th></tr>\n");
      for (JavaMember t : c.getValue()) {
        String row = testRow("tests.html", t);
        b.append(row, 0, row.length() - "</tr>\n".length()).append("<td>").append(ruleLinks("tests.html", t.rules()))
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    writePage("tests.html", "Tests", b.toString());
  }

  private void mutations() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>The spec-mutation catalogue (<code>model-check/mutations.json</code>): each entry is a mistake ")
        .append("someone could make in the spec, and the model and property that must catch it.</p>\n")
        .append("<table><tr><th>mutation</th><th>rule</th><th>caught by</th><th>this run</th>")
        .append("<th>the mistake</th></tr>\n");
    for (Mutation m : in.mutations()) {
      b.append("<tr id=\"").append(esc(m.name())).append("\"><td>").append(esc(m.name())).append("</td><td>")
          .append(in.catalogue().rule(m.rule()).isPresent()
              ? link("mutations.html", "rule/" + m.rule() + ".html", m.rule()) : esc(m.rule()))
          .append("</td><td>").append(esc(m.model() + ": " + (m.killedBy() == null ? "survives" : m.killedBy())))
          .append("</td>").append(mutationRunCell(m)).append("<td>").append(esc(m.description()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    writePage("mutations.html", "Spec mutations", b.toString());
  }

  private void sourcePage(String file) throws IOException {
    String page = "src/" + file + ".html";
    List<String> lines = lines(file);
    List<String> shown = Highlighter.highlight(lines, Highlighter.Language.of(file));
    StringBuilder b = new StringBuilder("<pre class=\"code source\">");
    for (int i = 0; i < shown.size(); i++) {
      int n = i + 1;
      b.append("<span class=\"line\" id=\"L").append(n).append("\"><a class=\"ln\" href=\"#L").append(n)
          .append("\">").append(n).append("</a>").append(shown.get(i)).append("</span>");
    }
    b.append("</pre>\n");
    writePage(page, file, b.toString());
  }

  /** Lines {@code first..last} of {@code file}, at most {@link #EXCERPT_LINES}, each linked to its source line. */
  private String excerpt(String page, String file, List<String> lines, int first, int last) {
    int end = Math.min(last, Math.min(lines.size(), first + EXCERPT_LINES - 1));
    List<String> shown = Highlighter.highlight(lines.subList(first - 1, end), Highlighter.Language.of(file));
    StringBuilder b = new StringBuilder("<pre class=\"code excerpt\">");
    for (int i = 0; i < shown.size(); i++) {
      int n = first + i;
      String href = Html.up(page) + "src/" + file + ".html#L" + n;
      b.append("<span class=\"line\"><a class=\"ln\" href=\"").append(esc(href))
          .append("\">").append(n).append("</a>").append(shown.get(i)).append("</span>");
    }
    if (end < last) {
      b.append("<span class=\"line more\">… ").append(last - end).append(" more lines on the ")
          .append(link(page, "src/" + file + ".html#L" + first, "source page")).append("</span>");
    }
    return b.append("</pre>\n").toString();
  }

  // ---------------------------------------------------------------------------------------------------------

  /** Links to the pages of the IDs that are rules of the catalogue, each followed by a space. */
  private String ruleLinks(String page, java.util.Collection<String> ids) {
    StringBuilder b = new StringBuilder();
    for (String id : ids) {
      if (in.catalogue().rule(id).isPresent()) {
        b.append(link(page, "rule/" + id + ".html", id)).append(' ');
      }
    }
    return b.toString();
  }

  /** The lines of a repository file, read once. */
  private List<String> lines(String file) throws IOException {
    List<String> lines = lineCache.get(file);
    if (lines == null) {
      lines = List.of(Files.readString(in.root().resolve(file)).split("\n", -1));
      lineCache.put(file, lines);
    }
    return lines;
  }

  private static String cls(String result) {
    String r = result.toLowerCase(java.util.Locale.ROOT);
    return r.startsWith("ok") || r.startsWith("passed") || r.startsWith("as expected") || r.startsWith("holds") ? "ok"
        : r.startsWith("fail") || r.startsWith("unexpected") ? "fail" : "na";
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private void writePage(String page, String title, String body) throws IOException {
    Path file = out.resolve(page);
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, Html.page(page, title, body));
    pages++;
  }

  private void proofs() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>The proof obligations of <code>proofs/obligations.json</code>: TLC models that must pass, each ")
        .append("a statement about the spec (an invariant is inductive, the spec refines the connection service) ")
        .append("checked within the bounds given. They are machine-checked within those bounds, not for every ")
        .append("bound: <code>proofs/README.md</code> says what each covers.</p>\n")
        .append("<table>\n<tr><th>obligation</th><th>statement</th><th>bounds</th><th>this run</th>")
        .append("<th>states</th><th>time</th></tr>\n");
    for (Obligation o : in.obligations()) {
      Optional<Prove.Row> r = in.run().proof(o.name());
      b.append("<tr id=\"").append(esc(o.name())).append("\"><td>")
          .append(link("proofs.html", "src/proofs/" + o.module() + ".html", o.name()))
          .append("</td><td><code>").append(esc(o.statement())).append("</code></td><td>").append(esc(o.bounds()))
          .append("</td>");
      if (r.isEmpty()) {
        b.append("<td class=\"na\">not run</td><td></td><td></td>");
      } else {
        String result = r.get().holds() ? "holds" : "FAILED: " + r.get().result().outcome().label();
        Long distinct = r.get().result().distinct();
        b.append("<td class=\"").append(cls(result)).append("\">").append(esc(result)).append("</td><td>")
            .append(distinct == null ? "" : esc(Formats.count(distinct))).append("</td><td>")
            .append(esc(Formats.duration(r.get().result().elapsed()))).append("</td>");
      }
      b.append("</tr>\n");
      sources.add("proofs/" + o.module());
    }
    b.append("</table>\n");
    writePage("proofs.html", "Proof obligations", b.toString());
  }

  private void findings() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<p>Where a real stack met the spec and departs from RFC 9293 (<code>").append(Finding.FILE)
        .append("</code>): each finding names the rule, what the stack does, what the RFC says, and the named ")
        .append("policy of the stack's profile that accepts exactly that departure. A capture the spec rejects is ")
        .append("either a spec error, fixed with a test, or one of these.</p>\n");
    if (in.findings().isEmpty()) {
      b.append("<p class=\"none\">No findings (").append(Finding.FILE).append(" is missing or lists none).</p>\n");
    }
    for (Finding f : in.findings()) {
      b.append("<h2 id=\"").append(esc(f.id())).append("\">").append(esc(f.id() + ". " + f.title())).append("</h2>\n");
      if (!f.rules().isEmpty()) {
        b.append("<p class=\"small\">rules: ");
        List<String> ids = new ArrayList<>(new TreeSet<>(f.rules()));
        for (int i = 0; i < ids.size(); i++) {
          String id = ids.get(i);
          b.append(i == 0 ? "" : ", ").append(in.catalogue().ids().contains(id)
              ? link("findings.html", "rule/" + id + ".html", id) : esc(id));
        }
        b.append("</p>\n");
      }
      b.append(f.html());
    }
    writePage("findings.html", "Findings", b.toString());
  }

  /** The page of {@code stage}'s figures: its table from this run, or why there is none. */
  private void stagePage(String stage) throws IOException {
    String page = "stage/" + stage + ".html";
    StringBuilder b = new StringBuilder();
    Optional<RunRecord.StageRow> row = in.run().stages().stream().filter(s -> s.name().equals(stage)).findFirst();
    Optional<RunRecord.Figures> f = in.run().figures(stage);
    if (row.isPresent()) {
      b.append("<p>In the run that made this report: <span class=\"").append(cls(row.get().result())).append("\">")
          .append(esc(row.get().result())).append("</span>")
          .append(row.get().time().isEmpty() ? "" : ", " + esc(row.get().time())).append(". ")
          .append(esc(row.get().detail())).append("</p>\n");
    }
    if (f.isEmpty()) {
      b.append("<p class=\"none\">").append(in.run().finished() == null
          ? "This report was made without a run of the stages (<code>./tcpv report</code> alone): "
              + "<code>./tcpv all</code> makes one with this stage's figures."
          : "The stage produced no figures in this run (skipped, or it stopped before its table).").append("</p>\n");
    } else {
      b.append("<p>").append(esc(f.get().summary())).append("</p>\n<table>\n<tr>");
      f.get().columns().forEach(c -> b.append("<th>").append(esc(c)).append("</th>"));
      b.append("</tr>\n");
      for (List<String> r : f.get().rows()) {
        b.append("<tr>");
        for (String cell : r) {
          b.append("<td").append(cell.equals("FAIL") || cell.startsWith("DIVERGENCE") ? " class=\"fail\"" : "")
              .append(">").append(esc(cell)).append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</table>\n");
    }
    writePage(page, figureTitle(stage), b.toString());
  }

  private static String figureTitle(String stage) {
    return switch (stage) {
      case "traces" -> "Trace validation: the engine's runs against the spec";
      case "conform" -> "Conformance: the engine along every edge of the models";
      case "linux" -> "The Linux kernel's captures against the spec";
      case "interop" -> "The engine against the Linux kernel over a TUN device";
      default -> "Stage " + stage;
    };
  }

  private void copyStyle() throws IOException {
    try (var style = SiteWriter.class.getResourceAsStream("style.css")) {
      if (style == null) {
        throw new IOException("style.css missing from the CLI's resources");
      }
      Files.write(out.resolve("style.css"), style.readAllBytes());
    }
  }
}
