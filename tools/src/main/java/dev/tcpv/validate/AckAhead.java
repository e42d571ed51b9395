package dev.tcpv.validate;

import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * What a capture's packets to come say of each host's RCV.NXT. A synchronized TCB's every segment but a reset
 * carries ACK = RCV.NXT (§3.10.7.4), and RCV.NXT never moves back in one incarnation. So a state is <em>ahead</em> of
 * the capture, and explains none of its packets to come, when a host's RCV.NXT is past the ACK of its next packet,
 * or when the host holds text beyond a gap that reaches over the first ACK to come above its RCV.NXT (when the gap
 * is filled up to that ACK, RCV.NXT jumps past it).
 *
 * <p>The capture search sets such states aside when it thins the states it carries
 * ({@link TraceValidator#fewestInFlight}). Without this a slow receiver is lost: a sender puts ten segments in
 * flight at once, the receiver takes and acknowledges them one by one, and the states with the fewest segments
 * still in flight (the receiver having taken all ten) crowd out the one that took only the first (finding F6,
 * docs/findings.md); after a loss, the states in which every segment beyond the hole arrived crowd out the one in
 * which a later segment was lost too. Sound: the states set aside are only those no packet to come can follow, and
 * setting states aside never makes a behaviour that is not the spec's accepted.
 */
final class AckAhead {
  /** The synchronized states (§3.5.2; the spec's {@code Synchronized}). */
  private static final Set<String> SYNCHRONIZED = Set.of("ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT",
      "CLOSING", "LAST-ACK", "TIME-WAIT");
  /** How many of a host's packets to come are read for the first ACK above its RCV.NXT, at most. */
  private static final int LOOK = 256;

  /** A host's packet that carries an ACK: the index of its line and its ACK field. */
  private record Ack(int line, long ack) {}

  /** Per host, its packets that carry an ACK and no RST, in capture order. */
  private final Map<String, List<Ack>> acks;
  /** Per host and SEQ, the index of the last of its packets with text at that SEQ. */
  private final Map<String, Map<Long, Integer>> lastText;
  private final long seqMod;
  private int index;

  private AckAhead(Map<String, List<Ack>> acks, Map<String, Map<Long, Integer>> lastText, long seqMod) {
    this.acks = acks;
    this.lastText = lastText;
    this.seqMod = seqMod;
  }

  /** The ACKs of {@code lines}, a capture's, with numbers modulo {@code seqMod}. */
  static AckAhead of(List<TraceLine> lines, long seqMod) {
    Map<String, List<Ack>> acks = new HashMap<>();
    Map<String, Map<Long, Integer>> lastText = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      for (SegmentRecord s : lines.get(i).sent()) {
        if (s.ctl().contains("ACK") && !s.ctl().contains("RST")) {
          acks.computeIfAbsent(s.src(), k -> new ArrayList<>()).add(new Ack(i, s.ack()));
        }
        if (s.len() > 0) {
          lastText.computeIfAbsent(s.src(), k -> new HashMap<>()).put(s.seq(), i);
        }
      }
    }
    return new AckAhead(acks, lastText, seqMod);
  }

  /** The states being thinned are to explain line {@code i} (0-based) and those after it. */
  void at(int i) {
    index = i;
  }

  /** Whether in {@code s} a synchronized host has taken more than its packets to come can show. */
  boolean ahead(TLCState s) {
    for (Map.Entry<String, List<Ack>> e : acks.entrySet()) {
      List<Ack> host = e.getValue();
      int first = firstAt(host);
      if (first == host.size()) {
        continue;
      }
      Value tcb = StateView.tcb(s, e.getKey());
      if (!SYNCHRONIZED.contains(StateView.str(StateView.field(tcb, "st")))) {
        continue;
      }
      long rcvNxt = StateView.num(StateView.field(tcb, "rcvNxt"));
      if (before(host.get(first).ack(), rcvNxt)) {
        return true;
      }
      List<Value> held = StateView.elements(StateView.field(tcb, "rcvQ"));
      if (held.isEmpty()) {
        continue;
      }
      for (int i = first; i < host.size() && i < first + LOOK; i++) {
        long ack = host.get(i).ack();
        if (before(rcvNxt, ack)) {
          for (Value r : held) {
            long seq = StateView.num(StateView.field(r, "seq"));
            long len = StateView.num(StateView.field(r, "len"));
            if (!before(ack, seq) && before(ack, seq + len)) {
              return true;
            }
          }
          break;
        }
      }
    }
    return false;
  }

  /**
   * Whether segment {@code k} carries text that its sender is shown sending again, at the same SEQ, at or after
   * the current line: a retransmission, after which the first copy may have been lost.
   */
  boolean sentAgain(StateView.NetKey k) {
    Map<Long, Integer> host = lastText.get(k.src());
    Integer last = host == null || k.len() == 0 ? null : host.get(k.seq());
    return last != null && last >= index;
  }

  /** The position in {@code host} of its first packet at or after the current line. */
  private int firstAt(List<Ack> host) {
    int lo = 0;
    int hi = host.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (host.get(mid).line() < index) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Whether {@code a} comes before {@code b} in sequence order (within half the space). */
  private boolean before(long a, long b) {
    long d = Math.floorMod(b - a, seqMod);
    return d > 0 && d < seqMod / 2;
  }
}
