package dev.tcpv.capture;

import dev.tcpv.config.SpecConstants;
import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.Timers;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stack profiles: the timers and policies a TCP stack is known to use, as the constants a capture's traces are
 * validated with ({@code validate --profile}). Each value is cited in docs/captures.md. A profile of one's own
 * is a file holding a trace header ({@code tcpv-trace/2}, docs/traces.md); of it a capture uses the timers, the
 * policies, MSL and the tick, and decides the rest itself (both TCBs hidden, 32-bit numbers, ISS values as
 * observed, the window and the MSS it shows).
 *
 * <p>A stack gives up (R2) at a retransmission timeout, so the latest it may still be retransmitting is R2 plus
 * one RTO ceiling: each profile's R2 ceiling is its floor plus its RTO ceiling.
 */
public final class Profiles {
  private Profiles() {}

  /** The built-in profiles' names. */
  public static final List<String> NAMES = List.of("rfc9293", "linux", "freebsd", "tcpv");

  private static final long MS = 1_000;
  private static final long S = 1_000_000;
  /** Validation resolution of every built-in profile: 1 ms. */
  private static final long TICK = MS;

  /** The built-in profile {@code name} ({@link #NAMES}), or null when there is none of that name. */
  public static @Nullable TraceHeader builtIn(String name) {
    return switch (name) {
      case "rfc9293" -> rfc9293();
      case "linux" -> linux();
      case "freebsd" -> freebsd();
      case "tcpv" -> tcpv();
      default -> null;
    };
  }

