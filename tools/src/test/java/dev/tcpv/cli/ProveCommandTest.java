package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tcpv prove} end to end on the repository's proof modules, copied beside an obligations list of the
 * test's own: a short obligation that holds, and the refinement checks that must fail (the two-way handshake
 * knob, a broken refinement mapping) with a counterexample.
 */
class ProveCommandTest {
  private static final Path ROOT =
      Path.of(System.getProperty(ProjectLayout.ROOT_PROPERTY, ".")).toAbsolutePath().normalize();

  private final Path dir;

  ProveCommandTest(@TempDir Path dir) {
    this.dir = dir;
  }

  private Workspace.Run prove(String config, String statement, String... names) throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("proofs"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tla") || p.toString().endsWith(".cfg")).toList()) {
        Files.copy(f, dir.resolve(String.valueOf(f.getFileName())));
      }
    }
    String module = config.startsWith("MCIndInv") ? "MCTcpIndInv.tla" : "TcpRefinement.tla";
    Files.writeString(dir.resolve("obligations.json"), """
        {"obligations": [{"name": "Only", "statement": "%s", "module": "%s", "config": "%s", "bounds": "test"}]}
        """.formatted(statement, module, config));
    String[] args = Stream.concat(
        Stream.of("prove", "--obligations", dir.resolve("obligations.json").toString(),
            "--spec-dir", ROOT.resolve("spec").toString()),
        Stream.of(names)).toArray(String[]::new);
    return Workspace.tcpv(args);
  }

  private static void assertContains(String text, String fragment) {
    assertTrue(text.contains(fragment), () -> "expected '" + fragment + "' in:\n" + text);
  }

  @Test
  void anObligationThatHolds() throws IOException {
    Workspace.Run run = prove("MCIndInvInit.cfg", "Init => IndInv");
    assertEquals(0, run.exit(), run::out);
    assertContains(run.out(), "ok  Init => IndInv  test");
    assertContains(run.out(), "holds");
    assertContains(run.out(), "The obligation holds within its bounds.");
  }

  @Test
  void theTwoWayHandshakeDoesNotRefineTheService() throws IOException {
    Workspace.Run run = prove("MCRefineTwoWayHandshake.cfg", "Spec => Service!Spec");
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(), "FAIL  Spec => Service!Spec");
    assertContains(run.out(), "Only (Spec => Service!Spec) does not hold");
    // The listener enters ESTABLISHED on the SYN of a client that has given up.
    assertContains(run.out(), "SegmentArrivesListen");
    assertContains(run.out(), "LISTEN -> ESTABLISHED");
    assertContains(run.out(), "0 of 1 obligations hold; failed: Only.");
  }

  @Test
  void aBrokenMappingDoesNotRefineTheService() throws IOException {
    Workspace.Run run = prove("MCRefineBrokenMapping.cfg", "Spec => Service!Spec");
    assertEquals(1, run.exit(), run::out);
    assertContains(run.out(), "Only (Spec => Service!Spec) does not hold");
    assertContains(run.out(), "ActiveOpen");
  }

  @Test
  void anUnknownObligationIsBadInput() throws IOException {
    Workspace.Run run = prove("MCIndInvInit.cfg", "Init => IndInv", "Nope");
    assertEquals(2, run.exit(), run::out);
    assertEquals("tcpv: unknown obligation Nope (known: Only)", run.err().strip());
  }

  @Test
  void aMissingListIsBadInput() {
    Workspace.Run run = Workspace.tcpv("prove", "--obligations", dir.resolve("none.json").toString());
    assertEquals(2, run.exit(), run::out);
    assertTrue(run.err().startsWith("tcpv: no obligations list at "), run::err);
  }
}
