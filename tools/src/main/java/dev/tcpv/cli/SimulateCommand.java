package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.sim.ConnectionFactory;
import dev.tcpv.sim.PcapWriter;
import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceProjection;
import dev.tcpv.tracefile.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tcpv simulate}: runs the two engines over the adversarial network and writes one trace per run. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Run two engines over an adversarial network (loss, duplication, reordering, delay up to MSL, host",
      "crashes) with a seeded RNG and write one fully observed trace per run to DIR (seed-N.ndjson).",
      "--profile production (the default) runs the engine as it ships: MSS 1460, RFC 6298 RTO with backoff,",
      "keyed ISNs on a 4 us clock, R2 of 100 s and 3 min, MSL 2 min, a microsecond clock, random SEND sizes,",
      "bulk transfers of 1 MiB each way and zero-window stalls. --profile spec runs the configuration the spec",
      "models exactly (20 s ticks, pinned RTO, the spec's ISN clock), which --mss and --reads vary.",
      "With --pcap, also seed-N.pcap: every segment sent, as IPv4 packets stamped with the simulated clock.",
      "Same seed, same bytes. Exit status: 0 written, 2 bad usage."
    })
final class SimulateCommand implements Callable<Integer> {
  private final PrintWriter out;

  @Option(names = "--seed", required = true, description = "The first seed.")
  long seed;

  @Option(names = "--count", defaultValue = "1", description = "Runs, with seeds N, N+1, ... (default 1).")
  int count;

  @Option(
      names = "--profile",
      defaultValue = "production",
      description = "production (the engine as it ships, the default) or spec (the configuration the spec models "
          + "exactly).")
  String profile = "production";

  @Option(
      names = "--steps",
      description = "Steps per run, at most (default: 200,000 for production, which every workload ends well "
          + "before; 400 for spec).")
  @Nullable Integer steps;

  @Option(
      names = "--mss",
      description = "--profile spec: the most octets of text per segment, 1 to 4 (default 1); above 1 a SEND call "
          + "queues 1 to 2 x MSS octets and the users send MSS times as much.")
  @Nullable Integer mss;

  @Option(
      names = "--reads",
      description = "--profile spec: the users take text with RECEIVE calls of random sizes at random times, so "
          + "that windows close (often to zero: the sender probes) and open again; without it they take text as "
          + "it arrives. (Production runs read so in their zero-window workload.)")
  boolean reads;

  @Option(
      names = "--bulk",
      paramLabel = "OCTETS",
      description = "--profile production: every run is a bulk transfer of OCTETS each way (with its seed's fault "
          + "mix), for long traces; --steps then defaults to enough for it.")
  @Nullable Integer bulk;

  @Option(
      names = "--observe",
      paramLabel = "HOST",
      description = "Write what host A or B alone sees (its own steps and the time; the peer and the network "
          + "hidden) instead of the fully observed trace: a one-endpoint trace, seed-N-HOST.ndjson.")
  @Nullable String observe;

  @Option(
      names = "--pcap",
      description = "Also write seed-N.pcap beside each trace: every segment sent, as IPv4 packets.")
  boolean pcap;

  @Option(names = "--out", required = true, description = "The directory the traces go to.")
  Path dir = Path.of(".");

  SimulateCommand(PrintWriter out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    boolean production = profile.equals("production");
    if (!production && !profile.equals("spec")) {
      throw new InputException("--profile must be production or spec, not " + profile);
    }
    Integer given = steps;
    Integer octets = bulk;
    if (octets != null && (!production || octets < 1)) {
      throw new InputException("--bulk takes a positive count of octets and --profile production");
    }
    // Each 1,460 octets cost about four steps in each direction (SEND, transmit, arrive, acknowledge).
    long bulkSteps = octets == null ? 0 : Simulator.PROD_STEPS + 8L * (octets / 1460);
    int most = given != null ? given : production ? (int) Math.min(Integer.MAX_VALUE, Math.max(Simulator.PROD_STEPS,
        bulkSteps)) : 400;
    if (count < 1 || most < 1) {
      throw new InputException("--count and --steps must be positive");
    }
    Integer m = mss;
    if (production && (m != null || reads)) {
      throw new InputException("--mss and --reads vary --profile spec; production runs have MSS 1460 and read in "
          + "their zero-window workload");
    }
    int segMax = m == null ? 1 : m;
    if (segMax < 1 || segMax > Simulator.MAX_MSS) {
      throw new InputException("--mss must be 1 to " + Simulator.MAX_MSS + ", not " + segMax);
    }
    String host = observe;
    if (host != null && !host.equals("A") && !host.equals("B")) {
      throw new InputException("--observe must be A or B, not " + host);
    }
    Files.createDirectories(dir);
    long events = 0;
    for (int i = 0; i < count; i++) {
      Simulator.Run run = production && octets != null
          ? Simulator.production(seed + i, most, ConnectionFactory.ENGINE, Simulator.bulk(octets))
          : production ? Simulator.production(seed + i, most, ConnectionFactory.ENGINE)
          : Simulator.simulate(seed + i, most, ConnectionFactory.ENGINE, segMax, reads);
      Trace t = host == null ? run.trace() : TraceProjection.observe(run.trace(), host);
      write(t, dir.resolve("seed-" + (seed + i) + (host == null ? "" : "-" + host) + ".ndjson"));
      if (pcap) {
        Path file = dir.resolve("seed-" + (seed + i) + ".pcap");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
          PcapWriter.write(run.wire(), o);
        }
      }
      events += t.lines().size();
    }
    out.println("simulate: " + count + " trace(s), " + events + " events, in " + dir);
    out.flush();
    return ExitCodes.OK;
  }

  static void write(Trace t, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      new TraceWriter(w).trace(t);
    }
  }
}
