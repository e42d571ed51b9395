package dev.tcpv.cli;

import static dev.tcpv.cli.Workspace.CRASH_STATES;
import static dev.tcpv.cli.Workspace.ESTABLISHED_STATES;
import static dev.tcpv.cli.Workspace.HANDSHAKE_STATES;
import static dev.tcpv.cli.Workspace.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tcpv check --distributed}, {@code tcpv worker} and {@code tcpv check --simulate} end to end: TLC's
 * distributed server and workers, and its simulation mode, in child JVMs, on the tiny spec of {@link Workspace}
 * and on models of the repository. Every server listens on a free loopback port.
 */
class CheckModesTest {
  private static final String HANDSHAKE = entry("Handshake", "MCHandshake", true, "pass", HANDSHAKE_STATES, 2);
  private static final String CRASH = entry("Crash", "MCCrash", true, "pass", CRASH_STATES, 2);
  private static final String ESTABLISHED =
      entry("Established", "MCEstablished", true, "DebugNeverEstablishedInv", ESTABLISHED_STATES, 1);

  private final Workspace workspace;
  /** Runs a server and its workers side by side (the common pool may have a single thread). */
  private final ExecutorService threads = Executors.newCachedThreadPool();

  CheckModesTest(@TempDir Path dir) throws IOException {
    this.workspace = Workspace.create(dir);
  }

  /** No TLC JVM outlives its test, whatever the test's outcome. */
  @AfterEach
  void endChildren() {
    threads.shutdownNow();
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  private static void assertContains(String text, String fragment) {
    assertTrue(text.contains(fragment), () -> "expected '" + fragment + "' in:\n" + text);
  }

  private static String port() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return Integer.toString(s.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  @Test
  void distributedCountsEqualTheSingleJvmCounts() throws IOException {
    workspace.manifest(HANDSHAKE, CRASH);
    Workspace.Run single = workspace.run("check", "Handshake", "Crash");
    Workspace.Run distributed =
        workspace.run("check", "--distributed", "--workers", "2", "--port", port(), "Handshake", "Crash");
    assertEquals(0, single.exit(), single::out);
    assertEquals(0, distributed.exit(), distributed::out);
    for (Workspace.Run run : List.of(single, distributed)) {
      assertContains(run.out(), "ok  Handshake  pass      pass    70");
      assertContains(run.out(), "ok  Crash      pass      pass    121");
    }
    assertContains(distributed.err(), "Handshake: checking with TLC's distributed server and its workers");
    assertContains(distributed.err(), "Registration for worker");
  }

  @Test
  void distributedCountOfARepositoryModelEqualsTheManifest() {
    // The manifest's count is the single-JVM count: the check stage of CI holds every CI model to it.
    Workspace.Run run = Workspace.tcpv("check", "--distributed", "--workers", "2", "--port", port(), "LossRecovery");
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "ok  LossRecovery  pass      pass    4,953");
  }

  @Test
  void distributedFailsWhenTheCountDrifts() throws IOException {
    workspace.manifest(entry("Handshake", "MCHandshake", true, "pass", 69, 1));
    Workspace.Run run = workspace.run("check", "--distributed", "--port", port(), "Handshake");
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(), "Handshake: distinct states 70 (expected 69).");
  }

  @Test
  void distributedNamesTheViolationTheServerLeavesUnnamed() throws IOException {
    workspace.manifest(ESTABLISHED);
    Workspace.Run run = workspace.run("check", "--distributed", "--port", port(), "Established");
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "Established: DebugNeverEstablishedInv violated, as the manifest expects.");
    assertContains(run.out(), "keeps no path to the violation");
    assertContains(run.out(), "B: SYN-RECEIVED -> ESTABLISHED");

