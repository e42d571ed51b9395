package dev.tcpv.kernel;

import static dev.tcpv.kernel.InteropRig.CLIENT_PORT;
import static dev.tcpv.kernel.InteropRig.CLOSED_PORT;
import static dev.tcpv.kernel.InteropRig.ENGINE_V4;
import static dev.tcpv.kernel.InteropRig.ENGINE_V6;
import static dev.tcpv.kernel.InteropRig.LINUX_V4;
import static dev.tcpv.kernel.InteropRig.LINUX_V6;
import static dev.tcpv.kernel.InteropRig.SERVER_PORT;

import dev.tcpv.conn.UserEvent;
import dev.tcpv.endpoint.FourTuple;
import dev.tcpv.kernel.InteropRig.EngineApp;
import dev.tcpv.tun.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One scenario of the {@code interop} stage: the engine on a TUN device against the kernel's TCP through java.net
 * sockets, in a namespace of its own. Each checks the octets delivered both ways (SHA-256 of what was sent against
 * what arrived) and the states both ends end in: the engine's from {@link dev.tcpv.endpoint.Endpoint#state}, the
 * kernel's from {@code ss}. The stage captures the device with tcpdump and validates the capture.
 */
public enum InteropScenario {
  ENGINE_CLIENT_BULK("engine client, Linux server: 4 MiB each way at once; the engine closes first",
      Role.ENGINE_CLIENT, 4 << 20, 4 << 20, true, false, "TIME-WAIT", "CLOSED", Capture.VALID),
  LINUX_CLIENT_BULK("Linux client, engine server: 4 MiB each way at once; Linux closes first",
      Role.LINUX_CLIENT, 4 << 20, 4 << 20, false, false, "CLOSED", "TIME-WAIT", Capture.VALID),
  ENGINE_HALF_CLOSE("engine client sends 100 octets and shuts its side; Linux then sends 100 KiB and closes",
      Role.ENGINE_CLIENT, 100, 100 << 10, true, true, "TIME-WAIT", "CLOSED", Capture.VALID),
  LINUX_HALF_CLOSE("Linux client sends 100 octets and shuts its side; the engine then sends 100 KiB and closes",
      Role.LINUX_CLIENT, 100 << 10, 100, false, true, "CLOSED", "TIME-WAIT", Capture.VALID),
  IPV6_BULK("over IPv6: Linux client, engine server, 1 MiB each way at once; Linux closes first",
      Role.LINUX_CLIENT_V6, 1 << 20, 1 << 20, false, false, "CLOSED", "TIME-WAIT", Capture.VALID),
  LOSSY_BULK("engine client, Linux server, 4 MiB each way; 2% of Linux's packets dropped and 2% held back behind "
      + "the next (seeded) at the device, 2% of the engine's dropped by the filter; the engine closes first",
      Role.ENGINE_CLIENT, 4 << 20, 4 << 20, true, false, "TIME-WAIT", "CLOSED", Capture.VALID_OR_F7),
  ECHO("Linux client sends 1 MiB to the engine, which echoes it; Linux shuts its side, the engine closes after",
      Role.LINUX_CLIENT, "CLOSED", "TIME-WAIT", Capture.VALID, InteropScenario::echo),
  ENGINE_ABORT("engine client sends 1,000 octets, and ABORTs once Linux answers: Linux reads a reset",
      Role.ENGINE_CLIENT, "CLOSED", "CLOSED", Capture.VALID, InteropScenario::engineAborts),
  LINUX_ABORT("Linux client sends 1,000 octets and closes with SO_LINGER 0: the engine reads a reset",
      Role.LINUX_CLIENT, "CLOSED", "CLOSED", Capture.VALID, InteropScenario::linuxAborts),
  ENGINE_TO_CLOSED_PORT("the engine connects to a port Linux does not listen on: reset in SYN-SENT",
      Role.ENGINE_CLIENT, "CLOSED", "CLOSED", Capture.VALID, InteropScenario::engineRefused),
  LINUX_TO_CLOSED_PORT("Linux connects to a port the engine does not listen on: refused", Role.LINUX_CLIENT,
      "CLOSED", "CLOSED", Capture.VALID, InteropScenario::linuxRefused),
  SIMULTANEOUS_CLOSE("engine client, Linux server: 10,000 octets each way, both close at once; the engine's FIN is "
      + "held at the device until Linux's has crossed it, so both pass CLOSING", Role.ENGINE_CLIENT, "TIME-WAIT",
      "TIME-WAIT", Capture.VALID, InteropEdges::simultaneousClose),
  ENGINE_REOPENS_TIME_WAIT("engine client, Linux server: Linux closes first and stays in TIME-WAIT; the engine "
      + "connects again from the same port, and its SYN reopens Linux's TIME-WAIT", Role.ENGINE_CLIENT,
      "TIME-WAIT", "CLOSED", Capture.VALID, InteropEdges::engineReopens),
  LINUX_REOPENS_TIME_WAIT("Linux client, engine server: the engine closes first and stays in TIME-WAIT; Linux "
      + "connects again from the same port, and its SYN reopens the engine's TIME-WAIT", Role.LINUX_CLIENT,
      "CLOSED", "TIME-WAIT", Capture.VALID, InteropEdges::linuxReopens),
  ENGINE_FIN_LOST("Linux client sends 100 octets and shuts its side; the engine answers 100 and closes, and its "
      + "FIN is dropped at the device: resent from LAST-ACK", Role.LINUX_CLIENT, "CLOSED", "TIME-WAIT",
      Capture.VALID, InteropEdges::engineFinLost),
  ENGINE_FIN_LOST_LINUX_SENDS("engine client, Linux server: the engine shuts its side at once and its FIN is "
      + "dropped by the filter; Linux sends 100 octets every 200 ms for 3 s, acknowledging nothing new: the engine "
      + "resends the FIN on its retransmission timer while Linux sends", Role.ENGINE_CLIENT, "TIME-WAIT", "CLOSED",
      Capture.VALID, InteropEdges::engineFinLostLinuxSends),
  ENGINE_TIME_WAIT("engine client, Linux server, no text: the engine closes first and, its MSL set to 1 s, waits "
      + "in TIME-WAIT from Linux's FIN for 2 x MSL before it deletes the TCB", Role.ENGINE_CLIENT, "CLOSED",
      "CLOSED", Capture.VALID, InteropEdges::engineTimeWait),
  ENGINE_TIME_WAIT_ACK_LOST("as engine-time-wait, but the engine's ACK of Linux's FIN is dropped at the device: "
      + "Linux resends its FIN, the engine's TIME-WAIT acknowledges it again and waits 2 x MSL from then",
      Role.ENGINE_CLIENT, "CLOSED", "CLOSED", Capture.VALID, InteropEdges::engineTimeWaitAckLost),
  SMALL_MTU_LOSSY("engine client, Linux server, on a device of MTU 1,500: the engine sends 256 KiB, Linux answers "
      + "one octet, the engine closes; every 40th of its packets from the 30th dropped by the filter: slow start and "
      + "fast retransmit on the wire",
      Role.ENGINE_CLIENT, "TIME-WAIT", "CLOSED", Capture.VALID_OR_F7, InteropCongestion::smallMtuLossy) {
    @Override
    public int mtu() {
      return InteropCongestion.SMALL_MTU;
    }
  },
  KEEP_ALIVE_SILENT_PEER("engine client, Linux server, keep-alive on both (1 s idle, 1 s interval, 3 probes): "
      + "probes answered for 4.5 s, then Linux's packets are dropped at the device; both ends time out",
      Role.ENGINE_CLIENT, "CLOSED", "CLOSED", Capture.VALID, InteropEdges::keepAliveSilentPeer) {
    @Override
    public @Nullable String keepAlive() {
      return InteropEdges.KEEPALIVE_IDLE_S + "," + InteropEdges.KEEPALIVE_INTERVAL_S + ","
          + InteropEdges.KEEPALIVE_PROBES;
    }
  },
  DELAYED_ACK("Linux client sends 1 MiB to the engine, whose delayed ACKs are on (40 ms); Linux shuts its side, the "
      + "engine closes after", Role.LINUX_CLIENT, "CLOSED", "TIME-WAIT", Capture.VALID, InteropEdges::delayedAck),
  ZERO_WINDOW_READER("Linux client with a 16 KiB receive buffer stops reading for 3.5 s while the engine sends "
      + "1 MiB: the window closes, the engine probes it, the reader resumes", Role.LINUX_CLIENT, "TIME-WAIT",
      "CLOSED", Capture.VALID, InteropEdges::zeroWindowReader);

