package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import dev.tcpv.check.ProjectLayout;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options that move the manifest, the models or the spec away from their places in the repository. */
final class LocationOptions {
  @Option(names = "--manifest", paramLabel = "FILE",
      description = "The model manifest (default: model-check/models/manifest.json).")
  @Nullable Path manifest;

  @Option(names = "--models-dir", paramLabel = "DIR",
      description = "Where the manifest's model files are (default: the manifest's directory).")
  @Nullable Path modelsDir;

  @Option(names = "--spec-dir", paramLabel = "DIR",
      description = "Where the modules the models extend are (default: spec/).")
  @Nullable Path specDir;

  ProjectLayout layout() throws InputException {
    return ProjectLayout.resolve(manifest, modelsDir, specDir);
  }
}
