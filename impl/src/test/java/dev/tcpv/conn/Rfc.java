package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.Flags;
import dev.tcpv.wire.Segment;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segments in the notation of RFC 9293's figures, e.g. {@code <SEQ=300><ACK=101><CTL=SYN,ACK>}, parsed and
 * printed. {@code <DATA=n>} stands for n octets (valued 0, 1, 2, …), {@code <WND=n>} sets the window (default
 * 65535). PSH is not printed, as in the figures.
 */
public final class Rfc {

  private static final Pattern FIELD = Pattern.compile("<(SEQ|ACK|CTL|DATA|WND)=([^>]*)>");

  private Rfc() {}

  /** The segment {@code text} from port {@code from} to port {@code to}. */
  public static Segment parse(String text, int from, int to) {
    Segment.Builder b = Segment.builder().sourcePort(from).destinationPort(to).window(65535);
    Flags flags = Flags.NONE;
    Matcher m = FIELD.matcher(text);
    while (m.find()) {
      String v = m.group(2);
      String key = m.group(1);
      if (v == null || key == null) {
        continue;
      }
      switch (key) {
        case "SEQ" -> b.seq(SeqNum.of(Long.parseLong(v)));
        case "ACK" -> b.ack(SeqNum.of(Long.parseLong(v)));
        case "WND" -> b.window(Integer.parseInt(v));
        case "DATA" -> {
          byte[] data = new byte[Integer.parseInt(v)];
          for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
          }
          b.payload(data);
        }
        default -> {
          for (String f : v.split(",")) {
            flags = flags.with(Flag.valueOf(f));
          }
        }
      }
    }
    return b.flags(flags).build();
  }

  /** The segment in the figures' notation. */
  public static String format(Segment s) {
    StringBuilder sb = new StringBuilder();
    sb.append("<SEQ=").append(s.seq()).append('>');
    if (s.flags().contains(Flag.ACK)) {
      sb.append("<ACK=").append(s.ack()).append('>');
    }
    Flags f = s.flags().without(Flag.PSH);
    if (!f.isEmpty()) {
      sb.append("<CTL=").append(f.names()).append('>');
    }
    if (s.payloadLength() > 0) {
      sb.append("<DATA=").append(s.payloadLength()).append('>');
    }
    return sb.toString();
  }

  /** The segments in the figures' notation, space-separated. */
  public static String format(List<Segment> segments) {
    StringBuilder sb = new StringBuilder();
    for (Segment s : segments) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(format(s));
    }
    return sb.toString();
  }
}
