package dev.tcpv.report.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.ModelRunner;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.report.site.SiteCheck;
import dev.tcpv.script.Outcome;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcResult;
import dev.tcpv.tlc.TraceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of the repository itself, made without a run of the stages. */
class ReportTest {
  private static final Path ROOT = Path.of(System.getProperty("tcpv.root", ".")).toAbsolutePath().normalize();

  private static ProjectLayout layout() throws Exception {
    return ProjectLayout.resolve(ROOT.resolve("model-check/models/manifest.json"), null, ROOT.resolve("spec"));
  }

  @Test
  void everyRuleHasARowAndAPageThatReachesSpecCodeAndTests(@TempDir Path out) throws Exception {
    Report.Summary s = Report.write(ROOT, layout(), out, RunRecord.none(), null);
    RuleCatalogue catalogue = RuleCatalogue.read(ROOT.resolve("spec/rules.md"));
    assertEquals(catalogue.ids(), s.rules());
    String index = Files.readString(out.resolve("rules.html"));
    for (String id : catalogue.ids()) {
      assertTrue(index.contains("<tr id=\"" + id + "\">"), id + " has a row in the rule index");
      assertTrue(index.contains("href=\"rule/" + id + ".html\""), id + " links to its page");
      assertTrue(Files.isRegularFile(out.resolve("rule/" + id + ".html")), id + " has a page");
    }
    String tw1 = Files.readString(out.resolve("rule/R-TW-1.html"));
    SpecIndex spec = SpecIndex.of(Files.readString(ROOT.resolve("spec/Tcp.tla")),
        dev.tcpv.check.BranchCatalogue.read(ROOT.resolve("spec")));
    SpecDefinition action = spec.definitions().stream()
        .filter(d -> d.name().equals("TimeWaitFinRetransmitted")).findFirst().orElseThrow();
    assertTrue(tw1.contains("href=\"../src/spec/Tcp.tla.html#L" + action.head() + "\""),
        "R-TW-1's page links to the line of TimeWaitFinRetransmitted");
    assertTrue(tw1.contains("href=\"../src/impl/src/main/java/dev/tcpv/conn/Connection.java.html#L"),
        "R-TW-1's page links into the engine");
    assertTrue(tw1.contains("TimeWaitTest."), "R-TW-1's page lists its tests");
    assertTrue(tw1.contains("href=\"../models.html#TimeWait\""), "R-TW-1's page lists a model");
    String source = Files.readString(out.resolve("src/spec/Tcp.tla.html"));
    assertTrue(source.contains("id=\"L" + action.head() + "\""), "the spec's page has line anchors");
    assertTrue(Files.readString(out.resolve("index.html")).contains("without a run of the stages"),
        "a report without a run says so");
    assertTrue(Files.isRegularFile(out.resolve("style.css")));
    String scenario = Files.readString(out.resolve("scenario/rules/R-TW-1.html"));
    assertTrue(scenario.contains("<svg") && scenario.contains("<title>"), "a script is drawn, with a text alternative");
    assertTrue(tw1.contains("href=\"../scenario/rules/R-TW-1.html\""), "R-TW-1's page links to its script's diagram");
    assertTrue(s.counterexamples().isEmpty(), "no run and no runner: no counterexample");
    assertEquals(List.of(), SiteCheck.check(out, Set.copyOf(s.rules())), "every link and anchor resolves");
  }

