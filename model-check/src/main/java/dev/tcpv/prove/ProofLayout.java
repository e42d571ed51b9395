package dev.tcpv.prove;

import dev.tcpv.check.InputException;
import dev.tcpv.check.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where the obligations list, the proof modules and the spec are.
 *
 * @param obligations the obligations list ({@code proofs/obligations.json})
 * @param proofsDir the directory of the proof modules and configurations (TLC runs there)
 * @param specDir the directory of the spec's modules, TLC's library path
 */
public record ProofLayout(Path obligations, Path proofsDir, Path specDir) {
  /** The layout with the given overrides (null: the default under the repository root). */
  public static ProofLayout resolve(@Nullable Path obligations, @Nullable Path specDir) throws InputException {
    String property = System.getProperty(ProjectLayout.ROOT_PROPERTY);
    Path root = (property == null || property.isBlank() ? Path.of("") : Path.of(property)).toAbsolutePath().normalize();
    Path file = (obligations != null ? obligations : root.resolve("proofs/obligations.json")).toAbsolutePath()
        .normalize();
    if (!Files.isRegularFile(file)) {
      throw new InputException("no obligations list at " + file + "; run ./tcpv from the repository, or pass "
          + "--obligations");
    }
    Path parent = file.getParent();
    Path proofs = parent != null ? parent : root;
    Path spec = (specDir != null ? specDir : root.resolve("spec")).toAbsolutePath().normalize();
    if (!Files.isDirectory(spec)) {
      throw new InputException("no spec directory at " + spec + "; pass --spec-dir");
    }
    return new ProofLayout(file, proofs, spec);
  }
}
