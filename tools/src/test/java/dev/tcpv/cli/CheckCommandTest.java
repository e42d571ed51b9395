package dev.tcpv.cli;

import static dev.tcpv.cli.Workspace.CRASH_STATES;
import static dev.tcpv.cli.Workspace.ESTABLISHED_STATES;
import static dev.tcpv.cli.Workspace.HANDSHAKE_STATES;
import static dev.tcpv.cli.Workspace.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcpv check} end to end: TLC runs in child JVMs on the tiny spec of {@link Workspace}. */
class CheckCommandTest {
  private static final String HANDSHAKE = entry("Handshake", "MCHandshake", true, "pass", HANDSHAKE_STATES, 2);
  private static final String CRASH = entry("Crash", "MCCrash", true, "pass", CRASH_STATES, 2);
  private static final String ESTABLISHED =
      entry("Established", "MCEstablished", true, "DebugNeverEstablishedInv", ESTABLISHED_STATES, 1);

  private final Path dir;
  private final Workspace workspace;

  CheckCommandTest(@TempDir Path dir) throws IOException {
    this.dir = dir;
    this.workspace = Workspace.create(dir);
  }

  private static void assertContains(String text, String fragment) {
    assertTrue(text.contains(fragment), () -> "expected '" + fragment + "' in:\n" + text);
  }

