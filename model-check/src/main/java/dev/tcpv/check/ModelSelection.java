package dev.tcpv.check;

import dev.tcpv.manifest.Manifest;
import dev.tcpv.manifest.ModelEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which models a run checks: those named, else the CI set (plus the opt-in models, and the deep ones, on
 * request); every one
 * must have its files, so that a typo fails before any TLC run instead of after an hour of them.
 */
final class ModelSelection {
  private ModelSelection() {}

  static List<ModelEntry> select(Manifest manifest, CheckOptions options, Path modelsDir) throws InputException {
    List<ModelEntry> selected = new ArrayList<>();
    if (options.models().isEmpty()) {
      for (ModelEntry m : manifest.models()) {
        if (m.ci() || (m.deep() ? options.deep() : options.allModels())) {
          selected.add(m);
        }
      }
      if (selected.isEmpty()) {
        throw new InputException(manifest.file().getFileName() + " lists no "
            + (options.allModels() || options.deep() ? "" : "CI ") + "models");
      }
    } else {
      for (String name : new LinkedHashSet<>(options.models())) {
        selected.add(manifest.model(name).orElseThrow(() -> new InputException("unknown model \"" + name
            + "\" (the manifest has: " + manifest.models().stream().map(ModelEntry::name)
            .collect(Collectors.joining(", ")) + ")")));
      }
    }
    for (ModelEntry model : selected) {
      requireFile(model, modelsDir, model.module());
      requireFile(model, modelsDir, model.config());
    }
    return selected;
  }

  private static void requireFile(ModelEntry model, Path modelsDir, String file) throws InputException {
    if (!Files.isRegularFile(modelsDir.resolve(file))) {
      throw new InputException("model " + model.name() + ": no file " + file + " in " + modelsDir);
    }
  }
}
