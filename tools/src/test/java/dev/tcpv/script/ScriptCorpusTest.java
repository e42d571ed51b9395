package dev.tcpv.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The project's scripts: each covered rule ID has one, and every one passes in strict mode. */
class ScriptCorpusTest {
  private static final Path CORPUS = root().resolve("tools/scripts");

  private static Path root() {
    String p = System.getProperty("tcpv.root");
    return (p == null ? Path.of("..") : Path.of(p)).toAbsolutePath().normalize();
  }

  @Test
  void everyListedRuleIdHasAScript() throws IOException {
    List<String> ids = CorpusCoverage.listedIds(CORPUS.resolve("README.md"));
    assertTrue(ids.size() >= 45, "the README lists " + ids.size() + " IDs: " + ids);
    assertTrue(ids.containsAll(List.of("S-1", "S-2", "S-3", "S-4", "S-5", "S-6", "S-7", "S-8")), ids::toString);
    assertEquals(List.of(), CorpusCoverage.missing(ids, CORPUS), "IDs without a script");
  }

  @Test
  void coverageCheckReportsAMissingScript(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("rules"));
    Files.createDirectories(dir.resolve("seeds"));
    Files.writeString(dir.resolve("rules/R-TW-1.pkt"), "");
    Files.writeString(dir.resolve("seeds/S-1.pkt"), "");
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "intro\n- `S-1` one\n- `R-TW-1` two\n- `R-TW-2` three\n  - `R-KA-1` four\n");
    List<String> ids = CorpusCoverage.listedIds(readme);
    assertEquals(List.of("S-1", "R-TW-1", "R-TW-2", "R-KA-1"), ids);
    assertEquals(List.of("R-TW-2", "R-KA-1"), CorpusCoverage.missing(ids, dir));
  }

  @Test
  void ipv6ScriptsFailWhenTheirSegmentsTravelAsIpv4() throws Exception {
    List<Path> v6 = ScriptSuite.collect(List.of(CORPUS.resolve("ipv6")));
    assertTrue(v6.size() >= 4, v6::toString);
    for (Path f : v6) {
      Script script = ScriptParser.parse(f, Set.of("STANDARD"));
      assertEquals(ScriptRunner.Family.IPV6, ScriptRunner.Family.of(script), f::toString);
      Outcome over6 = ScriptRunner.run(script, SegmentMatcher.Mode.STRICT, ScriptProfile.tcpv());
      assertEquals(Outcome.Status.PASS, over6.status(), over6.message());
      // The same script with its connections and packets IPv4 (what a runner that ignores --ip_version does).
      Outcome over4 = ScriptRunner.run(script, SegmentMatcher.Mode.STRICT, ScriptProfile.tcpv(),
          ScriptRunner.Family.IPV4);
      assertEquals(Outcome.Status.FAIL, over4.status(), f::toString);
      assertTrue(over4.message().contains("expected an IPv6 packet (--ip_version), actual an IPv4 packet"),
          over4::message);
    }
    // And an IPv4 script whose segments travel as IPv6.
    Script v4 = ScriptParser.parse(CORPUS.resolve("rules/R-OPEN-2.pkt"), Set.of("STANDARD"));
    Outcome crossed = ScriptRunner.run(v4, SegmentMatcher.Mode.STRICT, ScriptProfile.tcpv(), ScriptRunner.Family.IPV6);
    assertTrue(crossed.message().contains("expected an IPv4 packet (--ip_version), actual an IPv6 packet"),
        crossed::message);
  }

  @TestFactory
  Stream<DynamicTest> everyScriptPassesStrictly() throws Exception {
    List<Path> files = ScriptSuite.collect(List.of(CORPUS));
    assertTrue(files.size() >= 45, "scripts found: " + files.size());
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      tests.add(DynamicTest.dynamicTest(String.valueOf(f.getFileName()), () -> {
        Outcome o = ScriptRunner.run(ScriptParser.parse(f, Set.of("STANDARD")), SegmentMatcher.Mode.STRICT,
            ScriptProfile.tcpv());
        assertEquals(Outcome.Status.PASS, o.status(), o.message());
      }));
    }
    return tests.stream();
  }
}
