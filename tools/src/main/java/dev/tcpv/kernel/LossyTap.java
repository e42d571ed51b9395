package dev.tcpv.kernel;

import dev.tcpv.tun.EventLoop;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Seeded faults on the kernel's packets at the TUN device: a packet is dropped with probability {@code drop}, or
 * held back with probability {@code hold} and let through after the next one (reordered). A packet held when no
 * other follows stays lost, as a dropped one; the kernel's retransmissions repair both.
 *
 * <p>Only the kernel's packets ({@link EventLoop.Direction#IN}): tcpdump saw them on the device before the engine
 * reads them, so the faults are on the network beyond the capture point, as the wire validator assumes (a capture
 * point sees every segment it passes). The engine's packets pass untouched: a tap on them acts before tcpdump sees
 * them, so a dropped one would be a segment the engine sent that no capture shows. They are dropped after the
 * capture point by the namespace's filter instead ({@link InteropScenario#rules}).
 */
final class LossyTap implements EventLoop.Tap {
  private final SplittableRandom random;
  private final double drop;
  private final double hold;
  private byte @Nullable [] held;

  LossyTap(SplittableRandom random, double drop, double hold) {
    this.random = random;
    this.drop = drop;
    this.hold = hold;
  }

  @Override
  public List<byte[]> cross(EventLoop.Direction d, long micros, byte[] packet) {
    if (d != EventLoop.Direction.IN) {
      return List.of(packet);
    }
    double r = random.nextDouble();
    if (r < drop) {
      return List.of();
    }
    byte[] before = held;
    held = null;
    if (before == null && r < drop + hold) {
      held = packet;
      return List.of();
    }
    return before == null ? List.of(packet) : List.of(packet, before);
  }
}
