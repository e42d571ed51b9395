package dev.tcpv.bench;

import dev.tcpv.conn.ConnResult;
import dev.tcpv.conn.Connection;
import dev.tcpv.conn.IsnGenerator;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.TcpState;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.trace.TraceSink;
import dev.tcpv.wire.Segment;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One complete connection lifecycle through two engines and no I/O: A opens actively and B passively, the
 * three-way handshake, one octet each way (each acknowledged), A closes, B closes, until A is in TIME-WAIT and
 * B in CLOSED. The segments one engine returns are handed straight to the other; nothing is encoded. Throughput
 * in lifecycles per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LifecycleBenchmark {

  private static final int PORT_A = 40_000;
  private static final int PORT_B = 80;
  private static final byte[] ONE_OCTET = {42};

  private final TcpConfig config = TcpConfig.defaults();
  private final IsnGenerator isnA = now -> SeqNum.of(1_000);
  private final IsnGenerator isnB = now -> SeqNum.of(5_000_000);
  private final ArrayDeque<Segment> toA = new ArrayDeque<>();
  private final ArrayDeque<Segment> toB = new ArrayDeque<>();
  private long now;

  /** Delivers every queued segment, and whatever it provokes, until both directions are quiet. */
  private void pump(Connection a, Connection b) {
    while (true) {
      Segment s = toB.poll();
      if (s != null) {
        toA.addAll(b.handleSegment(s, now).segments());
        continue;
      }
      s = toA.poll();
      if (s == null) {
        return;
      }
      toB.addAll(a.handleSegment(s, now).segments());
    }
  }

  private static void sendTo(ArrayDeque<Segment> queue, ConnResult r) {
    queue.addAll(r.segments());
  }

  /** Trace events seen by {@link #lifecycleTraced}'s sink. */
  private long events;

  /** One lifecycle without a trace sink; returns A's final state. */
  @Benchmark
  public TcpState lifecycle() {
    return run(null);
  }

  /** One lifecycle with a trace sink on both engines that counts the events it receives. */
  @Benchmark
  public TcpState lifecycleTraced() {
    return run(e -> events++);
  }

  private TcpState run(@Nullable TraceSink sink) {
    now += 1_000;
    Connection a = new Connection(config, isnA, PORT_A, PORT_B, sink);
    Connection b = new Connection(config, isnB, PORT_B, PORT_A, sink);
    b.passiveOpen(now);
    sendTo(toB, a.activeOpen(now));
    pump(a, b);
    sendTo(toB, a.send(ONE_OCTET, now));
    sendTo(toA, b.send(ONE_OCTET, now));
    pump(a, b);
    sendTo(toB, a.close(now));
    pump(a, b);
    sendTo(toA, b.close(now));
    pump(a, b);
    TcpState end = a.state();
    if (!(end instanceof TcpState.TimeWait) || !(b.state() instanceof TcpState.Closed)) {
      throw new IllegalStateException("lifecycle ended in " + end + " / " + b.state());
    }
    return end;
  }
}
