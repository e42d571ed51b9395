package dev.tcpv.kernel;

import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.endpoint.Endpoint;
import dev.tcpv.endpoint.FourTuple;
import dev.tcpv.endpoint.IpAddress;
import dev.tcpv.tun.EventLoop;
import dev.tcpv.tun.TunDevice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.tcpv.sim.ConnectionFactory;
import org.jspecify.annotations.Nullable;

/**
 * What an interop scenario runs on, inside its namespace: the engine ({@link Endpoint}, as it ships with the
 * device's MSS: {@link #engineConfig}) on the TUN device {@value #DEVICE} at {@link #ENGINE_V4} /
 * {@link #ENGINE_V6}, the kernel on the device's other side at {@link #LINUX_V4} / {@link #LINUX_V6}. The engine
 * runs on this thread's {@link EventLoop}; the kernel's sockets run on other threads.
 */
final class InteropRig {
  /** The device the stage creates in the namespace. */
  static final String DEVICE = "tun0";
  /** The kernel's address on the device (documentation prefix, inside the namespace only). */
  static final String LINUX_V4 = "192.0.2.1";
  /** The engine's address, routed to the device. */
  static final String ENGINE_V4 = "192.0.2.2";
  /** The kernel's IPv6 address on the device. */
  static final String LINUX_V6 = "2001:db8::1";
  /** The engine's IPv6 address. */
  static final String ENGINE_V6 = "2001:db8::2";
  /** The engine's port as a server, and the kernel's. */
  static final int SERVER_PORT = 5000;
  /** The engine's port as a client, and the kernel's. */
  static final int CLIENT_PORT = 40000;
  /** A port nobody listens on. */
  static final int CLOSED_PORT = 5999;
  /** How long a scenario may take on the loop's clock before it fails. */
  static final long DEADLINE_MICROS = 120_000_000L;

  /**
   * The engines of the endpoint, when not the shipped ones: set only by a test's scenario JVM that runs the engine
   * with an injected fault (InteropFaultMain, in the tests); null in every JVM main code starts.
   */
  static volatile @Nullable ConnectionFactory engines;

  /**
   * How long the scenario may take, {@link #DEADLINE_MICROS} but in a test's JVM whose faulty engine is expected to
   * hang (InteropFaultMain), which shortens it.
   */
  static volatile long deadlineMicros = DEADLINE_MICROS;

  final TunDevice tun;
  final EventLoop loop;
  private final EngineApp app;
  /** The engine's own trace, when the stage asked for it ({@link EngineTrace#ENV}). */
  private final @Nullable EngineTrace trace;

  private InteropRig(TunDevice tun, EventLoop loop, EngineApp app, @Nullable EngineTrace trace) {
    this.tun = tun;
    this.loop = loop;
    this.app = app;
    this.trace = trace;
  }

  /** The MTU of the device the stage makes. */
  static final int MTU = 65_535;

  /**
   * The MSS the engine announces on the device: what its MTU leaves for text, MTU − 20 (IP) − 20 (TCP) for IPv4 and
   * MTU − 40 − 20 for IPv6 (RFC 9293 §3.7.1, a host's MSS from the interface it sends on), the smaller of the two
   * for both, since one configuration serves both families.
   */
  static final int MSS = MTU - 60;

  /**
   * The engine as it ships ({@link TcpConfig#defaults}) with the MSS of the device ({@link #MSS}), where the
   * defaults announce Ethernet's 1,460.
   */
  static TcpConfig engineConfig() {
    return engineConfig(MTU);
  }

  /** As {@link #engineConfig()} on a device of MTU {@code mtu}: the MSS is {@code mtu} − 60. */
  static TcpConfig engineConfig(int mtu) {
    return TcpConfig.defaults().withMss(mtu - 60);
  }

  /** The rig for {@code app}, packets passing {@code tap}, on the device the stage made. */
  static InteropRig open(EngineApp app, EventLoop.Tap tap) throws IOException {
    return open(app, tap, engineConfig());
  }

