package dev.tcpv.prove;

import dev.tcpv.check.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository's proofs directory, and copies of it that a test may change. */
final class ProofFiles {
  static final Path ROOT = Path.of(System.getProperty(ProjectLayout.ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
  static final Path PROOFS = ROOT.resolve("proofs");
  static final Path SPEC = ROOT.resolve("spec");

  private ProofFiles() {}

  /** Copies the proof modules and configurations to {@code dir}. */
  static void copyTo(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(PROOFS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tla") || p.toString().endsWith(".cfg")).toList()) {
        Files.copy(f, dir.resolve(String.valueOf(f.getFileName())));
      }
    }
  }
}
