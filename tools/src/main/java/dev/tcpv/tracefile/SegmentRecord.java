package dev.tcpv.tracefile;

import java.util.List;

/**
 * A segment as the spec sees it ({@code Seg} in {@code spec/Tcp.tla}): sender, SEQ, ACK (0 without the ACK bit),
 * control bits among SYN, ACK, FIN, RST in that order, text length, window. Options, PSH and the text itself are
 * not part of the spec's segment.
 *
 * @param src the sending host, {@code A} or {@code B}
 * @param seq SEG.SEQ
 * @param ack SEG.ACK, 0 when the ACK bit is off
 * @param ctl the control bits, in the order SYN, ACK, FIN, RST
 * @param len octets of text
 * @param wnd SEG.WND
 */
public record SegmentRecord(String src, long seq, long ack, List<String> ctl, int len, int wnd) {

  /** The order of control bits in {@link #ctl}. */
  public static final List<String> FLAG_ORDER = List.of("SYN", "ACK", "FIN", "RST");

  /** Copies the bits. */
  public SegmentRecord {
    ctl = List.copyOf(ctl);
  }

  /** SEG.LEN: the data plus the SYN and FIN flags, which occupy sequence space. */
  public long segLen() {
    return len + (ctl.contains("SYN") ? 1 : 0) + (ctl.contains("FIN") ? 1 : 0);
  }

  /** The RFC notation, e.g. {@code A->B <SEQ=5><ACK=9><CTL=SYN,ACK>}. */
  public String notation() {
    StringBuilder b = new StringBuilder();
    b.append(src).append("->").append(src.equals("A") ? "B" : "A").append(" <SEQ=").append(seq).append('>');
    if (ctl.contains("ACK")) {
      b.append("<ACK=").append(ack).append('>');
    }
    b.append("<CTL=").append(String.join(",", ctl)).append('>');
    if (len > 0) {
      b.append("<DATA=").append(len).append('>');
    }
    return b.toString();
  }
}
