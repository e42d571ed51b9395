package dev.tcpv.validate;

import dev.tcpv.tlc.child.BranchLabel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueVec;
import util.UniqueString;

/**
 * The arrivals of the segments due first in each direction (the oldest a host sent; of those sent in one tick, the
 * lowest SEQ, then the lowest ACK): the steps a capture's search takes to let segments in flight arrive in
 * loopback's order.
 *
 * <p>Each arrival action of the spec is {@code \E s \in Arrivals(h) : ...} and reads the network only through that
 * {@code s} and through {@code Deliver}, which takes {@code s} out and puts replies in. So the successors of a state
 * by the arrival of {@code s} are computed on a copy of the state whose network holds {@code s} alone, and the rest
 * of the network is put back: the same successors as TLC gives on the whole state (a test compares the two, {@link
 * #cross}), at the cost of one segment rather than of all in flight, which in a bulk transfer is dozens.
 */
final class DueArrivals {
  private DueArrivals() {}

  private static final UniqueString NET = UniqueString.uniqueStringOf("net");

  /** How many due segments {@link #passingOver} has passed over in this JVM: the tests read it. */
  static final AtomicLong PASSED = new AtomicLong();

  /** When set (tests only), every call also computes the successors on the whole state and fails if they differ. */
  static volatile boolean cross;

  /**
   * Negative when one host's segment {@code k} was sent before its segment {@code d} by the order a host sends in:
   * the older first, then (within one tick) the lower SEQ, then the lower ACK (RCV.NXT only grows), both in the
   * sequence space of size {@code mod}; 0 when that order does not tell (a window update, say).
   */
  static int sentBefore(StateView.NetKey k, StateView.NetKey d, long mod) {
    if (k.age() != d.age()) {
      return k.age() > d.age() ? -1 : 1;
    }
    int seq = order(k.seq(), d.seq(), mod);
    return seq != 0 ? seq : order(k.ack(), d.ack(), mod);
  }

  /** -1, 0 or 1 as {@code a} is before, at or after {@code b} in a sequence space of size {@code mod}. */
  private static int order(long a, long b, long mod) {
    long ahead = Math.floorMod(a - b, mod);
    return ahead == 0 ? 0 : ahead < mod / 2 ? 1 : -1;
  }

  /** The segments of {@code s}'s network due first in their direction (a few at most: ties of age and SEQ). */
  static List<Value> due(TLCState s, long mod) {
    return due(s, mod, Set.of());
  }

  /**
   * The segments of {@code s}'s network due first in their direction once those of {@code passed} are passed over
   * (left in flight, late or lost): behind a passed segment, the next of its direction is due.
   */
  static List<Value> due(TLCState s, long mod, Set<StateView.NetKey> passed) {
    Map<String, List<Value>> first = new LinkedHashMap<>();
    for (Value v : StateView.net(s)) {
      StateView.NetKey k = StateView.key(v);
      if (passed.contains(k)) {
        continue;
      }
      List<Value> now = first.get(k.src());
      if (now == null) {
        first.put(k.src(), new ArrayList<>(List.of(v)));
        continue;
      }
      int c = sentBefore(k, StateView.key(now.get(0)), mod);
      if (c < 0) {
        now.clear();
        now.add(v);
      } else if (c == 0) {
        now.add(v);
      }
    }
    List<Value> out = new ArrayList<>();
    first.values().forEach(out::addAll);
    return out;
  }

