package dev.tcpv.conform;

import dev.tcpv.conn.ConnResult;
import dev.tcpv.conn.Connection;
import dev.tcpv.conn.IsnGenerator;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.TcpState;
import dev.tcpv.conn.Timer;
import dev.tcpv.trace.TraceSink;
import dev.tcpv.wire.Segment;
import org.jspecify.annotations.Nullable;

/**
 * One engine as the conformance driver sees it: the inputs of {@link Connection} and what the abstraction
 * function reads (state, timer deadlines). The seam exists so that a test can drive a deliberately wrong engine;
 * the CLI always drives {@link Connection} itself ({@link #connection}).
 */
public interface Engine {
  ConnResult activeOpen(long now);

  ConnResult passiveOpen(long now);

  ConnResult send(byte[] data, long now);

  ConnResult receive(int max, long now);

  /** One segment of queued text or a queued FIN, if the window lets it out (the engine defers its output). */
  ConnResult output(long now);

  ConnResult close(long now);

  ConnResult abort(long now);

  ConnResult handleSegment(Segment segment, long now);

  ConnResult handleTimeout(Timer timer, long now);

  TcpState state();

  @Nullable Long deadline(Timer timer);

  /** Makes the engine of one host. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param host the spec host, "A" or "B"
     * @param config the engine configuration
     * @param isn the ISS source the driver controls
     * @param localPort the host's port
     * @param remotePort the peer's port
     * @param sink the trace sink
     */
    Engine create(String host, TcpConfig config, IsnGenerator isn, int localPort, int remotePort,
        @Nullable TraceSink sink);
  }

  /** The engine itself. */
  static Factory connection() {
    return (host, config, isn, local, remote, sink) -> of(new Connection(config, isn, local, remote, sink));
  }

  /** {@code c} as an {@link Engine}. */
  static Engine of(Connection c) {
    return new Delegating(c);
  }

  /**
   * An engine that passes every call to a {@link Connection}; a test that needs a wrong engine extends it and
   * overrides only the input it breaks.
   */
  class Delegating implements Engine {
    private final Connection c;

    public Delegating(Connection c) {
      this.c = c;
    }

    @Override
    public ConnResult activeOpen(long now) {
      return c.activeOpen(now);
    }

    @Override
    public ConnResult passiveOpen(long now) {
      return c.passiveOpen(now);
    }

    @Override
    public ConnResult send(byte[] data, long now) {
      return c.send(data, now);
    }

    @Override
    public ConnResult receive(int max, long now) {
      return c.receive(max, now);
    }

    @Override
    public ConnResult output(long now) {
      return c.output(now);
    }

    @Override
    public ConnResult close(long now) {
      return c.close(now);
    }

    @Override
    public ConnResult abort(long now) {
      return c.abort(now);
    }

    @Override
    public ConnResult handleSegment(Segment segment, long now) {
      return c.handleSegment(segment, now);
    }

    @Override
    public ConnResult handleTimeout(Timer timer, long now) {
      return c.handleTimeout(timer, now);
    }

    @Override
    public TcpState state() {
      return c.state();
    }

    @Override
    public @Nullable Long deadline(Timer timer) {
      return c.deadline(timer);
    }
  }
}
