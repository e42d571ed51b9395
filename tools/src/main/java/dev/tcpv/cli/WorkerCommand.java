package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.tlc.DistributedLauncher;
import dev.tcpv.tlc.TlcLauncher;
import dev.tcpv.tlc.TlcOutputCollector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tcpv worker}: joins a distributed check ({@code tcpv check --distributed}) running elsewhere, as TLC's
 * {@code TLCWorker} in a child JVM; it takes the spec from the server and ends when the server does.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Join a distributed model check (tcpv check --distributed on the server host) as a TLC worker.",
      "The worker fetches the spec and the model from the server; nothing but this installation is needed here. "
          + "The server must reach this host back (RMI calls the worker): see --hostname.",
      "Exit status: 0 the server finished with this worker, 1 the worker failed, 2 bad usage."
    })
final class WorkerCommand implements Callable<Integer> {
  private final PrintWriter out;

  @Option(names = "--server", paramLabel = "HOST", required = true,
      description = "The host running tcpv check --distributed.")
  String server = "";

  @Option(names = "--port", paramLabel = "P", defaultValue = "" + DistributedLauncher.DEFAULT_PORT,
      description = "The server's RMI registry port (default: ${DEFAULT-VALUE}).")
  int port = DistributedLauncher.DEFAULT_PORT;

  @Option(names = "--threads", paramLabel = "T",
      description = "Worker threads (default: the number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--hostname", paramLabel = "ADDRESS",
      description = "The address of this host that the server can reach (default: what the JVM resolves the "
          + "host's name to).")
  String hostname = "";

  WorkerCommand(PrintWriter out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    if (server.isBlank() || port < 1 || port > 65535 || threads < 1) {
      throw new InputException("--server must name a host, --port be 1..65535 and --threads at least 1");
    }
    DistributedLauncher.requireResolvableHostName();
    TlcLauncher launcher = TlcLauncher.forCurrentJvm();
    String self = hostname;
    if (self.isBlank()) {
      InetAddress resolved = InetAddress.getLocalHost();
      self = resolved.getHostAddress();
      if (resolved.isLoopbackAddress() && !InetAddress.getByName(server).isLoopbackAddress()) {
        out.println("tcpv worker: this host's name resolves to " + self + ", which the server cannot call back; "
            + "pass --hostname with an address it can reach");
      }
    }
    Process worker = new ProcessBuilder(DistributedLauncher.workerCommand(
        launcher.java(), launcher.toolsJar(), server, port, threads, self))
        .redirectErrorStream(true)
        .start();
    Thread reaper = TlcLauncher.onExit(worker::destroyForcibly);
    boolean failed = false;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (TlcOutputCollector.isParsingChatter(line)) {
          continue;
        }
        failed |= line.startsWith("Error: Failed to start worker");
        out.println(line);
        out.flush();
      }
      int status = worker.waitFor();
      return failed || status != 0 ? ExitCodes.FAILED : ExitCodes.OK;
    } finally {
      worker.destroyForcibly();
      TlcLauncher.dropOnExit(reaper);
    }
  }
}
