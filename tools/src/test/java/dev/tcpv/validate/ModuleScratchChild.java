package dev.tcpv.validate;

import dev.tcpv.tlc.child.ModuleScratch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM {@link ModuleScratchTest} starts: it isolates its module directory, leaves a file there as TLC does
 * (and, as TLC sometimes does not, never deletes it), prints the directory and exits.
 */
final class ModuleScratchChild {
  private ModuleScratchChild() {}

  public static void main(String[] args) throws IOException {
    ModuleScratch.isolate();
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    Files.writeString(dir.resolve("Naturals.tla"), "---- MODULE Naturals ----\n====\n");
    System.out.println(dir);
  }
}
