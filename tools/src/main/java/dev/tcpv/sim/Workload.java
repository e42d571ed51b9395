package dev.tcpv.sim;

import java.util.List;

/**
 * What the two users do in one run.
 *
 * @param name the workload's name
 * @param activeA A opens actively (else passively)
 * @param activeB B opens actively (else passively)
 * @param opens connection attempts per host (incarnations)
 * @param bytesA bytes A sends per incarnation, at most (spec-shaped runs: times the MSS; production runs: a random
 *     count up to this, all of it in {@code bulk})
 * @param bytesB bytes B sends per incarnation, at most, likewise
 * @param closeEarly a user may close before sending all (half-close, simultaneous close)
 * @param abortWeight how often a user aborts instead of closing (per mille of its moves)
 */
public record Workload(
    String name, boolean activeA, boolean activeB, int opens, int bytesA, int bytesB, boolean closeEarly,
    int abortWeight) {

  /** The workloads the simulator cycles through. */
  public static final List<Workload> ALL =
      List.of(
          new Workload("handshake", true, false, 1, 0, 0, false, 0),
          new Workload("simultaneous-open", true, true, 1, 1, 1, false, 0),
          new Workload("data", true, false, 1, 3, 3, false, 0),
          new Workload("half-close", true, false, 1, 1, 3, true, 0),
          new Workload("simultaneous-close", true, true, 1, 0, 0, true, 0),
          new Workload("reuse", true, false, 3, 1, 1, false, 0),
          new Workload("abort", true, false, 2, 2, 1, true, 60),
          new Workload("keep-alive", true, false, 1, 1, 0, false, 0));

  /**
   * The workloads of production runs: those of {@link #ALL} with octets of text, a bulk transfer of {@link
   * dev.tcpv.sim.Simulator#BULK_OCTETS} each way, and a zero-window stall (A sends 300,000 octets to a reader that
   * sleeps between RECEIVE calls, so that B's window closes and A probes it).
   */
  public static final List<Workload> PRODUCTION =
      List.of(
          new Workload("handshake", true, false, 1, 0, 0, false, 0),
          new Workload("simultaneous-open", true, true, 1, 3_000, 3_000, false, 0),
          new Workload("data", true, false, 1, 20_000, 20_000, false, 0),
          new Workload("half-close", true, false, 1, 2_000, 30_000, true, 0),
          new Workload("simultaneous-close", true, true, 1, 0, 0, true, 0),
          new Workload("reuse", true, false, 3, 5_000, 5_000, false, 0),
          new Workload("abort", true, false, 2, 10_000, 3_000, true, 60),
          new Workload("keep-alive", true, false, 1, 100, 0, false, 0),
          new Workload("bulk", true, false, 1, Simulator.BULK_OCTETS, Simulator.BULK_OCTETS, false, 0),
          new Workload("zero-window", true, false, 1, 300_000, 0, false, 0));
}
