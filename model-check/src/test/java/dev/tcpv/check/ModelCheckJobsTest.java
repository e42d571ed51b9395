package dev.tcpv.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.tlc.TlcJob;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcProgress;
import dev.tcpv.tlc.TlcResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelCheck} checking several models side by side, with a runner that stands in for TLC. */
class ModelCheckJobsTest {
  private static final List<String> MODELS = List.of("First", "Second", "Third");

  private final ProjectLayout layout;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private final Path dir;

  ModelCheckJobsTest(@TempDir Path dir) throws IOException {
    this.dir = dir;
    this.layout = manifest(dir, Map.of("First", 1, "Second", 1, "Third", 1));
  }

  /** A manifest in {@code dir} of {@link #MODELS}, each of the given TLC workers. */
  private static ProjectLayout manifest(Path dir, Map<String, Integer> workers) throws IOException {
    List<String> entries = new ArrayList<>();
    for (String name : MODELS) {
      Files.writeString(dir.resolve("MC" + name + ".cfg"), "");
      Files.writeString(dir.resolve("MC" + name + ".tla"), "");
      entries.add("{\"name\": \"" + name + "\", \"module\": \"MC" + name + ".tla\", \"config\": \"MC" + name
          + ".cfg\", \"ci\": true, \"expect\": \"pass\", \"distinct\": 7, \"workers\": " + workers.get(name) + "}");
    }
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, "{\"models\": [\n" + String.join(",\n", entries) + "\n]}\n");
    return new ProjectLayout(dir, dir, manifest);
  }

  private static TlcResult passed() {
    return new TlcResult(new TlcOutcome.Pass(), 7L, 3, Duration.ofSeconds(1), List.of(), List.of());
  }

  private static CheckOptions named(int cores) {
    return new CheckOptions(MODELS, false, null, false, false, false, false, CheckOptions.Mode.EXHAUSTIVE, null,
        cores);
  }

  private CheckReport run(ModelRunner runner, int cores) throws Exception {
    return run(layout, runner, cores);
  }

  private CheckReport run(ProjectLayout in, ModelRunner runner, int cores) throws Exception {
    return new ModelCheck(in, runner, new PrintWriter(out, true), new PrintWriter(err, true)).run(named(cores));
  }

  /** A runner that counts the models running at once; First and Second each wait for the other to be running. */
  private static final class Overlap implements ModelRunner {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final CyclicBarrier firstAndSecond = new CyclicBarrier(2);
    final Map<String, Boolean> metTheOther = new ConcurrentHashMap<>();

    @Override
    public TlcResult run(TlcJob job, Consumer<TlcProgress> progress) throws InterruptedException {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        if (!job.model().equals("Third")) {
          // With one job at a time the other cannot start before this one ends: the wait runs out.
          boolean met;
          try {
            firstAndSecond.await(500, TimeUnit.MILLISECONDS);
            met = true;
          } catch (BrokenBarrierException | TimeoutException e) {
            met = false;
          }
          metTheOther.put(job.model(), met);
        }
        return passed();
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @Test
  void twoCoresCheckTwoModelsOfOneWorkerAtOnceAndReportInTheManifestsOrder() throws Exception {
    Overlap runner = new Overlap();
    CheckReport report = run(runner, 2);
    assertTrue(report.passed(), out::toString);
    assertEquals(2, runner.most.get());
    assertEquals(Map.of("First", true, "Second", true), runner.metTheOther);
    String table = out.toString();
    assertTrue(table.indexOf("First") < table.indexOf("Second") && table.indexOf("Second") < table.indexOf("Third"),
        table);
    assertEquals(MODELS, report.verdicts().stream().map(v -> v.model().name()).toList());
  }

  @Test
  void oneCoreChecksOneModelAtATime() throws Exception {
    Overlap runner = new Overlap();
    assertTrue(run(runner, 1).passed(), out::toString);
    assertEquals(1, runner.most.get());
    assertEquals(Boolean.FALSE, runner.metTheOther.get("First"));
  }

  @Test
  void aModelThatEndsLaterIsStillReportedInItsPlace() throws Exception {
    CountDownLatch thirdDone = new CountDownLatch(1);
    ModelRunner runner = (job, progress) -> {
      if (job.model().equals("First")) {
        // First ends only after Third, which started beside it once Second was done.
        assertTrue(thirdDone.await(10, TimeUnit.SECONDS), "Third never ran beside First");
        return new TlcResult(new TlcOutcome.InvariantViolated("SomeInv"), 5L, 2, Duration.ofSeconds(2), List.of(),
            List.of());
      }
      if (job.model().equals("Third")) {
        thirdDone.countDown();
      }
      return passed();
    };
    CheckReport report = run(runner, 2);
    assertTrue(!report.passed());
    String text = out.toString();
    assertTrue(text.startsWith("\nFirst: SomeInv violated, but the manifest expects pass."), text);
    assertEquals(MODELS, report.verdicts().stream().map(v -> v.model().name()).toList());
    assertTrue(text.contains("2 of 3 models as the manifest expects; First:"), text);
  }

  @Test
  void aRunThatFailsFailsTheCheck() {
    ModelRunner runner = (job, progress) -> {
      if (job.model().equals("Second")) {
        throw new IOException("cannot start TLC for Second");
      }
      return passed();
    };
    IOException e = assertThrows(IOException.class, () -> run(runner, 2));
    assertEquals("cannot start TLC for Second", e.getMessage());
  }

  @Test
  void aModelOfTwoWorkersRunsAloneOnTwoCores() throws Exception {
    Overlap runner = new Overlap();
    ProjectLayout twoWorkers = manifest(dir, Map.of("First", 2, "Second", 1, "Third", 1));
    assertTrue(run(twoWorkers, runner, 2).passed(), out::toString);
    assertEquals(Boolean.FALSE, runner.metTheOther.get("First"));
    assertEquals(Boolean.FALSE, runner.metTheOther.get("Second"));
    // Four cores hold both.
    Overlap wider = new Overlap();
    assertTrue(run(twoWorkers, wider, 4).passed(), out::toString);
    assertEquals(Map.of("First", true, "Second", true), wider.metTheOther);
  }

  @Test
  void modelsOfFewerWorkersStartFirstAndAreStillReportedInTheManifestsOrder() throws Exception {
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    ModelRunner runner = (job, progress) -> {
      started.add(job.model());
      return passed();
    };
    CheckReport report = run(manifest(dir, Map.of("First", 2, "Second", 1, "Third", 1)), runner, 1);
    assertTrue(report.passed(), out::toString);
    assertEquals(List.of("Second", "Third", "First"), started);
    assertEquals(MODELS, report.verdicts().stream().map(v -> v.model().name()).toList());
  }

  @Test
  void distributedModelsRunOneAtATime() throws Exception {
    Overlap runner = new Overlap();
    CheckOptions distributed = new CheckOptions(MODELS, false, null, false, false, false, false,
        CheckOptions.Mode.DISTRIBUTED, null, 2);
    new ModelCheck(layout, runner, new PrintWriter(out, true), new PrintWriter(err, true)).run(distributed);
    assertEquals(1, runner.most.get());
  }

  @Test
  void badNumbersOfCoresAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> named(0));
  }
}
