package dev.tcpv.tracefile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observed part of one endpoint's TCB after a step: its RFC state and the sequence variables valid in it,
 * by the spec's field names ({@code iss irs sndUna sndNxt sndWnd rcvNxt}).
 *
 * @param st the RFC state, e.g. {@code SYN-SENT}
 * @param vars the variables valid in the state
 */
public record TcbRecord(String st, Map<String, Long> vars) {

  /** The spec's names of the variables a trace may carry, in order. */
  public static final List<String> FIELDS = List.of("iss", "irs", "sndUna", "sndNxt", "sndWnd", "rcvNxt");

  /** Copies the variables, keeping their order. */
  public TcbRecord {
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
  }
}