  @Test
  void scriptOutcomesOfTheRunAreOnTheRulePagesAndTheScenarios(@TempDir Path out) throws Exception {
    RunRecord run = new RunRecord(java.time.Instant.now(), List.of(), List.of(), List.of(), List.of(
        new RunRecord.ScriptRun("tools/scripts/rules/R-TW-1.pkt",
            new Outcome(Outcome.Status.PASS, "", 0)),
        new RunRecord.ScriptRun("tools/scripts/rules/R-TW-2.pkt",
            new Outcome(Outcome.Status.FAIL, "R-TW-2.pkt:9: expected R 1:1(0), actual: no segment", 0))),
        List.of());
    Report.write(ROOT, layout(), out, run, null);
    String tw1 = Files.readString(out.resolve("rule/R-TW-1.html"));
    assertTrue(tw1.contains("<span class=\"ok\">passed</span>"), "R-TW-1's script passed in the run");
    String tw2 = Files.readString(out.resolve("rule/R-TW-2.html"));
    assertTrue(tw2.contains("<span class=\"fail\">FAILED</span>: R-TW-2.pkt:9: expected R 1:1(0), actual: no segment"),
        "R-TW-2's script failed, with the line and why");
    String scenario = Files.readString(out.resolve("scenario/rules/R-TW-1.html"));
    assertTrue(scenario.contains("In this run: <span class=\"ok\">passed</span>"));
    String noRun = Files.readString(out.resolve("rule/R-TW-3.html"));
    assertTrue(noRun.contains("<span class=\"na\">not run</span>"), "a script the run did not run says so");
  }

  @Test
  void proofObligationsAreListedWithTheRunsResults(@TempDir Path out) throws Exception {
    Path proofs = ROOT.resolve("proofs");
    List<dev.tcpv.prove.Obligation> all = dev.tcpv.prove.ObligationsReader.read(proofs.resolve("obligations.json"),
        proofs);
    dev.tcpv.prove.Obligation first = all.get(0);
    dev.tcpv.prove.Obligation second = all.get(1);
    RunRecord run = new RunRecord(java.time.Instant.now(), List.of(), List.of(), List.of(), List.of(), List.of(
        new dev.tcpv.prove.Prove.Row(first, new TlcResult(new TlcOutcome.Pass(), 1234L, 5, Duration.ofSeconds(3),
            List.of(), List.of())),
        new dev.tcpv.prove.Prove.Row(second, new TlcResult(new TlcOutcome.InvariantViolated("IndInv"), 10L, 2,
            Duration.ofSeconds(1), List.of(), List.of()))));
    Report.Summary s = Report.write(ROOT, layout(), out, run, null);
    String page = Files.readString(out.resolve("proofs.html"));
    for (dev.tcpv.prove.Obligation o : all) {
      assertTrue(page.contains("<tr id=\"" + o.name() + "\">"), o.name() + " has a row");
    }
    assertTrue(page.contains("<td class=\"ok\">holds</td><td>1,234</td>"), page);
    assertTrue(page.contains("<td class=\"fail\">FAILED: "), "the failed obligation says so");
    assertTrue(page.contains("<td class=\"na\">not run</td>") == all.size() > 2, "the others were not run");
    assertTrue(Files.isRegularFile(out.resolve("src/proofs/" + first.module() + ".html")), "the module's source");
    assertEquals(List.of(), SiteCheck.check(out, Set.copyOf(s.rules())), "every link and anchor resolves");
  }

