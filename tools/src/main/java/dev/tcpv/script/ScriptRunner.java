package dev.tcpv.script;

import dev.tcpv.conn.Policy;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.Timer;
import dev.tcpv.conn.TimerCommand;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.endpoint.Endpoint;
import dev.tcpv.endpoint.EndpointResult;
import dev.tcpv.endpoint.FourTuple;
import dev.tcpv.endpoint.IpAddress;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.wire.DecodeError;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.IpPacket;
import dev.tcpv.wire.PacketDecodeResult;
import dev.tcpv.wire.PseudoHeader;
import dev.tcpv.wire.Segment;
import dev.tcpv.wire.TcpOption;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link Script} against one {@link Endpoint}, the script playing the remote peer and the local user.
 *
 * <p>The script's times drive the engine's clock: before each line, the timers due by its time fire. A segment
 * the engine sends must be the next {@code >} line's, within the tolerance of that line's time; a segment
 * sent before a line that is not a {@code >} is unexpected, and so is one left at the end in strict mode.
 * Lenient mode follows packetdrill, which reads the engine's segments only at {@code >} lines and stops after
 * the last line: a segment sent after the last {@code >} line is never read, so it is only noted. Sequence
 * numbers are relative as in packetdrill: the script's to the remote ISN ({@code --remote_isn}, default 0), the
 * engine's to the ISS of the last SYN it sent (0 before any).
 *
 * <p>Two extensions of packetdrill's syntax: the header {@code --quiet_time=1} starts the endpoint with the quiet
 * time of R-ISN-2, and {@code %{ assert iss_advance == N }%} checks that the ISS of the engine's latest SYN is N
 * above the ISS of the SYN before it (mod 2^32), which shows the ISN clock of R-ISN-1 and S-5.
 *
 * <p>The local address is 192.168.0.1, the remote 192.0.2.1 (with {@code --ip_version=ipv6}: 2001:db8::1 and
 * 2001:db8::2, and the engine's MSS 20 octets smaller for the longer header); every segment crosses as an IP packet
 * of the script's version, encoded and decoded with its checksums; a socket bound or listening takes port 8080 and
 * receives from port {@value #REMOTE_PORT}; {@code connect} goes from port {@value #EPHEMERAL_PORT} to 8080, and
 * fails with EADDRINUSE while that 4-tuple is still in use (for example in TIME-WAIT).
 */
public final class ScriptRunner {
  static final IpAddress LOCAL_IP = IpAddress.v4(0xC0A80001);
  static final IpAddress REMOTE_IP = IpAddress.v4(0xC0000201);
  /** 2001:db8::1 and 2001:db8::2 (the documentation prefix, RFC 3849) for {@code --ip_version=ipv6}. */
  static final IpAddress LOCAL_IP6 = new IpAddress(0x2001_0DB8_0000_0000L, 1);
  static final IpAddress REMOTE_IP6 = new IpAddress(0x2001_0DB8_0000_0000L, 2);
  /** The hop limit (IPv4 TTL) of the packets the runner builds. */
  private static final int HOP_LIMIT = 64;

  /** The IP version a script's segments travel in. */
  public enum Family {
    /** IPv4 packets ({@code --ip_version=ipv4}, the default, and {@code ipv4-mapped-ipv6}). */
    IPV4,
    /** IPv6 packets ({@code --ip_version=ipv6}). */
    IPV6;

    /** The family {@code script} declares in its {@code --ip_version} header. */
    public static Family of(Script script) {
      return "ipv6".equals(script.headers().get("ip_version")) ? IPV6 : IPV4;
    }

    int version() {
      return this == IPV4 ? 4 : 6;
    }
  }
  static final int SERVER_PORT = 8080;
  static final int REMOTE_PORT = 49152;
  static final int EPHEMERAL_PORT = 40000;

  private static final Pattern LINGER =
      Pattern.compile(".*(?:l_)?onoff\\s*=\\s*(\\d+).*(?:l_)?linger\\s*=\\s*(\\d+).*");
  private static final Pattern INT_VALUE = Pattern.compile("\\[\\s*(\\d+)\\s*]");

  /** The end of a script that did not pass. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    final Outcome.Status status;

    Stop(Outcome.Status status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** What the user side knows about one connection. */
  private static final class ConnInfo {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    int readOffset;
    boolean peerClosed;
    @Nullable String error;
  }

  /** A socket of the script. */
  private static final class Sock {
    TcpConfig config;
    boolean nonBlocking;
    boolean listening;
    boolean lingerZero;
    boolean shutWr;
    /** The receive buffer asked for (SO_RCVBUF, or the recvspace sysctl when opened), -1 when none. */
    long requested;
    @Nullable FourTuple tuple;

    Sock(TcpConfig config, long requested) {
      this.config = config;
      this.requested = requested;
    }
  }

  /** A segment the engine sent, as it came off the wire: the IP version of the packet that carried it. */
  private record Pending(long time, Segment segment, int ipVersion) {}

  private final Script script;
  private final SegmentMatcher.Mode mode;
  private final SegmentMatcher matcher;
  private final long tolerance;
  private final long remoteIsn;
  private final ScriptProfile profile;
  private TcpConfig config;
  private @Nullable Endpoint endpoint;
  private long now;
  private long scriptTime;
  private @Nullable Long localIsn;
  private final Family declared;
  private final IpAddress localIp;
  private final IpAddress remoteIp;
  private FourTuple live;
  private final Map<Integer, Sock> sockets = new TreeMap<>();
  private final Map<FourTuple, ConnInfo> conns = new HashMap<>();
  private final Map<FourTuple, EnumMap<Timer, Long>> timers = new HashMap<>();
  /** The receive buffer the recvspace sysctl asks for, -1 when no line set it. */
  private long recvspace = -1;
  private final ArrayDeque<Pending> sent = new ArrayDeque<>();
  private @Nullable Long previousIsn;
  private int skipped;
  private int current;
  /** The index of the step running, and of the last {@code >} step (-1 when none). */
  private int index;
  private int lastExpect = -1;

  private ScriptRunner(Script script, SegmentMatcher.Mode mode, ScriptProfile profile, Family wire) {
    this.script = script;
    this.profile = profile;
    this.declared = Family.of(script);
    this.localIp = wire == Family.IPV6 ? LOCAL_IP6 : LOCAL_IP;
    this.remoteIp = wire == Family.IPV6 ? REMOTE_IP6 : REMOTE_IP;
    this.live = new FourTuple(localIp, SERVER_PORT, remoteIp, REMOTE_PORT);
    // The engine's MSS is for an MTU of 1500 over IPv4 (1460); the IPv6 header is 20 octets longer (1440).
    this.config = wire == Family.IPV6 ? profile.engine().withMss(profile.engine().mss() - 20) : profile.engine();
    this.mode = mode;
    this.matcher = new SegmentMatcher(mode);
    this.tolerance = script.toleranceMicros();
    this.remoteIsn = script.remoteIsn();
  }

  /**
   * Runs {@code script} comparing segments in {@code mode}, the engine playing {@code profile}'s stack, the segments
   * in packets of the IP version the script declares ({@code --ip_version}).
   */
  public static Outcome run(Script script, SegmentMatcher.Mode mode, ScriptProfile profile) {
    return run(script, mode, profile, Family.of(script));
  }

  /**
   * As {@link #run(Script, SegmentMatcher.Mode, ScriptProfile)}, the connections' addresses and packets of {@code
   * wire} whatever the script declares: a script whose segments come in packets of another version than it declares
   * fails at its first {@code >} line.
   */
  public static Outcome run(Script script, SegmentMatcher.Mode mode, ScriptProfile profile, Family wire) {
    return new ScriptRunner(script, mode, profile, wire).run();
  }

  /**
   * {@code s} sent from {@code from} to {@code to} as an IP packet of their family and read back: the bytes the
   * wire carries, checksums over the family's pseudo-header included (RFC 9293 §3.1, RFC 8200 §8.1).
   */
  private static Pending overTheWire(long time, IpAddress from, IpAddress to, Segment s) {
    byte[] bytes = new IpPacket(PseudoHeader.of(from.bytes(), to.bytes()), HOP_LIMIT, s).encode();
    return switch (IpPacket.decode(bytes)) {
      case PacketDecodeResult.Decoded d -> new Pending(time, d.packet().segment(), (bytes[0] & 0xFF) >>> 4);
      // The codec reads back what it wrote; a packet it cannot is a bug of the codec, not of the script.
      case DecodeError e -> throw new IllegalStateException("the wire codec cannot read back its own packet: " + e);
    };
  }

  private Outcome run() {
    try {
      List<Step> steps = script.steps();
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i) instanceof Step.Expect) {
          lastExpect = i;
        }
      }
      for (int i = 0; i < steps.size(); i++) {
        index = i;
        current = steps.get(i).line();
        step(steps.get(i));
      }
      Pending p = sent.peek();
      if (p != null) {
        String what = "segment sent after the last > line at " + seconds(p.time()) + ": " + render(p.segment());
        if (mode == SegmentMatcher.Mode.STRICT) {
          throw new Stop(Outcome.Status.FAIL, "end of script: unexpected segment at " + seconds(p.time()) + ": "
              + render(p.segment()));
        }
        // Lenient mode follows packetdrill, which reads the engine's segments only at > lines and stops after
        // the last line: what the engine sends after the last > line is never read, so it is only noted.
        return new Outcome(Outcome.Status.PASS, "not compared, " + what
            + (sent.size() > 1 ? " (and " + (sent.size() - 1) + " more)" : ""), skipped);
      }
      return new Outcome(Outcome.Status.PASS, "", skipped);
    } catch (Stop s) {
      return new Outcome(s.status, String.valueOf(s.getMessage()), skipped);
    } catch (RuntimeException e) {
      // A call the engine refuses outright (it throws only on misuse): report it as this script's failure.
      return new Outcome(Outcome.Status.FAIL, script.file().getFileName() + ":" + current
          + ": the engine refused the call: " + e, skipped);
    }
  }

  private static String seconds(long micros) {
    return String.format(java.util.Locale.ROOT, "%.6fs", micros / 1e6);
  }

  private Stop fail(Step step, String what) {
    return new Stop(Outcome.Status.FAIL, script.file().getFileName() + ":" + step.line() + ": " + step.text()
        + "\n    " + what);
  }

  private Endpoint endpoint() {
    Endpoint e = endpoint;
    if (e == null) {
      // The endpoint's own configuration serves only its TIME-WAIT entries, which keep no receive buffer: their
      // RCV.WND is the window a connection can last have advertised, at most 65535 (no window scaling).
      e = new Endpoint(config.withReceiveWindow(Math.min(config.receiveWindow(), 0xFFFF)), new SecureRandom(),
          script.quietTime());
      e.start(now);
      endpoint = e;
    }
    return e;
  }

  private void step(Step step) throws Stop {
    Step.Time t = step.time();
    long start = t.relative() ? scriptTime + t.startMicros() : t.startMicros();
    Long endRaw = t.endMicros();
    long end = endRaw == null ? start : t.endRelative() ? scriptTime + endRaw : endRaw;
    scriptTime = start;
    switch (step) {
      case Step.Skipped s -> {
        skipped++;
        advance(start);
      }
      case Step.Sysctl s -> {
        advance(start);
        sysctl(s);
      }
      case Step.Inject s -> {
        advance(start);
        noUnexpected(step);
        inject(s.segment());
      }
      case Step.Expect s -> expect(s, start, end);
      case Step.AssertIssAdvance s -> {
        advance(start);
        noUnexpected(step);
        Long isn = localIsn;
        Long before = previousIsn;
        if (isn == null || before == null) {
          throw fail(step, "expected two ISNs, actual " + (isn == null ? "none" : "one") + " seen so far");
        }
        long advance = (isn - before) & 0xFFFF_FFFFL;
        if (advance != s.advance()) {
          throw fail(step, "expected ISS advance " + s.advance() + ", actual " + advance + " (previous ISS "
              + before + ", ISS " + isn + ")");
        }
      }
      case Step.AssertState s -> {
        advance(start);
        noUnexpected(step);
        String actual = stateOfLive();
        if (!actual.equals(s.state())) {
          throw fail(step, "expected state " + s.state() + ", actual state " + actual);
        }
      }
      case Step.Call s -> {
        advance(start);
        noUnexpected(step);
        call(s);
      }
    }
  }

  /**
   * The state {@code tcpi_state} reads: that of the socket under test. An accepted or connected socket reads its
   * own connection's state, CLOSED once that is gone (even while a listener is open on the port); a connection
   * no socket owns yet (a passive open before accept) reads its own state, and LISTEN once it is gone while the
   * listener is open.
   */
  private String stateOfLive() {
    String st = endpoint().state(live);
    if (st.equals("CLOSED")) {
      boolean owned = false;
      boolean listener = false;
      for (Sock s : sockets.values()) {
        owned |= !s.listening && s.tuple != null && live.equals(s.tuple);
        listener |= s.listening && live.localPort() == SERVER_PORT;
      }
      if (listener && !owned) {
        return "LISTEN";
      }
    }
    return st;
  }

  // ----------------------------------------------------------------------------------------------------------
  // Time and output.

  /** Fires every timer due by {@code until}, then sets the clock there. */
  private void advance(long until) {
    while (true) {
      FourTuple bestTuple = null;
      Timer bestTimer = null;
      long best = Long.MAX_VALUE;
      for (Map.Entry<FourTuple, EnumMap<Timer, Long>> e : timers.entrySet()) {
        for (Map.Entry<Timer, Long> te : e.getValue().entrySet()) {
          if (te.getValue() < best) {
            best = te.getValue();
            bestTuple = e.getKey();
            bestTimer = te.getKey();
          }
        }
      }
      if (bestTuple == null || bestTimer == null || best > until) {
        break;
      }
      now = Math.max(now, best);
      EnumMap<Timer, Long> m = timers.get(bestTuple);
      if (m != null) {
        m.remove(bestTimer);
      }
      absorb(endpoint().handleTimeout(bestTuple, bestTimer, now));
    }
    now = Math.max(now, until);
  }

  /** The earliest timer deadline, or null. */
  private @Nullable Long nextDeadline() {
    Long best = null;
    for (EnumMap<Timer, Long> m : timers.values()) {
      for (Long d : m.values()) {
        if (best == null || d < best) {
          best = d;
        }
      }
    }
    return best;
  }

  private void absorb(EndpointResult r) {
    List<FourTuple> established = new ArrayList<>();
    for (EndpointResult.Outgoing o : r.segments()) {
      long seq = o.segment().seq().unsigned();
      Long isn = localIsn;
      if (o.segment().flags().contains(Flag.SYN) && (isn == null || isn != seq)) {
        previousIsn = isn;
        localIsn = seq;
      }
      sent.add(overTheWire(now, o.tuple().local(), o.tuple().remote(), o.segment()));
    }
    for (EndpointResult.TimerOrder o : r.timers()) {
      EnumMap<Timer, Long> m = timers.computeIfAbsent(o.tuple(), k -> new EnumMap<>(Timer.class));
      switch (o.command()) {
        case TimerCommand.Set s -> m.put(s.timer(), s.deadlineMicros());
        case TimerCommand.Cancel c -> m.remove(c.timer());
      }
    }
    for (EndpointResult.Event e : r.events()) {
      ConnInfo info = conns.computeIfAbsent(e.tuple(), k -> new ConnInfo());
      switch (e.event()) {
        case UserEvent.DataDelivered d -> info.received.writeBytes(d.data());
        case UserEvent.PeerClosed p -> info.peerClosed = true;
        case UserEvent.ConnectionReset c -> info.error = "ECONNRESET";
        case UserEvent.ConnectionRefused c -> info.error = "ECONNREFUSED";
        case UserEvent.ConnectionTimedOut c -> info.error = "ETIMEDOUT";
        case UserEvent.Established est -> established.add(e.tuple());
        case UserEvent.Closed c -> timers.remove(e.tuple());
      }
    }
    for (FourTuple t : established) {
      settle(t, true);
    }
  }

  private String render(Segment s) {
    return SegmentMatcher.relative(s, localIsn == null ? 0 : localIsn, remoteIsn).toString();
  }

  private void noUnexpected(Step step) throws Stop {
    if (mode == SegmentMatcher.Mode.LENIENT && index > lastExpect) {
      return;
    }
    Pending p = sent.peek();
    if (p != null) {
      throw fail(step, "unexpected segment before this line, sent at " + seconds(p.time()) + ": "
          + render(p.segment()));
    }
  }

  private void expect(Step.Expect step, long start, long end) throws Stop {
    advance(start);
    long latest = end + tolerance;
    while (sent.isEmpty()) {
      Long d = nextDeadline();
      if (d == null || d > latest) {
        break;
      }
      advance(d);
    }
    Pending p = sent.poll();
    if (p == null) {
      throw fail(step, "expected " + step.segment() + " at " + seconds(start) + ", actual: no segment by "
          + seconds(latest));
    }
    if (p.ipVersion() != declared.version()) {
      throw fail(step, "expected an IPv" + declared.version() + " packet (--ip_version), actual an IPv"
          + p.ipVersion() + " packet: " + render(p.segment()));
    }
    SegmentSpec actual = SegmentMatcher.relative(p.segment(), localIsn == null ? 0 : localIsn, remoteIsn);
    String why = matcher.mismatch(step.segment(), actual);
    if (why != null) {
      throw fail(step, "expected " + step.segment() + "\n    actual   " + actual + " (" + why + ")");
    }
    if (p.time() < start - tolerance) {
      throw fail(step, "expected " + step.segment() + " at " + seconds(start) + ", actual: sent at "
          + seconds(p.time()) + ", earlier than the tolerance of " + tolerance + " us");
    }
  }

  private void inject(SegmentSpec s) throws Stop {
    Long start = s.start();
    long seq = remoteIsn + (start == null ? 0 : start);
    Long ack = s.ack();
    long isn = localIsn == null ? 0 : localIsn;
    List<TcpOption> options = new ArrayList<>();
    List<String> given = s.options();
    if (given != null) {
      for (String o : given) {
        String[] w = o.split(" ");
        switch (w[0].toLowerCase(java.util.Locale.ROOT)) {
          case "nop" -> options.add(new TcpOption.Nop());
          case "eol" -> { }
          case "sackok" -> options.add(new TcpOption.SackPermitted());
          case "mss" -> options.add(new TcpOption.Mss(Integer.parseInt(w[1])));
          case "wscale" -> options.add(new TcpOption.WindowScale(Integer.parseInt(w[1])));
          case "ts" -> options.add(new TcpOption.Timestamps(Long.parseLong(w[2]), Long.parseLong(w[4])));
          default -> { }
        }
      }
    }
    Integer win = s.window();
    Segment seg = Segment.builder()
        .sourcePort(live.remotePort())
        .destinationPort(live.localPort())
        .seq(SeqNum.of(seq))
        .ack(ack == null ? new SeqNum(0) : SeqNum.of(isn + ack))
        .flags(SegmentMatcher.flags(s.flags()))
        .window(win == null ? 65535 : win)
        .options(options)
        .payload(new byte[s.length()])
        .build();
    absorb(endpoint().handleSegment(live, overTheWire(now, live.remote(), live.local(), seg).segment(), now));
    if (seg.flags().contains(Flag.SYN)) {
      settle(live, false);
    }
  }

  // ----------------------------------------------------------------------------------------------------------
  // Policies and socket calls.

  private void sysctl(Step.Sysctl s) {
    boolean on = !s.value().equals("0");
    switch (s.name()) {
      // RFC 5961's protections (R-RST-1, R-RST-4, R-SEQ-6) are one policy of the engine: either knob turns it off.
      case "net.inet.tcp.insecure_rst", "net.inet.tcp.insecure_syn" -> {
        if (on) {
          config = config.withRfc5961(false);
        }
      }
      case "net.inet.tcp.recvspace" -> {
        try {
          long v = Long.parseLong(s.value());
          config = config.withReceiveWindow(openingBuffer(v, config.mss()));
          recvspace = v;
        } catch (IllegalArgumentException e) {
          skipped++;
        }
      }
      // FreeBSD's knob (Policy.DROP_SYN_FIN), where the profile's stack has it.
      case "net.inet.tcp.drop_synfin" -> {
        if (profile.dropSynFinKnob()) {
          config = config.withPolicy(Policy.DROP_SYN_FIN, on);
        } else {
          skipped++;
        }
      }
      case "net.inet.tcp.msl" -> {
        try {
          config = config.withMslMicros(Long.parseLong(s.value()) * 1000);
        } catch (IllegalArgumentException e) {
          skipped++;
        }
      }
      default -> skipped++;
    }
  }

  private Sock sock(Step.Call c, int index) throws Stop {
    if (c.args().size() <= index) {
      throw fail(c, c.name() + " needs a file descriptor");
    }
    try {
      Sock s = sockets.get(Integer.parseInt(c.args().get(index)));
      if (s == null) {
        throw fail(c, "expected " + c.result() + ", actual -1 EBADF (no socket " + c.args().get(index) + ")");
      }
      return s;
    } catch (NumberFormatException e) {
      throw fail(c, "not a file descriptor: " + c.args().get(index));
    }
  }

  private void call(Step.Call c) throws Stop {
    long result = 0;
    @Nullable String errno = null;
    switch (c.name()) {
      case "socket" -> {
        int fd = 3;
        while (sockets.containsKey(fd)) {
          fd++;
        }
        sockets.put(fd, new Sock(config, recvspace));
        result = fd;
      }
      case "bind" -> sock(c, 0);
      case "listen" -> {
        Sock s = sock(c, 0);
        int backlog = c.args().size() > 1 ? parseInt(c, c.args().get(1)) : 1;
        s.listening = true;
        live = new FourTuple(localIp, SERVER_PORT, remoteIp, REMOTE_PORT);
        endpoint().listen(SERVER_PORT, Math.max(1, backlog), passive(s.config));
      }
      case "accept" -> {
        Sock s = sock(c, 0);
        FourTuple t = s.listening ? endpoint().accept(SERVER_PORT) : null;
        if (t == null) {
          result = -1;
          errno = s.listening ? "EAGAIN" : "EINVAL";
        } else {
          int fd = 3;
          while (sockets.containsKey(fd)) {
            fd++;
          }
          Sock a = new Sock(passive(s.config), s.requested);
          a.tuple = t;
          a.lingerZero = s.lingerZero;
          sockets.put(fd, a);
          live = t;
          result = fd;
        }
      }
      case "connect" -> {
        Sock s = sock(c, 0);
        FourTuple t = new FourTuple(localIp, EPHEMERAL_PORT, remoteIp, SERVER_PORT);
        if (!endpoint().state(t).equals("CLOSED")) {
          result = -1;
          errno = "EADDRINUSE";
        } else {
          s.tuple = t;
          live = t;
          conns.put(t, new ConnInfo());
          absorb(endpoint().connect(t, s.config, now));
        }
        if (errno == null && s.nonBlocking) {
          result = -1;
          errno = "EINPROGRESS";
        }
      }
      case "write", "send" -> {
        Sock s = sock(c, 0);
        int n = c.args().size() > 2 ? parseInt(c, c.args().get(2)) : 0;
        FourTuple t = s.tuple;
        ConnInfo info = t == null ? null : conns.get(t);
        if (t == null) {
          result = -1;
          errno = "ENOTCONN";
        } else if (info != null && info.error != null) {
          result = -1;
          errno = info.error;
          info.error = "EPIPE";
        } else if (s.shutWr || !hasConnection(t)) {
          result = -1;
          errno = "EPIPE";
        } else {
          EndpointResult r = endpoint().send(t, new byte[n], now);
          absorb(r);
          result = n;
        }
      }
      case "read", "recv" -> {
        Sock s = sock(c, 0);
        int n = c.args().size() > 2 ? parseInt(c, c.args().get(2)) : 0;
        FourTuple t = s.tuple;
        ConnInfo info = t == null ? null : conns.get(t);
        if (t == null || info == null) {
          result = -1;
          errno = t == null ? "ENOTCONN" : "EAGAIN";
        } else {
          int avail = info.received.size() - info.readOffset;
          if (avail > 0) {
            result = Math.min(n, avail);
            info.readOffset += (int) result;
          } else if (info.error != null) {
            result = -1;
            errno = info.error;
            info.error = null;
          } else if (info.peerClosed) {
            result = 0;
          } else {
            result = -1;
            errno = "EAGAIN";
          }
        }
      }
      case "shutdown" -> {
        Sock s = sock(c, 0);
        String how = c.args().size() > 1 ? c.args().get(1) : "";
        FourTuple t = s.tuple;
        if (t == null) {
          result = -1;
          errno = "ENOTCONN";
        } else if (!how.equals("SHUT_RD") && !s.shutWr) {
          s.shutWr = true;
          if (!hasConnection(t)) {
            result = -1;
            errno = "ENOTCONN";
          } else {
            absorb(endpoint().close(t, now));
          }
        }
      }
      case "close" -> {
        Sock s = sock(c, 0);
        sockets.values().remove(s);
        close(s);
      }
      case "setsockopt" -> setsockopt(c, sock(c, 0));
      case "getsockopt", "fcntl", "ioctl", "poll", "select", "usleep", "sendmsg", "recvmsg", "getsockname",
           "getpeername", "writev", "readv", "sendto", "recvfrom" -> {
        skipped++;
        if (c.name().equals("fcntl") && c.args().size() > 2 && c.args().get(2).contains("O_NONBLOCK")) {
          sock(c, 0).nonBlocking = true;
        }
        return;
      }
      default -> throw new Stop(Outcome.Status.SKIP, script.file().getFileName() + ":" + c.line()
          + ": socket call " + c.name() + " is not modelled");
    }
    if (result != c.result() || !sameErrno(errno, c.errno())) {
      String expected = c.result() + (c.errno() == null ? "" : " " + c.errno());
      String actual = result + (errno == null ? "" : " " + errno);
      throw fail(c, "expected return " + expected + ", actual " + actual);
    }
  }

  /** Whether {@code t} has a connection that takes user calls (not CLOSED, not a TIME-WAIT entry). */
  private boolean hasConnection(FourTuple t) {
    String st = endpoint().state(t);
    return !st.equals("CLOSED") && !st.equals("TIME-WAIT");
  }

  private static boolean sameErrno(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return canonical(a).equals(canonical(b));
  }

  private static String canonical(String errno) {
    return errno.equals("EWOULDBLOCK") ? "EAGAIN" : errno;
  }

  private int parseInt(Step.Call c, String s) throws Stop {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw fail(c, "expected a number, found " + s);
    }
  }

  private void close(Sock s) {
    if (s.listening) {
      absorb(endpoint().unlisten(SERVER_PORT, now));
      return;
    }
    FourTuple t = s.tuple;
    if (t == null) {
      return;
    }
    String state = endpoint().state(t);
    if (state.equals("CLOSED")) {
      return;
    }
    ConnInfo info = conns.get(t);
    boolean unread = info != null && info.received.size() > info.readOffset;
    if (s.lingerZero || unread) {
      // R-CLOSE-4 (SHLD-3): CLOSE with data not read aborts; so does SO_LINGER with a zero time.
      absorb(endpoint().abort(t, now));
    } else if (!s.shutWr && !state.equals("TIME-WAIT")) {
      absorb(endpoint().close(t, now));
    }
  }

  private void setsockopt(Step.Call c, Sock s) throws Stop {
    String opt = c.args().size() > 2 ? c.args().get(2) : "";
    String value = c.args().size() > 3 ? c.args().get(3) : "";
    switch (opt) {
      case "SO_REUSEADDR", "SO_REUSEPORT", "TCP_NODELAY" -> { }
      case "SO_LINGER" -> {
        Matcher m = LINGER.matcher(value);
        s.lingerZero = m.matches() && !ScriptParser.group(m, 1).equals("0") && ScriptParser.group(m, 2).equals("0");
      }
      case "SO_KEEPALIVE", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_USER_TIMEOUT" ->
          timing(c, s, opt, value);
      case "SO_RCVBUF" -> {
        // The receive buffer, and so RCV.WND (the window field says at most 65535: no window scaling).
        long v = intValue(c, value);
        FourTuple t = s.tuple;
        if (t != null && hasConnection(t)) {
          // On an open connection the buffer may grow (SHLD-14: the right edge never moves left).
          if (!grow(s, t, s.config, receiveBuffer(v, settledMss(t, s.config)))) {
            skipped++;
          }
        } else if (s.listening || t != null) {
          skipped++;
        } else {
          s.requested = v;
          s.config = s.config.withReceiveWindow(openingBuffer(v, s.config.mss()));
        }
      }
      default -> skipped++;
    }
  }

  /**
   * The receive buffer, and so RCV.WND, of a socket whose buffer is set to {@code octets} (by the
   * {@code net.inet.tcp.recvspace} sysctl or SO_RCVBUF). This models the FreeBSD socket layer, not a TCP rule:
   * once the MSS is known it rounds a buffer of at least one MSS up to a whole number of segments (65536 becomes
   * 65700 = 45 x 1460, as the suite's {@code getsockopt(SO_RCVBUF)} lines show). The runner fixes the buffer when
   * the socket opens and so rounds with the engine's own MSS; FreeBSD rounds with the MSS both sides settle on,
   * which is the same whenever the peer offers at least as much (every FreeBSD suite script offers 1460). The
   * result is bounded by {@link TcpConfig#MAX_RECEIVE_WINDOW}.
   *
   * <p>Two places keep a window of at most 65535 instead, the most the window field carries without window
   * scaling: a passive open (FreeBSD answers a SYN from its listen queue with the window its SYN,ACK can carry
   * and rounds only when the handshake ends; the runner fixes a connection's buffer when it opens, so a
   * passively opened connection keeps that window), and TIME-WAIT entries (which keep no buffer, and so the
   * window last advertised).
   */
  static int receiveBuffer(long octets, int mss) {
    long buffer = octets < mss ? octets : (octets + mss - 1) / mss * mss;
    return bounded(buffer);
  }

  /** {@code octets} as a receive buffer: within 0 and {@link TcpConfig#MAX_RECEIVE_WINDOW}. */
  private static int bounded(long octets) {
    return (int) Math.max(0, Math.min(octets, TcpConfig.MAX_RECEIVE_WINDOW));
  }

  /**
   * The buffer of a socket asked for {@code octets} before its connection opens: rounded with the engine's MSS, or,
   * when the profile rounds with the MSS the sides settle on ({@link ScriptProfile#roundWithPeerMss}), not yet
   * (the handshake decides: {@link #settle}).
   */
  private int openingBuffer(long octets, int mss) {
    return profile.roundWithPeerMss() ? bounded(octets) : receiveBuffer(octets, mss);
  }

  /** The MSS connection {@code t} settled on: the smaller of the engine's and the one its peer's SYN offered. */
  private int settledMss(FourTuple t, TcpConfig c) {
    return Math.min(c.mss(), endpoint().peerMss(t));
  }

  /**
   * Grows the receive buffer of {@code t}, whose connection opened with {@code opened}, to {@code w} octets if that
   * is more, keeping the socket {@code s}'s configuration in step (a listener's stays as it was); whether it grew.
   */
  private boolean grow(Sock s, FourTuple t, TcpConfig opened, int w) {
    if (w <= opened.receiveWindow()) {
      return false;
    }
    if (!s.listening) {
      s.config = s.config.withReceiveWindow(w);
    }
    absorb(endpoint().growReceiveBuffer(t, w, now));
    return true;
  }

  /**
   * Under a profile that rounds with the MSS the sides settle on, the socket's buffer becomes a whole number of
   * those segments (FreeBSD's {@code tcp_mss}: 65536 with a peer offering 1440 becomes 66240), the connection's
   * RCV.WND growing to it: for an active open when the peer's SYN arrives, for a passive one when the handshake is
   * over ({@code established}; FreeBSD's listen queue answers the SYN before a socket exists).
   */
  private void settle(FourTuple t, boolean established) {
    if (!profile.roundWithPeerMss() || !hasConnection(t)) {
      return;
    }
    // The socket of the connection, else (a passive open not yet accepted) the listener's.
    Sock owner = null;
    Sock listener = null;
    for (Sock s : sockets.values()) {
      FourTuple own = s.tuple;
      if (own != null && own.equals(t)) {
        owner = s;
      } else if (s.listening && t.localPort() == SERVER_PORT) {
        listener = s;
      }
    }
    if (owner == null && established) {
      owner = listener;
    }
    if (owner == null || owner.requested < 0) {
      return;
    }
    TcpConfig opened = owner.listening ? passive(owner.config) : owner.config;
    grow(owner, t, opened, receiveBuffer(owner.requested, settledMss(t, opened)));
  }

  /** The configuration of a passively opened connection: its window is one its SYN,ACK can carry (receiveBuffer). */
  private static TcpConfig passive(TcpConfig socket) {
    return socket.withReceiveWindow(Math.min(socket.receiveWindow(), 0xFFFF));
  }

  /**
   * Keep-alive and the user timeout: on a socket not yet open they become its connection's policies; on an open
   * one (accepted or connected) they change its connection at once ({@code Endpoint.setOptions}), as a stack
   * applies them. A listening socket's connections fix their policies when the listener is set up.
   */
  private void timing(Step.Call c, Sock s, String opt, String value) throws Stop {
    if (s.listening) {
      throw new Stop(Outcome.Status.SKIP, script.file().getFileName() + ":" + c.line() + ": " + opt
          + " on a listening socket is not modelled (its connections take the policies it had at listen)");
    }
    s.config = withOption(c, s.config, opt, value);
    FourTuple t = s.tuple;
    if (t != null && hasConnection(t)) {
      absorb(endpoint().setOptions(t, s.config, now));
    }
  }

  private TcpConfig withOption(Step.Call c, TcpConfig was, String opt, String value) throws Stop {
    return switch (opt) {
      case "SO_KEEPALIVE" -> was.withKeepAlive(!intValue(c, value).equals(0L));
      case "TCP_KEEPIDLE" -> was.withKeepAliveTiming(intValue(c, value) * TcpConfig.SECOND,
          was.keepAliveIntervalMicros(), was.keepAliveProbes());
      case "TCP_KEEPINTVL" -> was.withKeepAliveTiming(was.keepAliveIdleMicros(),
          intValue(c, value) * TcpConfig.SECOND, was.keepAliveProbes());
      case "TCP_KEEPCNT" -> was.withKeepAliveTiming(was.keepAliveIdleMicros(),
          was.keepAliveIntervalMicros(), intValue(c, value).intValue());
      case "TCP_USER_TIMEOUT" -> was.withUserTimeoutMicros(intValue(c, value) * 1000);
      default -> throw new IllegalArgumentException(opt);
    };
  }

  private Long intValue(Step.Call c, String value) throws Stop {
    Matcher m = INT_VALUE.matcher(value);
    if (!m.matches()) {
      throw fail(c, "expected [N] as the option value, found " + value);
    }
    return Long.parseLong(ScriptParser.group(m, 1));
  }
}