    workspace.manifest(entry("Established", "MCEstablished", true, "pass", ESTABLISHED_STATES, 1));
    Workspace.Run wrong = workspace.run("check", "--distributed", "--port", port(), "Established");
    assertEquals(1, wrong.exit(), wrong::out);
    assertContains(wrong.out(), "expected pass, got DebugNeverEstablishedInv violated");
  }

  @Test
  void distributedSaysWhichLivenessPropertiesItDidNotCheck() {
    Workspace.Run run = Workspace.tcpv("check", "--distributed", "--port", port(), "LivenessLoss");
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "LivenessLoss: not checked (TLC's distributed mode checks no liveness): "
        + "HandshakeCompletesProp, CloseCompletesProp, TimeWaitEndsProp");
  }

  @Test
  void aWorkerInAnotherProcessJoinsTheServer() throws Exception {
    workspace.manifest(HANDSHAKE);
    String port = port();
    CompletableFuture<Workspace.Run> server = CompletableFuture.supplyAsync(
        () -> workspace.run("check", "--distributed", "--workers", "0", "--port", port, "Handshake"), threads);
    CompletableFuture<Workspace.Run> joined = CompletableFuture.supplyAsync(() -> Workspace.tcpv(
        "worker", "--server", "127.0.0.1", "--port", port, "--threads", "1", "--hostname", "127.0.0.1"), threads);
    Workspace.Run check = server.get(2, TimeUnit.MINUTES);
    Workspace.Run worker = joined.get(1, TimeUnit.MINUTES);
    assertEquals(0, check.exit(), check::out);
    assertContains(check.out(), "ok  Handshake  pass      pass    70");
    assertContains(check.err(), "waiting for workers (tcpv worker --server HOST --port " + port + ")");
    assertContains(check.err(), "Registration for worker");
    assertEquals(0, worker.exit(), worker::out);
    assertContains(worker.out(), "work completed");
  }

  @Test
  void killingAWorkerMidRunChangesNothing() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String port = port();
    CompletableFuture<Integer> check = CompletableFuture.supplyAsync(() -> Tcpv.commandLine(
        new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("check", "--distributed", "--workers", "2", "--port", port, "Attacker"), threads);
    List<ProcessHandle> workers = awaitWorkers(2, Duration.ofMinutes(1));
    awaitText(err, "Registration for worker", 2, Duration.ofMinutes(1));
    // Both registered: let them work a while, then one dies without a word to the server.
    Thread.sleep(3000);
    assertFalse(check.isDone(), () -> "the run ended before a worker could be killed:\n" + out);
    workers.get(0).destroyForcibly();
    int exit = check.get(5, TimeUnit.MINUTES);
    assertEquals(0, exit, out::toString);
    assertContains(out.toString(), "ok  Attacker  pass      pass    42,692");
    assertTrue(err.toString().contains("lost") || err.toString().contains("de-registered"),
        () -> "the server never noticed the killed worker:\n" + err);
  }

  @Test
  void simulationFindsAKnobModelsViolationWithinItsBudget() {
    Workspace.Run run = Workspace.tcpv(
        "check", "--simulate", "--traces", "500", "--depth", "60", "--seed", "7", "NoWindowCheck");
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "NoWindowCheck: NoStaleSegmentAcceptedInv violated, as the manifest expects.");
    assertContains(run.err(), "simulating 500 behaviours of up to 60 steps (seed 7)");
  }

  @Test
  void simulationPassesReportsWhatItGeneratedAndMissesWhatItsBudgetCannotReach() throws IOException {
    workspace.manifest(HANDSHAKE, ESTABLISHED);
    Workspace.Run pass = workspace.run("check", "--simulate", "--traces", "50", "--depth", "10", "Handshake");
    assertEquals(0, pass.exit(), pass::out);
    assertTrue(pass.out().matches("(?s).*ok  Handshake  pass      pass    [\\d,]+ generated.*"), pass::out);
    Workspace.Run found = workspace.run("check", "--simulate", "--traces", "50", "--depth", "10", "Established");
    assertEquals(0, found.exit(), found::out);
    // The violation is four steps deep: two steps cannot reach it, and the run says so.
    Workspace.Run missed = workspace.run("check", "--simulate", "--traces", "50", "--depth", "2", "Established");
    assertEquals(1, missed.exit(), missed::out);
    assertContains(missed.out(), "expected DebugNeverEstablishedInv violated, got pass");
  }

  @Test
  void deepModelsRunOnlyOnRequest() throws IOException {
    String deep = entry("Deep", "MCCrash", false, "pass", CRASH_STATES, 1).replace("}", ", \"tags\": [\"deep\"]}");
    workspace.manifest(HANDSHAKE, entry("Optional", "MCHandshake", false, "pass", HANDSHAKE_STATES, 1), deep);
    Workspace.Run all = workspace.run("check", "--all-models", "--no-coverage-gate");
    assertEquals(0, all.exit(), all::out);
    assertContains(all.out(), "Optional");
    assertFalse(all.out().contains("Deep"), all::out);
    Workspace.Run withDeep = workspace.run("check", "--deep", "--no-coverage-gate");
    assertEquals(0, withDeep.exit(), withDeep::out);
    assertContains(withDeep.out(), "ok  Deep");
    assertFalse(withDeep.out().contains("Optional"), withDeep::out);
  }

  @Test
  void badModeOptionsAreOneLineErrors() throws IOException {
    workspace.manifest(HANDSHAKE);
    assertRejected(workspace.run("check", "--distributed", "--simulate", "Handshake"),
        "--distributed and --simulate exclude each other");
    assertRejected(workspace.run("check", "--simulate", "--update-counts", "Handshake"),
        "--update-counts needs the whole state graph");
    assertEquals(2, workspace.run("check", "--simulate", "--depth", "0", "Handshake").exit());
    assertRejected(workspace.run("check", "--depth", "5", "Handshake"), "--depth applies only with --simulate");
    assertRejected(workspace.run("check", "--port", "4000", "Handshake"), "--port applies only with --distributed");
    assertRejected(Workspace.tcpv("worker", "--server", "127.0.0.1", "--threads", "0"), "--threads at least 1");
  }

  /** Bad usage: exit status 2 and a message holding {@code fragment}. */
  private static void assertRejected(Workspace.Run run, String fragment) {
    assertEquals(2, run.exit());
    assertContains(run.err(), fragment);
  }


  /** Waits until {@code text} holds {@code n} occurrences of {@code fragment}. */
  private static void awaitText(StringWriter text, String fragment, int n, Duration limit)
      throws InterruptedException {
    await(() -> count(text.toString(), fragment) >= n ? Optional.of(text) : Optional.empty(), limit,
        () -> "fewer than " + n + " times '" + fragment + "' within " + limit + ":\n" + text);
  }

  private static int count(String text, String fragment) {
    return text.split(Pattern.quote(fragment), -1).length - 1;
  }

  /** The TLC worker JVMs among this JVM's descendants, once there are {@code n}. */
  private static List<ProcessHandle> awaitWorkers(int n, Duration limit) throws InterruptedException {
    return await(() -> {
      List<ProcessHandle> workers = ProcessHandle.current().descendants()
          .filter(p -> p.info().arguments().map(a -> List.of(a).contains("tlc2.tool.distributed.TLCWorker"))
              .orElse(false))
          .toList();
      return workers.size() >= n ? Optional.of(workers) : Optional.empty();
    }, limit, () -> "fewer than " + n + " TLC workers started within " + limit);
  }

  /** What {@code probe} finds, polled every 100 ms until it finds something or {@code limit} has passed. */
  private static <T> T await(Supplier<Optional<T>> probe, Duration limit, Supplier<String> failure)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(failure.get());
  }
}
