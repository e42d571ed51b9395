package dev.tcpv.tlc.child;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import tla2sany.st.Location;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.util.BitVector;
import tlc2.util.IStateWriter;
import util.UniqueString;

/**
 * A TLC state writer that writes nothing and counts, per action, the successor states the action
 * generated and how many of them were new, and per branch of the spec (the names in a successor's {@code
 * branch} variable, Tcp's coverage label) the successor states that took it. TLC's workers call it
 * concurrently.
 */
final class SuccessorCounter implements IStateWriter {
  /** The counts of one action (TLC splits {@code \E h \in Hosts : A(h)} into one action per host). */
  private record Counts(LongAdder distinct, LongAdder generated) {}

  private final Map<Action, Counts> counts = new ConcurrentHashMap<>();
  private final Map<UniqueString, LongAdder> branches = new ConcurrentHashMap<>();

  @Override
  public void writeState(TLCState state, TLCState successor, boolean successorIsNew, Action action) {
    Counts c = counts.computeIfAbsent(action, a -> new Counts(new LongAdder(), new LongAdder()));
    c.generated().increment();
    if (successorIsNew) {
      c.distinct().increment();
    }
    BranchLabel.forEach(successor, name -> branches.computeIfAbsent(name, n -> new LongAdder()).increment());
  }

  /** One line per branch name some successor took, as {@code name<TAB>generated}, sorted by name. */
  List<String> branchReport() {
    List<String> lines = new ArrayList<>();
    branches.forEach((name, n) -> lines.add(name + "\t" + n.sum()));
    lines.sort(java.util.Comparator.naturalOrder());
    return lines;
  }

  /**
   * One line per action of {@code actions}, in their order, as
   * {@code module<TAB>action<TAB>distinct<TAB>generated}; actions never taken have zero counts.
   */
  List<String> report(Action[] actions) {
    List<String> lines = new ArrayList<>();
    for (Action action : actions) {
      Counts c = counts.get(action);
      long distinct = c == null ? 0 : c.distinct().sum();
      long generated = c == null ? 0 : c.generated().sum();
      lines.add(module(action) + "\t" + action.getName() + "\t" + distinct + "\t" + generated);
    }
    return lines;
  }

  private static String module(Action action) {
    Location where = action.isDeclared() ? action.getDeclaration() : action.pred.getLocation();
    return where == null ? "?" : where.source();
  }

  @Override
  public void writeState(TLCState state) {}

  @Override
  public void writeState(TLCState state, TLCState successor, boolean successorIsNew) {}

  @Override
  public void writeState(TLCState state, TLCState successor, boolean successorIsNew, Visualization visualization) {}

  @Override
  public void writeState(
      TLCState state, TLCState successor, BitVector actionChecks, int from, int length, boolean successorIsNew) {}

  @Override
  public void writeState(
      TLCState state,
      TLCState successor,
      BitVector actionChecks,
      int from,
      int length,
      boolean successorIsNew,
      Visualization visualization) {}

  @Override
  public void close() {}

  @Override
  public String getDumpFileName() {
    return "";
  }

  @Override
  public boolean isNoop() {
    return false;
  }

  @Override
  public boolean isDot() {
    return false;
  }

  @Override
  public void snapshot() {}
}
