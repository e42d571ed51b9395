package dev.tcpv.report.pages;

import java.util.List;
import java.util.Set;

/**
 * One top-level definition of the spec module, with the comment above it.
 *
 * @param name the defined name ({@code ReceiveRst})
 * @param kind what it is to an auditor
 * @param first the first line of its comment (or of the definition, without one), from 1
 * @param head the line of {@code Name ==}
 * @param last its last non-blank line
 * @param rules the rule IDs it declares: in its comment or body, and those of its catalogued branches
 * @param branches the names of its branches in {@code spec/branches.json}
 */
record SpecDefinition(String name, Kind kind, int first, int head, int last, Set<String> rules,
    List<String> branches) {

  /** What a definition is to an auditor. */
  enum Kind {
    /** A step of the spec: an action of {@code Next} with catalogued branches. */
    ACTION("action"),
    /** An invariant or a property TLC checks ({@code ...Inv}, {@code ...Prop}). */
    PROPERTY("property"),
    /** A constant of the module: a policy or a knob the models set. */
    CONSTANT("constant"),
    /** Any other definition. */
    DEFINITION("definition");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  SpecDefinition {
    rules = Set.copyOf(rules);
    branches = List.copyOf(branches);
  }
}
