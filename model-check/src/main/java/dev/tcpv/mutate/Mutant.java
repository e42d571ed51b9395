package dev.tcpv.mutate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary copy of the spec directory with one module mutated; TLC reads it as its library, so the
 * repository's spec is never touched. Closing it deletes the copy.
 */
final class Mutant implements AutoCloseable {
  private final Path dir;

  private Mutant(Path dir) {
    this.dir = dir;
  }

  /** Copies every file under {@code specDir}, then writes {@code mutated} over {@code moduleFile}. */
  static Mutant create(Path specDir, String moduleFile, String mutated) throws IOException {
    Path dir = Files.createTempDirectory("tcpv-mutant-");
    Mutant mutant = new Mutant(dir);
    try {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(specDir)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      for (Path file : files) {
        Path target = dir.resolve(specDir.relativize(file).toString());
        Path parent = target.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.copy(file, target);
      }
      Files.writeString(dir.resolve(moduleFile), mutated);
      return mutant;
    } catch (IOException | RuntimeException e) {
      mutant.close();
      throw e;
    }
  }

  /** The directory holding the mutated spec. */
  Path specDir() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
