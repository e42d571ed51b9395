package dev.tcpv.capture;

import dev.tcpv.capture.PacketDecoder.Decoded;
import dev.tcpv.capture.PacketDecoder.TcpPacket;
import dev.tcpv.tracefile.Bounds;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A capture split into its TCP connections: one {@link Conversation} per 4-tuple, with its successive
 * incarnations, each turned into a trace whose TCBs are both hidden ({@link #trace}).
 *
 * <p>What the trace claims is what the capture point saw: each segment once, at the time it passed the point.
 * On loopback that is between its send and its arrival; on one host's interface the host's own segments are seen
 * as they leave and the peer's as they arrive. A trace line says "host h put this segment on the network at time
 * t" ({@code Wire}): the validator lets each such segment arrive, be lost or be duplicated later, as the spec's
 * network may, and lets every step that sends nothing happen unseen.
 */
public final class Captures {
  private Captures() {}

  /**
   * One incarnation of a connection: from a SYN without ACK to the next SYN that opens another (a new ISS), or to
   * the end of the capture.
   *
   * @param index its number in its conversation, from 1
   * @param first the frame number of its first packet
   * @param last the frame number of its last packet
   * @param packets how many packets it has
   */
  public record Incarnation(int index, int first, int last, int packets) {}

  /**
   * The packets of one 4-tuple, from its first SYN without ACK.
   *
   * @param a the endpoint that sent the first SYN (the spec's host A)
   * @param b the other endpoint (host B)
   * @param packets the packets, in capture order
   * @param incarnations its incarnations, in order
   * @param before packets of the 4-tuple captured before its first SYN (a connection already open when the
   *     capture began): not judged
   */
  public record Conversation(String a, String b, List<TcpPacket> packets, List<Incarnation> incarnations,
      int before) {
    /** Copies the lists. */
    public Conversation {
      packets = List.copyOf(packets);
      incarnations = List.copyOf(incarnations);
    }

    /** The 4-tuple as text, {@code A 10.0.0.1:40000 <-> B 10.0.0.2:80}. */
    public String name() {
      return "A " + a + " <-> B " + b;
    }
  }

  /**
   * A capture split.
   *
   * @param frames how many frames the file holds
   * @param conversations the connections, in the order of their first packet
   * @param skipped frames not judged, counted by reason (not TCP, fragments, headers cut short, a 4-tuple that
   *     never opens in the capture)
   * @param badChecksums TCP segments whose checksum does not verify: judged as captured (a host's own segments
   *     are captured before checksum offload fills the field in, as on Linux loopback)
   */
  public record Split(int frames, List<Conversation> conversations, Map<String, Integer> skipped,
      int badChecksums) {
    /** Copies the collections. */
    public Split {
      conversations = List.copyOf(conversations);
      skipped = Map.copyOf(skipped);
    }
  }

  /** Decodes every frame of {@code f} and groups its TCP segments by 4-tuple and incarnation. */
  public static Split split(CaptureFile f) {
    Map<String, Integer> skipped = new TreeMap<>();
    Map<String, List<TcpPacket>> byTuple = new LinkedHashMap<>();
    int bad = 0;
    for (CaptureFile.Frame frame : f.frames()) {
      Decoded d = PacketDecoder.decode(frame);
      if (d instanceof Decoded.Skipped s) {
        skipped.merge(s.reason(), 1, Integer::sum);
        continue;
      }
      TcpPacket p = (TcpPacket) d;
      if (p.checksum() == PacketDecoder.Checksum.BAD) {
        bad++;
      }
      String x = p.source();
      String y = p.destination();
      String key = x.compareTo(y) < 0 ? x + " " + y : y + " " + x;
      byTuple.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    List<Conversation> out = new ArrayList<>();
    for (List<TcpPacket> ps : byTuple.values()) {
      int start = 0;
      while (start < ps.size() && !(ps.get(start).has(PacketDecoder.SYN) && !ps.get(start).has(PacketDecoder.ACK))) {
        start++;
      }
      if (start == ps.size()) {
        skipped.merge("a connection that does not open in the capture (no SYN without ACK)", ps.size(),
            Integer::sum);
        continue;
      }
      List<TcpPacket> kept = ps.subList(start, ps.size());
      TcpPacket syn = kept.get(0);
      out.add(new Conversation(syn.source(), syn.destination(), kept, incarnations(kept, syn.source()), start));
    }
    return new Split(f.frames().size(), out, skipped, bad);
  }

  /**
   * The incarnations of {@code ps} (A being {@code a}): a SYN without ACK opens a new one when its sender already
   * opened the current one with another ISS, or when the current one has seen a FIN or a RST (a SYN crossing the
   * other's SYN is simultaneous open; a SYN with the same ISS is a retransmission).
   */
  static List<Incarnation> incarnations(List<TcpPacket> ps, String a) {
    List<Incarnation> out = new ArrayList<>();
    int first = 0;
    long[] iss = {-1, -1};
    boolean ending = false;
    for (int i = 0; i < ps.size(); i++) {
      TcpPacket p = ps.get(i);
      int h = p.source().equals(a) ? 0 : 1;
      if (p.has(PacketDecoder.SYN) && !p.has(PacketDecoder.ACK) && i > 0
          && (ending || iss[h] >= 0 && iss[h] != p.seq())) {
        out.add(new Incarnation(out.size() + 1, ps.get(first).frame(), ps.get(i - 1).frame(), i - first));
        first = i;
        iss[0] = -1;
        iss[1] = -1;
        ending = false;
      }
      if (p.has(PacketDecoder.SYN) && iss[h] < 0) {
        iss[h] = p.seq();
      }
      ending |= p.has(PacketDecoder.FIN) || p.has(PacketDecoder.RST);
    }
    out.add(new Incarnation(out.size() + 1, ps.get(first).frame(), ps.get(ps.size() - 1).frame(),
        ps.size() - first));
    return out;
  }

  /**
   * Whether both ends of {@code c} are addresses of one host as a capture can tell: the same address, or two
   * loopback addresses (127.0.0.0/8, ::1). A stack's other local addresses are not known from its capture.
   */
  static boolean local(Conversation c) {
    String a = address(c.a());
    String b = address(c.b());
    return a.equals(b) || loopback(a) && loopback(b);
  }

  /** The profile of the host at {@code address}: the one {@code byAddress} gives it, else {@code profile}. */
  private static TraceHeader profileOf(String address, TraceHeader profile, Map<String, TraceHeader> byAddress) {
    String bare = unbracketed(address);
    for (Map.Entry<String, TraceHeader> e : byAddress.entrySet()) {
      if (unbracketed(e.getKey()).equals(bare)) {
        return e.getValue();
      }
    }
    return profile;
  }

  /** {@code address} without the brackets an IPv6 address may be written in ({@code [fd00::1]}). */
  public static String unbracketed(String address) {
    return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
  }

  /** The policies of A's profile {@code a} and B's {@code b}, each named with its host ({@code A:abortRstAck}). */
  private static List<String> hostPolicies(TraceHeader a, TraceHeader b) {
    List<String> out = new ArrayList<>();
    for (String name : TraceHeader.POLICIES) {
      if (a.follows("A", name)) {
        out.add("A:" + name);
      }
      if (b.follows("B", name)) {
        out.add("B:" + name);
      }
    }
    return out;
  }

  private static String address(String endpoint) {
    return endpoint.substring(0, endpoint.lastIndexOf(':'));
  }

  private static boolean loopback(String address) {
    return address.startsWith("127.") || address.equals("[::1]");
  }

  /**
   * The trace of {@code c}'s packets from index {@code from} to {@code to} (exclusive), with the constants of
   * {@code profile} (the stack's timers and policies) and what the capture itself decides: both TCBs hidden,
   * 32-bit numbers, ISS values as observed, the receive buffer (the largest window either host advertises, and when
   * windows move, all the text a host receives beside it) and the MSS (the longest text a segment carries).
   * Windows are scaled as the SYNs negotiated (RFC 7323 §2.2: a shift applies when both SYNs carry the option, and
   * never to a SYN's own window). Each line is one packet, numbered by its frame; times count from the first
   * packet. With the policy {@code noLocalTimeWait}, a connection between local addresses ({@link #local}) has a
   * TIME-WAIT of 0.
   */
  public static Trace trace(Conversation c, int from, int to, TraceHeader profile, String source) {
    return trace(c, from, to, profile, Map.of(), source);
  }

  /**
   * As {@link #trace(Conversation, int, int, TraceHeader, String)}, host A following the policies of the profile
   * {@code byAddress} gives its address and host B those of B's, each of them {@code profile}'s when the map has
   * none (docs/findings.md F5: a capture between two stacks judges each by its own). The header names each policy
   * with its host ({@code A:abortRstAck}) when the map is not empty.
   */
  public static Trace trace(Conversation c, int from, int to, TraceHeader profile,
      Map<String, TraceHeader> byAddress, String source) {
    List<TcpPacket> ps = c.packets().subList(from, to);
    int[] shift = {-1, -1};
    int[] offered = {-1, -1};
    long[] synSeq = {-1, -1};
    int mss = 1;
    long rcvWnd = 1;
    long[] received = new long[2];
    List<SegmentRecord> segs = new ArrayList<>();
    for (TcpPacket p : ps) {
      int h = p.source().equals(c.a()) ? 0 : 1;
      if (p.has(PacketDecoder.SYN)) {
        // A SYN sent again (its ISS as before: a retransmission, or the bare SYN of a simultaneous open) belongs
        // to the handshake under way and changes nothing negotiated.
        boolean again = synSeq[h] == p.seq();
        synSeq[h] = p.seq();
        offered[h] = p.windowScale();
        if (!again) {
          if (!p.has(PacketDecoder.ACK)) {
            // A new handshake: the other side's offer is for the connection before.
            offered[1 - h] = -1;
          }
          shift[0] = -1;
          shift[1] = -1;
        }
      } else if (shift[h] < 0 && offered[0] >= 0 && offered[1] >= 0) {
        shift[0] = offered[0];
        shift[1] = offered[1];
      }
      long wnd = p.has(PacketDecoder.SYN) || shift[h] < 0 ? p.window() : (long) p.window() << shift[h];
      rcvWnd = Math.max(rcvWnd, wnd);
      mss = Math.max(mss, p.payload());
      received[1 - h] += p.payload();
      segs.add(segment(p, h == 0 ? "A" : "B", (int) Math.min(wnd, Integer.MAX_VALUE)));
    }
    TraceHeader pa = profileOf(address(c.a()), profile, byAddress);
    TraceHeader pb = profileOf(address(c.b()), profile, byAddress);
    TraceHeader h = byAddress.isEmpty() ? profile : profile.withPolicies(hostPolicies(pa, pb));
    if ((pa.policies().contains("noLocalTimeWait") || pb.policies().contains("noLocalTimeWait")) && local(c)) {
      h = h.withTimers(h.timers().withTimeWait(Bounds.exactly(0)));
    }
    boolean moving = h.reads() || movingWindows(segs, rcvWnd);
    // Windows that move are offered from a buffer that holds, beside the largest window, all the text a host
    // receives: the capture shows no RECEIVE call, so text is never taken from it (TraceHints: no hidden reads).
    long buffer = moving ? rcvWnd + Math.max(received[0], received[1]) : rcvWnd;
    TraceHeader header = new TraceHeader(List.of(), 1L << 32, h.msl(), h.tickMicros(), "observed", 1, 0, 0,
        (int) Math.min(buffer, 1 << 28), mss, Math.max(h.sendMax(), 1 << 20), moving, h.timers(), h.rfc5961(),
        h.rfc1337(), h.twReopen(), 0, -1, "capture " + c.name(), h.policies());
    List<TraceLine> lines = new ArrayList<>();
    long t0 = ps.get(0).micros();
    long last = 0;
    for (int i = 0; i < ps.size(); i++) {
      TcpPacket p = ps.get(i);
      // A capture's clock may step back (several interfaces, a clock adjustment); a step never goes back in time.
      last = Math.max(last, p.micros() - t0);
      SegmentRecord s = segs.get(i);
      lines.add(new TraceLine(p.frame(), "Wire", s.src(), last, List.of(), null, 0, false, List.of(s), Map.of(),
          0));
    }
    return new Trace(source, header, lines);
  }

  /**
   * Whether some host's window moves: windows then come from RECEIVE calls or held-back buffer (OfferWindow) that
   * the capture does not show.
   */
  private static boolean movingWindows(List<SegmentRecord> segs, long rcvWnd) {
    for (SegmentRecord s : segs) {
      if (s.wnd() != rcvWnd && !s.ctl().contains("RST")) {
        return true;
      }
    }
    return false;
  }

  /** The spec's segment for {@code p}, sent by {@code host} with window {@code wnd}. */
  static SegmentRecord segment(TcpPacket p, String host, int wnd) {
    List<String> ctl = new ArrayList<>();
    if (p.has(PacketDecoder.SYN)) {
      ctl.add("SYN");
    }
    if (p.has(PacketDecoder.ACK)) {
      ctl.add("ACK");
    }
    if (p.has(PacketDecoder.FIN)) {
      ctl.add("FIN");
    }
    if (p.has(PacketDecoder.RST)) {
      ctl.add("RST");
    }
    // A RST's window means nothing (the spec's segments carry 0 there).
    return new SegmentRecord(host, p.seq(), p.has(PacketDecoder.ACK) ? p.ack() : 0, ctl, p.payload(),
        p.has(PacketDecoder.RST) ? 0 : wnd);
  }
}
