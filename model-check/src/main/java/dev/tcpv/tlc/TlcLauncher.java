package dev.tcpv.tlc;

import dev.tcpv.tlc.child.CountingTlc;
import dev.tcpv.tlc.child.ModuleScratch;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs TLC on one model in a child JVM and collects its result.
 *
 * <p>A child JVM because TLC keeps global state (its tool, fingerprint set, output sink) in statics; the
 * same java binary as this process, so the JDK chosen by the launcher is the one that checks. The child's
 * main class is {@link CountingTlc}, TLC with successor counts per action for the coverage gate (TLC's own
 * {@code -coverage} does not finish on the Tcp spec). Deadlock checking stays on unless the job turns it off.
 * A job with a time limit has its child JVM killed when the limit is reached.
 */
public final class TlcLauncher {
  private final Path java;
  private final Path toolsJar;
  private final Path childClasses;

  /**
   * @param java the java binary of the child JVM
   * @param toolsJar the TLA+ tools jar
   * @param childClasses the jar or directory holding {@link CountingTlc}
   */
  public TlcLauncher(Path java, Path toolsJar, Path childClasses) {
    this.java = java;
    this.toolsJar = toolsJar;
    this.childClasses = childClasses;
  }

  /** The java binary of the child JVMs. */
  public Path java() {
    return java;
  }

  /** The TLA+ tools jar. */
  public Path toolsJar() {
    return toolsJar;
  }

  /** The jar or class directory holding the child JVM's own classes. */
  public Path childClasses() {
    return childClasses;
  }

  /** A launcher using this process's java binary and the TLA+ tools jar on its class path. */
  public static TlcLauncher forCurrentJvm() throws IOException {
    Path java = ProcessHandle.current().info().command()
        .map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    return new TlcLauncher(java, codeSource(tlc2.TLC.class), codeSource(CountingTlc.class));
  }

  /** The jar or class directory {@code type} was loaded from. */
  private static Path codeSource(Class<?> type) throws IOException {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IOException("cannot locate the class path entry of " + type.getName());
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException(
          "cannot locate the class path entry of " + type.getName() + " at " + source.getLocation(), e);
    }
  }

  /** The command line that checks {@code job}, with TLC's states kept under {@code metaDir}. */
  public List<String> command(TlcJob job, Path metaDir) {
    List<String> command = jvm(java);
    command.addAll(List.of(
        "-DTLA-Library=" + job.specDir().toAbsolutePath(),
        "-cp", toolsJar + File.pathSeparator + childClasses));
    Simulation simulation = job.simulation();
    // A simulation has no state graph to count successors in: plain TLC, told where to put its modules.
    if (simulation != null) {
      command.add(ModuleScratch.childFlag());
    }
    command.add(simulation == null ? CountingTlc.class.getName() : "tlc2.TLC");
    command.addAll(List.of("-tool", "-workers", Integer.toString(job.workers())));
    if (!job.checkDeadlock()) {
      command.add("-deadlock");
    }
    if (simulation != null) {
      command.addAll(List.of("-simulate", "num=" + simulation.traces(), "-depth", Integer.toString(simulation.depth()),
          "-seed", Long.toString(simulation.seed())));
    }
    command.addAll(List.of("-metadir", metaDir.toString(), "-config", job.config(), job.module()));
    return command;
  }

  /** The collector of every JVM that runs TLC: the throughput collector, which TLC asks for. */
  public static final String COLLECTOR = "-XX:+UseParallelGC";

  /**
   * The start of a TLC child JVM's command line: {@code java}, {@link #COLLECTOR}, and an English locale and UTF-8
   * output, so that TLC's messages read the same on every machine.
   */
  static List<String> jvm(Path java) {
    return new ArrayList<>(List.of(java.toString(), COLLECTOR, "-Duser.language=en",
        "-Duser.country=US", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8"));
  }

  /** Feeds every line {@code process} prints to {@code reader}, then waits for its exit status. */
  static int readAll(Process process, TlcMessageReader reader) throws IOException, InterruptedException {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        reader.accept(line);
      }
      reader.finish();
    }
    return process.waitFor();
  }

  /** Checks {@code job}; {@code progress} receives TLC's progress reports while it runs. */
  public TlcResult run(TlcJob job, Consumer<TlcProgress> progress) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("tcpv-tlc-");
    try {
      return run(job, progress, scratch);
    } finally {
      deleteTree(scratch);
    }
  }

  private TlcResult run(TlcJob job, Consumer<TlcProgress> progress, Path scratch)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    TlcOutputCollector collector = new TlcOutputCollector(ConfigProperties.read(job.configFile()), progress,
        () -> Duration.ofNanos(System.nanoTime() - start), job.simulation() != null);
    TlcMessageReader reader = new TlcMessageReader(collector);
    Process process = new ProcessBuilder(command(job, scratch.resolve("states")))
        .directory(job.modelsDir().toFile())
        .redirectErrorStream(true)
        .start();
    Thread reaper = onExit(() -> reap(process, scratch));
    Duration limit = job.timeLimit();
    AtomicBoolean stopped = new AtomicBoolean();
    Thread timer = limit == null ? null : timer(process, limit, stopped);
    try {
      int status = readAll(process, reader);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (limit != null && stopped.get()) {
        return collector.stopped(new TlcOutcome.TimedOut(limit), elapsed);
      }
      return collector.result(status, elapsed);
    } finally {
      if (timer != null) {
        timer.interrupt();
      }
      process.destroyForcibly();
      dropOnExit(reaper);
    }
  }

  /**
   * Runs {@code reap} if this JVM exits (Ctrl-C) before {@link #dropOnExit} is called with the hook returned:
   * a child JVM must not outlive the command that started it.
   */
  public static Thread onExit(Runnable reap) {
    Thread hook = new Thread(reap, "tcpv-child-reaper");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Removes a hook of {@link #onExit}, the child having ended normally. */
  public static void dropOnExit(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it ends the child either way.
    }
  }

  /**
   * A daemon thread that kills {@code process} once it has run for {@code limit} and then sets {@code stopped};
   * the reader sees the end of TLC's output, and the run reports {@link TlcOutcome.TimedOut}. Interrupting the
   * thread (the run ended first) ends it.
   */
  private static Thread timer(Process process, Duration limit, AtomicBoolean stopped) {
    return Thread.ofPlatform().daemon().name("tcpv-tlc-timer").start(() -> {
      try {
        if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
          stopped.set(true);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        // The run ended before the limit.
      }
    });
  }

  /** On exit of this JVM (Ctrl-C), ends TLC and removes its states, which no one else would. */
  private static void reap(Process process, Path scratch) {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      deleteTree(scratch);
    } catch (IOException | InterruptedException e) {
      // Exiting anyway; the temporary directory is all that is left.
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
