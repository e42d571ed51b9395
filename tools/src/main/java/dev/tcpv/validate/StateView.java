package dev.tcpv.validate;

import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tlc2.tool.TLCState;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/** Reads the parts of a TLC state of {@code Tcp} that a trace observes. */
final class StateView {
  private StateView() {}

  /**
   * The interned names of the fields read, so that a field is found by identity: TLC interns every name
   * ({@link UniqueString}), and comparing names as strings was a tenth of a step (JFR profile). Kept here rather
   * than asked of TLC each time: its intern table takes a lock shared by every thread.
   */
  private static final Map<String, UniqueString> NAMES = new ConcurrentHashMap<>();

  static UniqueString name(String name) {
    return NAMES.computeIfAbsent(name, UniqueString::uniqueStringOf);
  }

  static Value field(Value record, String name) {
    RecordValue r = (RecordValue) record;
    UniqueString n = name(name);
    for (int i = 0; i < r.names.length; i++) {
      if (r.names[i] == n) {
        return r.values[i];
      }
    }
    throw new IllegalStateException("no field " + name + " in " + record);
  }

  private static final UniqueString TCB = UniqueString.uniqueStringOf("tcb");
  private static final UniqueString NET = UniqueString.uniqueStringOf("net");
  private static final Map<String, StringValue> HOSTS = new ConcurrentHashMap<>();

  static Value tcb(TLCState s, String host) {
    Value tcb = (Value) s.lookup(TCB);
    return ((FcnRcdValue) tcb.toFcnRcd()).select(HOSTS.computeIfAbsent(host, StringValue::new));
  }

  static String str(Value v) {
    return ((StringValue) v).getVal().toString();
  }

  static long num(Value v) {
    return ((IntValue) v).val;
  }

  static boolean bool(Value v) {
    return ((BoolValue) v).val;
  }

  /**
   * A segment in flight as the validator compares it: the trace's fields and its age (the control bits as a mask
   * in {@link SegmentRecord#FLAG_ORDER}).
   */
  record NetKey(String src, long seq, long ack, int ctl, int len, int wnd, long age) {
    /** The key of {@code s} at {@code age}. */
    static NetKey of(SegmentRecord s, long age) {
      int mask = 0;
      for (String f : s.ctl()) {
        mask |= bit(f);
      }
      return new NetKey(s.src(), s.seq(), s.ack(), mask, s.len(), s.wnd(), age);
    }

    private static final UniqueString SRC = name("src");
    private static final UniqueString SEQ = name("seq");
    private static final UniqueString ACK = name("ack");
    private static final UniqueString LEN = name("len");
    private static final UniqueString WND = name("wnd");
    private static final UniqueString AGE = name("age");
    private static final UniqueString CTL = name("ctl");

    /** The key of a segment value of the spec's network. */
    static NetKey of(Value v) {
      RecordValue r = (RecordValue) v;
      String src = "";
      long seq = 0;
      long ack = 0;
      int ctl = 0;
      int len = 0;
      int wnd = 0;
      long age = 0;
      for (int i = 0; i < r.names.length; i++) {
        Value x = r.values[i];
        UniqueString n = r.names[i];
        if (n == SRC) {
          src = str(x);
        } else if (n == SEQ) {
          seq = num(x);
        } else if (n == ACK) {
          ack = num(x);
        } else if (n == LEN) {
          len = (int) num(x);
        } else if (n == WND) {
          wnd = (int) num(x);
        } else if (n == AGE) {
          age = num(x);
        } else if (n == CTL) {
          SetEnumValue bits = (SetEnumValue) x.toSetEnum();
          for (int j = 0; j < bits.elems.size(); j++) {
            ctl |= bit(str(bits.elems.elementAt(j)));
          }
        }
      }
      return new NetKey(src, seq, ack, ctl, len, wnd, age);
    }

    private static int bit(String flag) {
      int i = SegmentRecord.FLAG_ORDER.indexOf(flag);
      return i < 0 ? 0 : 1 << i;
    }

    /** This segment at {@code a} ticks old. */
    NetKey at(long a) {
      return a == age ? this : new NetKey(src, seq, ack, ctl, len, wnd, a);
    }

    /** Whether {@code o} is the same segment, of whatever age. */
    boolean sameSegment(NetKey o) {
      return src.equals(o.src) && seq == o.seq && ack == o.ack && ctl == o.ctl && len == o.len && wnd == o.wnd;
    }

    @Override
    public String toString() {
      List<String> flags = new ArrayList<>();
      for (int i = 0; i < SegmentRecord.FLAG_ORDER.size(); i++) {
        if ((ctl & 1 << i) != 0) {
          flags.add(SegmentRecord.FLAG_ORDER.get(i));
        }
      }
      return src + "|" + seq + "|" + ack + "|" + String.join(",", flags) + "|" + len + "|" + wnd + "@" + age;
    }
  }

  static SegmentRecord segment(Value v) {
    SetEnumValue ctlSet = (SetEnumValue) field(v, "ctl").toSetEnum();
    Set<String> bits = new HashSet<>();
    for (int i = 0; i < ctlSet.elems.size(); i++) {
      bits.add(str(ctlSet.elems.elementAt(i)));
    }
    List<String> ctl = new ArrayList<>();
    for (String f : SegmentRecord.FLAG_ORDER) {
      if (bits.contains(f)) {
        ctl.add(f);
      }
    }
    return new SegmentRecord(str(field(v, "src")), num(field(v, "seq")), num(field(v, "ack")), ctl,
        (int) num(field(v, "len")), (int) num(field(v, "wnd")));
  }

