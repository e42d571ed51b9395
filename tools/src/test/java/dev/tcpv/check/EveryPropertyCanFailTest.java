package dev.tcpv.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpv.manifest.Manifest;
import dev.tcpv.manifest.ManifestReader;
import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.mutate.CatalogueReader;
import dev.tcpv.mutate.Mutation;
import dev.tcpv.tlc.ConfigProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No property is checked that nothing shows can fail. Every invariant and property a CI model that passes
 * lists must be the expected killer of a catalogued spec mutation ({@code model-check/mutations.json}, run by
 * {@code tcpv mutate}), the expected violation of a model of the manifest (a knob or Debug model), or a case of
 * {@link PropertiesCanFailTest}. TLC does not run here: the runs are those of the gate, the CI models and that
 * test.
 */
class EveryPropertyCanFailTest {
  private static final Path ROOT = Path.of(System.getProperty(ProjectLayout.ROOT_PROPERTY, "."));
  private static final Path MODELS = ROOT.resolve("model-check/models");

  @Test
  void everyCheckedPropertyHasAFailingCase() throws Exception {
    Manifest manifest = ManifestReader.read(MODELS.resolve("manifest.json"));
    Set<String> shown = new TreeSet<>();
    for (Mutation m : CatalogueReader.read(ROOT.resolve("model-check/mutations.json")).mutations()) {
      String killer = m.killedBy();
      if (killer != null) {
        shown.add(killer);
      }
    }
    for (ModelEntry model : manifest.models()) {
      if (!model.expectsPass()) {
        shown.add(model.expect());
      }
    }
    PropertiesCanFailTest.cases().forEach(c -> shown.add(c.property()));

    Set<String> unshown = new TreeSet<>();
    for (ModelEntry model : manifest.models()) {
      if (model.ci() && model.expectsPass()) {
        String config = Files.readString(MODELS.resolve(model.config()));
        List<String> checked = new ArrayList<>(ConfigProperties.invariants(config));
        checked.addAll(ConfigProperties.parse(config));
        for (String name : checked) {
          if (!shown.contains(name)) {
            unshown.add(name + " (" + model.name() + ")");
          }
        }
      }
    }
    assertEquals(Set.of(), unshown, "checked by a CI model, but no mutation, model or case shows it can fail");
  }
}
