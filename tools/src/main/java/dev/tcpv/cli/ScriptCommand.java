package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.script.ScriptProfile;
import dev.tcpv.script.ScriptSuite;
import dev.tcpv.script.ScriptSyntaxException;
import dev.tcpv.script.SegmentMatcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tcpv script}: runs packetdrill-style scripts against the engine, the script playing the peer. */
@Command(
    name = "script",
    mixinStandardHelpOptions = true,
    description = {
      "Run packetdrill-style scripts against the engine; the script plays the remote peer and the user.",
      "Prints PASS, FAIL (the script line, the expected and the actual segment, state or return value) or SKIP "
          + "(the reason) per script, then a summary.",
      "Exit status: 0 all passed, 1 a script failed, 2 a syntax error (file:line: reason) or bad usage."
    })
final class ScriptCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Option(names = "--lenient",
      description = {"Compare flags, sequence number, ACK number and length, not window and options. As in "
          + "packetdrill (which reads segments only at > lines and stops after the last line), a segment sent after "
          + "the last > line is not compared (PASS prints it as a note); strict mode (the default) fails on it."})
  boolean lenient;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "tcpv",
      description = {"The stack the engine plays: tcpv (the default: the engine as it ships; #ifdef STANDARD), "
          + "rfc9293 (RFC 9293 as written: no TIME-WAIT reopen without timestamps, SYN text taken, delayed ACKs; "
          + "#ifdef STANDARD) or freebsd (#ifdef FreeBSD: MSL 30 s, keep-alive on every connection, FreeBSD's "
          + "TIME-WAIT, FIN sent again when FINs cross, net.inet.tcp.drop_synfin, the receive buffer rounded with the "
          + "peer's MSS). Policies as in validate --profile; docs/scripts.md."})
  String profile = "tcpv";

  @Option(names = "--define", paramLabel = "NAME",
      description = "Define NAME for #ifdef besides the profile's own (STANDARD or FreeBSD).")
  List<String> defines = new ArrayList<>();

  @Option(names = "--expectations", paramLabel = "FILE",
      description = "Scripts allowed to fail, each with its reason; a failure outside it fails the run.")
  @Nullable Path expectations;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Scripts, or directories of *.pkt files.")
  List<Path> paths = new ArrayList<>();

  ScriptCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InputException {
    ScriptProfile stack;
    try {
      stack = ScriptProfile.of(profile);
    } catch (IllegalArgumentException e) {
      err.println("tcpv: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    try {
      Path ex = expectations;
      Map<String, String> expected = ex == null ? null : ScriptSuite.expectations(ex);
      ScriptSuite.Summary s = ScriptSuite.run(ScriptSuite.collect(paths), stack, Set.copyOf(defines),
          lenient ? SegmentMatcher.Mode.LENIENT : SegmentMatcher.Mode.STRICT, expected, out);
      return s.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (ScriptSyntaxException e) {
      out.flush();
      err.println("tcpv: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
  }
}
