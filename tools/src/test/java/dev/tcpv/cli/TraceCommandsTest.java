package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.sim.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandsTest {
  private final Path dir;

  TraceCommandsTest(@TempDir Path dir) {
    this.dir = dir;
  }

  @Test
  @DisplayName("simulate writes the same bytes for the same seed; validate accepts them (exit 0)")
  void simulateThenValidate() throws IOException {
    Workspace.Run a = Workspace.tcpv("simulate", "--seed", "5", "--count", "3", "--out", dir.resolve("a").toString());
    Workspace.Run b = Workspace.tcpv("simulate", "--seed", "5", "--count", "3", "--out", dir.resolve("b").toString());
    assertEquals(0, a.exit(), a.err());
    assertEquals(0, b.exit(), b.err());
    for (int s = 5; s < 8; s++) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a/seed-" + s + ".ndjson")),
          Files.readAllBytes(dir.resolve("b/seed-" + s + ".ndjson")));
    }
    Workspace.Run v = Workspace.tcpv("validate", dir.resolve("a").toString());
    assertEquals(0, v.exit(), v.out() + v.err());
    assertTrue(v.out().contains("3 trace(s), 0 failed"), v.out());
  }

  @Test
  @DisplayName("a trace that leaves the spec: exit 1, the report names file:line")
  void invalidTrace() throws IOException {
    Workspace.tcpv("simulate", "--seed", "2", "--out", dir.toString());
    Path file = dir.resolve("seed-2.ndjson");
    int line = breakSndNxt(file);
    Workspace.Run v = Workspace.tcpv("validate", file.toString());
    assertEquals(1, v.exit(), v.out() + v.err());
    assertTrue(v.out().startsWith(file + ":" + line + ": no spec behaviour matches"), v.out());
    assertTrue(v.out().contains("enabled here:"), v.out());
  }

  /** Adds one to the first SND.NXT {@code file} shows; returns that line's number. */
  private static int breakSndNxt(Path file) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    int i = 1;
    while (!lines.get(i).contains("\"sndNxt\":")) {
      i++;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sndNxt\":(\\d+)").matcher(lines.get(i));
    assertTrue(m.find());
    lines.set(i, m.replaceFirst("\"sndNxt\":" + (Long.parseLong(String.valueOf(m.group(1))) + 1)));
    Files.write(file, lines, StandardCharsets.UTF_8);
    return i + 1;
  }

  @Test
  @DisplayName("validate checks the traces of one configuration together (one TLC load each) and still reports "
      + "failures in the order of the files")
  void groupedByConfiguration() throws IOException {
    long[] seeds = interleaved();
    List<Path> files = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (long seed : seeds) {
      Workspace.tcpv("simulate", "--seed", Long.toString(seed), "--out", dir.toString());
      Path file = dir.resolve("seed-" + seed + ".ndjson");
      files.add(file);
      expected.add(file + ":" + breakSndNxt(file) + ": no spec behaviour matches");
    }
    // a, b, c with a and c of one configuration: c is validated before b.
    assertEquals(List.of(0, 2, 1), ValidateCommand.byConfiguration(files));
    Workspace.Run v = Workspace.tcpv("validate", dir.toString());
    assertEquals(1, v.exit(), v.out() + v.err());
    List<String> reported = v.out().lines().filter(l -> l.startsWith(dir.toString())).toList();
    assertEquals(3, reported.size(), v.out());
    for (int k = 0; k < 3; k++) {
      assertTrue(reported.get(k).startsWith(expected.get(k)), reported + " vs " + expected);
    }
    assertTrue(v.out().contains("3 trace(s), 3 failed"), v.out());
  }

  /** Production seeds a < b < c, single digits, a and c of one configuration and b of another. */
  private static long[] interleaved() {
    for (long a = 1; a <= 9; a++) {
      for (long b = a + 1; b <= 9; b++) {
        for (long c = b + 1; c <= 9; c++) {
          Object ca = Simulator.productionHeader(a).configuration();
          if (ca.equals(Simulator.productionHeader(c).configuration())
              && !ca.equals(Simulator.productionHeader(b).configuration())) {
            return new long[] {a, b, c};
          }
        }
      }
    }
    throw new AssertionError("no production seeds 1 to 9 interleave two configurations");
  }

  @Test
  @DisplayName("a trace whose line carries a rule ID its step's branches do not declare: exit 1, one line naming "
      + "file:line, the ID and the branches")
  void undeclaredRule() throws IOException {
    Workspace.tcpv("simulate", "--seed", "4", "--out", dir.toString());
    Path file = dir.resolve("seed-4.ndjson");
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    int i = lines.size() / 2;
    while (!lines.get(i).contains("\"rules\":[")) {
      i++;
    }
    lines.set(i, lines.get(i).replaceFirst("\"rules\":\\[", "\"rules\":[\"R-FMT-2\","));
    Files.write(file, lines, StandardCharsets.UTF_8);
    Workspace.Run v = Workspace.tcpv("validate", file.toString());
    assertEquals(1, v.exit(), v.out() + v.err());
    String first = v.out().lines().findFirst().orElse("");
    assertTrue(first.startsWith(file + ":" + (i + 1) + ": rule R-FMT-2 is not declared by the spec step that "
        + "matches ("), v.out());
    assertTrue(v.out().contains("1 trace(s), 1 failed"), v.out());
  }

  @Test
  @DisplayName("simulate --profile spec --mss 3 writes segments of several octets and SENDs of several; validate "
      + "accepts them and rejects a SEND whose octets were changed")
  void multiOctet() throws IOException {
    Workspace.Run a = Workspace.tcpv("simulate", "--profile", "spec", "--seed", "3", "--count", "4", "--mss", "3",
        "--out", dir.resolve("m").toString());
    assertEquals(0, a.exit(), a.err());
    Workspace.Run v = Workspace.tcpv("validate", dir.resolve("m").toString());
    assertEquals(0, v.exit(), v.out() + v.err());
    Path file = dir.resolve("m/seed-3.ndjson");
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    assertTrue(lines.get(0).contains("\"mss\":3"), lines.get(0));
    int i = 1;
    while (!lines.get(i).contains("\"octets\":")) {
      i++;
    }
    lines.set(i, lines.get(i).replaceFirst("\"octets\":(\\d+)", "\"octets\":7"));
    Files.write(file, lines, StandardCharsets.UTF_8);
    Workspace.Run bad = Workspace.tcpv("validate", file.toString());
    assertEquals(1, bad.exit(), bad.out() + bad.err());
    assertTrue(bad.out().startsWith(file + ":" + (i + 1) + ": no spec behaviour matches"), bad.out());
    assertTrue(bad.out().contains("the SEND queues"), bad.out());
    int j = i + 1;
    while (lines.get(j).contains("\"action\":\"Send\"")) {
      j++;
    }
    lines.set(j, lines.get(j).replaceFirst("\\{", "{\"octets\":2,"));
    Files.write(file, lines, StandardCharsets.UTF_8);
    Workspace.Run malformed = Workspace.tcpv("validate", file.toString());
    assertEquals(2, malformed.exit(), malformed.out() + malformed.err());
    assertTrue(
        malformed.err().startsWith("tcpv: " + file + ":" + (j + 1) + ": octets belongs to Send and Receive lines only"),
        malformed.err());
    Workspace.Run mss = Workspace.tcpv("simulate", "--profile", "spec", "--seed", "1", "--mss", "9", "--out",
        dir.toString());
    assertEquals(2, mss.exit());
    assertEquals("tcpv: --mss must be 1 to 4, not 9\n", mss.err());
  }

  @Test
  @DisplayName("simulate writes production runs by default (MSS 1460, keyed ISNs, microseconds, no Tick lines); a "
      + "bad profile, or --mss without --profile spec, is refused in one line")
  void productionByDefault() throws IOException {
    Workspace.Run a = Workspace.tcpv("simulate", "--seed", "9", "--count", "2", "--out", dir.resolve("p").toString());
    assertEquals(0, a.exit(), a.err());
    List<String> lines = Files.readAllLines(dir.resolve("p/seed-9.ndjson"), StandardCharsets.UTF_8);
    assertTrue(lines.get(0).contains("\"mss\":1460") && lines.get(0).contains("\"isn\":\"keyed\"")
        && lines.get(0).contains("\"seqMod\":4294967296"), lines.get(0));
    assertTrue(lines.stream().noneMatch(l -> l.contains("\"action\":\"Tick\"")), "no Tick lines");
    Workspace.Run v = Workspace.tcpv("validate", dir.resolve("p").toString());
    assertEquals(0, v.exit(), v.out() + v.err());
    Workspace.Run profile = Workspace.tcpv("simulate", "--seed", "1", "--profile", "fast", "--out", dir.toString());
    assertEquals(2, profile.exit());
    assertEquals("tcpv: --profile must be production or spec, not fast\n", profile.err());
    Workspace.Run mss = Workspace.tcpv("simulate", "--seed", "1", "--mss", "3", "--out", dir.toString());
    assertEquals(2, mss.exit());
    assertEquals(1, mss.err().lines().count(), mss.err());
    assertTrue(mss.err().startsWith("tcpv: --mss and --reads vary --profile spec"), mss.err());
  }

  @Test
  @DisplayName("simulate --bulk writes one long bulk transfer; --observe writes what one host sees, which validates")
  void bulkAndObserve() throws IOException {
    Workspace.Run bulk = Workspace.tcpv("simulate", "--seed", "9", "--bulk", "300000", "--out",
        dir.resolve("b").toString());
    assertEquals(0, bulk.exit(), bulk.err());
    List<String> lines = Files.readAllLines(dir.resolve("b/seed-9.ndjson"), StandardCharsets.UTF_8);
    assertTrue(lines.get(0).contains("\"scenario\":\"bulk/"), lines.get(0));
    assertTrue(lines.size() > 400, "300,000 octets each way take hundreds of segments: " + lines.size());
    Workspace.Run seen = Workspace.tcpv("simulate", "--seed", "6", "--observe", "B", "--out",
        dir.resolve("o").toString());
    assertEquals(0, seen.exit(), seen.err());
    List<String> mine = Files.readAllLines(dir.resolve("o/seed-6-B.ndjson"), StandardCharsets.UTF_8);
    assertTrue(mine.get(0).contains("\"observed\":[\"B\"]"), mine.get(0));
    assertTrue(mine.stream().skip(1).allMatch(l -> l.contains("\"host\":\"B\"")), "only B's steps");
    Workspace.Run v = Workspace.tcpv("validate", dir.resolve("o").toString());
    assertEquals(0, v.exit(), v.out() + v.err());
    Workspace.Run searched = Workspace.tcpv("validate", "--peer", "spec", dir.resolve("o").toString());
    assertTrue(searched.exit() == 0 || searched.exit() == 1, searched.out() + searched.err());
    assertTrue(searched.out().contains("validate: 1 trace(s)"), searched.out());
    Workspace.Run peer = Workspace.tcpv("validate", "--peer", "any", dir.resolve("o").toString());
    assertEquals(2, peer.exit());
    assertEquals("tcpv: --peer must be open or spec, not any\n", peer.err());
    Workspace.Run host = Workspace.tcpv("simulate", "--seed", "1", "--observe", "C", "--out", dir.toString());
    assertEquals(2, host.exit());
    assertEquals("tcpv: --observe must be A or B, not C\n", host.err());
    Workspace.Run spec = Workspace.tcpv("simulate", "--seed", "1", "--profile", "spec", "--bulk", "9", "--out",
        dir.toString());
    assertEquals(2, spec.exit());
    assertEquals("tcpv: --bulk takes a positive count of octets and --profile production\n", spec.err());
  }

  @Test
  @DisplayName("a malformed trace file: exit 2, one line naming file:line")
  void badTraceFile() throws IOException {
    Path file = dir.resolve("bad.ndjson");
    Workspace.tcpv("simulate", "--seed", "3", "--out", dir.toString());
    List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("seed-3.ndjson"), StandardCharsets.UTF_8));
    lines.set(2, "{\"action\": \"Tick\", \"us\": \"soon\"}");
    Files.write(file, lines, StandardCharsets.UTF_8);
    Workspace.Run v = Workspace.tcpv("validate", file.toString());
    assertEquals(2, v.exit());
    assertEquals("tcpv: " + file + ":3: us is not a number\n", v.err());
    Workspace.Run missing = Workspace.tcpv("validate", dir.resolve("nowhere.ndjson").toString());
    assertEquals(2, missing.exit());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertTrue(missing.err().startsWith("tcpv: "));
  }
}
