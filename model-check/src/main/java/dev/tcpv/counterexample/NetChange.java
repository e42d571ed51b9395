package dev.tcpv.counterexample;

import dev.tcpv.tla.TlaValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one step did to the network: the segments that left it (received, lost or expired) and those that
 * appeared (sent or duplicated). A segment that only grew one tick older is neither; time passing is the clock's
 * line, not a list of every segment in flight.
 *
 * @param left segments in {@code net} before the step and not after
 * @param appeared segments in {@code net} after the step and not before
 */
public record NetChange(List<TlaValue> left, List<TlaValue> appeared) {

  /** The change from {@code before} to {@code after}, both sets of segments. */
  public static NetChange between(TlaValue before, TlaValue after) throws ShapeException {
    List<TlaValue> left = new ArrayList<>(elements(before));
    List<TlaValue> appeared = new ArrayList<>(elements(after));
    List<TlaValue> common = new ArrayList<>(left);
    common.retainAll(appeared);
    left.removeAll(common);
    appeared.removeAll(common);
    for (TlaValue gone : List.copyOf(left)) {
      Map<String, TlaValue> key = withoutAge(gone);
      for (TlaValue fresh : appeared) {
        if (key != null && key.equals(withoutAge(fresh)) && age(fresh) == age(gone) + 1) {
          left.remove(gone);
          appeared.remove(fresh);
          break;
        }
      }
    }
    return new NetChange(left, appeared);
  }

  private static List<TlaValue> elements(TlaValue net) throws ShapeException {
    if (net instanceof TlaValue.SetOf set) {
      return List.copyOf(set.elements());
    }
    if (net instanceof TlaValue.Seq seq) {
      return seq.elements();
    }
    throw new ShapeException("net is not a set of segments: " + net.toTla());
  }

  private static long age(TlaValue segment) {
    return segment.get("age").orElse(null) instanceof TlaValue.Int i ? i.value() : Long.MIN_VALUE;
  }

  private static @Nullable Map<String, TlaValue> withoutAge(TlaValue segment) {
    if (!(segment instanceof TlaValue.Rec rec) || !rec.fields().containsKey("age")) {
      return null;
    }
    Map<String, TlaValue> rest = new LinkedHashMap<>(rec.fields());
    rest.remove("age");
    return rest;
  }
}
