package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcpv validate --shard I/N}: N shards partition the input, whatever its order. */
class ShardTest {
  @Test
  void theShardsPartitionTheInputAndDoNotDependOnItsOrder() throws InputException {
    Random random = new Random(42);
    for (int files = 0; files <= 40; files++) {
      List<Path> all = new ArrayList<>();
      for (int f = 0; f < files; f++) {
        all.add(Path.of("traces", "run-" + random.nextInt(1_000_000) + "-" + f + ".ndjson"));
      }
      for (int n = 1; n <= 9; n++) {
        Set<Path> union = new HashSet<>();
        int total = 0;
        List<Path> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, random);
        for (int i = 1; i <= n; i++) {
          Shard shard = Shard.parse(i + "/" + n);
          List<Path> part = shard.select(all);
          assertEquals(part, shard.select(shuffled), "a shard must not depend on the order of its input");
          assertTrue(part.size() <= (files + n - 1) / n && part.size() >= files / n, "shards are balanced");
          union.addAll(part);
          total += part.size();
        }
        assertEquals(files, total, "every file in exactly one shard");
        assertEquals(new HashSet<>(all), union, "the shards cover the input");
      }
    }
  }

  @Test
  void aBadShardIsAOneLineError() {
    for (String bad : List.of("0/4", "5/4", "1/0", "1", "a/b", "-1/2", "1/2/3", "")) {
      InputException e = assertThrows(InputException.class, () -> Shard.parse(bad));
      assertEquals("--shard must be I/N with 1 <= I <= N (for example 1/4), not \"" + bad + "\"", e.getMessage());
    }
  }

  @Test
  void validateTakesOnlyItsShard(@TempDir Path dir) throws IOException {
    Workspace.Run sim = Workspace.tcpv("simulate", "--seed", "3", "--count", "5", "--out", dir.toString());
    assertEquals(0, sim.exit(), sim::err);
    int traces;
    try (var files = Files.list(dir)) {
      traces = (int) files.filter(p -> p.toString().endsWith(".ndjson")).count();
    }
    int validated = 0;
    for (int i = 1; i <= 2; i++) {
      Workspace.Run run = Workspace.tcpv("validate", "--shard", i + "/2", dir.toString());
      assertEquals(0, run.exit(), run::out);
      int expected = i == 1 ? (traces + 1) / 2 : traces / 2;
      assertTrue(run.out().contains("validate: shard " + i + "/2 holds " + expected + " of " + traces
          + " trace file(s)"), run::out);
      assertTrue(run.out().contains("validate: " + expected + " trace(s), 0 failed"), run::out);
      validated += expected;
    }
    assertEquals(traces, validated);
    Workspace.Run bad = Workspace.tcpv("validate", "--shard", "3/2", dir.toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--shard must be I/N"), bad::err);
  }
}
