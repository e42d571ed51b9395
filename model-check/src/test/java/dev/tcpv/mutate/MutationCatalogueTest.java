package dev.tcpv.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.manifest.Manifest;
import dev.tcpv.manifest.ManifestReader;
import dev.tcpv.manifest.ModelEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The repository's own catalogue fits the spec and the manifest as they are (TLC does not run here): an edit of
 * {@code spec/Tcp.tla} that removes or duplicates a catalogued text, or a manifest change that makes a
 * catalogued model fail, breaks {@code mvn verify} instead of the next {@code tcpv mutate}.
 */
class MutationCatalogueTest {
  private static final Path ROOT = Path.of(System.getProperty(ProjectLayout.ROOT_PROPERTY, "."));

  @Test
  void everyEntryAppliesToTheSpecAndNamesAPassModel() throws Exception {
    Catalogue catalogue = CatalogueReader.read(ROOT.resolve(MutationGate.CATALOGUE));
    String spec = Files.readString(ROOT.resolve("spec").resolve(MutationGate.MODULE_FILE));
    Manifest manifest = ManifestReader.read(ROOT.resolve("model-check/models/manifest.json"));
    assertFalse(catalogue.ciMutations().isEmpty(), "the catalogue has no CI mutations");
    CatalogueCheck.check(catalogue, MutationGate.MODULE_FILE, spec, manifest);
    for (Mutation m : catalogue.mutations()) {
      assertEquals(1, CatalogueCheck.occurrences(spec, m.find()), m.name());
      ModelEntry model = manifest.model(m.model()).orElseThrow();
      assertTrue(model.expectsPass(), m.name() + ": " + model.name() + " does not pass");
      assertFalse(CatalogueCheck.apply(spec, m).equals(spec), m.name() + " changes nothing");
    }
  }
}
