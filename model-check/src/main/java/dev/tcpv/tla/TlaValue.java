package dev.tcpv.tla;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A TLA+ value of the kinds TLC prints in a state: integers, strings, booleans, model values, sets,
 * sequences, records and functions.
 *
 * <p>Records and functions are kept apart because TLC prints them apart, but {@link #get(String)} looks a
 * key up in either, so that code reading a state need not care whether TLC chose {@code [A |-> 1]} or
 * {@code ("A" :> 1)} for a function from hosts.
 */
public sealed interface TlaValue {

  /** The value at {@code key}: a record field, or a function applied to the string or model value {@code key}. */
  default Optional<TlaValue> get(String key) {
    return Optional.empty();
  }

  /** The value as TLA+ text on one line. */
  String toTla();

  /** An integer. */
  record Int(long value) implements TlaValue {
    @Override
    public String toTla() {
      return Long.toString(value);
    }
  }

  /** A string, without the quotes. */
  record Str(String value) implements TlaValue {
    @Override
    public String toTla() {
      return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
  }

  /** {@code TRUE} or {@code FALSE}. */
  record Bool(boolean value) implements TlaValue {
    @Override
    public String toTla() {
      return value ? "TRUE" : "FALSE";
    }
  }

  /** A model value (a bare identifier in a configuration, such as {@code A} for a host). */
  record ModelValue(String name) implements TlaValue {
    @Override
    public String toTla() {
      return name;
    }
  }

  /** A finite set; equality ignores the order TLC printed the elements in. */
  record SetOf(Set<TlaValue> elements) implements TlaValue {
    public SetOf {
      elements = Collections.unmodifiableSet(new LinkedHashSet<>(elements));
    }

    @Override
    public String toTla() {
      return elements.stream().map(TlaValue::toTla).collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /** A sequence (tuple); TLC also prints functions with domain {@code 1..n} this way. */
  record Seq(List<TlaValue> elements) implements TlaValue {
    public Seq {
      elements = List.copyOf(elements);
    }

    @Override
    public String toTla() {
      return elements.stream().map(TlaValue::toTla).collect(Collectors.joining(", ", "<<", ">>"));
    }
  }

  /** A record {@code [a |-> 1, b |-> 2]}, fields in the order TLC printed them. */
  record Rec(Map<String, TlaValue> fields) implements TlaValue {
    public Rec {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public Optional<TlaValue> get(String key) {
      return Optional.ofNullable(fields.get(key));
    }

    @Override
    public String toTla() {
      return fields.entrySet().stream()
          .map(e -> e.getKey() + " |-> " + e.getValue().toTla())
          .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** A function printed as {@code (k1 :> v1 @@ k2 :> v2)}, pairs in the order TLC printed them. */
  record Fcn(Map<TlaValue, TlaValue> mapping) implements TlaValue {
    public Fcn {
      mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }

    @Override
    public Optional<TlaValue> get(String key) {
      TlaValue byString = mapping.get(new Str(key));
      return Optional.ofNullable(byString != null ? byString : mapping.get(new ModelValue(key)));
    }

    @Override
    public String toTla() {
      return mapping.entrySet().stream()
          .map(e -> e.getKey().toTla() + " :> " + e.getValue().toTla())
          .collect(Collectors.joining(" @@ ", "(", ")"));
    }
  }
}
