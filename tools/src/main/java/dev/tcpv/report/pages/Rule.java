package dev.tcpv.report.pages;

import java.util.List;

/**
 * One entry of the project's rule catalogue ({@code spec/rules.md}).
 *
 * @param id the rule's ID ({@code R-TW-1})
 * @param section the heading of the catalogue section it is listed under
 * @param text the entry's text, in the project's words
 * @param rfcRefs the RFC sections it cites ({@code §3.10.7.4}), its section heading's included
 * @param keys the RFC 9293 requirement keys it names ({@code MUST-13}, {@code SHLD-1}, {@code MAY-2})
 * @param policy whether the rule is a policy: a knob with a default, which the spec carries as a constant
 * @param line the entry's line in {@code spec/rules.md}
 */
record Rule(String id, String section, String text, List<String> rfcRefs, List<String> keys, boolean policy,
    int line) {
  Rule {
    rfcRefs = List.copyOf(rfcRefs);
    keys = List.copyOf(keys);
  }
}
