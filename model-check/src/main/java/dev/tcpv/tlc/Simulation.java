package dev.tcpv.tlc;

/**
 * A budget for TLC's simulation mode ({@code -simulate}): random behaviours instead of the whole state graph.
 *
 * @param depth the most steps a behaviour takes (TLC's {@code -depth}); a behaviour also ends where no action is
 *     enabled
 * @param traces how many behaviours to generate (TLC's {@code num=})
 * @param seed the seed of TLC's random choices, so that a run can be repeated
 */
public record Simulation(int depth, long traces, long seed) {
  public Simulation {
    if (depth < 1) {
      throw new IllegalArgumentException("the simulation depth must be at least 1: " + depth);
    }
    if (traces < 1) {
      throw new IllegalArgumentException("the number of behaviours must be at least 1: " + traces);
    }
  }
}
