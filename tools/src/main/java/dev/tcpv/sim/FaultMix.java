package dev.tcpv.sim;

import java.util.List;

/**
 * What the network, the hosts and an attacker may do wrong in one run: budgets of lost segments, duplicated
 * deliveries, host crashes and forged segments. Reordering and delay (ageing up to MSL) are always on: any segment
 * in flight may arrive next.
 *
 * @param name the mix's name
 * @param loss segments the network may lose
 * @param dup extra deliveries it may make
 * @param crash host crashes
 * @param inject segments an off-path attacker forges, each a near miss at a boundary the rules draw (the spec's
 *     {@code ForgedSegments}: a RST at RCV.NXT + 1, RCV.NXT - 1 or RCV.NXT + RCV.WND, a SYN at RCV.NXT, an octet
 *     at RCV.NXT + RCV.WND or RCV.NXT - 1, an octet acknowledging SND.NXT + 1 or SND.UNA - MAX.SND.WND - 1)
 * @param rfc793 whether the engines run with RFC 5961 and RFC 1337 off (production runs only)
 */
public record FaultMix(String name, int loss, int dup, int crash, int inject, boolean rfc793) {

  /** A mix without an attacker. */
  public FaultMix(String name, int loss, int dup, int crash) {
    this(name, loss, dup, crash, 0, false);
  }

  /** The mixes spec-shaped runs cycle through: the network's faults and crashes, no attacker. */
  public static final List<FaultMix> SPEC =
      List.of(
          new FaultMix("reorder", 0, 0, 0),
          new FaultMix("loss", 3, 0, 0),
          new FaultMix("dup", 0, 3, 0),
          new FaultMix("loss+dup", 2, 2, 0),
          new FaultMix("crash", 1, 0, 1),
          new FaultMix("all", 3, 3, 1));

  /**
   * The mixes production runs cycle through: those of spec-shaped runs and an attacker, against the engine as it
   * ships ({@code attack}) and against one with RFC 5961 and RFC 1337 off ({@code attack793}: the RFC 793 rules,
   * under which a forged RST or SYN in the window resets the connection). Spec-shaped runs have no
   * attacker yet: their R2 of (MaxRetries + 1) x RTO stands for the spec's count of retransmissions, which a
   * persist phase before the first probe breaks (the engine's R2 clock counts the wait, the spec's count does
   * not); an attacked run reached it (MSS 3 with reads, seed 274).
   */
  public static final List<FaultMix> ALL =
      java.util.stream.Stream.concat(SPEC.stream(), java.util.stream.Stream.of(
          new FaultMix("attack", 1, 1, 0, 4, false), new FaultMix("attack793", 1, 1, 0, 4, true))).toList();
}
