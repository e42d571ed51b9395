package dev.tcpv.conform;

import dev.tcpv.tla.TlaSyntaxException;
import dev.tcpv.tla.TlaValue;
import dev.tcpv.tla.TlaValueParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One state of the Tcp spec, decoded into what the conformance driver needs: both TCBs, the segments in flight,
 * the quiet time, the adversary's budget and the segment the attacker forged last (the ghost history has no
 * engine counterpart and is not read).
 *
 * @param a the TCB of host A
 * @param b the TCB of host B
 * @param net the segments in flight
 * @param quietA ticks of quiet time left at A
 * @param quietB ticks of quiet time left at B
 * @param dup duplications left
 * @param inject forgeries left to the off-path attacker
 * @param forged the last segment the attacker forged (none or one): a step that spends {@code inject} delivers it
 */
public record SpecState(Tcb a, Tcb b, List<Seg> net, int quietA, int quietB, int dup, int inject,
    List<Seg> forged) {

  /** The hosts of the spec, in order. */
  public static final List<String> HOSTS = List.of("A", "B");

  public SpecState {
    net = List.copyOf(net);
    forged = List.copyOf(forged);
  }

  /** The TCB of {@code host}. */
  public Tcb tcb(String host) {
    return host.equals("A") ? a : b;
  }

  /** Quiet time left at {@code host}. */
  public int quiet(String host) {
    return host.equals("A") ? quietA : quietB;
  }

  /**
   * A TCB of the spec (fields the engine has no counterpart for, rcvQ and rcvWnd, are not read).
   *
   * @param st the RFC state name
   * @param passive whether it came from a passive OPEN
   * @param iss ISS
   * @param irs IRS
   * @param sndUna SND.UNA
   * @param sndNxt SND.NXT
   * @param sndWnd SND.WND
   * @param rcvNxt RCV.NXT
   * @param sndLen octets the user has SENT in this incarnation
   * @param unread octets delivered in order and not yet taken by a RECEIVE
   * @param rto ticks until the retransmission timer fires, −1 when off
   * @param tw ticks spent in TIME-WAIT, −1 when off
   * @param ka ticks until the keep-alive timer fires, −1 when off
   */
  public record Tcb(String st, boolean passive, long iss, long irs, long sndUna, long sndNxt, long sndWnd,
      long rcvNxt, int sndLen, int unread, int rto, int tw, int ka) {}

  /**
   * A segment in flight.
   *
   * @param src sending host
   * @param dst receiving host
   * @param seq SEG.SEQ
   * @param ack SEG.ACK (0 without ACK)
   * @param ctl control bits, sorted
   * @param len octets of data
   * @param wnd SEG.WND
   * @param sgen ghost: sender's incarnation
   * @param rgen ghost: receiver's incarnation
   * @param age ticks in flight
   */
  public record Seg(String src, String dst, long seq, long ack, Set<String> ctl, int len, int wnd, int sgen,
      int rgen, int age) {
    public Seg {
      ctl = Set.copyOf(new TreeSet<>(ctl));
    }

    /** The segment as it reads on the wire, in RFC notation: {@code A -> B <SEQ=1><ACK=5><CTL=SYN,ACK>}. */
    public String wire() {
      return SegmentKey.of(this).toString();
    }
  }

  /** Decodes the variables of a state, each as TLC printed it. */
  public static SpecState decode(Map<String, String> vars) throws ConformException {
    TlaValue tcb = parse(vars, "tcb");
    TlaValue net = parse(vars, "net");
    TlaValue quiet = parse(vars, "quiet");
    TlaValue budget = parse(vars, "budget");
    return new SpecState(tcb(field(tcb, "A")), tcb(field(tcb, "B")), segments("net", net), (int) num(quiet, "A"),
        (int) num(quiet, "B"), (int) num(budget, "dup"), (int) num(budget, "inject"),
        segments("budget.forged", field(budget, "forged")));
  }

  private static List<Seg> segments(String name, TlaValue value) throws ConformException {
    if (!(value instanceof TlaValue.SetOf set)) {
      throw new ConformException(name + " is not a set: " + value.toTla());
    }
    List<Seg> segs = new ArrayList<>();
    for (TlaValue s : set.elements()) {
      segs.add(new Seg(str(s, "src"), str(s, "dst"), num(s, "seq"), num(s, "ack"), strings(s, "ctl"),
          (int) num(s, "len"), (int) num(s, "wnd"), (int) num(s, "sgen"), (int) num(s, "rgen"),
          (int) num(s, "age")));
    }
    return segs;
  }

  private static Tcb tcb(TlaValue t) throws ConformException {
    return new Tcb(str(t, "st"), bool(t, "passive"), num(t, "iss"), num(t, "irs"), num(t, "sndUna"),
        num(t, "sndNxt"), num(t, "sndWnd"), num(t, "rcvNxt"), (int) num(t, "sndLen"), (int) num(t, "unread"),
        (int) num(t, "rto"), (int) num(t, "tw"), (int) num(t, "ka"));
  }

  private static TlaValue parse(Map<String, String> vars, String name) throws ConformException {
    String text = vars.get(name);
    if (text == null) {
      throw new ConformException("state has no variable " + name);
    }
    try {
      return TlaValueParser.parse(text);
    } catch (TlaSyntaxException e) {
      throw new ConformException("variable " + name + " does not parse: " + e.getMessage());
    }
  }

  private static TlaValue field(TlaValue v, String key) throws ConformException {
    return v.get(key).orElseThrow(() -> new ConformException("no field " + key + " in " + v.toTla()));
  }

  private static long num(TlaValue v, String key) throws ConformException {
    if (field(v, key) instanceof TlaValue.Int i) {
      return i.value();
    }
    throw new ConformException(key + " is not an integer in " + v.toTla());
  }

  private static boolean bool(TlaValue v, String key) throws ConformException {
    if (field(v, key) instanceof TlaValue.Bool b) {
      return b.value();
    }
    throw new ConformException(key + " is not a boolean in " + v.toTla());
  }

  private static String str(TlaValue v, String key) throws ConformException {
    if (field(v, key) instanceof TlaValue.Str s) {
      return s.value();
    }
    throw new ConformException(key + " is not a string in " + v.toTla());
  }

  private static Set<String> strings(TlaValue v, String key) throws ConformException {
    if (!(field(v, key) instanceof TlaValue.SetOf set)) {
      throw new ConformException(key + " is not a set in " + v.toTla());
    }
    Set<String> out = new TreeSet<>();
    for (TlaValue e : set.elements()) {
      if (!(e instanceof TlaValue.Str s)) {
        throw new ConformException(key + " holds a non-string in " + v.toTla());
      }
      out.add(s.value());
    }
    return out;
  }
}
