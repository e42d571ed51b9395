package dev.tcpv.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCountsTest {

  @Test
  void rewritesOnlyTheCountsOfTheModelsNamed(@TempDir Path dir) throws IOException, ManifestException {
    Path file = dir.resolve("manifest.json");
    Files.writeString(file, """
        {"models": [
          {"name": "A", "module": "MCA.tla", "config": "MCA.cfg", "ci": true, "expect": "pass", "distinct": 1,
           "description": "<keeps> & \\"quotes\\""},
          {"name": "B", "module": "MCB.tla", "config": "MCB.cfg", "ci": true, "expect": "pass"},
          {"name": "C", "module": "MCC.tla", "config": "MCC.cfg", "ci": true, "expect": "pass", "distinct": 3}
        ]}""");
    ManifestCounts.update(file, Map.of("A", 10L, "B", 20L));
    assertEquals("""
        {
          "models": [
            {
              "name": "A",
              "module": "MCA.tla",
              "config": "MCA.cfg",
              "ci": true,
              "expect": "pass",
              "distinct": 10,
              "description": "<keeps> & \\"quotes\\""
            },
            {
              "name": "B",
              "module": "MCB.tla",
              "config": "MCB.cfg",
              "ci": true,
              "expect": "pass",
              "distinct": 20
            },
            {
              "name": "C",
              "module": "MCC.tla",
              "config": "MCC.cfg",
              "ci": true,
              "expect": "pass",
              "distinct": 3
            }
          ]
        }
        """, Files.readString(file));
    Manifest reread = ManifestReader.read(file);
    assertEquals(Long.valueOf(20L), reread.model("B").orElseThrow().distinct());
  }
}