  @Test
  void passesWhenOutcomeAndCountMatch() throws IOException {
    workspace.manifest(HANDSHAKE, CRASH);
    Workspace.Run run = workspace.run("check", "Handshake");
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "ok  Handshake  pass      pass    70            7");
    assertContains(run.out(), "The model is as the manifest expects.");
    assertTrue(!run.out().contains("Coverage gate"), "no gate when models are named");
    assertContains(run.err(), "Handshake: checking with TLC, 2 workers");
  }

  @Test
  void failsWhenTheCountDrifts() throws IOException {
    workspace.manifest(entry("Handshake", "MCHandshake", true, "pass", 69, 1));
    Workspace.Run run = workspace.run("check", "Handshake");
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(), "FAIL  Handshake  pass      pass    70 (expected 69)");
    assertContains(run.out(), "0 of 1 model as the manifest expects; Handshake: distinct states 70 (expected 69).");
  }

  @Test
  void failsAndShowsTheCounterexampleWhenAnInvariantBreaks() throws IOException {
    workspace.manifest(entry("Established", "MCEstablished", true, "pass", ESTABLISHED_STATES, 1));
    Workspace.Run run = workspace.run("check", "Established");
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(),
        "Established: DebugNeverEstablishedInv violated, but the manifest expects pass. Counterexample:");
    assertContains(run.out(), """
         3. ListenSyn  A -> B  <SEQ=0><CTL=SYN>
              B: LISTEN -> SYN-RECEIVED   [ISS=4 SND.UNA=4 SND.NXT=5 RCV.NXT=1]
              sent: B -> A <SEQ=4><ACK=1><CTL=SYN,ACK>
        """);
    assertContains(run.out(), "5. SynReceivedAck  A -> B  <SEQ=1><ACK=5><CTL=ACK>");
    assertContains(run.out(), "expected pass, got DebugNeverEstablishedInv violated");
  }

  @Test
  void checksTheCiSetWithTheCoverageGate() throws IOException {
    workspace.manifest(HANDSHAKE, CRASH, ESTABLISHED,
        entry("Extra", "MCHandshake", false, "pass", 1, 1));
    Workspace.Run run = workspace.run("check", "--coverage");
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "Established: DebugNeverEstablishedInv violated, as the manifest expects.");
    assertContains(run.out(), "All 3 models are as the manifest expects.");
    assertContains(run.out(), "Coverage gate: all 7 actions of module Tcp were taken.");
    assertContains(run.out(),
        "Branch gate: 8 of 8 branches of the catalogue taken by the CI models (100.0%; 0 exempt).");
    assertContains(run.out(), "Crash           Crash");
    assertTrue(run.out().matches("(?s).*\nCrash\\.established +R-ISN-2 +Crash +\\d+\n.*"), run::out);
    assertTrue(!run.out().contains("Extra"), "opt-in models stay out of the CI set");
  }

  @Test
  void failsTheGateWhenAnActionIsNeverTaken() throws IOException {
    workspace.manifest(HANDSHAKE, entry("Crash", "MCCrash", false, "pass", CRASH_STATES, 2));
    Workspace.Run gated = workspace.run("check");
    assertEquals(1, gated.exit(), gated::out);
    assertContains(gated.out(), "The model is as the manifest expects.");
    assertContains(gated.out(), "Coverage gate FAILED: actions of module Tcp never taken: Crash.");
    Workspace.Run ungated = workspace.run("check", "--no-coverage-gate");
    assertEquals(0, ungated.exit(), ungated::out);
  }

  @Test
  void failsTheBranchGateWhenABranchIsMadeUnreachable() throws IOException {
    workspace.manifest(HANDSHAKE, CRASH);
    Path tcp = workspace.spec.resolve("Tcp.tla");
    Files.writeString(tcp, Files.readString(tcp).replace("IF tcb[\"B\"].st = \"ESTABLISHED\"", "IF FALSE"));
    Workspace.Run run = workspace.run("check");
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(), "Coverage gate: all 7 actions of module Tcp were taken.");
    assertContains(run.out(), "Branch gate FAILED: 7 of 8 branches of the catalogue taken by the CI models (87.5%; 0 "
        + "exempt); never taken: Crash.established.");
  }

  @Test
  void failsTheBranchGateWhenTheCatalogueDisagreesWithTheSpec() throws IOException {
    workspace.manifest(HANDSHAKE, CRASH);
    Path catalogue = workspace.spec.resolve("branches.json");
    Files.writeString(catalogue, Workspace.BRANCHES
        .replace("{\"name\": \"Lose\", \"rules\": []},", "")
        .replace("\"name\": \"Crash.established\", \"rules\": [\"R-ISN-2\"]",
            "\"name\": \"Crash.established\", \"rules\": [\"R-ISN-2\"], \"exempt\": \"said to be\""));
    Workspace.Run run = workspace.run("check");
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(), "exempt but taken: Crash.established; not in branches.json: Lose "
        + "(taken by Handshake, Crash).");
    Files.writeString(catalogue, "{\"branches\": [{\"name\": \"Tick\", \"rules\": [\"open\"]}]}");
    Workspace.Run bad = workspace.run("check");
    assertEquals(2, bad.exit(), bad::out);
    assertContains(bad.err(), "branches.json: branch 1: \"open\" is not a rule ID of spec/rules.md");
    assertTrue(!bad.err().contains("checking with TLC"), "a bad catalogue costs no model time");
  }

  @Test
  void recordsCountsOnRequest() throws IOException {
    Path manifest = workspace.manifest(entry("Handshake", "MCHandshake", true, "pass", 5, 1));
    Workspace.Run run = workspace.run("check", "Handshake", "--update-counts", "--workers", "2");
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "Recorded the distinct-state counts of 1 model in manifest.json.");
    assertContains(run.err(), "Handshake: checking with TLC, 2 workers");
    assertContains(Files.readString(manifest), "\"distinct\": 70,");
    assertEquals(0, workspace.run("check", "Handshake").exit());
  }

  @Test
  void runsCheckFromAll() throws IOException {
    workspace.manifest(HANDSHAKE);
    // The traces stage validates 3,000 runs against the repository spec, whatever the workspace: CI runs it in
    // ./tcpv all, and BridgesTest runs its batches.
    Workspace.Run run = workspace.run("all", "--skip", "prove,traces");
    assertEquals(1, run.exit(), () -> run.out() + run.err());
    assertTrue(run.out().matches("(?s).*STAGE +RESULT.*"), run::out);
    assertTrue(run.out().matches("(?s).*\nprove +skipped +--skip.*"), run::out);
    assertTrue(run.out().matches("(?s).*\ntraces +skipped +--skip.*"), run::out);
    assertTrue(run.out().matches("(?s).*\ncheck +FAIL.*"), run::out);
    assertTrue(run.out().matches("(?s).*\nmutate +ok .*skipped: the catalogue does not apply to .*Tcp\\.tla.*"),
        run::out);
    assertTrue(run.out().matches("(?s).*\nconform +ok .*skipped: no conformance models.*"), run::out);
    assertTrue(run.out().matches("(?s).*\nlinux +ok .*skipped: the kernel is held against .*spec, not .*"),
        run::out);
    assertTrue(run.out().matches("(?s).*\ninterop +ok .*skipped: the engine is held against .*spec, not .*"),
        run::out);
    assertTrue(run.out().matches("(?s).*\nreport +ok .*skipped: the report describes .*spec, not .*"), run::out);
    assertContains(run.out(), "Never taken: Crash.");
    assertContains(run.out(), "Some stages failed.");
  }

  @Test
  void allRejectsAnUnknownStageToSkip() throws IOException {
    workspace.manifest(HANDSHAKE);
    Workspace.Run run = workspace.run("all", "--skip", "proofs");
    assertEquals(2, run.exit(), run::out);
    assertContains(run.err(),
        "tcpv: --skip proofs: no such stage (check, mutate, prove, traces, conform, scripts, linux, interop, report)");
  }
}
