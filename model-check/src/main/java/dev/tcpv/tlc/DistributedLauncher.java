package dev.tcpv.tlc;

import dev.tcpv.tlc.child.DistributedServer;
import dev.tcpv.tlc.child.ModuleScratch;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs TLC's distributed mode on one model: a server JVM ({@code TLCServer}: the queue of unexplored states,
 * the fingerprint set, the error trace) and worker JVMs ({@code TLCWorker}: successors, invariants and action
 * properties), talking Java RMI.
 *
 * <p>The server registers itself in an RMI registry on {@link Options#port()}; a worker looks it up there, fetches
 * the spec's files from the server, and registers one remote object per thread, which the server calls back with
 * blocks of states. The server puts the fingerprints of a block's new states into its set only when the worker's
 * answer arrives, so a worker that dies mid-block loses nothing: the server re-queues the block
 * ({@code TLCServerThread.handleRemoteWorkerLost}) and another worker computes it. What the server does not do is
 * check liveness: the model's temporal properties are reported as unchecked ({@link TlcResult#unchecked()}).
 * Nor does it read {@code CHECK_DEADLOCK} from the configuration: a configuration that turns deadlock checking
 * off gets TLC's {@code -deadlock} flag instead.
 *
 * <p>The local workers start once the server says it is ready; remote ones ({@code tcpv worker}) may join at any
 * time. Lines about workers joining and leaving go to {@code events}.
 */
public final class DistributedLauncher {
  /** The system property naming the server's RMI registry port, read by both TLCServer and TLCWorker. */
  static final String PORT_PROPERTY = "-Dtlc2.tool.distributed.TLCServer.port=";
  /** TLC's default registry port. */
  public static final int DEFAULT_PORT = 10997;

  /**
   * How to run the server and its local workers.
   *
   * @param localWorkers worker JVMs to start on this machine (0: wait for remote ones)
   * @param threadsPerWorker TLC worker threads in each local worker JVM
   * @param port the RMI registry port of the server
   * @param hostname the address RMI puts into the server's remote references: one the workers can reach
   * @param reportInterval how often the server reports progress
   */
  public record Options(int localWorkers, int threadsPerWorker, int port, String hostname, Duration reportInterval) {
    public Options {
      if (localWorkers < 0 || threadsPerWorker < 1 || port < 1 || port > 65535) {
        throw new IllegalArgumentException("bad distributed options: " + localWorkers + " workers, "
            + threadsPerWorker + " threads, port " + port);
      }
    }
  }

  private final Path java;
  private final Path toolsJar;
  private final Path childClasses;
  private final Options options;
  private final Consumer<String> events;
  private final ViolationJudge judge;

  public DistributedLauncher(TlcLauncher launcher, Options options, Consumer<String> events) {
    this.java = launcher.java();
    this.toolsJar = launcher.toolsJar();
    this.childClasses = launcher.childClasses();
    this.options = options;
    this.events = events;
    this.judge = new ViolationJudge(launcher);
  }

  /** The server's command line for {@code job} (configuration text {@code cfg}), TLC's states under {@code metaDir}. */
  List<String> serverCommand(TlcJob job, String cfg, Path metaDir) {
    List<String> command = TlcLauncher.jvm(java);
    command.addAll(List.of(
        "-DTLA-Library=" + job.specDir().toAbsolutePath(),
        PORT_PROPERTY + options.port(),
        "-Dtlc2.tool.distributed.TLCServer.report=" + options.reportInterval().toMillis(),
        "-Djava.rmi.server.hostname=" + options.hostname(),
        "-cp", toolsJar + File.pathSeparator + childClasses,
        DistributedServer.class.getName(),
        job.modelsDir().toAbsolutePath().toString(),
        "-tool"));
    if (!job.checkDeadlock() || ConfigProperties.disablesDeadlock(cfg)) {
      command.add("-deadlock");
    }
    command.addAll(List.of("-metadir", metaDir.toString(), "-config", job.config(), job.module()));
    return command;
  }

  /**
   * The command line of a worker JVM with {@code threads} threads for the server at {@code server}, port
   * {@code port}; {@code hostname} is the address the server calls the worker back on.
   */
  public static List<String> workerCommand(
      Path java, Path toolsJar, String server, int port, int threads, String hostname) {
    List<String> command = TlcLauncher.jvm(java);
    command.addAll(List.of(
        // TLCWorker names itself by its RMI port, read through JDK internals.
        "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.transport=ALL-UNNAMED",
        PORT_PROPERTY + port,
        "-Dtlc2.tool.distributed.TLCWorker.threadCount=" + threads,
        // A worker parses the spec too (its files fetched from the server), extracting TLC's standard modules.
        ModuleScratch.childFlag(),
        "-Djava.rmi.server.hostname=" + hostname,
        "-cp", toolsJar.toString(),
        "tlc2.tool.distributed.TLCWorker",
        server));
    return command;
  }

  /**
   * Fails in one line when this host's own name does not resolve: TLC's server and workers look it up
   * ({@code InetAddress.getLocalHost()}) and stop with an exception when they cannot.
   */
  public static void requireResolvableHostName() throws IOException {
    try {
      InetAddress.getLocalHost();
    } catch (UnknownHostException e) {
      throw new IOException("TLC's distributed mode needs this host's name to resolve (" + e.getMessage()
          + "); add it to /etc/hosts", e);
    }
  }

  /**
   * Checks {@code job} with the server and its workers; {@code progress} receives the server's reports.
   *
   * <p>TLC 2.18's server has a race at the end of a run: a worker thread that registers after the last block was
   * handed out is told there is no work, and while it reads that worker's statistics its block is {@code null};
   * if the server sums the blocks in flight for its final report at that moment, it fails with a
   * {@code NullPointerException} ({@link #lostToLateWorker}) and prints no counts. The run's verdict is not
   * wrong, it is missing; a small model that finishes before every local worker JVM has joined meets it now and
   * then. Such a run is repeated, at most {@value #ATTEMPTS} times in all, and {@code events} says so.
   */
  public TlcResult run(TlcJob job, Consumer<TlcProgress> progress) throws IOException, InterruptedException {
    if (job.simulation() != null) {
      throw new IllegalArgumentException("TLC's distributed mode does not simulate");
    }
    TlcResult result = attempt(job, progress);
    for (int i = 1; i < ATTEMPTS && lostToLateWorker(result); i++) {
      events.accept(job.model() + ": TLC's server failed on a worker that joined after the last block "
          + "(a race of TLC 2.18); checking again");
      result = attempt(job, progress);
    }
    return result;
  }

  /** How many times a run lost to TLC's late-worker race is tried in all. */
  static final int ATTEMPTS = 3;

  /** Whether {@code result} is the server's failure on a late worker's missing block, with nothing found. */
  static boolean lostToLateWorker(TlcResult result) {
    return result.outcome() instanceof TlcOutcome.Failure failure && result.trace().isEmpty()
        && failure.message().contains("\"this.states\" is null");
  }

  private TlcResult attempt(TlcJob job, Consumer<TlcProgress> progress) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("tcpv-dtlc-");
    List<Process> workers = Collections.synchronizedList(new ArrayList<>());
    Process server = null;
    try {
      long start = System.nanoTime();
      String cfg = Files.readString(job.configFile(), StandardCharsets.UTF_8);
      TlcOutputCollector collector = new TlcOutputCollector(
          ConfigProperties.parse(cfg), progress, () -> Duration.ofNanos(System.nanoTime() - start));
      TlcMessageReader reader = new TlcMessageReader(new TlcMessageReader.Listener() {
        @Override
        public void onMessage(TlcMessage message) {
          collector.onMessage(message);
          switch (message.code()) {
            case TlcCode.SERVER_RUNNING -> {
              events.accept("server ready on port " + options.port() + (options.localWorkers() == 0
                  ? ", waiting for workers (tcpv worker --server HOST --port " + options.port() + ")" : ""));
              startWorkers(job, scratch, workers);
            }
            case TlcCode.WORKER_REGISTERED, TlcCode.WORKER_DEREGISTERED, TlcCode.WORKER_LOST ->
                events.accept(message.text().strip());
            default -> { }
          }
        }

        @Override
        public void onUnframedLine(String line) {
          collector.onUnframedLine(line);
        }
      });
      server = new ProcessBuilder(serverCommand(job, cfg, scratch.resolve("states")))
          .directory(job.modelsDir().toFile())
          .redirectErrorStream(true)
          .start();
      Process started = server;
      Thread reaper = TlcLauncher.onExit(() -> {
        started.destroyForcibly();
        workers.forEach(Process::destroyForcibly);
      });
      try {
        int status = TlcLauncher.readAll(server, reader);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        TlcResult result = collector.result(status, elapsed);
        // The server prints a violation's trace but not what it violates, and may then fail on its own
        // (TLC 2.18 reads the block of a worker thread that never got one): the trace decides.
        if (result.outcome() instanceof TlcOutcome.Failure failure && !result.trace().isEmpty()) {
          TlcOutcome named = judge.judge(job, result.trace(), new LinkedHashSet<>(result.unchecked()));
          result = result.withOutcome(named instanceof TlcOutcome.Failure f
              ? new TlcOutcome.Failure(f.message() + "\nThe server reported: " + failure.message())
              : named);
        }
        return result;
      } finally {
        TlcLauncher.dropOnExit(reaper);
      }
    } finally {
      if (server != null) {
        server.destroyForcibly();
      }
      stopWorkers(workers);
      TlcLauncher.deleteTree(scratch);
    }
  }

  private void startWorkers(TlcJob job, Path scratch, List<Process> workers) {
    for (int i = 0; i < options.localWorkers(); i++) {
      List<String> command = workerCommand(java, toolsJar, options.hostname(), options.port(),
          options.threadsPerWorker(), options.hostname());
      try {
        // A worker prints only TLC's chatter (parsing, its own statistics): the server's output is the result.
        workers.add(new ProcessBuilder(command)
            .directory(scratch.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start());
      } catch (IOException e) {
        events.accept("could not start local worker " + i + " for " + job.model() + ": " + e.getMessage());
      }
    }
  }

  /** Workers leave on the server's word at the end; one that does not within 10 s is ended. */
  private static void stopWorkers(List<Process> workers) throws InterruptedException {
    List<Process> all;
    synchronized (workers) {
      all = List.copyOf(workers);
    }
    for (Process w : all) {
      if (!w.waitFor(10, TimeUnit.SECONDS)) {
        w.destroyForcibly();
        w.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
