package dev.tcpv.kernel;

import static dev.tcpv.kernel.InteropRig.SERVER_PORT;

import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.endpoint.FourTuple;
import dev.tcpv.kernel.InteropRig.EngineApp;
import dev.tcpv.kernel.InteropScenario.LinuxEnd;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.tun.EventLoop;
import dev.tcpv.tun.EventLoop.Direction;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.IpPacket;
import dev.tcpv.wire.PacketDecodeResult;
import dev.tcpv.wire.Segment;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The interop scenarios of the lifecycle's edges, where a tap on the device makes the kernel's TCP and the engine
 * meet in a corner ordinary traffic rarely reaches: both FINs crossing (simultaneous close), a SYN that reopens a
 * connection in TIME-WAIT (each way), a FIN lost in LAST-ACK, keep-alive against a peer that answers and then falls
 * silent, delayed ACKs, and a reader that stops reading until its window is closed. Each checks, beside the octets
 * and end states every scenario checks, the packets that make its edge what it is, counted at the tap.
 */
final class InteropEdges {
  private InteropEdges() {}

  /** The keep-alive settings of {@link InteropScenario#KEEP_ALIVE_SILENT_PEER}, both ends: seconds, seconds, count. */
  static final int KEEPALIVE_IDLE_S = 1;
  static final int KEEPALIVE_INTERVAL_S = 1;
  static final int KEEPALIVE_PROBES = 3;

  /** How long the peer answers keep-alive probes before it falls silent: several of the engine's probes. */
  static final long ANSWERED_MICROS = 4_500_000;

  /** How long the kernel's reader of {@link InteropScenario#ZERO_WINDOW_READER} stops reading. */
  static final long STALL_MILLIS = 3_500;

  /** The engine as it ships, with keep-alive on: 1 s idle, 1 s between probes, 3 probes (R-KA-1 to R-KA-3). */
  static TcpConfig keepAliveConfig() {
    return InteropRig.engineConfig().withKeepAlive(true).withKeepAliveTiming(KEEPALIVE_IDLE_S * TcpConfig.SECOND,
        KEEPALIVE_INTERVAL_S * TcpConfig.SECOND, KEEPALIVE_PROBES);
  }

  /** The TCP segment of an IP packet crossing the device, or null when it is none. */
  static @Nullable Segment segment(byte[] packet) {
    return IpPacket.decode(packet) instanceof PacketDecodeResult.Decoded d ? d.packet().segment() : null;
  }

  private static boolean has(@Nullable Segment s, Flag f) {
    return s != null && s.flags().contains(f);
  }

  // ----------------------------------------------------------------------------------------------------------------
  // Simultaneous close (R-CLOSE-3)

  /**
   * Holds the engine's packets back from its first FIN on, in order, until a FIN of the kernel has crossed the other
   * way, then lets them all through before the engine's next packet (its ACK of the kernel's FIN): each FIN reaches
   * a peer in FIN-WAIT-1, and both ends pass through CLOSING. Held packets keep their order, so on the wire the
   * engine only seems to have closed a little later than it did (holding the FIN alone would put the engine's
   * later ACKs, above the FIN, on the wire before it: a reordering no capture point between a host and its
   * network can see).
   */
  static final class FinsCross implements EventLoop.Tap {
    private final List<byte[]> held = new java.util.ArrayList<>();
    private boolean linuxFin;
    boolean crossed;

    @Override
    public List<byte[]> cross(Direction d, long micros, byte[] packet) {
      if (d == Direction.IN) {
        linuxFin |= has(segment(packet), Flag.FIN);
        return List.of(packet);
      }
      if (!crossed && (!held.isEmpty() || has(segment(packet), Flag.FIN))) {
        held.add(packet);
        if (!linuxFin) {
          return List.of();
        }
        crossed = true;
        List<byte[]> out = List.copyOf(held);
        held.clear();
        return out;
      }
      return List.of(packet);
    }
  }