  /** What a scenario does, in its namespace: its one-line summary, or an exception that says why it failed. */
  @FunctionalInterface
  interface Body {
    String run(InteropScenario s) throws Exception;
  }

  /** Who opens and over which family. */
  enum Role {
    ENGINE_CLIENT,
    LINUX_CLIENT,
    LINUX_CLIENT_V6
  }

  /** What the capture's validation is expected to say (docs/findings.md). */
  public enum Capture {
    /** Valid. */
    VALID,
    /**
     * Valid, or rejected at a receiver's ACK after a loss: with segments dropped and held back at the device, the
     * states the validator keeps may miss the one in which the receiver holds what it really holds (finding F7).
     */
    VALID_OR_F7
  }

  private final Capture capture;
  private final String description;
  private final Role role;
  private final int engineSends;
  private final int linuxSends;
  private final boolean engineClosesFirst;
  private final boolean halfClose;
  private final String engineEnd;
  private final String linuxEnd;
  private final Body body;

  /**
   * A bulk transfer ({@link #bulk}): the engine sends {@code engineSends} octets and Linux {@code linuxSends}, at
   * once or, half-closing, the second after the first's FIN; each closes after its data.
   */
  InteropScenario(String description, Role role, int engineSends, int linuxSends, boolean engineClosesFirst,
      boolean halfClose, String engineEnd, String linuxEnd, Capture capture) {
    this(description, role, engineSends, linuxSends, engineClosesFirst, halfClose, engineEnd, linuxEnd, capture,
        InteropScenario::bulk);
  }

