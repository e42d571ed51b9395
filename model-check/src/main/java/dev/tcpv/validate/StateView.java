package dev.tcpv.validate;

import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tlc2.tool.TLCState;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/** Reads the parts of a TLC state of {@code Tcp} that a trace observes. */
final class StateView {
  private StateView() {}

  static Value field(Value record, String name) {
    RecordValue r = (RecordValue) record;
    for (int i = 0; i < r.names.length; i++) {
      if (r.names[i].toString().equals(name)) {
        return r.values[i];
      }
    }
    throw new IllegalStateException("no field " + name + " in " + record);
  }

  static Value tcb(TLCState s, String host) {
    Value tcb = (Value) s.lookup("tcb");
    return ((FcnRcdValue) tcb.toFcnRcd()).select(new StringValue(host));
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

  /** A segment in flight as a key: the trace's fields and its age. */
  static String key(SegmentRecord s, long age) {
    return s.src() + "|" + s.seq() + "|" + s.ack() + "|" + String.join(",", s.ctl()) + "|" + s.len() + "|" + s.wnd()
        + "@" + age;
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
    SetEnumValue net = (SetEnumValue) ((Value) s.lookup("net")).toSetEnum();
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < net.elems.size(); i++) {
      out.add(net.elems.elementAt(i));
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
  private static final ThreadLocal<@Nullable Map<Value, String>> KEYS = new ThreadLocal<>();
  private static final int KEYS_MAX = 100_000;

  /** Empties this thread's cache of segment keys. */
  static void forgetKeys() {
    KEYS.remove();
  }

  static Set<String> netKeys(TLCState s) {
    Map<Value, String> cache = KEYS.get();
    if (cache == null || cache.size() > KEYS_MAX) {
      cache = new IdentityHashMap<>();
      KEYS.set(cache);
    }
    Set<String> keys = new HashSet<>();
    for (Value v : net(s)) {
      keys.add(cache.computeIfAbsent(v, x -> key(segment(x), (int) num(field(x, "age")))));
    }
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
