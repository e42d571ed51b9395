package dev.tcpv.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import jdk.net.ExtendedSocketOptions;
import org.jspecify.annotations.Nullable;

/**
 * One scenario of the {@code linux} stage: what two Java sockets do over the kernel's loopback, the packet filter
 * rules the namespace gets first (drops after the capture point: on loopback tcpdump sees a segment as it is sent,
 * and the filter's INPUT chain drops it on arrival), and the keep-alive settings the capture is validated with.
 *
 * <p>The server listens on {@value #SERVER_PORT}, the client connects from {@value #CLIENT_PORT}, both on
 * 127.0.0.1: a namespace of its own has every port free, and fixed ports make the captures read alike.
 */
public enum Scenario {
  CLIENT_CLOSES_FIRST("handshake, 5 octets each way, the client closes first", List.of(), null) {
    @Override
    void run() throws Exception {
      exchange(true);
    }
  },
  SERVER_CLOSES_FIRST("handshake, 5 octets each way, the server closes first", List.of(), null) {
    @Override
    void run() throws Exception {
      exchange(false);
    }
  },
  HALF_CLOSE("the client sends 100 octets and shuts its side; the server then sends 1,000 and closes", List.of(),
      null) {
    @Override
    void run() throws Exception {
      try (ServerSocket listener = listen(); Socket client = connect()) {
        CompletableFuture<Void> server = CompletableFuture.runAsync(() -> unchecked(() -> {
          try (Socket s = listener.accept()) {
            readToEnd(s.getInputStream(), 100);
            s.getOutputStream().write(new byte[1000]);
          }
        }));
        client.getOutputStream().write(new byte[100]);
        client.shutdownOutput();
        readToEnd(client.getInputStream(), 1000);
        server.join();
      }
    }
  },
  REFUSED("a connection to a port nobody listens on is refused", List.of(), null) {
    @Override
    void run() throws Exception {
      try (Socket s = new Socket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(LOOPBACK, Scenario.CLIENT_PORT));
        s.connect(new InetSocketAddress(LOOPBACK, Scenario.SERVER_PORT), 5000);
        throw new IllegalStateException("the connection was not refused");
      } catch (ConnectException refused) {
        // as expected
      }
    }
  },
  ABORT("the client sends 10 octets and aborts (SO_LINGER 0): a RST", List.of(), null) {
    @Override
    void run() throws Exception {
      try (ServerSocket listener = listen(); Socket client = connect(); Socket s = listener.accept()) {
        client.getOutputStream().write(new byte[10]);
        readExactly(s.getInputStream(), 10);
        client.setSoLinger(true, 0);
        closeNow(client);
        try {
          int r = s.getInputStream().read();
          if (r != -1) {
            throw new IllegalStateException("read " + r + " after the peer's RST");
          }
          throw new IllegalStateException("the RST was read as an end of stream");
        } catch (IOException reset) {
          // as expected: "Connection reset"
        }
      }
    }
  },
  SIMULTANEOUS_CLOSE("both close at once; each first FIN is dropped on arrival, so the retransmitted FINs cross",
      List.of(dropFirst("--dport " + Scenario.SERVER_PORT + " --tcp-flags FIN FIN"),
          dropFirst("--dport " + Scenario.CLIENT_PORT + " --tcp-flags FIN FIN")), null) {
    @Override
    void run() throws Exception {
      try (ServerSocket listener = listen(); Socket client = connect(); Socket s = listener.accept()) {
        CyclicBarrier both = new CyclicBarrier(2);
        CompletableFuture<Void> server = CompletableFuture.runAsync(() -> unchecked(() -> {
          both.await();
          closeNow(s);
        }));
        both.await();
        closeNow(client);
        server.join();
      }
    }
  },
  SIMULTANEOUS_OPEN("both connect to each other; each first SYN is dropped on arrival, so the retransmitted SYNs "
      + "cross", List.of(dropFirst("--dport " + Scenario.SERVER_PORT + " --syn"),
          dropFirst("--dport " + Scenario.CLIENT_PORT + " --syn")), null) {
    @Override
    void run() throws Exception {
      try (Socket a = bound(Scenario.CLIENT_PORT); Socket b = bound(Scenario.SERVER_PORT)) {
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> unchecked(() ->
            b.connect(new InetSocketAddress(LOOPBACK, Scenario.CLIENT_PORT), 10_000)));
        a.connect(new InetSocketAddress(LOOPBACK, Scenario.SERVER_PORT), 10_000);
        other.join();
        a.getOutputStream().write(new byte[5]);
        readExactly(b.getInputStream(), 5);
        closeNow(a);
        readToEnd(b.getInputStream(), 0);
      }
    }
  },
  TIME_WAIT_REOPEN("the server closes first and stays in TIME-WAIT; the client connects again from the same port",
      List.of(), null) {
    @Override
    void run() throws Exception {
      try (ServerSocket listener = listen()) {
        for (int i = 0; i < 2; i++) {
          try (Socket client = connect(); Socket s = listener.accept()) {
            client.getOutputStream().write(new byte[5]);
            readExactly(s.getInputStream(), 5);
            closeNow(s);
            readToEnd(client.getInputStream(), 0);
          }
        }
      }
    }
  },
  KEEP_ALIVE("both sockets keep alive (idle 1 s, interval 1 s, 3 probes); the connection idles 3.5 s", List.of(),
      "1,1,3") {
    @Override
    void run() throws Exception {
      try (ServerSocket listener = listen(); Socket client = new Socket()) {
        keepAlive(client);
        client.setReuseAddress(true);
        client.bind(new InetSocketAddress(LOOPBACK, Scenario.CLIENT_PORT));
        client.connect(new InetSocketAddress(LOOPBACK, Scenario.SERVER_PORT), 5000);
        try (Socket s = listener.accept()) {
          keepAlive(s);
          Thread.sleep(3500);
          closeNow(client);
          readToEnd(s.getInputStream(), 0);
        }
      }
    }
  },
  LOSS("256 KB to the server, every fifth segment of text dropped on arrival (filter 'statistic nth'), then close",
      List.of("-A INPUT -p tcp --dport " + Scenario.SERVER_PORT
          + " -m length --length 200:65535 -m statistic --mode nth --every 5 --packet 2 -j DROP"), null) {
    @Override
    void run() throws Exception {
      transfer(256 * 1024);
    }
  },
  TRANSFER_4MB("4 MB to the server, then close", List.of(), null) {
    @Override
    void run() throws Exception {
      transfer(4 * 1024 * 1024);
    }
  },
  TRANSFER_4MB_MTU1500("4 MB to the server over a loopback of MTU 1,500 without segmentation offload, then close",
      List.of(), null) {
    @Override
    void run() throws Exception {
      transfer(4 * 1024 * 1024);
    }

    @Override
    public List<String> link() {
      return List.of("mtu", "1500", "gso_max_size", "1500", "gso_max_segs", "1");
    }

    @Override
    public boolean byDefault() {
      return false;
    }
  };

  /** The server's port. */
  public static final int SERVER_PORT = 5000;
  /** The client's port. */
  public static final int CLIENT_PORT = 40000;
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final String description;
  private final List<String> rules;
  private final @Nullable String keepAlive;

  Scenario(String description, List<String> rules, @Nullable String keepAlive) {
    this.description = description;
    this.rules = List.copyOf(rules);
    this.keepAlive = keepAlive;
  }

  /** What the scenario does. */
  public String description() {
    return description;
  }

  /** The scenario's name on the command line and in file names: its constant in lower case, with dashes. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The iptables rules (arguments after {@code iptables}) the namespace gets before the scenario runs. */
  public List<String> rules() {
    return rules;
  }

  /**
   * The finding (docs/findings.md) that explains why this scenario's capture is rejected, or null when it must
   * validate.
   */
  public @Nullable String finding() {
    return null;
  }

  /** The scenarios run by default ({@link #byDefault}), in order. */
  public static List<Scenario> defaults() {
    return java.util.Arrays.stream(values()).filter(Scenario::byDefault).toList();
  }

  /** The settings of the namespace's loopback ({@code ip link set lo ...}) before the scenario runs; none. */
  public List<String> link() {
    return List.of();
  }

  /**
   * Whether {@code tcpv linux} without names, and the {@code linux} stage, run it: not for a scenario whose capture
   * takes minutes to validate, which one names to run.
   */
  public boolean byDefault() {
    return true;
  }

  /** The keep-alive settings to validate with ({@code IDLE,INTERVAL,PROBES}), or null when keep-alive is off. */
  public @Nullable String keepAlive() {
    return keepAlive;
  }

  /** The scenario of {@code label}, or null. */
  public static @Nullable Scenario of(String label) {
    for (Scenario s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return null;
  }

  /** Runs the scenario's sockets; called in the namespace, in a JVM of its own ({@link ScenarioMain}). */
  abstract void run() throws Exception;

  /** A rule that drops the first TCP segment matching {@code match} on arrival (and no later one). */
  private static String dropFirst(String match) {
    return "-A INPUT -p tcp " + match + " -m statistic --mode nth --every 1000000 --packet 0 -j DROP";
  }

  /** A body that may throw, run where only unchecked exceptions may leave. */
  interface Body {
    void run() throws Exception;
  }

  static void unchecked(Body body) {
    try {
      body.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Closes {@code s} now, in the middle of the scenario (the try-with-resources that owns it closes it again at
   * the end, which does nothing).
   */
  static void closeNow(Socket s) throws IOException {
    s.close();
  }

  static ServerSocket listen() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(LOOPBACK, SERVER_PORT));
    return s;
  }

  static Socket bound(int port) throws IOException {
    Socket s = new Socket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(LOOPBACK, port));
    return s;
  }

  static Socket connect() throws IOException {
    Socket s = bound(CLIENT_PORT);
    s.connect(new InetSocketAddress(LOOPBACK, SERVER_PORT), 5000);
    return s;
  }

  static void keepAlive(Socket s) throws IOException {
    s.setKeepAlive(true);
    s.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 1);
    s.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 1);
    s.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
  }

  static void readExactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new IllegalStateException("read " + b.length + " octets, expected " + n);
    }
  }

  /** Reads until the peer's FIN, expecting {@code n} octets. */
  static void readToEnd(InputStream in, int n) throws IOException {
    byte[] b = in.readAllBytes();
    if (b.length != n) {
      throw new IllegalStateException("read " + b.length + " octets before the end, expected " + n);
    }
  }

  /** Handshake, 5 octets each way, then the client ({@code clientFirst}) or the server closes first. */
  static void exchange(boolean clientFirst) throws Exception {
    try (ServerSocket listener = listen(); Socket client = connect(); Socket s = listener.accept()) {
      OutputStream out = client.getOutputStream();
      out.write(new byte[5]);
      readExactly(s.getInputStream(), 5);
      s.getOutputStream().write(new byte[5]);
      readExactly(client.getInputStream(), 5);
      Socket first = clientFirst ? client : s;
      Socket second = clientFirst ? s : client;
      closeNow(first);
      readToEnd(second.getInputStream(), 0);
      closeNow(second);
    }
  }

  /** {@code n} octets from the client to the server, in writes of 64 KB; the client closes first. */
  static void transfer(int n) throws Exception {
    try (ServerSocket listener = listen(); Socket client = connect(); Socket s = listener.accept()) {
      CompletableFuture<Void> server = CompletableFuture.runAsync(() -> unchecked(() -> {
        readToEnd(s.getInputStream(), n);
        closeNow(s);
      }));
      OutputStream out = client.getOutputStream();
      byte[] chunk = new byte[64 * 1024];
      for (int sent = 0; sent < n; sent += chunk.length) {
        out.write(chunk, 0, Math.min(chunk.length, n - sent));
      }
      client.shutdownOutput();
      server.join();
      readToEnd(client.getInputStream(), 0);
    }
  }
}
