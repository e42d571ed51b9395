package dev.tcpv.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The models of a manifest file.
 *
 * @param file where the manifest was read from
 * @param models the models, in file order
 */
public record Manifest(Path file, List<ModelEntry> models) {

  public Manifest {
    models = List.copyOf(models);
  }

  /** The model called {@code name}. */
  public Optional<ModelEntry> model(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The models CI runs. */
  public List<ModelEntry> ciModels() {
    return models.stream().filter(ModelEntry::ci).toList();
  }
}
