package dev.tcpv.conform;

import dev.tcpv.conn.SeqVars;
import dev.tcpv.conn.TcpState;
import dev.tcpv.conn.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The abstraction function: what of a TCB the conformance run compares, written the same way for the spec's TCB
 * and the engine's, so that two equal strings mean two equal abstract states.
 *
 * <pre>
 * SYN-RECEIVED passive [ISS=33 IRS=1 SND.UNA=33 SND.NXT=34 SND.WND=2 RCV.NXT=2] rto=3
 * </pre>
 *
 * <ul>
 *   <li>the RFC state name; in SYN-RECEIVED whether it came from a passive OPEN;
 *   <li>the sequence variables the state holds (SYN-SENT: ISS, SND.UNA, SND.NXT; SYN-RECEIVED and later: also
 *       IRS, SND.WND, RCV.NXT), the engine's modulo SeqMod;
 *   <li>the timers running, in spec ticks: {@code rto} ticks until the retransmission timer fires, {@code tw}
 *       ticks spent in TIME-WAIT, {@code ka} ticks until the keep-alive timer fires. An engine deadline that is
 *       not a whole number of ticks away shows in microseconds ({@code rto=?90000001us}) and so differs.
 * </ul>
 *
 * RCV.WND, the retransmission count, the user timeout and the send and receive queues are not compared here:
 * RCV.WND shows in the window field of every segment the engine sends (the driver compares segments), queued text
 * shows in what {@code output} sends when the spec's {@code SendData} does, and the count in when the engine
 * gives up.
 */
public final class Abstraction {
  private Abstraction() {}

  /** The spec TCB's abstract state. */
  public static String spec(SpecState.Tcb t) {
    StringBuilder b = new StringBuilder(t.st());
    switch (t.st()) {
      case "CLOSED", "LISTEN" -> {}
      case "SYN-SENT" -> b.append(" [ISS=").append(t.iss()).append(" SND.UNA=").append(t.sndUna())
          .append(" SND.NXT=").append(t.sndNxt()).append(']');
      default -> {
        if (t.st().equals("SYN-RECEIVED") && t.passive()) {
          b.append(" passive");
        }
        b.append(vars(t.iss(), t.irs(), t.sndUna(), t.sndNxt(), t.sndWnd(), t.rcvNxt()));
      }
    }
    timer(b, "rto", t.rto());
    timer(b, "tw", t.tw());
    timer(b, "ka", t.ka());
    return b.toString();
  }

  /** The engine's abstract state at time {@code now}. */
  public static String engine(Engine e, long now, long tick, ConformModel model) {
    long m = model.seqMod();
    TcpState s = e.state();
    StringBuilder b = new StringBuilder(s.rfcName());
    if (s instanceof TcpState.SynSent ss) {
      b.append(" [ISS=").append(ss.iss().unsigned() % m).append(" SND.UNA=").append(ss.sndUna().unsigned() % m)
          .append(" SND.NXT=").append(ss.sndNxt().unsigned() % m).append(']');
    } else if (s instanceof TcpState.WithVars w) {
      if (s instanceof TcpState.SynReceived r && r.passive()) {
        b.append(" passive");
      }
      SeqVars v = w.vars();
      b.append(vars(v.iss().unsigned() % m, v.irs().unsigned() % m, v.sndUna().unsigned() % m,
          v.sndNxt().unsigned() % m, v.sndWnd(), v.rcvNxt().unsigned() % m));
    }
    engineTimer(b, "rto", e.deadline(Timer.RETRANSMISSION), now, tick, false, 0);
    engineTimer(b, "tw", e.deadline(Timer.TIME_WAIT), now, tick, true, model.timeWaitTicks());
    engineTimer(b, "ka", e.deadline(Timer.KEEPALIVE), now, tick, false, 0);
    return b.toString();
  }

  private static String vars(long iss, long irs, long una, long nxt, long wnd, long rcvNxt) {
    return " [ISS=" + iss + " IRS=" + irs + " SND.UNA=" + una + " SND.NXT=" + nxt + " SND.WND=" + wnd
        + " RCV.NXT=" + rcvNxt + "]";
  }

  private static void timer(StringBuilder b, String name, int ticks) {
    if (ticks >= 0) {
      b.append(' ').append(name).append('=').append(ticks);
    }
  }

  /** An engine timer in ticks: remaining, or (TIME-WAIT) spent of {@code length}. */
  private static void engineTimer(StringBuilder b, String name, @Nullable Long deadline, long now, long tick,
      boolean spent, int length) {
    if (deadline == null) {
      return;
    }
    long left = deadline - now;
    if (left % tick != 0 || left < 0) {
      b.append(' ').append(name).append("=?").append(left).append("us");
      return;
    }
    long ticks = left / tick;
    b.append(' ').append(name).append('=').append(spent ? length - ticks : ticks);
  }
}