  /**
   * The profile {@code nameOrFile}: a built-in name, or a file holding a trace header.
   *
   * @throws TraceFormatException an unknown name, or a file that is not a valid header (one line)
   */
  public static TraceHeader of(String nameOrFile) throws TraceFormatException, IOException {
    TraceHeader builtIn = builtIn(nameOrFile);
    if (builtIn != null) {
      return builtIn;
    }
    Path p = Path.of(nameOrFile);
    if (!Files.isRegularFile(p)) {
      throw new TraceFormatException("profile " + nameOrFile + ": not one of " + String.join(", ", NAMES)
          + ", nor a file");
    }
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new TraceFormatException(nameOrFile + ":1: empty profile, expected a " + TraceHeader.FORMAT
          + " header");
    }
    return TraceReader.header(nameOrFile, lines.get(0));
  }

  /**
   * RFC 9293 as written: MSL 2 minutes (§3.4.1) and TIME-WAIT 2 x MSL (R-TW-1); the RTO of RFC 6298 (1 s floor,
   * §2.4; a ceiling of at least 60 s, §2.5; backoff, §5.5); R2 at least 100 s for data and 3 minutes for a SYN
   * (§3.8.3); keep-alive off (R-KA-1); delayed ACKs of less than 0.5 s (§3.8.6.3, SHLD-18, MUST-40); RFC 5961 and
   * RFC 1337 on (the project's defaults, spec/rules.md); a SYN in TIME-WAIT draws a challenge ACK and reopens
   * nothing: §3.10.7.4 (fourth check) accepts a new connection in TIME-WAIT only with timestamps (RFC 6191), which
   * no profile here models, so R-TW-3's reopen (RFC 1122's MAY-2) is a stack's choice, not RFC 9293's; fast
   * retransmit (RFC 5681 §3.2, part of TCP by MUST-19).
   */
  static TraceHeader rfc9293() {
    Bounds rto = new Bounds(S, 60 * S);
    Timers t = new Timers(rto, true, -1, new Bounds(100 * S, 160 * S), new Bounds(180 * S, 240 * S),
        Bounds.exactly(240 * S), false, Bounds.exactly(7200 * S), Bounds.exactly(75 * S), 9,
        new Bounds(0, 500 * MS));
    return header(120 * S, t, true, true, false, "profile rfc9293", "fastRetransmit");
  }

  /**
   * Linux (6.x defaults, Documentation/networking/ip-sysctl.rst and include/net/tcp.h): TIME-WAIT 60 s
   * (TCP_TIMEWAIT_LEN), so MSL 30 s; RTO from 200 ms (TCP_RTO_MIN) to 120 s (TCP_RTO_MAX), backoff; R2 from
   * tcp_retries2 = 15, about 924.6 s; a SYN's from tcp_synack_retries = 5 (63 s) to tcp_syn_retries = 6 (131 s);
   * RFC 5961 on; RFC 1337 off (tcp_rfc1337 = 0); a SYN may reopen TIME-WAIT; keep-alive off unless a socket sets
   * SO_KEEPALIVE (then tcp_keepalive_time 7200 s, tcp_keepalive_intvl 75 s, tcp_keepalive_probes 9); ABORT's reset
   * carries an ACK (policy abortRstAck: tcp_send_active_reset, docs/findings.md F1); after a simultaneous open it
   * may resend its bare SYN (policy bareSynRetransmit, F2); fast retransmit on duplicate ACKs and SACK holes
   * (RFC 5681, RFC 6675, RACK-TLP of RFC 8985: tcp_recovery); the ACK of a FIN may keep the right edge where it
   * was, one octet less offered (policy finKeepsEdge: a TIME-WAIT socket's window, tcp_time_wait, F8); a segment
   * without text at the right edge of the window is acceptable (policy emptyAtRightEdge: tcp_sequence in
   * net/ipv4/tcp_input.c tests SEG.SEQ =< RCV.NXT + RCV.WND, F9); a FIN beyond a gap is held and taken when the
   * gap is filled (policy holdsFin: tcp_data_queue_ofo, F11); delayed ACKs
   * of at most 200 ms (TCP_DELACK_MAX; the quick-ACK mode and an ACK for every second full segment send some
   * sooner, down to none).
   */
  static TraceHeader linux() {
    Bounds rto = new Bounds(200 * MS, 120 * S);
    Timers t = new Timers(rto, true, -1, new Bounds(924_600 * MS, 1_044_600 * MS), new Bounds(63 * S, 251 * S),
        Bounds.exactly(60 * S), false, Bounds.exactly(7200 * S), Bounds.exactly(75 * S), 9,
        new Bounds(0, 200 * MS));
    return header(30 * S, t, true, false, true, "profile linux", "abortRstAck", "bareSynRetransmit",
        "emptyAtRightEdge", "fastRetransmit", "finKeepsEdge", "holdsFin");
  }

  /**
   * FreeBSD (14 and 15, the default stack; sys/netinet/tcp_timer.h, tcp_timer.c, tcp_timewait.c, tcp_syncache.c,
   * tcp_input.c, tcp_fsm.h, and tcp(4)): MSL 30 s (TCPTV_MSL, net.inet.tcp.msl) and TIME-WAIT 2 x MSL; RTO from
   * 30 ms (TCPTV_MIN, net.inet.tcp.rexmit_min; TCPT_RANGESET adds 200 ms of slop, which makes real timeouts later
   * than the floor, never earlier) to 64 s (TCPTV_REXMTMAX), doubling (tcp_backoff[]); R2 a count: the 13th timeout
   * drops the connection (net.inet.tcp.retries = TCP_MAXRXTSHIFT = 12), so as a time it adds nothing below 13 x 64 s;
   * a SYN,ACK is given up at 15.6 s at the earliest (the syncache: SYNCACHE_MAXREXMTS = 3 resends, 1 + 2 + 4 + 8 s
   * plus 3 x 200 ms of slop) and a connection not established is dropped at 75 s (TCPTV_KEEP_INIT,
   * net.inet.tcp.keepinit); keep-alive on for every connection (net.inet.tcp.always_keepalive = 1) with 7200 s idle
   * (TCPTV_KEEP_IDLE), 75 s between probes (TCPTV_KEEPINTVL) and 8 probes (TCPTV_KEEPCNT); delayed ACKs of at most
   * 40 ms (TCPTV_DELACK, net.inet.tcp.delacktime); RFC 5961 on (net.inet.tcp.insecure_rst = insecure_syn = 0);
   * RFC 1337 on (tcp_twcheck drops every RST in TIME-WAIT); a SYN above RCV.NXT reopens TIME-WAIT (tcp_twcheck);
   * ABORT's reset carries an ACK (tcp_drop sends from CLOSED, whose tcp_outflags are RST and ACK: policy
   * abortRstAck); fast retransmit (NewReno and SACK, RFC 6582, RFC 6675); no TIME-WAIT at all for a connection to a
   * local address (net.inet.tcp.nolocaltimewait = 1, tcp_twstart: policy noLocalTimeWait).
   */
  static TraceHeader freebsd() {
    Bounds rto = new Bounds(30 * MS, 64 * S);
    Timers t = new Timers(rto, true, 12, Bounds.exactly(13 * 64 * S), new Bounds(15_600 * MS, 75 * S),
        Bounds.exactly(60 * S), true, Bounds.exactly(7200 * S), Bounds.exactly(75 * S), 8,
        new Bounds(0, 40 * MS));
    return header(30 * S, t, true, true, true, "profile freebsd", "abortRstAck", "fastRetransmit",
        "noLocalTimeWait");
  }

  /**
   * This project's engine as it ships ({@code TcpConfig.defaults()}, the simulator's production profile): fast
   * retransmit on (R-CC-1, RFC 5681 §3.2 and RFC 6582: the third duplicate ACK or a partial ACK in recovery).
   */
  static TraceHeader tcpv() {
    var c = Simulator.productionConfig(false, false, false);
    return header(c.mslMicros(), SpecConstants.timersOf(c), c.rfc5961(), c.rfc1337(), c.timeWaitReopen(),
        "profile tcpv", "fastRetransmit");
  }

  /**
   * {@code profile} with keep-alive on, a socket's settings: probes after {@code idleSeconds} idle, then every
   * {@code intervalSeconds}, {@code probes} unanswered at most. A stack's timer fires no sooner than set, and may
   * fire up to an eighth later: Linux's timer wheel rounds a timer up to the granularity of its level, at most 12.5%
   * of its delay (kernel/time/timer.c); a probe of a 1 s keep-alive is seen 1.008 s to 1.024 s after the last
   * segment on this machine's loopback.
   */
  public static TraceHeader withKeepAlive(TraceHeader profile, long idleSeconds, long intervalSeconds, int probes) {
    return profile.withTimers(profile.timers().withKeepAlive(late(idleSeconds * S), late(intervalSeconds * S),
        probes));
  }

  private static Bounds late(long micros) {
    return new Bounds(micros, micros + micros / 8);
  }

  private static TraceHeader header(long msl, Timers t, boolean rfc5961, boolean rfc1337, boolean twReopen,
      String name, String... policies) {
    return new TraceHeader(List.of("A", "B"), 1L << 32, msl, TICK, "observed", 1, 0, 0, 65535, 1, 1 << 20, false, t,
        rfc5961, rfc1337, twReopen, 0, -1, name, List.of(policies));
  }
}
