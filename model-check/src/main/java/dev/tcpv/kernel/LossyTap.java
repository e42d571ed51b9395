package dev.tcpv.kernel;

import dev.tcpv.tun.EventLoop;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded faults at the TUN device, each way on its own: a packet is dropped with probability {@code drop}, or held
 * back with probability {@code hold} and let through after the next packet the same way (reordered). A packet
 * held when no other follows stays lost, as a dropped one; the senders' retransmissions repair both.
 */
final class LossyTap implements EventLoop.Tap {
  private final SplittableRandom random;
  private final double drop;
  private final double hold;
  private final EnumMap<EventLoop.Direction, byte[]> held = new EnumMap<>(EventLoop.Direction.class);

  LossyTap(SplittableRandom random, double drop, double hold) {
    this.random = random;
    this.drop = drop;
    this.hold = hold;
  }

  @Override
  public List<byte[]> cross(EventLoop.Direction d, long micros, byte[] packet) {
    double r = random.nextDouble();
    if (r < drop) {
      return List.of();
    }
    byte[] before = held.remove(d);
    if (before == null && r < drop + hold) {
      held.put(d, packet);
      return List.of();
    }
    return before == null ? List.of(packet) : List.of(packet, before);
  }
}
