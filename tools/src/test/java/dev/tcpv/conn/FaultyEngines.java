package dev.tcpv.conn;

import dev.tcpv.conform.Engine;
import dev.tcpv.sim.ConnectionFactory;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Engines with one deliberately wrong behaviour, for the validator's tests (the seam is package-private). */
public final class FaultyEngines {
  private FaultyEngines() {}

  /**
   * The faults only a forged segment shows: the segment is a near miss no network of two hosts carries (the
   * octet one past the window also comes from an honest peer whose segment straddles the edge, which only
   * multi-octet runs send).
   */
  private static final Set<Fault> ATTACKED = EnumSet.of(Fault.SYN_RECEIVED_ACK_ABOVE_SND_NXT,
      Fault.NO_SYN_CHALLENGE_ACK, Fault.TIME_WAIT_REOPEN_AT_RCV_NXT, Fault.ACCEPT_ONE_PAST_WINDOW);

  /** The names of the faults. */
  public static List<String> names() {
    return Arrays.stream(Fault.values()).map(Enum::name).toList();
  }

  /**
   * The names of the faults runs without an attacker show (spec-shaped runs have none); the others need the
   * attacked production runs (mix {@code attack}).
   */
  public static List<String> namesWithoutAttacker() {
    return Arrays.stream(Fault.values()).filter(f -> !ATTACKED.contains(f)).map(Enum::name).toList();
  }

  /** A factory of engines with fault {@code name}. */
  public static ConnectionFactory with(String name) {
    Fault f = Fault.valueOf(name);
    return (config, isn, local, remote, sink) -> new Connection(config, isn, local, remote, sink, EnumSet.of(f));
  }

  /** The same engines for the conformance driver. */
  public static Engine.Factory forConform(String name) {
    Fault f = Fault.valueOf(name);
    return (host, config, isn, local, remote, sink) ->
        Engine.of(new Connection(config, isn, local, remote, sink, EnumSet.of(f)));
  }
}