  static List<Value> net(TLCState s) {
    return elements((Value) s.lookup(NET));
  }

  /** The elements of {@code set}, a finite set. */
  static List<Value> elements(Value set) {
    SetEnumValue e = (SetEnumValue) set.toSetEnum();
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < e.elems.size(); i++) {
      out.add(e.elems.elementAt(i));
    }
    return out;
  }

  /**
   * What in {@code s} must happen within {@code d} ticks and so keeps time from passing that long: running timers
   * with less than {@code d} ticks to their greatest delay, a TIME-WAIT that would outlast {@code timeWaitHi}, and
   * segments that would outlive {@code msl}; one phrase each.
   */
  static List<String> dueWithin(TLCState s, long d, long msl, long timeWaitHi) {
    List<String> due = new ArrayList<>();
    for (String h : List.of("A", "B")) {
      Value t = tcb(s, h);
      long rto = num(field(t, "rto"));
      if (rto != -1 && rto < d) {
        due.add(h + "'s retransmission timer must fire within " + rto + " tick(s) (RtoHi)");
      }
      long ka = num(field(t, "ka"));
      if (ka != -1 && ka < d) {
        due.add(h + "'s keep-alive timer must fire within " + ka + " tick(s) (KaHi)");
      }
      long tw = num(field(t, "tw"));
      if (str(field(t, "st")).equals("TIME-WAIT") && tw + d > timeWaitHi) {
        due.add(h + "'s TIME-WAIT must end within " + (timeWaitHi - tw) + " tick(s) (TimeWaitHi)");
      }
    }
    for (Value v : net(s)) {
      long age = num(field(v, "age"));
      if (age + d > msl) {
        due.add(segment(v).notation() + " must be taken within " + (msl - age) + " tick(s) (MSL)");
      }
    }
    return due;
  }

  /**
   * The keys of segment values already seen, by identity: TLC's successors share the element values of their
   * predecessor's network, so most segments of a step's networks are keyed once (a cache per thread, emptied at
   * each trace and when it grows large; a key depends on the value alone, so a stale entry is still right).
   */
  private static final ThreadLocal<@Nullable Map<Value, NetKey>> KEYS = new ThreadLocal<>();
  // Small and allocated at its full size: a Tick ages every segment into new values, so a line adds some fifty
  // keys, and a large cache grown by doubling spent more in resizing and cache misses than it saved (JFR profile).
  private static final int KEYS_MAX = 4_096;

  /** Empties this thread's cache of segment keys. */
  static void forgetKeys() {
    KEYS.remove();
    NETS.remove();
  }

  /** The key of {@code v}, a segment value of the spec's network, from this thread's cache. */
  static NetKey key(Value v) {
    Map<Value, NetKey> cache = KEYS.get();
    if (cache == null || cache.size() >= KEYS_MAX) {
      cache = new IdentityHashMap<>(KEYS_MAX);
      KEYS.set(cache);
    }
    return cache.computeIfAbsent(v, NetKey::of);
  }

  /**
   * The network of the states whose keys were asked for last, by identity: a step's successor is the next step's
   * predecessor, so its keys are computed once (a key set depends on the state alone, so a stale entry is right).
   */
  private static final ThreadLocal<@Nullable Map<TLCState, Set<NetKey>>> NETS = new ThreadLocal<>();
  private static final int NETS_MAX = 64;

  static Set<NetKey> netKeys(TLCState s) {
    Map<TLCState, Set<NetKey>> nets = NETS.get();
    if (nets == null || nets.size() > NETS_MAX) {
      nets = new IdentityHashMap<>();
      NETS.set(nets);
    }
    Set<NetKey> known = nets.get(s);
    if (known != null) {
      return known;
    }
    SetEnumValue net = (SetEnumValue) ((Value) s.lookup(NET)).toSetEnum();
    Set<NetKey> keys = new HashSet<>(2 * net.elems.size());
    for (int i = 0; i < net.elems.size(); i++) {
      keys.add(key(net.elems.elementAt(i)));
    }
    nets.put(s, keys);
    return keys;
  }

  /** The differences between the observed TCB and the spec's, as {@code field: spec X, trace Y}. */
  static List<String> tcbDiff(TLCState s, String host, TcbRecord observed) {
    List<String> diff = new ArrayList<>();
    Value t = tcb(s, host);
    String st = str(field(t, "st"));
    if (!st.equals(observed.st())) {
      diff.add("tcb." + host + ".st: spec " + st + ", trace " + observed.st());
    }
    for (Map.Entry<String, Long> e : observed.vars().entrySet()) {
      long spec = num(field(t, e.getKey()));
      if (spec != e.getValue()) {
        diff.add("tcb." + host + "." + e.getKey() + ": spec " + spec + ", trace " + e.getValue());
      }
    }
    return diff;
  }

  static boolean tcbMatches(TLCState s, String host, TcbRecord observed) {
    Value t = tcb(s, host);
    if (!str(field(t, "st")).equals(observed.st())) {
      return false;
    }
    for (Map.Entry<String, Long> e : observed.vars().entrySet()) {
      if (num(field(t, e.getKey())) != e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
