package dev.tcpv.sim;

import java.util.List;

/**
 * What the network and the hosts may do wrong in one run: budgets of lost segments, duplicated deliveries and
 * host crashes. Reordering and delay (ageing up to MSL) are always on: any segment in flight may arrive next.
 *
 * @param name the mix's name
 * @param loss segments the network may lose
 * @param dup extra deliveries it may make
 * @param crash host crashes
 */
public record FaultMix(String name, int loss, int dup, int crash) {

  /** The mixes the simulator cycles through. */
  public static final List<FaultMix> ALL =
      List.of(
          new FaultMix("reorder", 0, 0, 0),
          new FaultMix("loss", 3, 0, 0),
          new FaultMix("dup", 0, 3, 0),
          new FaultMix("loss+dup", 2, 2, 0),
          new FaultMix("crash", 1, 0, 1),
          new FaultMix("all", 3, 3, 1));
}
