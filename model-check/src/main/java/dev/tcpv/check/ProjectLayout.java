package dev.tcpv.check;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where the spec, the models and the manifest are.
 *
 * <p>By default under the repository root, which the launcher passes as the system property
 * {@code tcpv.root}; without it, the current directory. Each can be overridden, so that tests and
 * experiments can check models outside the repository.
 *
 * @param specDir the directory of the spec's modules ({@code spec/}), TLC's library path
 * @param modelsDir the directory of the model files named in the manifest
 * @param manifest the manifest file
 */
public record ProjectLayout(Path specDir, Path modelsDir, Path manifest) {
  /** The system property holding the repository root. */
  public static final String ROOT_PROPERTY = "tcpv.root";

  /** The repository root: the system property {@value #ROOT_PROPERTY}, else the current directory. */
  public static Path root() {
    String property = System.getProperty(ROOT_PROPERTY);
    return (property == null || property.isBlank() ? Path.of("") : Path.of(property)).toAbsolutePath().normalize();
  }

  /** The layout with the given overrides (null: the default under the repository root). */
  public static ProjectLayout resolve(@Nullable Path manifest, @Nullable Path modelsDir, @Nullable Path specDir)
      throws InputException {
    Path root = root();
    Path manifestFile = manifest;
    if (manifestFile == null) {
      manifestFile = root.resolve("model-check/models/manifest.json");
      if (!Files.isRegularFile(manifestFile)) {
        throw new InputException("cannot find model-check/models/manifest.json under " + root
            + "; run ./tcpv from the repository, or pass --manifest");
      }
    }
    manifestFile = manifestFile.toAbsolutePath().normalize();
    Path parent = manifestFile.getParent();
    Path models = modelsDir != null ? modelsDir : parent != null ? parent : root;
    Path spec = specDir != null ? specDir : root.resolve("spec");
    if (!Files.isDirectory(spec)) {
      throw new InputException("no spec directory at " + spec + "; pass --spec-dir");
    }
    if (!Files.isDirectory(models)) {
      throw new InputException("no models directory at " + models + "; pass --models-dir");
    }
    return new ProjectLayout(spec.toAbsolutePath().normalize(), models.toAbsolutePath().normalize(), manifestFile);
  }
}
