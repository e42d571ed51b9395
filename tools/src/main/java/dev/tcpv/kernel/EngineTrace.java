package dev.tcpv.kernel;

import dev.tcpv.conn.TcpConfig;
import dev.tcpv.endpoint.Endpoint;
import dev.tcpv.sim.ConnectionFactory;
import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.NdjsonTraceSink;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceWriter;
import dev.tcpv.tracefile.Timers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The engine's own trace in an interop scenario: every step of its connections, as the engine reports them
 * ({@link dev.tcpv.trace.TraceSink}), one file per pair of ports ({@code LABEL-engine-LOCAL-REMOTE.ndjson}, the
 * engine as host A, the kernel hidden), for the stage to validate with the peer open ({@link
 * dev.tcpv.validate.Peer#OPEN}). The scenario's JVM finds the base path in the environment ({@link #ENV}), which
 * the stage sets.
 *
 * <p>What the files hold: the steps of the {@link dev.tcpv.conn.Connection}s the endpoint makes for a pair of
 * ports, in order, each incarnation after the last (an active or a passive OPEN, a segment for no TCB answered as
 * CLOSED answers it). A connection entering TIME-WAIT is replaced by a compact entry of the endpoint ({@link
 * Endpoint}); a segment for that entry, or its timeout, restores it into a connection made here too, so its steps
 * (a retransmitted FIN acknowledged, a reopen, the timeout) are in the file, their lines carrying only the
 * variables the entry keeps ({@link dev.tcpv.conn.Connection#restoreTimeWait}).
 */
final class EngineTrace implements AutoCloseable {
  /** The environment variable that names the scenario's trace path without its suffix. */
  static final String ENV = "TCPV_ENGINE_TRACE";
  /** The most octets one SEND call of a scenario queues: its largest transfer, whole. */
  static final int SEND_MAX = 1 << 24;

  private final String base;
  private final TraceHeader header;
  private final Map<String, Writer> files = new LinkedHashMap<>();

  private EngineTrace(String base, TraceHeader header) {
    this.base = base;
    this.header = header;
  }

  /**
   * The trace of an engine configured with {@code config}, on a device of MTU {@code mtu}, written under {@code base}
   * ({@code base-engine-L-R.ndjson} for local port L and remote port R).
   */
  static EngineTrace to(String base, TcpConfig config, int mtu) {
    TraceHeader p = Simulator.productionHeader(-1, Path.of(base).getFileName() + " (interop)", config, 0);
    // The engine sends segments as large as the kernel's MSS allows (MTU - 40 over IPv4), larger than its own.
    int peerMss = mtu - 40;
    TraceHeader h = new TraceHeader(List.of("A"), p.seqMod(), p.msl(), p.tickMicros(), p.isn(), p.isnRate(),
        p.isnOffsetA(), p.isnOffsetB(), p.rcvWnd(), Math.max(p.mss(), peerMss), SEND_MAX, p.reads(), late(p.timers()),
        p.rfc5961(),
        p.rfc1337(), p.twReopen(), 0, -1, p.scenario(), p.policies());
    return new EngineTrace(base, h);
  }

  /**
   * How late a timer of the engine may fire on the event loop's real clock: the loop wakes for a deadline when
   * poll(2) returns, and a turn may be busy with packets first (seen: a keep-alive probe 5 ms after its deadline).
   * A timer never fires early; its least delay stays the configuration's.
   */
  static final long LATE_MICROS = 100_000;

  /** {@code t} with each timer's greatest delay {@link #LATE_MICROS} longer. */
  static Timers late(Timers t) {
    Bounds r2 = t.r2();
    Bounds r2Syn = t.r2Syn();
    Bounds dack = t.delayedAck();
    return new Timers(late(t.rto()), t.backoff(), t.maxRetries(), r2 == null ? null : late(r2),
        r2Syn == null ? null : late(r2Syn), late(t.timeWait()), t.keepAlive(), late(t.kaIdle()),
        late(t.kaInterval()), t.kaProbes(), dack == null ? null : late(dack));
  }

  private static Bounds late(Bounds b) {
    return new Bounds(b.min(), b.max() + LATE_MICROS);
  }

  /** The header of each file. */
  TraceHeader header() {
    return header;
  }

  /** The engines of an endpoint, made by {@code factory}, whose connections report their steps to this trace. */
  Endpoint.Engines engines(ConnectionFactory factory) {
    return (c, isn, local, remote) -> factory.create(c, isn, local, remote,
        new NdjsonTraceSink(writer(local, remote), "A"));
  }

  private Writer writer(int local, int remote) {
    String path = base + "-engine-" + local + "-" + remote + ".ndjson";
    return files.computeIfAbsent(path, p -> {
      try {
        BufferedWriter w = Files.newBufferedWriter(Path.of(p), StandardCharsets.UTF_8);
        new TraceWriter(w).header(header);
        return w;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Closes the files. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Writer w : files.values()) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The base path of the engine traces of the scenario captured in {@code pcap}: beside it, without {@code .pcap}. */
  static Path base(Path pcap) {
    return pcap.toAbsolutePath().resolveSibling(String.valueOf(pcap.getFileName()).replaceFirst("\\.pcap$", ""));
  }

  /** The files a scenario's engine wrote under {@code base}, in the order of their names. */
  static List<Path> written(Path base) throws IOException {
    Path dir = base.toAbsolutePath().getParent();
    String prefix = base.getFileName() + "-engine-";
    List<Path> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> String.valueOf(p.getFileName()).startsWith(prefix) && p.toString().endsWith(".ndjson"))
          .sorted().forEach(out::add);
    }
    return out;
  }
}
