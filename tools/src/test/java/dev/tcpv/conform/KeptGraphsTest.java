package dev.tcpv.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.ProjectLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept state graph is read only when everything it was computed from is unchanged, and is the graph TLC
 * explores.
 */
class KeptGraphsTest {
  private static final String MODEL = "ConformCrash";

  @Test
  void anyInputOfTheGraphNamesAnotherFile(@TempDir Path dir) throws Exception {
    ProjectLayout real = WrongEngineTest.layout();
    Path spec = Files.createDirectories(dir.resolve("spec"));
    Path models = Files.createDirectories(dir.resolve("models"));
    copyModules(real.specDir(), spec);
    copyModules(real.modelsDir(), models);
    Files.copy(real.modelsDir().resolve("MC" + MODEL + ".cfg"), models.resolve("MC" + MODEL + ".cfg"));
    ProjectLayout copy = new ProjectLayout(spec, models, real.manifest());
    String digest = KeptGraphs.digest(copy, MODEL);
    assertEquals(digest, KeptGraphs.digest(real, MODEL), "the same inputs, wherever they are");
    assertTrue(digest.matches("[0-9a-f]{16}"), digest);

    Path cfg = models.resolve("MC" + MODEL + ".cfg");
    String config = Files.readString(cfg, StandardCharsets.UTF_8);
    Files.writeString(cfg, config.replace("MaxGen = 1", "MaxGen = 2"), StandardCharsets.UTF_8);
    assertNotEquals(config, Files.readString(cfg, StandardCharsets.UTF_8));
    String changedModel = KeptGraphs.digest(copy, MODEL);
    assertNotEquals(digest, changedModel, "a change to the model's configuration");
    Files.writeString(cfg, config, StandardCharsets.UTF_8);
    assertEquals(digest, KeptGraphs.digest(copy, MODEL));

    Path tcp = spec.resolve("Tcp.tla");
    Files.writeString(tcp, Files.readString(tcp, StandardCharsets.UTF_8) + "\n\\* one more line\n",
        StandardCharsets.UTF_8);
    assertNotEquals(digest, KeptGraphs.digest(copy, MODEL), "a change to the spec");
  }

  @Test
  void aKeptGraphIsReadAndAFreshOneReplacesItAndEveryOlderOne() throws Exception {
    ProjectLayout layout = WrongEngineTest.layout();
    Path stale = Files.createDirectories(KeptGraphs.dir()).resolve(MODEL + "-0000000000000000.graph");
    Files.writeString(stale, "not a graph\n", StandardCharsets.UTF_8);
    StringWriter said = new StringWriter();
    KeptGraphs.Dump fresh = KeptGraphs.dump(layout, MODEL, true, new PrintWriter(said, true));
    assertTrue(fresh.explored());
    assertTrue(said.toString().contains(MODEL + ": exploring the state graph"), said.toString());
    assertFalse(Files.exists(stale), "an older dump of the model is removed");
    assertEquals(MODEL + "-" + KeptGraphs.digest(layout, MODEL) + ".graph", String.valueOf(fresh.file().getFileName()));

    StringWriter again = new StringWriter();
    KeptGraphs.Dump kept = KeptGraphs.dump(layout, MODEL, false, new PrintWriter(again, true));
    assertFalse(kept.explored());
    assertEquals(fresh.file(), kept.file());
    assertTrue(again.toString().contains("the state graph explored earlier from the same spec, model and explorer"),
        again.toString());
    // The kept graph is the model's: ConformCrash's counts (docs/conformance.md).
    StateGraph g = StateGraph.read(kept.file());
    assertEquals(5983, g.stateCount());
    assertEquals(13748, g.edgeCount());
  }

  private static void copyModules(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tla")).toList()) {
        Files.copy(f, to.resolve(String.valueOf(f.getFileName())));
      }
    }
  }
}