  /**
   * The successors of {@code s} by {@code arrivals} in which a segment due first arrives, leaves the network and
   * {@code takes} accepts the step. A due segment whose arrivals {@code takes} all refuses and {@code missed} all
   * accepts (the capture shows that its receiver did not take it: a lost data segment, whose receiver's packets to
   * come still acknowledge less and whose sender sends it again) is passed over and stays in flight, late or lost,
   * and the next segment of its direction is due in its place; {@code most} segments of the state at most are
   * passed over. Without this, one lost segment at the head of a direction keeps every later one in flight, and
   * the states searched hold one more segment at every packet of the sender's peer.
   */
  static List<TLCState> passingOver(SpecModel m, TLCState s, List<Action> arrivals, int most,
      BiPredicate<TLCState, TLCState> takes, BiPredicate<StateView.NetKey, TLCState> missed) {
    List<TLCState> out = new ArrayList<>();
    List<TLCState> first = new ArrayList<>();
    Set<StateView.NetKey> passed = new HashSet<>();
    List<Value> due = due(s, m.seqMod);
    while (!due.isEmpty()) {
      List<StateView.NetKey> blocked = new ArrayList<>();
      for (Value v : due) {
        List<TLCState> succ = of(m, s, arrivals, List.of(v));
        if (cross && passed.isEmpty()) {
          first.addAll(succ);
        }
        int before = out.size();
        for (TLCState t : succ) {
          if (takes.test(s, t)) {
            out.add(t);
          }
        }
        StateView.NetKey k = StateView.key(v);
        if (out.size() == before && !succ.isEmpty() && succ.stream().allMatch(t -> missed.test(k, t))) {
          blocked.add(k);
        }
      }
      if (blocked.isEmpty() || passed.size() + blocked.size() > most) {
        break;
      }
      PASSED.addAndGet(blocked.size());
      Set<String> directions = new HashSet<>();
      for (StateView.NetKey k : blocked) {
        passed.add(k);
        directions.add(k.src());
      }
      due = new ArrayList<>();
      for (Value v : due(s, m.seqMod, passed)) {
        if (directions.contains(StateView.key(v).src())) {
          due.add(v);
        }
      }
    }
    if (cross) {
      crossCheck(m, s, arrivals, first);
    }
    return out;
  }

  /**
   * The successors of {@code s} by {@code arrivals} in which one of {@code segments}, segments of its network,
   * arrives and leaves the network (not those in which the network delivers a copy and keeps it in flight), with
   * their branch labels taken.
   */
  static List<TLCState> of(SpecModel m, TLCState s, List<Action> arrivals, List<Value> segments) {
    List<Value> whole = StateView.net(s);
    List<TLCState> out = new ArrayList<>();
    for (Value v : segments) {
      TLCState alone = s.copy().bind(NET, new SetEnumValue(new Value[] {v}, true));
      List<Value> rest = new ArrayList<>(whole.size());
      for (Value w : whole) {
        if (w != v) {
          rest.add(w);
        }
      }
      for (Action a : arrivals) {
        StateVec succ = m.tool.getNextStates(a, alone);
        for (int i = 0; i < succ.size(); i++) {
          TLCState t = succ.elementAt(i);
          Value after = (Value) t.lookup(NET);
          if (after.member(v)) {
            continue;
          }
          ValueVec net = new ValueVec(rest.size() + 1);
          rest.forEach(net::addElement);
          SetEnumValue replies = (SetEnumValue) after.toSetEnum();
          for (int j = 0; j < replies.elems.size(); j++) {
            net.addElement(replies.elems.elementAt(j));
          }
          SetEnumValue joined = new SetEnumValue(net, false);
          joined.normalize();
          t.bind(NET, joined);
          BranchLabel.take(t, name -> {});
          out.add(m.canonical(t));
        }
      }
    }
    return out;
  }

  /** Fails unless {@code found} is what TLC gives on the whole state for the arrivals of the due segments. */
  private static void crossCheck(SpecModel m, TLCState s, List<Action> arrivals, List<TLCState> found) {
    Set<StateView.NetKey> due = new HashSet<>();
    for (Value v : due(s, m.seqMod)) {
      due.add(StateView.key(v));
    }
    Set<Long> expected = new HashSet<>();
    for (Action a : arrivals) {
      StateVec succ = m.tool.getNextStates(a, s);
      for (int i = 0; i < succ.size(); i++) {
        TLCState t = succ.elementAt(i);
        BranchLabel.take(t, name -> {});
        m.canonical(t);
        Set<StateView.NetKey> post = StateView.netKeys(t);
        for (StateView.NetKey k : due) {
          if (!post.contains(k)) {
            expected.add(t.fingerPrint());
            break;
          }
        }
      }
    }
    Set<Long> got = new HashSet<>();
    for (TLCState t : found) {
      got.add(t.fingerPrint());
    }
    if (!got.equals(expected)) {
      throw new IllegalStateException("due arrivals differ from TLC's on the whole state: " + got.size()
          + " found, " + expected.size() + " expected");
    }
  }
}
