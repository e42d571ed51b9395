package dev.tcpv.script;

import dev.tcpv.capture.Profiles;
import dev.tcpv.conn.Policy;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.TraceHeader;
import java.util.List;

/**
 * The stack a script runs as ({@code tcpv script --profile}): the name its {@code #ifdef} branches test, the
 * engine's configuration, and how the socket layer sizes the receive buffer. The RFC 5961, RFC 1337 and TIME-WAIT
 * reopen policies, MSL and keep-alive come from the capture validator's profile of the same name ({@link
 * Profiles}), so that a script run and a capture validation under one name hold the engine and the stack to the
 * same rules; the engine's {@link Policy} behaviours, which the spec does not model, are added here.
 *
 * @param name the profile's name
 * @param define the name {@code #ifdef} tests (the FreeBSD suite's {@code STANDARD} or {@code FreeBSD})
 * @param engine the configuration of every socket before the script sets options
 * @param roundWithPeerMss whether the receive buffer is rounded up to whole segments of the MSS the two sides
 *     settle on (the smaller of the engine's and the one the peer's SYN offers), once the handshake is over, as
 *     FreeBSD's {@code tcp_mss} does; otherwise with the engine's own MSS when the socket opens
 * @param dropSynFinKnob whether the stack has FreeBSD's {@code net.inet.tcp.drop_synfin} ({@link
 *     Policy#DROP_SYN_FIN}); elsewhere a script's line setting it is skipped as another OS's: RFC 9293 has no such
 *     knob, and the FreeBSD suite's {@code STANDARD} branches expect a SYN+FIN processed by §3.10.7 with it set
 */
public record ScriptProfile(String name, String define, TcpConfig engine, boolean roundWithPeerMss,
    boolean dropSynFinKnob) {

  /** The delayed ACK of the rfc9293 profile, in microseconds. */
  public static final long DELAYED_ACK_MICROS = 40_000;

  /** The profiles' names. */
  public static final List<String> NAMES = List.of("tcpv", "rfc9293", "freebsd");

  /**
   * The engine as it ships ({@link TcpConfig#defaults()}, the rules of spec/rules.md, which take RFC 9293's options
   * such as R-TW-3's reopen, MAY-2), for the project's own scripts; {@code #ifdef STANDARD}; the receive buffer
   * rounded with the engine's MSS.
   */
  public static ScriptProfile tcpv() {
    return new ScriptProfile("tcpv", "STANDARD", TcpConfig.defaults(), false, false);
  }

  /**
   * RFC 9293 as written ({@link Profiles}' {@code rfc9293}: no TIME-WAIT reopen without timestamps) with the text
   * of a SYN taken ({@link Policy#SYN_TEXT}) and delayed ACKs (SHLD-18), for the {@code STANDARD} branches; the
   * receive buffer rounded with the engine's MSS. The RFC bounds the delay (below 0.5 s, MUST-40) and leaves its
   * value to the stack: this profile takes {@value #DELAYED_ACK_MICROS} µs, the delay the FreeBSD suite's lines are
   * timed to (FreeBSD's {@code net.inet.tcp.delacktime}, within the scripts' tolerance of 75 ms).
   */
  public static ScriptProfile rfc9293() {
    return new ScriptProfile("rfc9293", "STANDARD", fromValidator("rfc9293").withPolicy(Policy.SYN_TEXT, true)
        .withDelayedAckMicros(DELAYED_ACK_MICROS), false,
        false);
  }

  /**
   * FreeBSD ({@link Profiles}' {@code freebsd}: MSL 30 s, keep-alive on every connection, TIME-WAIT reopened by a
   * SYN above RCV.NXT) with its FIN sent again when FINs cross ({@link Policy#FIN_AGAIN_WHEN_FINS_CROSS}) and its
   * TIME-WAIT ({@link Policy#FREEBSD_TIME_WAIT}), a SYN,ACK in LISTEN dropped ({@link
   * Policy#LISTEN_DROPS_SYN_ACK}), the text of a SYN taken ({@link Policy#SYN_TEXT}) and its delayed ACK (the
   * validator profile's greatest delay, 40 ms: TCPTV_DELACK), for the {@code FreeBSD} branches; the receive
   * buffer rounded with the MSS the sides settle on. {@code drop_synfin} is off by default in FreeBSD as here; a
   * script turns it on.
   */
  public static ScriptProfile freebsd() {
    TraceHeader h = validator("freebsd");
    TcpConfig engine = fromValidator("freebsd")
        .withPolicy(Policy.FIN_AGAIN_WHEN_FINS_CROSS, true)
        .withPolicy(Policy.FREEBSD_TIME_WAIT, true)
        .withPolicy(Policy.LISTEN_DROPS_SYN_ACK, true)
        .withPolicy(Policy.SYN_TEXT, true)
        .withDelayedAckMicros(delayedAck(h));
    return new ScriptProfile("freebsd", "FreeBSD", engine, true, true);
  }

  /**
   * The profile {@code name}.
   *
   * @throws IllegalArgumentException when it is not one of {@link #NAMES}
   */
  public static ScriptProfile of(String name) {
    return switch (name) {
      case "tcpv" -> tcpv();
      case "rfc9293" -> rfc9293();
      case "freebsd" -> freebsd();
      default -> throw new IllegalArgumentException("profile " + name + ": scripts run under one of "
          + String.join(", ", NAMES));
    };
  }

  private static TraceHeader validator(String name) {
    TraceHeader h = Profiles.builtIn(name);
    if (h == null) {
      throw new IllegalStateException("no validator profile " + name);
    }
    return h;
  }

  /** The longest delayed ACK the validator's profile allows, below 0.5 s (MUST-40). */
  private static long delayedAck(TraceHeader h) {
    Bounds d = h.timers().delayedAck();
    return d == null ? 0 : Math.min(d.max(), TcpConfig.SECOND / 2 - 1);
  }

  private static TcpConfig fromValidator(String name) {
    TraceHeader h = validator(name);
    TcpConfig c = TcpConfig.defaults()
        .withRfc5961(h.rfc5961())
        .withRfc1337(h.rfc1337())
        .withTimeWaitReopen(h.twReopen())
        .withMslMicros(h.msl());
    // A stack that probes every connection (FreeBSD's always_keepalive) does so with its own timing; where
    // keep-alive waits for SO_KEEPALIVE, the socket options set the timing and the engine's defaults stand.
    return !h.timers().keepAlive() ? c : c.withKeepAlive(true).withKeepAliveTiming(h.timers().kaIdle().min(),
        h.timers().kaInterval().min(), h.timers().kaProbes());
  }
}
