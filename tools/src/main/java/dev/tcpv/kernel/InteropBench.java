package dev.tcpv.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The interop benchmark: bulk transfers between the engine on a TUN device (MTU 65,535) and the kernel, each way,
 * beside the same transfer between two kernel sockets over loopback, in one namespace and one JVM
 * ({@link InteropBenchMain}), so that the ratio compares runs of one machine at one moment. A benchmark, not a
 * test: it says how fast, never passes or fails on it.
 */
public final class InteropBench {
  private InteropBench() {}

  /**
   * One transfer's runs.
   *
   * @param name engine->linux, linux->engine or loopback
   * @param octets the octets each run moved
   * @param micros each run's time, from the opening to the receiver's end of stream
   */
  public record Transfer(String name, long octets, List<Long> micros) {
    /** Copies the times. */
    public Transfer {
      micros = List.copyOf(micros);
    }

    /** The median run's time (the lower middle of an even count). */
    public long medianMicros() {
      List<Long> sorted = micros.stream().sorted().toList();
      return sorted.get((sorted.size() - 1) / 2);
    }

    /** MiB per second at the median time. */
    public double mibPerSecond() {
      return octets / (double) (1 << 20) / (medianMicros() / 1e6);
    }
  }

  /**
   * Runs {@code runs} rounds of {@code mib} MiB each way and over loopback in namespace {@code nsName}; the
   * transfers in order (engine->linux, linux->engine, loopback).
   *
   * @throws IOException when a transfer failed, with the benchmark JVM's reason
   */
  public static List<Transfer> run(String nsName, int mib, int runs) throws IOException, InterruptedException {
    List<String> lines;
    try (Namespace ns = Namespace.create(nsName)) {
      Interop.device(ns);
      List<String> java = KernelCapture.java(InteropBenchMain.class, List.of(Integer.toString(mib),
          Integer.toString(runs)));
      Process child = new ProcessBuilder(ns.exec(java)).redirectErrorStream(true).start();
      CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
        try (var in = child.getInputStream()) {
          return in.readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      try {
        // Each transfer has the scenarios' deadline.
        if (!child.waitFor((long) runs * 3 * (InteropRig.DEADLINE_MICROS / 1_000_000 + 10), TimeUnit.SECONDS)) {
          throw new IOException("the benchmark did not finish in time");
        }
      } finally {
        if (child.isAlive()) {
          child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      lines = new String(output.join(), StandardCharsets.UTF_8).strip().lines().toList();
      if (child.exitValue() != 0) {
        throw new IOException(lines.isEmpty() ? "the benchmark JVM failed (exit " + child.exitValue() + ")"
            : lines.getLast());
      }
    }
    return parse(lines);
  }

  /** The transfers of the benchmark JVM's lines ({@code NAME OCTETS MICROS}), in the order first seen. */
  static List<Transfer> parse(List<String> lines) throws IOException {
    Map<String, List<Long>> times = new LinkedHashMap<>();
    Map<String, Long> octets = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.strip().split(" ");
      if (f.length != 3) {
        throw new IOException("unexpected line from the benchmark JVM: " + line);
      }
      try {
        octets.put(f[0], Long.parseLong(f[1]));
        times.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Math.max(1, Long.parseLong(f[2])));
      } catch (NumberFormatException e) {
        throw new IOException("unexpected line from the benchmark JVM: " + line, e);
      }
    }
    List<Transfer> out = new ArrayList<>();
    times.forEach((name, t) -> out.add(new Transfer(name, octets.getOrDefault(name, 0L), t)));
    return out;
  }
}