  /** A scenario of its own, {@code body}, which sends what it says. */
  InteropScenario(String description, Role role, String engineEnd, String linuxEnd, Capture capture, Body body) {
    this(description, role, 0, 0, false, false, engineEnd, linuxEnd, capture, body);
  }

  InteropScenario(String description, Role role, int engineSends, int linuxSends, boolean engineClosesFirst,
      boolean halfClose, String engineEnd, String linuxEnd, Capture capture, Body body) {
    this.capture = capture;
    this.description = description;
    this.role = role;
    this.engineSends = engineSends;
    this.linuxSends = linuxSends;
    this.engineClosesFirst = engineClosesFirst;
    this.halfClose = halfClose;
    this.engineEnd = engineEnd;
    this.linuxEnd = linuxEnd;
    this.body = body;
  }

  /** The scenario's name on the command line and in reports, e.g. {@code engine-client-bulk}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** What it does, in one line. */
  public String description() {
    return description;
  }

  /** What its capture's validation is expected to say. */
  public Capture capture() {
    return capture;
  }

  /**
   * The keep-alive settings both ends use, {@code IDLE,INTERVAL,PROBES} in seconds, seconds and a count, which the
   * capture is validated with; null when keep-alive is off.
   */
  public @Nullable String keepAlive() {
    return null;
  }

  /** The MTU of the scenario's device. */
  public int mtu() {
    return InteropRig.MTU;
  }

  /** Whether its packets cross the device as IPv6. */
  public boolean ipv6() {
    return role == Role.LINUX_CLIENT_V6;
  }

