package dev.tcpv.manifest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The repository's own manifest is well formed and names files that exist (TLC does not run here). */
class RepositoryManifestTest {

  @Test
  void isWellFormedAndComplete() throws ManifestException {
    Path models = Path.of(System.getProperty("tcpv.root", ".")).resolve("model-check/models");
    Manifest manifest = ManifestReader.read(models.resolve("manifest.json"));
    for (ModelEntry model : manifest.models()) {
      assertTrue(Files.isRegularFile(models.resolve(model.module())), model.name() + ": no " + model.module());
      assertTrue(Files.isRegularFile(models.resolve(model.config())), model.name() + ": no " + model.config());
    }
  }
}
