package dev.tcpv.cli;

import static dev.tcpv.cli.Workspace.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage and bad input end with status 2 and one line on stderr, before TLC runs. */
class BadInputTest {
  private final Path dir;
  private final Workspace workspace;

  BadInputTest(@TempDir Path dir) throws IOException {
    this.dir = dir;
    this.workspace = Workspace.create(dir);
  }

  private static void assertRejected(Workspace.Run run, String line) {
    assertEquals(2, run.exit(), run::err);
    assertEquals(line + "\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void unknownModel() throws IOException {
    workspace.manifest(entry("Handshake", "MCHandshake", true, "pass", 1, 1));
    assertRejected(workspace.run("check", "Handshak"),
        "tcpv: unknown model \"Handshak\" (the manifest has: Handshake)");
  }

  @Test
  void malformedManifest() throws IOException {
    Files.writeString(workspace.models.resolve("manifest.json"), "{\"models\": [{\"name\": \"A\"}]}");
    assertRejected(workspace.run("check"), "tcpv: manifest.json: model 1 (A): missing field \"module\"");
    Files.writeString(workspace.models.resolve("manifest.json"), "{\"models\": [");
    Workspace.Run run = workspace.run("check");
    assertEquals(2, run.exit());
    assertEquals(1, run.err().lines().count(), run::err);
  }

  @Test
  void missingConfiguration() throws IOException {
    workspace.manifest(entry("Gone", "MCGone", true, "pass", 1, 1));
    assertRejected(workspace.run("check"),
        "tcpv: model Gone: no file MCGone.tla in " + workspace.models.toAbsolutePath().normalize());
  }

  @Test
  void missingManifest() {
    Path nowhere = dir.resolve("nowhere.json");
    assertRejected(Workspace.tcpv("check", "--manifest", nowhere.toString(), "--spec-dir", dir.toString()),
        "tcpv: no manifest at " + nowhere.toAbsolutePath().normalize());
  }

  @Test
  void emptyCiSet() throws IOException {
    workspace.manifest(entry("Handshake", "MCHandshake", false, "pass", 1, 1));
    assertRejected(workspace.run("check"), "tcpv: manifest.json lists no CI models");
  }

  @Test
  void badUsage() throws IOException {
    workspace.manifest(entry("Handshake", "MCHandshake", true, "pass", 1, 1));
    assertRejected(workspace.run("check", "--workers", "0"), "tcpv: --workers must be at least 1");
    assertRejected(workspace.run("check", "--cores", "0"), "tcpv: --cores must be at least 1");
    assertRejected(workspace.run("check", "--bogus"), "tcpv: Unknown option: '--bogus' (see tcpv check --help)");
    assertRejected(Workspace.tcpv(), "tcpv: missing subcommand (check, mutate, prove, simulate, validate, conform, "
        + "script, worker or all; see tcpv --help)");
  }
}