  /** The scenario labelled {@code label}, or null. */
  public static @Nullable InteropScenario of(String label) {
    for (InteropScenario s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return null;
  }

  /** Runs the scenario in the namespace the stage made; returns its one-line summary or throws why it failed. */
  String run() throws Exception {
    return body.run(this);
  }

  private String linuxAddress() {
    return role == Role.LINUX_CLIENT_V6 ? LINUX_V6 : LINUX_V4;
  }

  private String engineAddress() {
    return role == Role.LINUX_CLIENT_V6 ? ENGINE_V6 : ENGINE_V4;
  }

  /** The engine's 4-tuple: its port is the server port when Linux opens, the client port when it does. */
  FourTuple engineTuple() {
    boolean engineServes = role != Role.ENGINE_CLIENT;
    return new FourTuple(InteropRig.address(engineAddress()), engineServes ? SERVER_PORT : CLIENT_PORT,
        InteropRig.address(linuxAddress()), engineServes ? CLIENT_PORT : SERVER_PORT);
  }

  /**
   * The faults on the kernel's packets: {@code lossy-bulk}'s seeded drops and reorderings at the device, after
   * tcpdump saw them ({@link LossyTap}); none for the other scenarios.
   */
  private EventLoop.Tap tap() {
    if (this != LOSSY_BULK) {
      return EventLoop.PASS;
    }
    return new LossyTap(new SplittableRandom(20261204), 0.02, 0.02);
  }

  /** Every how many of the engine's packets {@code small-mtu-lossy}'s filter drops one. */
  static final int SMALL_MTU_DROP_EVERY = 40;

  /** Every how many of the engine's packets {@code lossy-bulk}'s filter drops one (2%). */
  static final int ENGINE_DROP_EVERY = 50;

  /**
   * The iptables rules (arguments after {@code iptables}) the scenario's namespace gets before it runs: for {@code
   * lossy-bulk}, the engine's packets dropped one in {@link #ENGINE_DROP_EVERY}, counted from the 18th, in the
   * kernel's input filter; for {@code small-mtu-lossy}, one in {@link #SMALL_MTU_DROP_EVERY} from the 30th; for
   * {@code engine-fin-lost-linux-sends}, the engine's first FIN. tcpdump has seen them
   * by then (a packet socket sees a packet the device receives before the filter does), so the capture shows every
   * packet the engine sent, as a capture point next to it would, and the loss is the network's beyond it. The
   * filter cannot hold a packet back: only the kernel's packets are reordered.
   */
  List<String> rules() {
    if (this == ENGINE_FIN_LOST_LINUX_SENDS) {
      // The engine's first FIN: packet 0 of those with FIN set that reach the rule.
      return List.of("-A INPUT -i " + InteropRig.DEVICE + " -p tcp --tcp-flags FIN FIN -m statistic --mode nth "
          + "--every 1000 --packet 0 -j DROP");
    }
    if (this == SMALL_MTU_LOSSY) {
      return List.of("-A INPUT -i " + InteropRig.DEVICE + " -p tcp -m statistic --mode nth --every "
          + SMALL_MTU_DROP_EVERY + " --packet 29 -j DROP");
    }
    if (this != LOSSY_BULK) {
      return List.of();
    }
    return List.of("-A INPUT -i " + InteropRig.DEVICE + " -p tcp -m statistic --mode nth --every " + ENGINE_DROP_EVERY
        + " --packet 17 -j DROP");
  }

  /** Both send at once (or, half-closing, the second after the first's FIN), each closes after its data. */
  private String bulk() throws Exception {
    byte[] engineData = InteropRig.data(1, engineSends);
    byte[] linuxData = InteropRig.data(2, linuxSends);
    FourTuple t = engineTuple();
    EngineApp app = new EngineApp() {
      boolean sent;

      @Override
      public void start(EventLoop loop) throws IOException {
        tuple = t;
        if (role == Role.ENGINE_CLIENT) {
          loop.connect(t);
        } else {
          serve(loop, SERVER_PORT);
        }
      }

      @Override
      void on(EventLoop loop, FourTuple c, UserEvent e) throws IOException {
        boolean sendNow = e instanceof UserEvent.Established && (engineClosesFirst || !halfClose)
            || e instanceof UserEvent.PeerClosed && !engineClosesFirst && halfClose;
        if (sendNow && !sent) {
          sent = true;
          if (engineData.length > 0) {
            loop.send(c, engineData);
          }
          if (engineClosesFirst) {
            loop.close(c);
          }
        }
        if (e instanceof UserEvent.PeerClosed && !engineClosesFirst) {
          loop.close(c);
        }
      }

      @Override
      boolean done(EventLoop loop) {
        return peerClosed && loop.endpoint().state(t).equals(engineEnd);
      }
    };
    LinuxEnd linux = new LinuxEnd();
    InteropRig rig = InteropRig.open(app, tap());
    rig.run(() -> {
      try (Socket s = linuxSocket()) {
        linux.use(s, linuxData, !engineClosesFirst, halfClose);
      }
    });
    return verdict(app, engineData, linuxData, linux);
  }

  /** The kernel's socket of the scenario, connected: accepted from the engine, or connected to it. */
  Socket linuxSocket() throws IOException {
    return linuxSocket(0);
  }

  /**
   * As {@link #linuxSocket()}, with a receive buffer of {@code receiveBuffer} octets asked for before the handshake
   * (the kernel doubles it and turns its autotuning off, socket(7)) when it is not 0.
   */
  Socket linuxSocket(int receiveBuffer) throws IOException {
    if (role == Role.ENGINE_CLIENT) {
      try (ServerSocket l = new ServerSocket()) {
        l.setReuseAddress(true);
        if (receiveBuffer > 0) {
          l.setReceiveBufferSize(receiveBuffer);
        }
        l.bind(new InetSocketAddress(InteropRig.inet(linuxAddress()), SERVER_PORT));
        return l.accept();
      }
    }
    Socket s = new Socket();
    s.setReuseAddress(true);
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.bind(new InetSocketAddress(InteropRig.inet(linuxAddress()), CLIENT_PORT));
    s.connect(new InetSocketAddress(InteropRig.inet(engineAddress()), SERVER_PORT), 10_000);
    return s;
  }

  /** The kernel's end of a transfer: what it read, and whether it did what it should. */
  static final class LinuxEnd {
    final MessageDigest received = InteropRig.sha256();
    long receivedOctets;

    /**
     * Sends {@code data} and reads to the end at once; closing first, it shuts its side after its data; else it
     * shuts after the peer's FIN. Half-closing, the side that closes second sends only after the first's FIN.
     */
    void use(Socket s, byte[] data, boolean closeFirst, boolean halfClose) throws Exception {
      InputStream in = s.getInputStream();
      if (halfClose && !closeFirst) {
        readToEnd(in);
        s.getOutputStream().write(data);
        s.shutdownOutput();
        return;
      }
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          s.getOutputStream().write(data);
          if (closeFirst) {
            s.shutdownOutput();
          }
        } catch (IOException e) {
          throw new IllegalStateException("write: " + e.getMessage(), e);
        }
      }, InteropRig::thread);
      readToEnd(in);
      writer.join();
      if (!closeFirst) {
        s.shutdownOutput();
      }
    }

    void readToEnd(InputStream in) throws IOException {
      byte[] b = new byte[1 << 16];
      for (int n = in.read(b); n >= 0; n = in.read(b)) {
        take(b, n);
      }
    }

    /** Reads exactly {@code n} octets more; the end of the stream before them is a failure that says where. */
    void readExactly(InputStream in, long n) throws IOException {
      byte[] b = new byte[1 << 16];
      long want = receivedOctets + n;
      while (receivedOctets < want) {
        int got = in.read(b, 0, (int) Math.min(b.length, want - receivedOctets));
        if (got < 0) {
          throw new IllegalStateException("the engine's text ended after " + receivedOctets + " octets");
        }
        take(b, got);
      }
    }

    private void take(byte[] b, int n) {
      received.update(b, 0, n);
      receivedOctets += n;
    }
  }

  String verdict(EngineApp app, byte[] engineData, byte[] linuxData, LinuxEnd linux)
      throws IOException, InterruptedException {
    return verdict(app, InteropRig.sha256().digest(linuxData), linuxData.length,
        InteropRig.sha256().digest(engineData), engineData.length, linux.received.digest(), linux.receivedOctets);
  }

  /** Compares the octets both ways and the end states; the summary, or an exception naming what differs. */
  private String verdict(EngineApp app, byte[] toEngine, long toEngineOctets, byte[] toLinux, long toLinuxOctets,
      byte[] linuxGot, long linuxGotOctets) throws IOException, InterruptedException {
    sameOctets("the engine", app.receivedOctets, app.received.digest(), "Linux", toEngineOctets, toEngine);
    sameOctets("Linux", linuxGotOctets, linuxGot, "the engine", toLinuxOctets, toLinux);
    return ends(app) + ", " + toLinuxOctets + " octets to Linux and " + toEngineOctets + " to the engine, digests "
        + "equal";
  }

  /**
   * Throws, naming both, unless {@code receiver} got as many octets as {@code sender} sent with the same SHA-256.
   */
  static void sameOctets(String receiver, long got, byte[] gotDigest, String sender, long sent, byte[] sentDigest) {
    if (got != sent || !Arrays.equals(gotDigest, sentDigest)) {
      throw new IllegalStateException(receiver + " received " + got + " octets (sha256 " + InteropRig.hex(gotDigest)
          + "), " + sender + " sent " + sent + " (" + InteropRig.hex(sentDigest) + ")");
    }
  }

  /** Checks both end states; says them. */
  String ends(EngineApp app) throws IOException, InterruptedException {
    FourTuple t = engineTuple();
    String engine = app.lastState(t);
    String linux = linuxState();
    if (!engine.equals(engineEnd) || !linux.equals(linuxEnd)) {
      throw new IllegalStateException("ended with the engine in " + engine + " and Linux in " + linux
          + "; expected " + engineEnd + " and " + linuxEnd + " (ss: " + Namespace.run(List.of("ss", "-Htan"))
          .replace('\n', ';') + ")");
    }
    return "engine " + engine + ", Linux " + linux;
  }

  /**
   * The kernel's state of the scenario's connection ({@code ss}), CLOSED when it has none. The kernel takes the
   * engine's last segment a moment after the device's write returns: the expected state is waited for (2 s).
   */
  private String linuxState() throws IOException, InterruptedException {
    String seen = linuxStateNow();
    for (int i = 0; i < 40 && !seen.equals(linuxEnd); i++) {
      Thread.sleep(50);
      seen = linuxStateNow();
    }
    return seen;
  }

  String linuxStateNow() throws IOException, InterruptedException {
    String out = Namespace.run(List.of("ss", "-Htan"));
    String local = bracket(linuxAddress()) + ":" + (role == Role.ENGINE_CLIENT ? SERVER_PORT : CLIENT_PORT);
    String remote = bracket(engineAddress()) + ":" + (role == Role.ENGINE_CLIENT ? CLIENT_PORT : SERVER_PORT);
    for (String line : out.lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 5 && unmapped(f[3]).equals(local) && unmapped(f[4]).equals(remote)) {
        return switch (f[0]) {
          case "ESTAB" -> "ESTABLISHED";
          case "SYN-RECV" -> "SYN-RECEIVED";
          default -> f[0];
        };
      }
    }
    return "CLOSED";
  }

  /** An ss address with a Java socket's IPv4-mapped form ({@code [::ffff:192.0.2.1]:5000}) as plain IPv4. */
  static String unmapped(String ssAddress) {
    return ssAddress.startsWith("[::ffff:") && ssAddress.indexOf(']') > 0
        ? ssAddress.substring(8, ssAddress.indexOf(']')) + ssAddress.substring(ssAddress.indexOf(']') + 1)
        : ssAddress;
  }

  private static String bracket(String address) {
    return address.contains(":") ? "[" + address + "]" : address;
  }

  private String echo() throws Exception {
    byte[] data = InteropRig.data(3, 1 << 20);
    FourTuple t = engineTuple();
    EngineApp app = EngineApp.serving(t, SERVER_PORT, (a, loop, c, e) -> {
      switch (e) {
        case UserEvent.DataDelivered d -> loop.send(c, d.data());
        case UserEvent.PeerClosed p -> loop.close(c);
        default -> {}
      }
    }, EngineApp.peerClosedIn(t, "CLOSED"));
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap()).run(() -> {
      try (Socket s = linuxSocket()) {
        // Echoed octets come back while more are sent: the reader runs beside the writer.
        linux.use(s, data, true, false);
      }
    });
    byte[] digest = InteropRig.sha256().digest(data);
    return verdict(app, digest, data.length, digest, data.length, linux.received.digest(), linux.receivedOctets);
  }

  private String engineAborts() throws Exception {
    byte[] data = InteropRig.data(4, 1000);
    FourTuple t = engineTuple();
    EngineApp app = EngineApp.connecting(t, (a, loop, c, e) -> {
      switch (e) {
        case UserEvent.Established est -> loop.send(c, data);
        case UserEvent.DataDelivered d -> loop.abort(c);
        default -> {}
      }
    }, (a, loop) -> a.closed);
    AtomicReference<String> linuxSaw = new AtomicReference<>("nothing");
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap()).run(() -> {
      try (Socket s = linuxSocket()) {
        InputStream in = s.getInputStream();
        byte[] got = in.readNBytes(data.length);
        linux.received.update(got);
        linux.receivedOctets = got.length;
        s.getOutputStream().write('!');
        try {
          int r = in.read();
          linuxSaw.set(r < 0 ? "end of stream" : "an octet");
        } catch (SocketException reset) {
          linuxSaw.set("reset");
        }
      }
    });
    if (!linuxSaw.get().equals("reset")) {
      throw new IllegalStateException("Linux read " + linuxSaw.get() + " after the engine's ABORT, not a reset");
    }
    return verdict(app, InteropRig.sha256().digest(new byte[] {'!'}), 1, InteropRig.sha256().digest(data),
        data.length, linux.received.digest(), linux.receivedOctets) + ", Linux read a reset";
  }

  private String linuxAborts() throws Exception {
    byte[] data = InteropRig.data(5, 1000);
    FourTuple t = engineTuple();
    EngineApp app = EngineApp.serving(t, SERVER_PORT, (a, loop, c, e) -> {
      if (e instanceof UserEvent.DataDelivered && a.receivedOctets == data.length) {
        loop.send(c, new byte[] {'!'});
      }
    }, (a, loop) -> "connection reset".equals(a.error));
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap()).run(() -> {
      try (Socket s = linuxSocket()) {
        s.getOutputStream().write(data);
        int r = s.getInputStream().read();
        linux.received.update((byte) r);
        linux.receivedOctets = 1;
        s.setSoLinger(true, 0);
      }
    });
    return verdict(app, InteropRig.sha256().digest(data), data.length, InteropRig.sha256().digest(new byte[] {'!'}),
        1, linux.received.digest(), linux.receivedOctets) + ", the engine read a reset";
  }

  private String engineRefused() throws Exception {
    FourTuple t = new FourTuple(InteropRig.address(ENGINE_V4), CLIENT_PORT, InteropRig.address(LINUX_V4),
        CLOSED_PORT);
    EngineApp app = EngineApp.connecting(t, (a, loop, c, e) -> {}, (a, loop) -> a.error != null);
    InteropRig.open(app, tap()).run(() -> {});
    // RFC 9293 §3.10.7.3 (SYN-SENT, RST with an acceptable ACK) tells the user "connection reset"; the engine says
    // so, where the sockets API says ECONNREFUSED.
    if (!"connection reset".equals(app.error)) {
      throw new IllegalStateException("the engine's connection to a closed port ended with " + app.error);
    }
    String engine = app.lastState(t);
    if (!engine.equals("CLOSED")) {
      throw new IllegalStateException("the engine ended in " + engine);
    }
    return "engine " + engine + ", reset in SYN-SENT";
  }

  private String linuxRefused() throws Exception {
    EngineApp app = new EngineApp() {
      @Override
      public void start(EventLoop loop) {}

      @Override
      boolean done(EventLoop loop) {
        return true;
      }
    };
    AtomicReference<String> outcome = new AtomicReference<>("nothing");
    InteropRig.open(app, tap()).run(() -> {
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(InteropRig.inet(LINUX_V4), CLIENT_PORT));
        s.connect(new InetSocketAddress(InteropRig.inet(ENGINE_V4), CLOSED_PORT), 10_000);
        outcome.set("connected");
      } catch (ConnectException refused) {
        String m = String.valueOf(refused.getMessage());
        outcome.set(m.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "refused" : m);
      }
    });
    if (!outcome.get().equals("refused")) {
      throw new IllegalStateException("Linux's connection to the engine's closed port: " + outcome.get());
    }
    return "Linux's connect refused, " + app.progress().replace("received 0 octets", "the engine kept no state");
  }
}
