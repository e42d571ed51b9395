package dev.tcpv.tlc.child;

import java.util.function.Consumer;
import tlc2.tool.TLCState;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import util.UniqueString;

/**
 * Tcp's coverage label: the variable {@code branch}, the set of names of the spec's branches the step into a
 * state took (spec/branches.json). Read where TLC hands out states: the model checker's {@link SuccessorCounter},
 * the conformance graph's dump, the trace validator.
 */
public final class BranchLabel {
  private static final UniqueString VARIABLE = UniqueString.uniqueStringOf("branch");

  private BranchLabel() {}

  /** Each name in {@code s}'s label; none when the module has no label (a model of another spec). */
  public static void forEach(TLCState s, Consumer<UniqueString> name) {
    if (s.lookup(VARIABLE) instanceof SetEnumValue set) {
      for (int i = 0; i < set.elems.size(); i++) {
        if (set.elems.elementAt(i) instanceof StringValue n) {
          name.accept(n.getVal());
        }
      }
    }
  }

  /**
   * Each name in {@code s}'s label, then the label set to the empty set, so that states reached by different
   * branches compare and fingerprint as equal, as in the model checker, whose View leaves the label out. Only for
   * states the caller owns (successors TLC computed for it), never for TLC's own.
   */
  public static void take(TLCState s, Consumer<String> name) {
    if (s.lookup(VARIABLE) instanceof SetEnumValue) {
      forEach(s, n -> name.accept(n.toString()));
      s.bind(VARIABLE, SetEnumValue.EmptySet);
    }
  }
}
