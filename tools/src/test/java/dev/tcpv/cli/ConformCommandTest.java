package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcpv conform} end to end on the repository's spec, and its answers to bad input. */
class ConformCommandTest {
  private static final String MANIFEST = Path.of("..", "model-check", "models", "manifest.json").toString();
  private static final String SPEC = Path.of("..", "spec").toString();

  private record Run(int status, String out, String err) {}

  private static Run conform(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 5];
    all[0] = "conform";
    all[1] = "--manifest";
    all[2] = MANIFEST;
    all[3] = "--spec-dir";
    all[4] = SPEC;
    System.arraycopy(args, 0, all, 5, args.length);
    int status = Tcpv.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void aConformanceModelIsCoveredCompletely() {
    Run r = conform("--model", "ConformCrash");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("(100.0%)"), r.out());
    assertTrue(r.out().contains("State diagram: the engine's table has 57 (from, event, to) triples"), r.out());
    assertTrue(r.out().contains(": equal"), r.out());
  }

  @Test
  void theStageGivesTheReportOneRowPerModel() throws Exception {
    StringWriter out = new StringWriter();
    StageResult r = ConformCommand.run(new LocationOptions(), java.util.List.of("ConformCrash"), false,
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    assertEquals(0, r.exitCode(), out.toString());
    var figures = r.figures();
    if (figures == null) {
      throw new AssertionError("the conform stage gives the report no figures");
    }
    assertEquals("conform", figures.stage());
    assertEquals(1, figures.rows().size());
    var row = figures.rows().get(0);
    assertEquals("ConformCrash", row.get(0));
    assertEquals(row.get(2), row.get(3), "every edge covered: " + row);
    assertEquals("every edge", row.get(7));
  }

  @Test
  void anUnknownModelIsBadInput() {
    Run r = conform("--model", "NoSuchModel");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("tcpv: no conformance model NoSuchModel"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void aModelTheEngineCannotFollowIsBadInput(@TempDir Path dir) throws Exception {
    Path models = Path.of("..", "model-check", "models");
    Files.copy(models.resolve("MCTcp.tla"), dir.resolve("MCTcp.tla"));
    Files.writeString(dir.resolve("MCConformTwoWay.cfg"),
        Files.readString(models.resolve("MCConformCrash.cfg")).replace("HandshakeWays = 3", "HandshakeWays = 2"));
    Run r = conform("--models-dir", dir.toString(), "--model", "ConformTwoWay");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("tcpv: MCConformTwoWay.cfg: HandshakeWays must be 3"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
