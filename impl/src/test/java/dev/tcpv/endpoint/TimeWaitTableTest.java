package dev.tcpv.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeWaitTableTest {

  /** An IPv6 address whose low 32 bits are {@code low}, in one of two /64 prefixes. */
  private static IpAddress v6(int prefix, int low) {
    return new IpAddress(0x2001_0DB8_0000_0000L | prefix, low & 0xFFFF_FFFFL);
  }

  /**
   * 20,000 random finds-and-removes and puts of the 4-tuples {@code next} draws, the table checked against a map
   * after each and entry by entry at the end.
   */
  private static void agreesWithMap(Random rnd, Function<Random, FourTuple> next) {
    TimeWaitTable table = new TimeWaitTable();
    Map<FourTuple, Long> model = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      FourTuple t = next.apply(rnd);
      if (rnd.nextInt(3) == 0) {
        int slot = table.find(t);
        assertEquals(model.containsKey(t), slot >= 0);
        if (slot >= 0) {
          table.remove(slot);
          model.remove(t);
        }
      } else {
        long d = rnd.nextLong();
        table.put(t, (int) d, (int) (d >>> 32), d);
        model.put(t, d);
      }
      assertEquals(model.size(), table.size());
    }
    for (Map.Entry<FourTuple, Long> e : model.entrySet()) {
      int slot = table.find(e.getKey());
      long d = e.getValue();
      assertEquals(d, table.deadline(slot));
      assertEquals((int) d, table.sndNxt(slot));
      assertEquals((int) (d >>> 32), table.rcvNxt(slot));
    }
  }

  @Test
  @DisplayName("R-TW-1: the TIME-WAIT table agrees with a map under random puts and removes")
  void agreesWithMap() {
    agreesWithMap(new Random(7), rnd -> new FourTuple(rnd.nextInt(4), 80, rnd.nextInt(8), rnd.nextInt(64)));
  }

  @Test
  @DisplayName("R-TW-1: IPv4 and IPv6 entries together, IPv6 addresses alike in their low 32 bits kept apart")
  void agreesWithMapAcrossFamilies() {
    int[] drawn = {0};
    agreesWithMap(new Random(11), rnd -> {
      int a = rnd.nextInt(4);
      int b = rnd.nextInt(8);
      int port = rnd.nextInt(64);
      // IPv4 only at first, so that the table turns to full addresses with entries in it.
      int family = drawn[0]++ < 200 ? 0 : rnd.nextInt(3);
      return switch (family) {
        case 0 -> new FourTuple(a, 80, b, port);
        case 1 -> new FourTuple(v6(0, a), 80, v6(0, b), port);
        default -> new FourTuple(v6(1, a), 80, v6(1, b), port);
      };
    });
  }

  @Test
  @DisplayName("A table pays for full addresses only once it holds an IPv6 entry")
  void ipv6StorageOnlyWhenUsed() {
    TimeWaitTable table = new TimeWaitTable();
    FourTuple v4 = new FourTuple(1, 80, 2, 3);
    FourTuple v6 = new FourTuple(v6(0, 1), 80, v6(0, 2), 3);
    table.put(v4, 1, 2, 3);
    assertEquals(TimeWaitTable.BYTES_PER_SLOT, table.bytesPerSlot());
    assertEquals(-1, table.find(v6), "same low 32 bits and ports, another family");
    table.put(v6, 4, 5, 6);
    assertEquals(TimeWaitTable.BYTES_PER_SLOT + TimeWaitTable.IPV6_BYTES_PER_SLOT, table.bytesPerSlot());
    assertEquals(3, table.deadline(table.find(v4)));
    assertEquals(6, table.deadline(table.find(v6)));
  }

  @Test
  @DisplayName("R-TW-1: a TIME-WAIT entry costs at most 64 bytes of table at 1000 entries")
  void compact() {
    TimeWaitTable table = new TimeWaitTable();
    for (int i = 0; i < 1000; i++) {
      table.put(new FourTuple(1, 80, i, 1024 + i), i, i, i);
    }
    assertTrue((long) table.capacity() * TimeWaitTable.BYTES_PER_SLOT <= 64L * 1000,
        table.capacity() + " slots");
  }
}