  /**
   * Engine client, Linux server: each sends 10,000 octets and closes at once; the engine's FIN is held at the device
   * until the kernel's has crossed it ({@link FinsCross}), so both close simultaneously and both end in TIME-WAIT.
   */
  static String simultaneousClose(InteropScenario s) throws Exception {
    byte[] engineData = InteropRig.data(7, 10_000);
    byte[] linuxData = InteropRig.data(8, 10_000);
    FourTuple t = s.engineTuple();
    FinsCross tap = new FinsCross();
    EngineApp app = EngineApp.connecting(t, (a, loop, c, e) -> {
      if (e instanceof UserEvent.Established) {
        loop.send(c, engineData);
        loop.close(c);
      }
    }, EngineApp.peerClosedIn(t, "TIME-WAIT"));
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap).run(() -> {
      try (Socket so = s.linuxSocket()) {
        linux.use(so, linuxData, true, false);
      }
    });
    if (!tap.crossed) {
      throw new IllegalStateException("the FINs did not cross: the kernel's FIN never reached the engine while its "
          + "own was held");
    }
    return s.verdict(app, engineData, linuxData, linux) + ", the FINs crossed";
  }

  // ----------------------------------------------------------------------------------------------------------------
  // TIME-WAIT reopened by a SYN (R-TW-3, R-ISN-1)

  /** Counts SYNs and resets each way. */
  static final class Counts implements EventLoop.Tap {
    int synsOut;
    int synsIn;
    int resetsOut;
    int resetsIn;

    @Override
    public List<byte[]> cross(Direction d, long micros, byte[] packet) {
      Segment s = segment(packet);
      boolean syn = has(s, Flag.SYN) && !has(s, Flag.ACK);
      boolean rst = has(s, Flag.RST);
      if (d == Direction.OUT) {
        synsOut += syn ? 1 : 0;
        resetsOut += rst ? 1 : 0;
      } else {
        synsIn += syn ? 1 : 0;
        resetsIn += rst ? 1 : 0;
      }
      return List.of(packet);
    }

    /** Throws unless the opener sent {@code syns} SYNs and no reset crossed either way. */
    void expect(String opener, int sent, int syns) {
      if (sent != syns || resetsOut + resetsIn > 0) {
        throw new IllegalStateException(opener + " sent " + sent + " SYNs (" + syns + " expected: each accepted at "
            + "once), the engine " + resetsOut + " resets and Linux " + resetsIn + " (none expected)");
      }
    }
  }

  private static byte[] both(byte[] a, byte[] b) {
    byte[] ab = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, ab, a.length, b.length);
    return ab;
  }

  /**
   * Engine client, Linux server. First incarnation: each sends 100 octets and Linux closes first, so its end of the
   * 4-tuple stays in TIME-WAIT. The engine, CLOSED, connects again from the same port at once; its new ISN, from the
   * RFC 6528 clock, lies above the old incarnation's sequence space, and Linux takes the SYN in TIME-WAIT as a new
   * connection (tcp_timewait_state_process). Second incarnation: 100 octets each way, the engine closes first.
   * Exactly two SYNs from the engine and no reset: an ISN not above the old one (a constant ISN) would be answered
   * with the old connection's ACK, reset, and retried.
   */
  static String engineReopens(InteropScenario s) throws Exception {
    byte[][] engineData = {InteropRig.data(9, 100), InteropRig.data(10, 100)};
    byte[][] linuxData = {InteropRig.data(11, 100), InteropRig.data(12, 100)};
    FourTuple t = s.engineTuple();
    Counts tap = new Counts();
    EngineApp app = new EngineApp() {
      int incarnation;
      boolean secondClosed;

      @Override
      public void start(EventLoop loop) throws IOException {
        tuple = t;
        loop.connect(t);
      }

      @Override
      void on(EventLoop loop, FourTuple c, UserEvent e) throws IOException {
        switch (e) {
          case UserEvent.Established est -> {
            loop.send(c, engineData[incarnation]);
            if (incarnation == 1) {
              loop.close(c);
            }
          }
          case UserEvent.PeerClosed p -> {
            if (incarnation == 0) {
              loop.close(c);
            } else {
              secondClosed = true;
            }
          }
          case UserEvent.Closed closed when incarnation == 0 -> {
            incarnation = 1;
            loop.connect(t);
          }
          default -> {}
        }
      }

      @Override
      boolean done(EventLoop loop) {
        return secondClosed && loop.endpoint().state(t).equals("TIME-WAIT");
      }
    };
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap).run(() -> {
      try (ServerSocket l = new ServerSocket()) {
        l.setReuseAddress(true);
        l.bind(new InetSocketAddress(InteropRig.inet(InteropRig.LINUX_V4), SERVER_PORT));
        try (Socket first = l.accept()) {
          linux.use(first, linuxData[0], true, false);
        }
        try (Socket second = l.accept()) {
          linux.use(second, linuxData[1], false, true);
        }
      }
    });
    tap.expect("the engine", tap.synsOut, 2);
    return s.verdict(app, both(engineData[0], engineData[1]), both(linuxData[0], linuxData[1]), linux)
        + ", Linux's TIME-WAIT reopened by the engine's second SYN";
  }

  /**
   * Linux client, engine server: the mirror of {@link #engineReopens}. First incarnation: the engine closes first
   * and stays in TIME-WAIT; Linux connects again from the same port once its own end is gone, and the engine takes
   * the SYN, whose ISN lies above its RCV.NXT, as a new connection (R-TW-3, with its listener still there). Second
   * incarnation: Linux closes first. Exactly two SYNs from Linux and no reset.
   */
  static String linuxReopens(InteropScenario s) throws Exception {
    byte[][] engineData = {InteropRig.data(13, 100), InteropRig.data(14, 100)};
    byte[][] linuxData = {InteropRig.data(15, 100), InteropRig.data(16, 100)};
    FourTuple t = s.engineTuple();
    Counts tap = new Counts();
    EngineApp app = new EngineApp() {
      int incarnation;
      boolean secondClosed;

      @Override
      public void start(EventLoop loop) {
        tuple = t;
        serve(loop, SERVER_PORT);
      }

      @Override
      void on(EventLoop loop, FourTuple c, UserEvent e) throws IOException {
        switch (e) {
          case UserEvent.Established est -> {
            incarnation++;
            loop.send(c, engineData[incarnation - 1]);
            if (incarnation == 1) {
              loop.close(c);
            }
          }
          case UserEvent.PeerClosed p when incarnation == 2 -> {
            secondClosed = true;
            loop.close(c);
          }
          default -> {}
        }
      }

      @Override
      boolean done(EventLoop loop) {
        return secondClosed && loop.endpoint().state(t).equals("CLOSED");
      }
    };
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap).run(() -> {
      try (Socket first = s.linuxSocket()) {
        linux.use(first, linuxData[0], false, true);
      }
      // The kernel's end leaves LAST-ACK when the engine's ACK of its FIN arrives; until then the 4-tuple is taken.
      for (int i = 0; i < 100 && !s.linuxStateNow().equals("CLOSED"); i++) {
        Thread.sleep(20);
      }
      try (Socket second = s.linuxSocket()) {
        linux.use(second, linuxData[1], true, false);
      }
    });
    tap.expect("Linux", tap.synsIn, 2);
    return s.verdict(app, both(engineData[0], engineData[1]), both(linuxData[0], linuxData[1]), linux)
        + ", the engine's TIME-WAIT reopened by Linux's second SYN";
  }

  /** Drops the engine's first FIN at the device, before the capture sees it; counts the FINs the engine sends. */
  static final class FirstFinLost implements EventLoop.Tap {
    private final boolean drops;
    /** When each FIN of the engine reached the device, in µs on the loop's clock. */
    final List<Long> finsAt = new java.util.ArrayList<>();

    /** Drops the first FIN at the device. */
    FirstFinLost() {
      this(true);
    }

    /** Drops the first FIN when {@code drops}; else only counts and times them (the filter drops it). */
    FirstFinLost(boolean drops) {
      this.drops = drops;
    }

    @Override
    public List<byte[]> cross(Direction d, long micros, byte[] packet) {
      if (d == Direction.OUT && has(segment(packet), Flag.FIN)) {
        finsAt.add(micros);
        if (finsAt.size() == 1 && drops) {
          return List.of();
        }
      }
      return List.of(packet);
    }
  }

  /**
   * Linux client, engine server: Linux sends 100 octets and shuts its side; the engine answers with 100 octets and
   * closes from CLOSE-WAIT, and its FIN is lost at the device. In LAST-ACK the engine's retransmission timer must
   * resend the FIN (R-CLOSE-1, S-3) for Linux to leave FIN-WAIT-2: two FINs from the engine, the first dropped.
   */
  static String engineFinLost(InteropScenario s) throws Exception {
    byte[] engineData = InteropRig.data(18, 100);
    byte[] linuxData = InteropRig.data(19, 100);
    FourTuple t = s.engineTuple();
    FirstFinLost tap = new FirstFinLost();
    EngineApp app = EngineApp.serving(t, SERVER_PORT, (a, loop, c, e) -> {
      if (e instanceof UserEvent.PeerClosed) {
        loop.send(c, engineData);
        loop.close(c);
      }
    }, EngineApp.peerClosedIn(t, "CLOSED"));
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap).run(() -> {
      try (Socket so = s.linuxSocket()) {
        linux.use(so, linuxData, true, false);
      }
    });
    if (tap.finsAt.size() != 2) {
      throw new IllegalStateException("the engine sent " + tap.finsAt.size() + " FINs (2 expected: the first lost)");
    }
    return s.verdict(app, engineData, linuxData, linux) + ", the engine's FIN resent from LAST-ACK";
  }

  /** How many times, and how often, Linux sends in {@link InteropScenario#ENGINE_FIN_LOST_LINUX_SENDS}. */
  static final int TRICKLE_WRITES = 15;

  /**
   * Not a divisor of the engine's 1 s RTO: its resent FIN then comes 100 ms from Linux's writes, never within the
   * millisecond before one. Linux acknowledges a FIN that arrives just before it sends on the text it sends, and a
   * capture of that is rejected by the validator's thinning between packets (docs/findings.md F10).
   */
  static final long TRICKLE_EVERY_MILLIS = 300;

  /**
   * How soon after its first FIN the engine must resend it in {@link InteropScenario#ENGINE_FIN_LOST_LINUX_SENDS}:
   * its RTO (the floor of RFC 6298 §2.4, 1 s, as only the handshake's round trip was sampled) and 1 s of slack,
   * well before Linux falls quiet.
   */
  static final long FIN_RESENT_WITHIN_MICROS = InteropRig.engineConfig().minRtoMicros() + TcpConfig.SECOND;

  /**
   * Engine client, Linux server: the engine shuts its side at once and its FIN is dropped by the namespace's filter
   * (after the capture, {@link InteropScenario#rules}: a capture that shows the engine's ACKs past a FIN it never
   * shows would be a loss between the host and its capture point); Linux sends 100 octets every {@value
   * #TRICKLE_EVERY_MILLIS} ms, {@value #TRICKLE_WRITES} times, then shuts its side. Each of Linux's segments carries
   * SEG.ACK = SND.UNA of the engine, which acknowledges nothing (R-SEQ-2): the retransmission timer runs on (RFC
   * 6298 §5.2 restarts it only on an ACK of new data), and the engine resends its FIN about one RTO after the
   * first, while Linux still sends.
   */
  static String engineFinLostLinuxSends(InteropScenario s) throws Exception {
    FourTuple t = s.engineTuple();
    FirstFinLost tap = new FirstFinLost(false);
    EngineApp app = EngineApp.connecting(t, (a, loop, c, e) -> {
      if (e instanceof UserEvent.Established) {
        loop.close(c);
      }
    }, EngineApp.peerClosedIn(t, "TIME-WAIT"));
    byte[] linuxData = InteropRig.data(20, TRICKLE_WRITES * 100);
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap).run(() -> {
      try (Socket so = s.linuxSocket()) {
        for (int i = 0; i < TRICKLE_WRITES; i++) {
          so.getOutputStream().write(linuxData, i * 100, 100);
          Thread.sleep(TRICKLE_EVERY_MILLIS);
        }
        so.shutdownOutput();
        linux.readToEnd(so.getInputStream());
      }
    });
    if (tap.finsAt.size() != 2) {
      throw new IllegalStateException("the engine sent " + tap.finsAt.size() + " FINs (2 expected: the first lost)");
    }
    long gap = tap.finsAt.get(1) - tap.finsAt.get(0);
    if (gap > FIN_RESENT_WITHIN_MICROS) {
      throw new IllegalStateException("the engine resent its FIN " + seconds(gap) + " after the first, later than "
          + seconds(FIN_RESENT_WITHIN_MICROS) + ": Linux's segments, which acknowledge nothing new, held its "
          + "retransmission timer back (R-SEQ-2, RFC 6298 section 5.2)");
    }
    return s.verdict(app, new byte[0], linuxData, linux) + ", the lost FIN resent " + seconds(gap)
        + " after the first while Linux sent";
  }

  /** The engine's MSL in {@link InteropScenario#ENGINE_TIME_WAIT}: short enough for its TIME-WAIT to be waited out. */
  static final long TIME_WAIT_MSL_MICROS = TcpConfig.SECOND;

  /**
   * How much later than 2 x MSL the engine may delete its TIME-WAIT TCB in {@link InteropScenario#ENGINE_TIME_WAIT}:
   * the timer's turn of the event loop on a busy machine.
   */
  static final long TIME_WAIT_SLACK_MICROS = TcpConfig.SECOND / 2;

  /**
   * Engine client, Linux server, no text. The engine closes first; Linux reads the end and closes; the engine, its
   * MSL set to {@link #TIME_WAIT_MSL_MICROS}, takes Linux's FIN in FIN-WAIT-2 (or FIN-WAIT-1) and enters
   * TIME-WAIT. It must keep the TCB for 2 x MSL from then (R-TW-1, nothing arrives to restart the timer) and
   * delete it when the timer fires (R-TW-4): the scenario times both on the engine's clock, from the event that
   * reports Linux's FIN to the one that reports the TCB deleted.
   */
  static String engineTimeWait(InteropScenario s) throws Exception {
    return timeWait(s, false);
  }

  /**
   * As {@link #engineTimeWait}, but the engine's ACK of Linux's FIN is dropped at the device ({@link FinAckLost}):
   * Linux, in LAST-ACK, resends its FIN; the engine's TIME-WAIT, by then an entry of the endpoint's table, answers
   * it with the ACK again and restarts its 2 x MSL (R-TW-1, S-7a). The TCB must be deleted 2 x MSL after the resent
   * FIN, timed from when that FIN reached the device.
   */
  static String engineTimeWaitAckLost(InteropScenario s) throws Exception {
    return timeWait(s, true);
  }

  private static String timeWait(InteropScenario s, boolean ackLost) throws Exception {
    FourTuple t = s.engineTuple();
    long[] enteredAt = {-1};
    long[] deletedAt = {-1};
    String[] stateAtFin = {"none"};
    EngineApp app = EngineApp.connecting(t, (a, loop, c, e) -> {
      switch (e) {
        case UserEvent.Established est -> loop.close(c);
        case UserEvent.PeerClosed p -> {
          enteredAt[0] = loop.now();
          stateAtFin[0] = loop.endpoint().state(t);
        }
        case UserEvent.Closed closed -> deletedAt[0] = loop.now();
        default -> {}
      }
    }, (a, loop) -> a.closed);
    LinuxEnd linux = new LinuxEnd();
    FinAckLost tap = new FinAckLost(ackLost);
    InteropRig.open(app, tap, InteropRig.engineConfig().withMslMicros(TIME_WAIT_MSL_MICROS)).run(() -> {
      try (Socket so = s.linuxSocket()) {
        linux.use(so, new byte[0], false, false);
      }
    });
    if (!stateAtFin[0].equals("TIME-WAIT")) {
      throw new IllegalStateException("the engine took Linux's FIN into " + stateAtFin[0] + ", not TIME-WAIT");
    }
    String from = "Linux's FIN";
    long since = enteredAt[0];
    if (ackLost) {
      if (tap.finsAt.size() != 2 || tap.dropped != 1) {
        throw new IllegalStateException("Linux sent " + tap.finsAt.size() + " FINs and " + tap.dropped
            + " of the engine's ACKs were dropped (2 and 1 expected: the ACK of the first lost)");
      }
      from = "Linux's resent FIN";
      since = tap.finsAt.get(1);
    }
    long waited = deletedAt[0] - since;
    long twoMsl = 2 * TIME_WAIT_MSL_MICROS;
    if (waited < twoMsl || waited > twoMsl + TIME_WAIT_SLACK_MICROS) {
      throw new IllegalStateException("the engine deleted its TIME-WAIT TCB " + seconds(waited) + " after " + from
          + "; 2 x MSL is " + seconds(twoMsl) + " (R-TW-1)");
    }
    return s.verdict(app, new byte[0], new byte[0], linux) + ", TIME-WAIT held " + seconds(waited) + " after "
        + from + " (2 x MSL " + seconds(twoMsl) + ")";
  }

  /**
   * Times the kernel's FINs as they reach the device and, when {@code drops}, drops there the engine's first ACK of
   * one: a segment with ACK and no text, SYN, FIN or RST, whose SEG.ACK is one past that FIN.
   */
  static final class FinAckLost implements EventLoop.Tap {
    private final boolean drops;
    /** When each FIN of the kernel reached the device, in µs on the loop's clock. */
    final List<Long> finsAt = new java.util.ArrayList<>();
    private @Nullable SeqNum finEnd;
    int dropped;

    FinAckLost(boolean drops) {
      this.drops = drops;
    }

    @Override
    public List<byte[]> cross(Direction d, long micros, byte[] packet) {
      Segment seg = segment(packet);
      if (seg == null) {
        return List.of(packet);
      }
      if (d == Direction.IN && has(seg, Flag.FIN)) {
        finsAt.add(micros);
        finEnd = seg.seq().plus(seg.payloadLength() + 1L);
      } else if (d == Direction.OUT && drops && dropped == 0 && finEnd != null && finEnd.equals(seg.ack())
          && has(seg, Flag.ACK) && seg.payloadLength() == 0 && !has(seg, Flag.SYN) && !has(seg, Flag.FIN)
          && !has(seg, Flag.RST)) {
        dropped++;
        return List.of();
      }
      return List.of(packet);
    }
  }

  private static String seconds(long micros) {
    return String.format(java.util.Locale.ROOT, "%.3f s", micros / 1e6);
  }

  // ----------------------------------------------------------------------------------------------------------------
  // Keep-alive (R-KA-1 to R-KA-4)

  /**
   * Lets everything cross until {@link #silentFrom}, then drops every packet from the kernel: a peer that stops
   * answering. Counts the engine's keep-alive probes (no text, no SYN, FIN or RST, SEQ one below the highest
   * sequence number the engine has sent, R-KA-2) while the peer answered, and those since the engine last heard
   * from it.
   */
  static final class Silence implements EventLoop.Tap {
    volatile long silentFrom = Long.MAX_VALUE;
    private @Nullable SeqNum sndMax;
    int answeredProbes;
    int unansweredProbes;
    int dropped;

    @Override
    public List<byte[]> cross(Direction d, long micros, byte[] packet) {
      Segment s = segment(packet);
      if (d == Direction.IN) {
        if (micros >= silentFrom) {
          dropped++;
          return List.of();
        }
        answeredProbes += unansweredProbes;
        unansweredProbes = 0;
        return List.of(packet);
      }
      if (s != null) {
        SeqNum end = s.seq().plus(s.payloadLength() + (has(s, Flag.SYN) ? 1 : 0) + (has(s, Flag.FIN) ? 1 : 0));
        boolean control = has(s, Flag.SYN) || has(s, Flag.FIN) || has(s, Flag.RST);
        SeqNum max = sndMax;
        if (max != null && !control && s.payloadLength() == 0 && s.seq().equals(max.plus(-1))) {
          unansweredProbes++;
        }
        if (max == null || end.gt(max)) {
          sndMax = end;
        }
      }
      return List.of(packet);
    }
  }

  /**
   * Engine client with keep-alive on (1 s idle, 1 s interval, 3 probes), Linux server with the same socket options.
   * The connection idles; for {@value #ANSWERED_MICROS} µs the kernel answers the engine's probes, which must keep
   * the connection open (a probe the kernel does not answer, as one at SND.NXT, would not). Then the tap drops all
   * the kernel sends: the engine gives up after exactly 3 unanswered probes with "connection timed out" (R-KA-3),
   * and the kernel, whose probes the engine no longer sees, times out too.
   */
  static String keepAliveSilentPeer(InteropScenario s) throws Exception {
    FourTuple t = s.engineTuple();
    Silence tap = new Silence();
    AtomicReference<String> beforeSilence = new AtomicReference<>("the engine was not established");
    EngineApp app = EngineApp.connecting(t, (a, loop, c, e) -> {
      if (e instanceof UserEvent.Established) {
        tap.silentFrom = loop.now() + ANSWERED_MICROS;
        beforeSilence.set("");
      }
      if (e instanceof UserEvent.ConnectionTimedOut && loop.now() < tap.silentFrom) {
        beforeSilence.set("the engine timed out while the kernel answered, after " + tap.answeredProbes
            + " answered probes and " + tap.unansweredProbes + " unanswered");
      }
    }, (a, loop) -> a.error != null);
    AtomicReference<String> linuxSaw = new AtomicReference<>("nothing");
    InteropRig.open(app, tap, keepAliveConfig()).run(() -> {
      try (Socket so = s.linuxSocket()) {
        Scenario.keepAlive(so);
        try {
          int r = so.getInputStream().read();
          linuxSaw.set(r < 0 ? "end of stream" : "an octet");
        } catch (SocketException e) {
          linuxSaw.set(String.valueOf(e.getMessage()));
        }
      }
    });
    if (!beforeSilence.get().isEmpty()) {
      throw new IllegalStateException(beforeSilence.get());
    }
    if (!"connection timed out".equals(app.error) || tap.unansweredProbes != KEEPALIVE_PROBES
        || tap.answeredProbes < 3) {
      throw new IllegalStateException("the engine ended with " + app.error + " after " + tap.unansweredProbes
          + " unanswered probes (" + KEEPALIVE_PROBES + " expected) and " + tap.answeredProbes + " answered (3 or "
          + "more expected)");
    }
    if (!linuxSaw.get().toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
      throw new IllegalStateException("Linux read " + linuxSaw.get() + ", not a timeout of its own keep-alive");
    }
    return s.ends(app) + ", " + tap.answeredProbes + " probes answered, then " + tap.unansweredProbes
        + " unanswered and \"connection timed out\" on both ends (" + tap.dropped + " packets of Linux dropped)";
  }

  // ----------------------------------------------------------------------------------------------------------------
  // Delayed ACKs (R-ACK-1)

  /** How long the engine of {@link InteropScenario#DELAYED_ACK} may hold an ACK back (SHLD-18). */
  static final long DELAYED_ACK_MICROS = 40_000;

  /**
   * Watches the engine's acknowledgments of the text the kernel sends: how many full-sized segments arrive between
   * two of them (SHLD-19: an ACK for at least every second), how long the oldest text waited for one (MUST-40: less
   * than 0.5 s; the engine's own bound {@value #DELAYED_ACK_MICROS} µs, with the loop's timer a little late), and
   * how many segments were held back at all.
   */
  static final class AckWatch implements EventLoop.Tap {
    private final int fullSize;
    private int unacked;
    private long oldest = -1;
    int mostUnacked;
    long longestWait;
    int deferred;
    int textSegments;

    AckWatch(int fullSize) {
      this.fullSize = fullSize;
    }

    @Override
    public List<byte[]> cross(Direction d, long micros, byte[] packet) {
      Segment s = segment(packet);
      if (s == null) {
        return List.of(packet);
      }
      if (d == Direction.IN && s.payloadLength() > 0) {
        textSegments++;
        if (oldest >= 0) {
          deferred++;
        } else {
          oldest = micros;
        }
        if (s.payloadLength() >= fullSize) {
          unacked++;
          mostUnacked = Math.max(mostUnacked, unacked);
        }
      } else if (d == Direction.OUT && has(s, Flag.ACK) && oldest >= 0) {
        longestWait = Math.max(longestWait, micros - oldest);
        unacked = 0;
        oldest = -1;
      }
      return List.of(packet);
    }
  }

  /**
   * Linux client sends 1 MiB to the engine, whose delayed ACKs are on ({@value #DELAYED_ACK_MICROS} µs, R-ACK-1),
   * and shuts its side; the engine closes after. At the tap: no more than two full-sized segments (of the engine's
   * MSS) unacknowledged at once (SHLD-19), no text waiting longer than 0.5 s (MUST-40) nor much
   * longer than the engine's bound, and some ACKs held back (the option on). The capture is validated with
   * Linux's delayed-ACK bounds (up to 200 ms), which the engine's keep.
   */
  static String delayedAck(InteropScenario s) throws Exception {
    byte[] linuxData = InteropRig.data(20, 1 << 20);
    FourTuple t = s.engineTuple();
    TcpConfig config = InteropRig.engineConfig().withDelayedAckMicros(DELAYED_ACK_MICROS);
    AckWatch tap = new AckWatch(config.mss());
    EngineApp app = EngineApp.serving(t, SERVER_PORT, (a, loop, c, e) -> {
      if (e instanceof UserEvent.PeerClosed) {
        loop.close(c);
      }
    }, EngineApp.peerClosedIn(t, "CLOSED"));
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap, config).run(() -> {
      try (Socket so = s.linuxSocket()) {
        linux.use(so, linuxData, true, false);
      }
    });
    // The loop's timers fire on a millisecond poll, after the step's own time (EventLoop.carry): allow 20 ms.
    if (tap.mostUnacked > 2 || tap.longestWait > DELAYED_ACK_MICROS + 20_000 || tap.deferred == 0) {
      throw new IllegalStateException("the engine left " + tap.mostUnacked + " full-sized segments unacknowledged "
          + "at once (2 at most), text waited " + tap.longestWait + " µs for an ACK (" + DELAYED_ACK_MICROS
          + " µs and a little more at most), and " + tap.deferred + " of " + tap.textSegments + " segments found "
          + "an ACK already owed (some expected)");
    }
    return s.verdict(app, new byte[0], linuxData, linux) + ", " + tap.deferred + " of " + tap.textSegments
        + " segments of text acknowledged with the next, the longest wait " + tap.longestWait / 1000 + " ms";
  }

  // ----------------------------------------------------------------------------------------------------------------
  // A closed window and its probes (R-WND-1)

  /** Counts the kernel's zero-window advertisements and the engine's segments sent while the window was closed. */
  static final class ZeroWindow implements EventLoop.Tap {
    private boolean closed;
    int zeroWindows;
    int probes;
    long probeOctets;

    @Override
    public List<byte[]> cross(Direction d, long micros, byte[] packet) {
      Segment s = segment(packet);
      if (s != null && d == Direction.IN && !has(s, Flag.SYN) && !has(s, Flag.RST)) {
        closed = s.window() == 0;
        zeroWindows += closed ? 1 : 0;
      } else if (s != null && d == Direction.OUT && closed && s.payloadLength() > 0) {
        probes++;
        probeOctets += s.payloadLength();
      }
      return List.of(packet);
    }
  }

  /**
   * Linux client with a small receive buffer (16 KiB asked), engine server: the engine sends 1 MiB at once and
   * closes; the kernel's reader waits {@value #STALL_MILLIS} ms before it reads, so its window closes and the engine
   * must probe it (MUST-36, one octet beyond the window) and keep the connection open (MUST-37) until the reader
   * resumes and the kernel opens the window again; then the transfer completes and Linux closes.
   */
  static String zeroWindowReader(InteropScenario s) throws Exception {
    byte[] data = InteropRig.data(17, 1 << 20);
    FourTuple t = s.engineTuple();
    ZeroWindow tap = new ZeroWindow();
    EngineApp app = EngineApp.serving(t, SERVER_PORT, (a, loop, c, e) -> {
      if (e instanceof UserEvent.Established) {
        loop.send(c, data);
        loop.close(c);
      }
    }, EngineApp.peerClosedIn(t, "TIME-WAIT"));
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap).run(() -> {
      try (Socket so = s.linuxSocket(16 << 10)) {
        Thread.sleep(STALL_MILLIS);
        InputStream in = so.getInputStream();
        linux.readToEnd(in);
        so.shutdownOutput();
      }
    });
    if (tap.zeroWindows == 0 || tap.probes == 0) {
      throw new IllegalStateException("Linux advertised a zero window " + tap.zeroWindows + " times and the engine "
          + "sent " + tap.probes + " probes (each at least once expected)");
    }
    return s.verdict(app, data, new byte[0], linux) + ", " + tap.zeroWindows + " zero windows, " + tap.probes
        + " probes of " + tap.probeOctets + " octets";
  }
}
