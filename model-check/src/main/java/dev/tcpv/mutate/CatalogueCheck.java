package dev.tcpv.mutate;

import dev.tcpv.check.InputException;
import dev.tcpv.manifest.Manifest;
import dev.tcpv.manifest.ModelEntry;
import java.util.List;

/**
 * Holds every entry of a catalogue against the spec and the manifest, before any TLC run: its {@code find} text
 * must occur exactly once in the spec module (so the mutation is unambiguous and not stale), and its model must
 * be one the unmutated spec passes (so that a violation is the mutation's doing).
 */
public final class CatalogueCheck {
  private CatalogueCheck() {}

  /**
   * Throws {@link InputException} naming the first entry of {@code catalogue} that does not apply to
   * {@code spec} (the text of the module file {@code specFile}) or to {@code manifest}.
   */
  public static void check(Catalogue catalogue, String specFile, String spec, Manifest manifest)
      throws InputException {
    String where = String.valueOf(catalogue.file().getFileName());
    for (Mutation m : catalogue.mutations()) {
      String at = where + ": mutation " + m.name();
      int count = occurrences(spec, m.find());
      if (count == 0) {
        throw new InputException(at + ": the find text does not occur in " + specFile + " (the spec changed?)");
      }
      if (count > 1) {
        throw new InputException(at + ": the find text occurs " + count + " times in " + specFile
            + "; it must occur exactly once (take more context)");
      }
      ModelEntry model = manifest.model(m.model()).orElseThrow(() -> new InputException(at + ": unknown model \""
          + m.model() + "\" (the manifest's pass models: " + String.join(", ", passModels(manifest)) + ")"));
      if (!model.expectsPass()) {
        throw new InputException(at + ": model " + model.name() + " must pass the unmutated spec, but the manifest "
            + "expects " + model.expect() + "; a kill must be a violation in a model that passes");
      }
    }
  }

  /** How many times {@code text} occurs in {@code spec}, overlapping occurrences included. */
  public static int occurrences(String spec, String text) {
    int count = 0;
    for (int i = spec.indexOf(text); i >= 0; i = spec.indexOf(text, i + 1)) {
      count++;
    }
    return count;
  }

  /** {@code spec} with the mutation applied; its {@code find} text must occur exactly once. */
  public static String apply(String spec, Mutation m) {
    int at = spec.indexOf(m.find());
    if (at < 0 || spec.indexOf(m.find(), at + 1) >= 0) {
      throw new IllegalArgumentException(m.name() + ": the find text must occur exactly once");
    }
    return spec.substring(0, at) + m.replace() + spec.substring(at + m.find().length());
  }

  /** The line of {@code spec} where the mutation's {@code find} text starts, from 1. */
  public static int line(String spec, Mutation m) {
    int at = Math.max(0, spec.indexOf(m.find()));
    return (int) spec.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static List<String> passModels(Manifest manifest) {
    return manifest.models().stream().filter(ModelEntry::expectsPass).map(ModelEntry::name).toList();
  }
}
