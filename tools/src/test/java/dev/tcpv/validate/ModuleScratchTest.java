package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.sim.Simulator;
import dev.tcpv.tlc.child.ModuleScratch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLC extracts its standard modules into {@code java.io.tmpdir} under fixed names, so two JVMs parsing at once on
 * one machine could read each other's half-written or deleted copies ({@link ModuleScratch}): each JVM that runs
 * TLC puts them in a directory of its own.
 */
class ModuleScratchTest {

  @Test
  @DisplayName("an in-process validation extracts TLC's standard modules into a directory of this JVM's own")
  void standardModulesGoToAPrivateDirectory() throws Exception {
    Verdict v = TraceValidator.forRepository().validate(Simulator.run(3, 100));
    assertTrue(v.ok(), String.valueOf(v.failure()));
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    assertTrue(String.valueOf(dir.getFileName()).startsWith("tcpv-tlc-modules-"), dir.toString());
    assertTrue(Files.isRegularFile(dir.resolve("Naturals.tla")), "TLC's Naturals.tla in " + dir);
    ModuleScratch.isolate();
    assertEquals(dir, Path.of(System.getProperty("java.io.tmpdir")), "isolated once per JVM");
  }

  @Test
  @DisplayName("a JVM deletes its module directory when it exits, with the copies TLC left in it")
  void theDirectoryGoesWithItsJvm() throws Exception {
    String java = ProcessHandle.current().info().command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ModuleScratchChild.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    Path dir = Path.of(out);
    assertTrue(String.valueOf(dir.getFileName()).startsWith("tcpv-tlc-modules-"), out);
    assertFalse(Files.exists(dir), out + " is left behind");
  }

  @Test
  @DisplayName("a directory left by a JVM that is gone is swept away; a live JVM's, and a name not ours, stay")
  void directoriesOfDeadJvmsAreSwept(@TempDir Path tmp) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertEquals(0, gone.waitFor());
    Path dead = Files.createDirectory(tmp.resolve("tcpv-tlc-modules-" + gone.pid() + "-1"));
    Files.writeString(dead.resolve("Naturals.tla"), "left by a killed JVM");
    Path live = Files.createDirectory(tmp.resolve("tcpv-tlc-modules-" + ProcessHandle.current().pid() + "-2"));
    Path foreign = Files.createDirectory(tmp.resolve("tcpv-tlc-modules-3"));
    ModuleScratch.sweep(tmp);
    assertFalse(Files.exists(dead), dead + " outlived its JVM");
    assertTrue(Files.isDirectory(live), live + " belongs to a running JVM");
    assertTrue(Files.isDirectory(foreign), foreign + " names no process");
  }

  @Test
  @DisplayName("a child JVM running TLC's own main class is given a new directory of its own")
  void aChildGetsItsOwnDirectory() {
    String a = ModuleScratch.childFlag();
    String b = ModuleScratch.childFlag();
    assertTrue(a.startsWith("-Djava.io.tmpdir="), a);
    assertTrue(!a.equals(b), a + " and " + b);
    assertTrue(Files.isDirectory(Path.of(a.substring("-Djava.io.tmpdir=".length()))), a);
  }
}
