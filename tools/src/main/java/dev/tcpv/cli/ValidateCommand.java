package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.text.TextTable;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceReader;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.Peer;
import dev.tcpv.validate.TraceExport;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Parameters;

/** {@code tcpv validate}: checks traces against the spec with TLC in-process. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check each trace (a .ndjson file, or every .ndjson file of a directory) against spec/Tcp.tla.",
      "A packet capture (.pcap, .pcapng) is split into its TCP connections and incarnations, each checked with",
      "both TCBs hidden under the stack profile of --profile; a rejection names the frame (docs/captures.md).",
      "On failure print the file and line, the event, the spec actions enabled there and why the named",
      "action does not match; or, for a line whose rule IDs the branches of its matching step do not declare",
      "(spec/branches.json), one line naming them. Traces of one configuration (their headers but for seed and",
      "scenario) are checked one after the other, so that TLC loads each configuration's model once; failures are",
      "printed in the order of the files. Exit status: 0 all valid, 1 a trace is not a behaviour of the spec,",
      "2 bad input."
    })
final class ValidateCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files or directories.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--export", paramLabel = "DIR",
      description = "Also write each trace as a standalone TLA+ module and cfg that stock TLC checks.")
  @Nullable Path export;

  @Option(names = "--shard", paramLabel = "I/N",
      description = "Validate only the I-th of N deterministic shards of the files (sorted by path, every N-th from "
          + "the I-th), for a CI matrix of N jobs.")
  @Nullable String shard;

  @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "rfc9293",
      description = "For captures: the stack's timers and policies, one of rfc9293 (default), linux, freebsd, tcpv "
          + "(this project's engine), or a file holding a trace header (docs/captures.md).")
  String profile = "rfc9293";

  @Option(names = "--host-profile", paramLabel = "ADDRESS=NAME|FILE",
      description = "For captures: the host at ADDRESS follows the policies of this profile instead of --profile's "
          + "(repeatable; timers stay --profile's), so that a capture between two stacks judges each by its own.")
  List<String> hostProfiles = new ArrayList<>();

  @Option(names = "--keep-alive", paramLabel = "IDLE,INTERVAL,PROBES",
      description = "For captures: keep-alive was on, with these settings (seconds, seconds, count), as the "
          + "sockets set them (SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT).")
  @Nullable String keepAlive;

  @Option(names = "--peer", paramLabel = "open|spec", defaultValue = "open",
      description = "For one-endpoint traces: open (default), any peer: the segments the observed host takes are "
          + "given and its own steps checked; or spec, the spec's other endpoint: its steps are searched, within "
          + "bounds, before each line (stronger, far slower; docs/traces.md).")
  String peer = "open";

  @Option(names = "--json", description = "For captures: one JSON object per capture, for machines.")
  boolean json;

  ValidateCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    String shardText = shard;
    Shard part = shardText == null ? null : Shard.parse(shardText);
    List<Path> traces = expand(files);
    if (part != null) {
      int all = traces.size();
      traces = part.select(traces);
      out.printf("validate: shard %s holds %d of %d trace file(s)%n", part, traces.size(), all);
    }
    Peer hidden;
    try {
      hidden = Peer.of(peer);
    } catch (IllegalArgumentException e) {
      throw new InputException(String.valueOf(e.getMessage()));
    }
    TraceValidator validator = TraceValidator.forRepository().withPeer(hidden);
    List<Path> captures = traces.stream().filter(ValidateCommand::isCapture).toList();
    int rejected = 0;
    if (!captures.isEmpty()) {
      rejected = CaptureOutput.run(captures, profile, hostProfiles, keepAlive, json, validator, out);
      traces = traces.stream().filter(p -> !isCapture(p)).toList();
      if (traces.isEmpty()) {
        out.flush();
        return rejected == 0 ? ExitCodes.OK : ExitCodes.FAILED;
      }
    }
    int failed = 0;
    long events = 0;
    long nanos = 0;
    // Per length class (events rounded down to a power of ten): traces, events, nanoseconds.
    SortedMap<Long, long[]> classes = new TreeMap<>();
    // Failures are printed at the end in the order of the files, whatever order they were validated in.
    SortedMap<Integer, String> failures = new TreeMap<>();
    for (int i : byConfiguration(traces)) {
      Path f = traces.get(i);
      Trace t;
      try {
        t = TraceReader.read(f);
      } catch (NoSuchFileException e) {
        throw new InputException("no such file: " + f);
      } catch (TraceFormatException e) {
        throw new InputException(e.getMessage() == null ? "bad trace " + f : e.getMessage());
      }
      Path exportDir = export;
      if (exportDir != null) {
        TraceExport.write(t, exportDir);
      }
      Verdict v = validator.validate(t);
      events += v.events();
      nanos += v.nanos();
      long[] c = classes.computeIfAbsent(lengthClass(v.events()), k -> new long[3]);
      c[0]++;
      c[1] += v.events();
      c[2] += v.nanos();
      Failure failure = v.failure();
      if (failure != null) {
        failed++;
        failures.put(i, failure.render());
      }
    }
    failures.values().forEach(out::println);
    if (classes.size() > 1 || traces.size() > 1) {
      TextTable table = new TextTable("length", "traces", "events", "seconds", "events/s")
          .alignRight(1).alignRight(2).alignRight(3).alignRight(4);
      for (Map.Entry<Long, long[]> e : classes.entrySet()) {
        long[] c = e.getValue();
        table.row(String.format("%,d+", e.getKey()), String.valueOf(c[0]), String.format("%,d", c[1]),
            String.format("%.2f", c[2] / 1e9), String.format("%,.0f", c[2] == 0 ? 0.0 : c[1] / (c[2] / 1e9)));
      }
      out.print(table.render());
    }
    double seconds = nanos / 1e9;
    out.printf("validate: %d trace(s), %d failed, %d events in %.2f s (%.0f events/s)%n", traces.size(), failed,
        events, seconds, seconds == 0 ? 0.0 : events / seconds);
    out.flush();
    return failed == 0 && rejected == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * The indices of {@code traces} in the order they are validated ({@link ConfigurationOrder}): files whose headers
   * give the same configuration together. Files whose headers cannot be read make a group of their own; reading
   * one whole says why.
   */
  static List<Integer> byConfiguration(List<Path> traces) {
    return ConfigurationOrder.of(IntStream.range(0, traces.size()).boxed().toList(),
        i -> configuration(traces.get(i)));
  }

  /** The configuration {@code f}'s header gives ({@link TraceHeader#configuration()}), or "" when unreadable. */
  private static Object configuration(Path f) {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      return first == null ? "" : TraceReader.header(f.toString(), first).configuration();
    } catch (IOException | TraceFormatException e) {
      return "";
    }
  }

  /** The power of ten at or below {@code events} (1 for 0). */
  static long lengthClass(long events) {
    long c = 1;
    while (c * 10 <= events) {
      c *= 10;
    }
    return c;
  }

  /** Whether {@code f} is a packet capture: by its name (.pcap, .pcapng, .cap) or its magic number. */
  static boolean isCapture(Path f) {
    String n = f.getFileName() == null ? "" : f.getFileName().toString();
    if (n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap")) {
      return Files.isRegularFile(f);
    }
    if (n.endsWith(".ndjson") || !Files.isRegularFile(f)) {
      return false;
    }
    try (java.io.InputStream in = Files.newInputStream(f)) {
      return dev.tcpv.capture.CaptureFile.isCapture(in.readNBytes(4));
    } catch (IOException e) {
      return false;
    }
  }

  static List<Path> expand(List<Path> args) throws InputException, IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : args) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> TraceValidator.isTraceFile(f) || isCapture(f)).sorted().forEach(out::add);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new InputException("no such file: " + p);
      }
    }
    if (out.isEmpty()) {
      throw new InputException("no trace files in " + args);
    }
    return out;
  }
}
