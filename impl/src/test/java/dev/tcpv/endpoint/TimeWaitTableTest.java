package dev.tcpv.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeWaitTableTest {

  @Test
  @DisplayName("R-TW-1: the TIME-WAIT table agrees with a map under random puts and removes")
  void agreesWithMap() {
    Random rnd = new Random(7);
    TimeWaitTable table = new TimeWaitTable();
    Map<FourTuple, Long> model = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      FourTuple t = new FourTuple(rnd.nextInt(4), 80, rnd.nextInt(8), rnd.nextInt(64));
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
