package dev.tcpv.mutate;

import static dev.tcpv.mutate.MutationWorkspace.CLOSE_FIND;
import static dev.tcpv.mutate.MutationWorkspace.CLOSE_REPLACE;
import static dev.tcpv.mutate.MutationWorkspace.mutation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad catalogues and bad usage end with status 2 and one line on stderr, before TLC runs. */
class MutateBadInputTest {
  private static final String CLOSE =
      mutation("CloseEnterClosing", CLOSE_FIND, CLOSE_REPLACE, "Small", "StateDiagramProp", true, null);

  private final MutationWorkspace workspace;

  MutateBadInputTest(@TempDir Path dir) throws IOException {
    this.workspace = MutationWorkspace.create(dir);
  }

  private void assertRejected(String line, String... args) {
    MutationWorkspace.Run run = workspace.mutate(args);
    assertEquals(2, run.exit(), run::err);
    assertEquals("tcpv: " + line + "\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void findAbsent() throws IOException {
    workspace.catalogue(mutation("Gone", "-> closing(\"FIN-WAIT-3\")", CLOSE_REPLACE, "Small", "TypeInv", true,
        null));
    assertRejected("mutations.json: mutation Gone: the find text does not occur in Tcp.tla (the spec changed?)");
  }

  @Test
  void findTwice() throws IOException {
    String text = Files.readString(workspace.spec.resolve("Tcp.tla"));
    int count = CatalogueCheck.occurrences(text, "\"ESTABLISHED\"");
    workspace.catalogue(CLOSE, mutation("Vague", "\"ESTABLISHED\"", "\"CLOSED\"", "Small", "TypeInv", false, null));
    assertRejected("mutations.json: mutation Vague: the find text occurs " + count
        + " times in Tcp.tla; it must occur exactly once (take more context)", "CloseEnterClosing");
  }

  @Test
  void unknownModel() throws IOException {
    workspace.catalogue(mutation("Lost", CLOSE_FIND, CLOSE_REPLACE, "Smal", "TypeInv", true, null));
    assertRejected("mutations.json: mutation Lost: unknown model \"Smal\" (the manifest's pass models: Small, Big)");
  }

  @Test
  void modelThatDoesNotPass() throws IOException {
    workspace.catalogue(mutation("OnKnob", CLOSE_FIND, CLOSE_REPLACE, "Knob", "TypeInv", true, null));
    assertRejected("mutations.json: mutation OnKnob: model Knob must pass the unmutated spec, but the manifest "
        + "expects NoStaleSegmentAcceptedInv; a kill must be a violation in a model that passes");
  }

  @Test
  void unknownField() throws IOException {
    workspace.catalogue(CLOSE.replace("\"killedBy\"", "\"killedby\""));
    assertRejected("mutations.json: mutation 1 (CloseEnterClosing): unknown field \"killedby\"");
  }

  @Test
  void badFamily() throws IOException {
    workspace.catalogue(CLOSE.replace("\"teardown\"", "\"TIME-WAIT\""));
    assertRejected("mutations.json: mutation 1 (CloseEnterClosing): family \"TIME-WAIT\" must be one of handshake, "
        + "reset, acceptability, teardown, time-wait, isn, keep-alive, retransmission, reassembly, rfc5961, "
        + "rfc1337, reopen, data, window");
  }

  @Test
  void malformedJson() throws IOException {
    Files.writeString(workspace.catalogue, "{\"mutations\": [" + CLOSE + ",]}");
    MutationWorkspace.Run run = workspace.mutate();
    assertEquals(2, run.exit(), run::err);
    assertEquals(1, run.err().lines().count(), run::err);
    assertEquals(true, run.err().startsWith("tcpv: mutations.json: not valid JSON: "), run::err);
    assertEquals("", run.out());
  }

  @Test
  void duplicateName() throws IOException {
    workspace.catalogue(CLOSE, CLOSE);
    assertRejected("mutations.json: mutation 2: the name \"CloseEnterClosing\" is taken");
  }

  @Test
  void missingFieldAndKillerWithoutSurvives() throws IOException {
    workspace.catalogue(CLOSE.replace("\"model\"", "\"mode\""));
    assertRejected("mutations.json: mutation 1 (CloseEnterClosing): unknown field \"mode\"");
    workspace.catalogue(CLOSE.replace(",\"killedBy\":\"StateDiagramProp\"", ""));
    assertRejected("mutations.json: mutation 1 (CloseEnterClosing): missing field \"killedBy\" (or \"survives\" "
        + "with why no property notices)");
  }

  @Test
  void unknownName() throws IOException {
    workspace.catalogue(CLOSE);
    assertRejected("unknown mutation \"CloseEnterClosin\" (mutations.json has: CloseEnterClosing)",
        "CloseEnterClosin");
  }

  @Test
  void badUsage() throws IOException {
    workspace.catalogue(CLOSE);
    assertRejected("--timeout must be at least 1 second", "--timeout", "0");
    assertRejected("--all runs the whole catalogue; name mutations or pass --all, not both", "--all",
        "CloseEnterClosing");
    workspace.catalogue(CLOSE.replace("\"ci\":true", "\"ci\":false"));
    assertRejected("mutations.json lists no CI mutations");
    Files.delete(workspace.catalogue);
    assertRejected("no mutation catalogue at " + workspace.catalogue);
  }
}
