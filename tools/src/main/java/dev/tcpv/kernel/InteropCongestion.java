package dev.tcpv.kernel;

import dev.tcpv.conn.TcpConfig;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.endpoint.FourTuple;
import dev.tcpv.kernel.InteropRig.EngineApp;
import dev.tcpv.kernel.InteropScenario.LinuxEnd;
import dev.tcpv.seq.SeqNum;
import dev.tcpv.tun.EventLoop;
import dev.tcpv.tun.EventLoop.Direction;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Segment;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The congestion control of the engine (R-CC-1, RFC 5681) as it shows on the wire, in {@link
 * InteropScenario#SMALL_MTU_LOSSY}: a device of Ethernet's MTU, so that the engine's segments are small beside
 * Linux's window, and a few of the engine's segments dropped by the namespace's filter ({@link
 * InteropScenario#rules}, after the capture). What the scenario checks, at the device ({@link CongestionTap}):
 *
 * <ul>
 *   <li>slow start: the engine's first flight of text, before any ACK of text, is at most the initial window of
 *       RFC 5681 §3.1 for the largest segment it sent; later flights grow past it ({@link #GROWN_SEGMENTS} segments
 *       at least);
 *   <li>fast retransmit (§3.2): at least one segment is sent again after three duplicate ACKs of its start and
 *       sooner than the retransmission timer's floor could fire (RFC 6298 §2.4, 1 s).
 * </ul>
 */
final class InteropCongestion {
  /** The MTU of the device in {@link InteropScenario#SMALL_MTU_LOSSY}: Ethernet's. */
  static final int SMALL_MTU = 1500;
  /** The octets the engine sends in {@link InteropScenario#SMALL_MTU_LOSSY}. */
  static final int SENDS = 256 << 10;
  /** How many full segments a flight must reach for slow start to have grown the window past its start. */
  static final int GROWN_SEGMENTS = 8;

  private InteropCongestion() {}

  /**
   * The initial window of RFC 5681 §3.1 (equation 1) for segments of {@code smss} octets, written from the RFC and
   * not taken from the engine's {@code CongestionControl}, so that the check does not share the engine's reading.
   */
  static long initialWindow(long smss) {
    return Math.min(4 * smss, Math.max(2 * smss, 4380));
  }

  /**
   * Engine client, Linux server, on a device of MTU {@value #SMALL_MTU}: the engine sends {@value #SENDS} octets;
   * Linux reads them all and answers with one octet; the engine then closes, and Linux after it. The filter drops a
   * few of the engine's packets. The engine closes only once Linux has had everything: a FIN sent behind a hole
   * would reach Linux out of order, and Linux holds such a FIN where the spec drops it (docs/findings.md F11).
   */
  static String smallMtuLossy(InteropScenario s) throws Exception {
    byte[] engineData = InteropRig.data(21, SENDS);
    byte[] reply = InteropRig.data(22, 1);
    FourTuple t = s.engineTuple();
    EngineApp app = EngineApp.connecting(t, (a, loop, c, e) -> {
      if (e instanceof UserEvent.Established) {
        loop.send(c, engineData);
      } else if (e instanceof UserEvent.DataDelivered) {
        loop.close(c);
      }
    }, EngineApp.peerClosedIn(t, "TIME-WAIT"));
    CongestionTap tap = new CongestionTap();
    LinuxEnd linux = new LinuxEnd();
    InteropRig.open(app, tap, InteropRig.engineConfig(s.mtu()), s.mtu()).run(() -> {
      try (Socket so = s.linuxSocket()) {
        InputStream in = so.getInputStream();
        linux.readExactly(in, SENDS);
        so.getOutputStream().write(reply);
        linux.readToEnd(in);
      }
    });
    return s.verdict(app, engineData, reply, linux) + ", " + judge(tap, TcpConfig.defaults().minRtoMicros());
  }

  /**
   * What {@code tap} saw, judged: a summary, or an exception that names the rule broken. {@code floor} is the least
   * retransmission timeout; a segment resent sooner after three duplicate ACKs was resent by fast retransmit.
   */
  static String judge(CongestionTap tap, long floor) {
    long smss = tap.largest;
    long iw = initialWindow(smss);
    if (smss == 0 || tap.firstFlight > iw) {
      throw new IllegalStateException("the engine's first flight was " + tap.firstFlight + " octets before any ACK "
          + "of text; the initial window for segments of " + smss + " is " + iw + " (RFC 5681 section 3.1)");
    }
    if (tap.largestFlight < GROWN_SEGMENTS * smss) {
      throw new IllegalStateException("the engine's largest flight was " + tap.largestFlight + " octets: the window "
          + "never grew to " + GROWN_SEGMENTS + " segments (slow start, RFC 5681 section 3.1)");
    }
    List<String> fast = new ArrayList<>();
    for (CongestionTap.Resend r : tap.resends) {
      if (r.duplicateAcks() >= 3 && r.after() >= 0 && r.after() < floor) {
        fast.add(r.seq() + " after " + r.duplicateAcks() + " duplicate ACKs, " + millis(r.after()));
      }
    }
    if (fast.isEmpty()) {
      throw new IllegalStateException("no segment was resent after three duplicate ACKs within " + millis(floor)
          + " of its first sending (fast retransmit, RFC 5681 section 3.2); resent: " + tap.resends);
    }
    return tap.resends.size() + " segments resent, " + fast.size() + " by fast retransmit (the first: "
        + fast.getFirst() + "), first flight " + tap.firstFlight + " octets (initial window " + iw + "), largest "
        + tap.largestFlight;
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
  }

  /**
   * Watches the engine's text and the kernel's ACKs cross the device, passing every packet: the engine's flights
   * (octets sent past the highest ACK), its first flight before any ACK of text, and each segment it sends again
   * (SEG.SEQ below the highest end sent), with the duplicate ACKs of that SEG.SEQ seen and the time since it was
   * first sent.
   */
  static final class CongestionTap implements EventLoop.Tap {
    /** One segment sent again. */
    record Resend(long seq, int duplicateAcks, long after) {}

    final List<Resend> resends = new ArrayList<>();
    long largest;
    long firstFlight;
    long largestFlight;
    private @Nullable SeqNum highestEnd;
    private @Nullable SeqNum highestAck;
    private @Nullable SeqNum firstText;
    private boolean textAcked;
    private int duplicates;
    /** When each segment of text was first sent, by its SEG.SEQ (unsigned), in µs on the loop's clock. */
    private final Map<Long, Long> firstSent = new HashMap<>();

    @Override
    public List<byte[]> cross(Direction d, long micros, byte[] packet) {
      Segment seg = InteropEdges.segment(packet);
      if (seg != null) {
        see(d, micros, seg);
      }
      return List.of(packet);
    }

    /** Takes note of {@code seg}, crossing the device in direction {@code d} at {@code micros}. */
    void see(Direction d, long micros, Segment seg) {
      if (d == Direction.OUT && seg.payloadLength() > 0) {
        outgoing(seg, micros);
      } else if (d == Direction.IN && seg.flags().contains(Flag.ACK)) {
        incoming(seg);
      }
    }

    private void outgoing(Segment seg, long micros) {
      SeqNum end = seg.seq().plus(seg.payloadLength());
      largest = Math.max(largest, seg.payloadLength());
      if (firstText == null) {
        firstText = seg.seq();
      }
      SeqNum high = highestEnd;
      if (high != null && seg.seq().lt(high)) {
        Long first = firstSent.get(seg.seq().unsigned());
        resends.add(new Resend(seg.seq().unsigned(), duplicates, first == null ? -1 : micros - first));
        return;
      }
      firstSent.put(seg.seq().unsigned(), micros);
      highestEnd = end;
      if (!textAcked) {
        firstFlight += seg.payloadLength();
      }
      SeqNum acked = highestAck;
      if (acked != null) {
        largestFlight = Math.max(largestFlight, end.minus(acked));
      }
    }

    private void incoming(Segment seg) {
      SeqNum ack = seg.ack();
      SeqNum acked = highestAck;
      SeqNum start = firstText;
      if (start != null && start.lt(ack)) {
        textAcked = true;
      }
      if (acked == null || acked.lt(ack)) {
        highestAck = ack;
        duplicates = 0;
      } else if (acked.equals(ack) && seg.payloadLength() == 0 && !seg.flags().contains(Flag.SYN)
          && !seg.flags().contains(Flag.FIN)) {
        duplicates++;
      }
    }
  }
}
