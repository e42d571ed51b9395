package dev.tcpv.conform;

import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Segment;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the conformance run compares of a segment: sender, SEQ and ACK modulo the spec's sequence space, the
 * control bits the spec knows (SYN, ACK, FIN, RST; PSH is the engine's own), the data length and the window.
 *
 * @param src the sending host
 * @param seq SEG.SEQ modulo SeqMod
 * @param ack SEG.ACK modulo SeqMod, 0 without ACK
 * @param ctl the control bits
 * @param len octets of data
 * @param wnd SEG.WND
 */
public record SegmentKey(String src, long seq, long ack, Set<String> ctl, int len, int wnd) {
  private static final Flag[] SPEC_FLAGS = {Flag.SYN, Flag.ACK, Flag.FIN, Flag.RST};

  public SegmentKey {
    ctl = Set.copyOf(new TreeSet<>(ctl));
  }

  /** A spec segment's key (its values are already modulo SeqMod). */
  public static SegmentKey of(SpecState.Seg s) {
    return new SegmentKey(s.src(), s.seq(), s.ack(), s.ctl(), s.len(), s.wnd());
  }

  /** An engine segment's key, sent by {@code src}, with sequence numbers reduced modulo {@code seqMod}. */
  public static SegmentKey of(String src, Segment s, long seqMod) {
    Set<String> ctl = new TreeSet<>();
    for (Flag f : SPEC_FLAGS) {
      if (s.flags().contains(f)) {
        ctl.add(f.name());
      }
    }
    long ack = ctl.contains("ACK") ? s.ack().unsigned() % seqMod : 0;
    return new SegmentKey(src, s.seq().unsigned() % seqMod, ack, ctl, s.payloadLength(), s.window());
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(src).append(" -> ").append(src.equals("A") ? "B" : "A").append(' ');
    b.append("<SEQ=").append(seq).append('>');
    if (ctl.contains("ACK")) {
      b.append("<ACK=").append(ack).append('>');
    }
    b.append("<CTL=").append(String.join(",", new TreeSet<>(ctl))).append('>');
    if (len > 0) {
      b.append("<DATA=").append(len).append('>');
    }
    return b.append(" wnd ").append(wnd).toString();
  }
}
