package dev.tcpv.conn;

import dev.tcpv.sim.ConnectionFactory;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/** Engines with one deliberately wrong behaviour, for the validator's tests (the seam is package-private). */
public final class FaultyEngines {
  private FaultyEngines() {}

  /** The names of the faults. */
  public static List<String> names() {
    return Arrays.stream(Fault.values()).map(Enum::name).toList();
  }

  /** A factory of engines with fault {@code name}. */
  public static ConnectionFactory with(String name) {
    Fault f = Fault.valueOf(name);
    return (config, isn, local, remote, sink) -> new Connection(config, isn, local, remote, sink, EnumSet.of(f));
  }
}
