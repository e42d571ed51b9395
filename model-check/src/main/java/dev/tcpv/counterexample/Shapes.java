package dev.tcpv.counterexample;

import dev.tcpv.tla.TlaValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the parts of a trace value the renderer relies on, failing with {@link ShapeException} otherwise. */
public final class Shapes {
  private Shapes() {}

  /** The fields of a record (or of a function printed with {@code :>}), by name. */
  public static Map<String, TlaValue> fields(TlaValue value, String what) throws ShapeException {
    if (value instanceof TlaValue.Rec rec) {
      return rec.fields();
    }
    if (value instanceof TlaValue.Fcn fcn) {
      Map<String, TlaValue> out = new LinkedHashMap<>();
      for (Map.Entry<TlaValue, TlaValue> e : fcn.mapping().entrySet()) {
        out.put(keyName(e.getKey(), what), e.getValue());
      }
      return out;
    }
    throw new ShapeException(what + " is not a record or function: " + value.toTla());
  }

  /** A function key as a name: a string without quotes, a model value, an integer. */
  static String keyName(TlaValue key, String what) throws ShapeException {
    return switch (key) {
      case TlaValue.Str s -> s.value();
      case TlaValue.ModelValue m -> m.name();
      case TlaValue.Int i -> Long.toString(i.value());
      default -> throw new ShapeException(what + " has a key that is not a name: " + key.toTla());
    };
  }

  /** A value as it reads in a counterexample: strings without quotes, everything else as TLA+. */
  public static String show(TlaValue value) {
    return value instanceof TlaValue.Str s ? s.value() : value.toTla();
  }
}
