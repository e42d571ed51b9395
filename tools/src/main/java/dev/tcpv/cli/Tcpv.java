package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.manifest.ManifestException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tcpv} command: model checking and, later, proofs, simulation, trace validation, conformance
 * runs and scripts, for the TCP connection lifecycle spec and its implementation.
 */
@Command(
    name = "tcpv",
    mixinStandardHelpOptions = true,
    version = "tcpv 0.1.0",
    description = "Checks the TCP connection lifecycle: the TLA+ spec, and (later) the implementation against it.")
public final class Tcpv implements Callable<Integer> {
  private final PrintWriter err;

  private Tcpv(PrintWriter err) {
    this.err = err;
  }

  /** Runs {@code tcpv} with {@code args} and exits with its status. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int status = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** The command line with its subcommands, writing to {@code out} and {@code err}; tests call this. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Tcpv(err));
    cli.addSubcommand(new CommandLine(new CheckCommand(out, err)));
    cli.addSubcommand(new CommandLine(new MutateCommand(out, err)));
    cli.addSubcommand(new CommandLine(new ProveCommand(out, err)));
    cli.addSubcommand(new CommandLine(new ReportCommand(out)));
    cli.addSubcommand(new CommandLine(new AllCommand(out, err)));
    cli.addSubcommand(new CommandLine(new SimulateCommand(out)));
    cli.addSubcommand(new CommandLine(new ValidateCommand(out, err)));
    cli.addSubcommand(new CommandLine(new ConformCommand(out, err)));
    cli.addSubcommand(new CommandLine(new ScriptCommand(out, err)));
    cli.addSubcommand(new CommandLine(new LinuxCommand(out, err)));
    cli.addSubcommand(new CommandLine(new InteropCommand(out, err)));
    cli.addSubcommand(new CommandLine(new WorkerCommand(out)));
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, args) -> {
      String command = e.getCommandLine().getCommandName();
      e.getCommandLine().getErr().println(
          "tcpv: " + e.getMessage() + " (see " + (command.equals("tcpv") ? "" : "tcpv ") + command + " --help)");
      return ExitCodes.BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("tcpv: " + oneLine(e));
      return ExitCodes.BAD_INPUT;
    });
    return cli;
  }

  /** Without a subcommand there is nothing to do: say what there is. */
  @Override
  public Integer call() {
    err.println("tcpv: missing subcommand (check, mutate, prove, simulate, validate, conform, script, worker or "
        + "all; see tcpv --help)");
    return ExitCodes.BAD_INPUT;
  }

  private static String oneLine(Exception e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return switch (e) {
      case InputException i -> message;
      case ManifestException m -> message;
      case IOException io -> "I/O error: " + message;
      case InterruptedException i -> "interrupted";
      default -> "internal error: " + e;
    };
  }
}
