package dev.tcpv.report.pages;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A method, constructor or type of the Java sources that names rule IDs.
 *
 * @param file its source file, relative to the repository root, with {@code /} separators
 * @param type the simple name of the type that declares it
 * @param name the member's name ({@code receiveRst}), or the type's for a type
 * @param begin its first line (Javadoc included), from 1
 * @param end its last line
 * @param rules the rule IDs it names: in its Javadoc, comments, string literals, display name or method name
 * @param test whether it is a test method
 * @param displayName a test's display name, or null
 */
record JavaMember(String file, String type, String name, int begin, int end, Set<String> rules, boolean test,
    @Nullable String displayName) {
  JavaMember {
    rules = Set.copyOf(rules);
  }

  /** {@code Type.member}, or {@code Type} for a type. */
  String qualified() {
    return type.equals(name) ? type : type + "." + name;
  }
}