  /** As {@link #open(EngineApp, EventLoop.Tap)}, the engine configured with {@code config}. */
  static InteropRig open(EngineApp app, EventLoop.Tap tap, TcpConfig config) throws IOException {
    return open(app, tap, config, MTU);
  }

  /**
   * As {@link #open(EngineApp, EventLoop.Tap, TcpConfig)} on a device of MTU {@code mtu} (the scenario's {@link
   * InteropScenario#mtu}).
   */
  static InteropRig open(EngineApp app, EventLoop.Tap tap, TcpConfig config, int mtu) throws IOException {
    TunDevice tun = TunDevice.open(DEVICE);
    try {
      ConnectionFactory faulty = engines;
      ConnectionFactory factory = faulty == null ? ConnectionFactory.ENGINE : faulty;
      // The engine's own trace, which the stage validates (a test's faulty engines write theirs too).
      String base = System.getenv(EngineTrace.ENV);
      EngineTrace trace = base == null || base.isBlank() ? null : EngineTrace.to(base, config, mtu);
      Endpoint e = trace != null ? new Endpoint(config, new SecureRandom(), false, trace.engines(factory))
          : faulty != null ? new Endpoint(config, new SecureRandom(), false,
              (c, isn, local, remote) -> faulty.create(c, isn, local, remote, event -> {}))
          : new Endpoint(config, new SecureRandom(), false);
      EventLoop loop = new EventLoop(tun, e, Set.of(address(ENGINE_V4), address(ENGINE_V6)), app, tap,
          EventLoop.NO_OBSERVER);
      return new InteropRig(tun, loop, app, trace);
    } catch (IOException | RuntimeException e) {
      tun.close();
      throw e;
    }
  }