  @Test
  void stagesWithFiguresHaveAPageOfTheirOwn(@TempDir Path out) throws Exception {
    var traces = new RunRecord.Figures("traces", "Runs validated.", List.of("batch", "traces", "failed"),
        List.of(List.of("production", "1000", "0"), List.of("spec-shaped", "500", "FAIL")));
    RunRecord run = new RunRecord(java.time.Instant.now(), List.of(new RunRecord.StageRow("traces", "ok", "1 s",
        "1500 traces"), new RunRecord.StageRow("conform", "skipped", "", "--skip")), List.of(), List.of(),
        List.of(), List.of(), List.of(traces));
    Report.Summary s = Report.write(ROOT, layout(), out, run, null);
    String page = Files.readString(out.resolve("stage/traces.html"));
    assertTrue(page.contains("<tr><td>production</td><td>1000</td><td>0</td></tr>"), page);
    assertTrue(page.contains("<td class=\"fail\">FAIL</td>"), "a failed cell is marked");
    assertTrue(page.contains("1500 traces"), "the summary row's detail");
    // A stage that did not produce figures says so; the first page links every stage page.
    assertTrue(Files.readString(out.resolve("stage/conform.html")).contains("produced no figures"));
    assertTrue(Files.readString(out.resolve("stage/linux.html")).contains("produced no figures"));
    assertTrue(Files.readString(out.resolve("stage/interop.html")).contains("produced no figures"));
    String index = Files.readString(out.resolve("index.html"));
    assertTrue(index.contains("<a href=\"stage/traces.html\">traces</a>"), "the stage row links its page");
    assertEquals(List.of(), SiteCheck.check(out, Set.copyOf(s.rules())), "every link and anchor resolves");
    // A row that does not fit the columns is refused.
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new RunRecord.Figures(
        "traces", "", List.of("a", "b"), List.of(List.of("1"))));
  }

  @Test
  void findingsHaveAPageAndTheirRulesLinkToThem(@TempDir Path out) throws Exception {
    Report.Summary s = Report.write(ROOT, layout(), out, RunRecord.none(), null);
    String page = Files.readString(out.resolve("findings.html"));
    List<Finding> all = Finding.read(ROOT);
    assertTrue(all.size() >= 3, "docs/findings.md has F1 to F3");
    for (Finding f : all) {
      assertTrue(page.contains("<h2 id=\"" + f.id() + "\">"), f.id() + " has a section");
      assertFalse(f.rules().isEmpty(), f.id() + " names its rules");
    }
    // F1 concerns R-RST-3 (ABORT's reset): the rule's page links to it, and the finding to the rule.
    assertTrue(all.get(0).rules().contains("R-RST-3"), String.valueOf(all.get(0).rules()));
    assertTrue(page.contains("<a href=\"rule/R-RST-3.html\">R-RST-3</a>"), "the finding links its rule");
    String rule = Files.readString(out.resolve("rule/R-RST-3.html"));
    assertTrue(rule.contains("<a href=\"../findings.html#F1\">F1. "), "the rule links the finding");
    // A rule no finding names shows no findings section.
    assertFalse(Files.readString(out.resolve("rule/R-ISN-1.html")).contains("Findings: where"));
    assertEquals(List.of(), SiteCheck.check(out, Set.copyOf(s.rules())), "every link and anchor resolves");
  }

  @Test
  void violationModelsAreCheckedForTheirCounterexamplesWhenTheRunDidNot(@TempDir Path out) throws Exception {
    List<String> asked = new ArrayList<>();
    ModelRunner fake = (job, progress) -> {
      asked.add(job.toString());
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("tcb", "[A |-> [st |-> \"CLOSED\"], B |-> [st |-> \"LISTEN\"]]");
      List<TraceState> trace = List.of(new TraceState(1, TraceState.Kind.INITIAL, null, null, vars),
          new TraceState(2, TraceState.Kind.STEP, "PassiveOpen", "Tcp", vars));
      return new TlcResult(new TlcOutcome.InvariantViolated("NoUnrequestedConnectionInv"), 2L, 2,
          Duration.ofSeconds(1), trace, List.of());
    };
    Report.Summary s = Report.write(ROOT, layout(), out, RunRecord.none(), fake);
    assertFalse(s.counterexamples().isEmpty());
    assertEquals(s.counterexamples().size(), asked.size(), "each violation model was checked once");
    assertTrue(s.counterexamples().contains("TwoWayHandshake"));
    assertFalse(s.counterexamples().contains("Handshake"), "a model that must pass has no counterexample");
    String page = Files.readString(out.resolve("cx/TwoWayHandshake.html"));
    assertTrue(page.contains("NoUnrequestedConnectionInv violated (as the model expects)"), page);
    assertTrue(page.contains("PassiveOpen"), "the steps are listed");
    assertTrue(Files.readString(out.resolve("counterexamples.html")).contains("href=\"cx/TwoWayHandshake.html\""));
    assertEquals(List.of(), SiteCheck.check(out, Set.copyOf(s.rules())), "every link and anchor resolves");
  }
}
