package dev.tcpv.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The order in which traces are validated: those checked against one model together. The validator keeps one
 * model loaded in TLC and loads another (about a second) each time the next trace's configuration differs, so
 * traces taken in this order cost one load per configuration, not one per change from a trace to the next.
 */
final class ConfigurationOrder {
  private ConfigurationOrder() {}

  /**
   * {@code items} with those of equal {@code configuration} together, the groups in the order each first appears
   * and each group in the order given.
   */
  static <T> List<T> of(List<T> items, Function<? super T, Object> configuration) {
    return items.stream()
        .collect(Collectors.groupingBy(configuration, LinkedHashMap::new, Collectors.toList()))
        .values().stream().flatMap(List::stream).toList();
  }
}