  /**
   * Runs the engine's side on this thread and {@code linux} on another until both are done: the engine's when its
   * application says so, the kernel's when {@code linux} returns. The kernel side's failure is rethrown.
   */
  void run(LinuxSide linux) throws Exception {
    // A thread of its own, not the common pool: on 2 cores that pool has one thread, and the kernel side's reader
    // and writer block in socket calls side by side.
    CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
      try {
        linux.run();
      } catch (Exception e) {
        throw new IllegalStateException(e.toString(), e);
      }
    }, InteropRig::thread);
    done.whenComplete((v, t) -> loop.submit(() -> {
      app.linuxDone = true;
      if (t != null) {
        // The kernel side failed: nothing the engine does now can make the scenario pass; its reason is reported.
        loop.stop();
      }
      app.maybeStop(loop);
    }));
    try {
      long deadline = deadlineMicros;
      if (!loop.run(deadline)) {
        throw new IllegalStateException("not done within " + deadline / 1_000_000 + " s: engine "
            + app.progress() + (done.isDone() ? "" : "; the kernel side still running"));
      }
      done.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      throw new IllegalStateException("kernel side: " + (c == null ? e : c.getMessage()), c);
    } finally {
      loop.close();
      tun.close();
      EngineTrace t = trace;
      if (t != null) {
        t.close();
      }
    }
  }

  /** Runs {@code r} on a new daemon thread (an Executor for blocking socket work). */
  static void thread(Runnable r) {
    Thread t = new Thread(r, "kernel side");
    t.setDaemon(true);
    t.start();
  }

  static IpAddress address(String literal) {
    try {
      return IpAddress.of(InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  static InetAddress inet(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** {@code n} octets drawn from {@code seed}: both ends make the same ones, so digests can be compared. */
  static byte[] data(long seed, int n) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  /** The kernel's side of a scenario, on its own thread. */
  @FunctionalInterface
  interface LinuxSide {
    void run() throws Exception;
  }

  /**
   * The engine's user in a scenario: keeps what arrived (its digest and length), the events, and says when its
   * side is done ({@link #done}); the loop stops once both sides are.
   */
  abstract static class EngineApp implements EventLoop.Application {
    final MessageDigest received = sha256();
    long receivedOctets;
    boolean established;
    boolean peerClosed;
    @Nullable String error;
    boolean closed;
    volatile boolean linuxDone;
    @Nullable FourTuple tuple;

    /** Whether the engine's side has done all it should. */
    abstract boolean done(EventLoop loop);

    /** What a user built from parts does on an event of connection {@code c}. */
    @FunctionalInterface
    interface Reaction {
      void on(EngineApp app, EventLoop loop, FourTuple c, UserEvent e) throws IOException;
    }

    /** When a user built from parts is done. */
    @FunctionalInterface
    interface Done {
      boolean done(EngineApp app, EventLoop loop);
    }

    /** A user that opens {@code t} actively, reacts with {@code r}, and is done when {@code d} says. */
    static EngineApp connecting(FourTuple t, Reaction r, Done d) {
      return of(t, -1, r, d);
    }

    /** A user that listens on {@code port} for {@code t}'s connection, reacts with {@code r}, done by {@code d}. */
    static EngineApp serving(FourTuple t, int port, Reaction r, Done d) {
      return of(t, port, r, d);
    }

    /** Done once the peer's FIN has arrived and {@code t} is in {@code state}. */
    static Done peerClosedIn(FourTuple t, String state) {
      return (app, loop) -> app.peerClosed && loop.endpoint().state(t).equals(state);
    }

    private static EngineApp of(FourTuple t, int port, Reaction r, Done d) {
      return new EngineApp() {
        @Override
        public void start(EventLoop loop) throws IOException {
          tuple = t;
          if (port < 0) {
            loop.connect(t);
          } else {
            serve(loop, port);
          }
        }

        @Override
        void on(EventLoop loop, FourTuple c, UserEvent e) throws IOException {
          r.on(this, loop, c, e);
        }

        @Override
        boolean done(EventLoop loop) {
          return d.done(this, loop);
        }
      };
    }

    /** What the engine's side has seen, for a failure's message. */
    String progress() {
      return "received " + receivedOctets + " octets" + (established ? ", established" : "")
          + (peerClosed ? ", peer closed" : "") + (error != null ? ", " + error : "") + (closed ? ", closed" : "")
          + (tuple != null ? ", " + loop(tuple) : "");
    }

    private @Nullable EventLoop lastLoop;

    private String loop(FourTuple t) {
      return "state " + lastState(t);
    }

    /** The engine's state of {@code t} when the loop last called the application. */
    String lastState(FourTuple t) {
      EventLoop l = lastLoop;
      return l == null ? "CLOSED" : l.endpoint().state(t);
    }

    /** Reacts to one event; the default keeps it. */
    void on(EventLoop loop, FourTuple t, UserEvent e) throws IOException {}

    private int listening = -1;

    /** LISTEN on {@code port} (backlog 1); each connection that reaches ESTABLISHED there is accepted. */
    final void serve(EventLoop loop, int port) {
      listening = port;
      loop.listen(port, 1);
    }

    @Override
    public final void event(EventLoop loop, FourTuple t, UserEvent e) throws IOException {
      lastLoop = loop;
      switch (e) {
        case UserEvent.Established est -> {
          established = true;
          if (listening >= 0) {
            loop.accept(listening);
          }
        }
        case UserEvent.DataDelivered d -> {
          received.update(d.data());
          receivedOctets += d.data().length;
        }
        case UserEvent.PeerClosed p -> peerClosed = true;
        case UserEvent.ConnectionReset r -> error = "connection reset";
        case UserEvent.ConnectionRefused r -> error = "connection refused";
        case UserEvent.ConnectionTimedOut r -> error = "connection timed out";
        case UserEvent.Closed c -> closed = true;
      }
      on(loop, t, e);
      maybeStop(loop);
    }

    final void maybeStop(EventLoop loop) {
      lastLoop = loop;
      if (linuxDone && done(loop)) {
        loop.stop();
      }
    }
  }
}
