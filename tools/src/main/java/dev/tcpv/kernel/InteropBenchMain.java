package dev.tcpv.kernel;

import static dev.tcpv.kernel.InteropRig.CLIENT_PORT;
import static dev.tcpv.kernel.InteropRig.ENGINE_V4;
import static dev.tcpv.kernel.InteropRig.LINUX_V4;
import static dev.tcpv.kernel.InteropRig.SERVER_PORT;

import dev.tcpv.conn.UserEvent;
import dev.tcpv.endpoint.FourTuple;
import dev.tcpv.kernel.InteropRig.EngineApp;
import dev.tcpv.tun.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM of the interop benchmark, inside its namespace ({@code InteropBenchMain MIB RUNS}): {@code RUNS} times
 * each, a one-way bulk transfer of {@code MIB} MiB from the engine to Linux and from Linux to the engine over the
 * TUN device, and the same between two kernel sockets over the namespace's loopback. Prints one line per transfer,
 * {@code NAME OCTETS MICROS}, the time from the connection's opening to the receiver's end of stream; exits 1 with
 * one line on stderr when a transfer fails or delivers another number of octets.
 */
public final class InteropBenchMain {
  private InteropBenchMain() {}

  /** The transfers, in the order each run makes them. */
  static final String[] TRANSFERS = {"engine->linux", "linux->engine", "loopback"};

  public static void main(String[] args) {
    try {
      int mib = Integer.parseInt(args[0]);
      int runs = Integer.parseInt(args[1]);
      byte[] data = InteropRig.data(7, mib << 20);
      for (int r = 0; r < runs; r++) {
        report(TRANSFERS[0], data.length, engineToLinux(data));
        report(TRANSFERS[1], data.length, linuxToEngine(data, CLIENT_PORT + 1 + r));
        report(TRANSFERS[2], data.length, loopback(data));
      }
    } catch (Exception | Error e) {
      System.err.println("interop benchmark: " + e.getMessage());
      System.exit(1);
    }
    System.exit(0);
  }

  private static void report(String name, long octets, long micros) {
    System.out.println(name + " " + octets + " " + micros);
  }

  private static void sameLength(String who, long got, long sent) {
    if (got != sent) {
      throw new IllegalStateException(who + " received " + got + " octets of " + sent);
    }
  }

  /** Reads {@code in} to its end; the octets read. */
  private static long drain(InputStream in) throws IOException {
    byte[] b = new byte[1 << 16];
    long n = 0;
    for (int k = in.read(b); k >= 0; k = in.read(b)) {
      n += k;
    }
    return n;
  }

  /** The engine connects, sends {@code data} and closes; Linux reads to the end. Microseconds taken. */
  private static long engineToLinux(byte[] data) throws Exception {
    FourTuple t = new FourTuple(InteropRig.address(ENGINE_V4), CLIENT_PORT, InteropRig.address(LINUX_V4),
        SERVER_PORT);
    EngineApp app = EngineApp.connecting(t, (a, loop, c, e) -> {
      if (e instanceof UserEvent.Established) {
        loop.send(c, data);
        loop.close(c);
      }
    }, (a, loop) -> a.peerClosed);
    AtomicLong got = new AtomicLong();
    AtomicLong end = new AtomicLong();
    try (ServerSocket l = new ServerSocket()) {
      l.setReuseAddress(true);
      l.bind(new InetSocketAddress(InteropRig.inet(LINUX_V4), SERVER_PORT));
      long start = System.nanoTime();
      InteropRig.open(app, EventLoop.PASS).run(() -> {
        try (Socket s = l.accept()) {
          got.set(drain(s.getInputStream()));
          end.set(System.nanoTime());
          s.shutdownOutput();
        }
      });
      sameLength("Linux", got.get(), data.length);
      return (end.get() - start) / 1000;
    }
  }

  /**
   * Linux connects from {@code port}, sends {@code data} and shuts its side; the engine reads to the FIN.
   * Microseconds taken. Each run takes a port of its own: Linux, which closes first, keeps the last one in
   * TIME-WAIT.
   */
  private static long linuxToEngine(byte[] data, int port) throws Exception {
    FourTuple t = new FourTuple(InteropRig.address(ENGINE_V4), SERVER_PORT, InteropRig.address(LINUX_V4), port);
    AtomicLong end = new AtomicLong();
    EngineApp app = EngineApp.serving(t, SERVER_PORT, (a, loop, c, e) -> {
      if (e instanceof UserEvent.PeerClosed) {
        end.set(System.nanoTime());
        loop.close(c);
      }
    }, EngineApp.peerClosedIn(t, "CLOSED"));
    long start = System.nanoTime();
    InteropRig.open(app, EventLoop.PASS).run(() -> {
      try (Socket s = new Socket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InteropRig.inet(LINUX_V4), port));
        s.connect(new InetSocketAddress(InteropRig.inet(ENGINE_V4), SERVER_PORT), 10_000);
        s.getOutputStream().write(data);
        s.shutdownOutput();
        drain(s.getInputStream());
      }
    });
    sameLength("the engine", app.receivedOctets, data.length);
    return (end.get() - start) / 1000;
  }

  /** Two kernel sockets over the namespace's loopback: the same transfer. Microseconds taken. */
  private static long loopback(byte[] data) throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    try (ServerSocket l = new ServerSocket()) {
      l.setReuseAddress(true);
      l.bind(new InetSocketAddress(lo, 0));
      long start = System.nanoTime();
      CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
        try (Socket s = new Socket(lo, l.getLocalPort())) {
          OutputStream out = s.getOutputStream();
          out.write(data);
          s.shutdownOutput();
          drain(s.getInputStream());
        } catch (IOException e) {
          throw new IllegalStateException("loopback sender: " + e.getMessage(), e);
        }
      }, InteropRig::thread);
      long got;
      long end;
      try (Socket s = l.accept()) {
        got = drain(s.getInputStream());
        end = System.nanoTime();
      }
      sender.join();
      sameLength("the loopback receiver", got, data.length);
      return (end - start) / 1000;
    }
  }
}
