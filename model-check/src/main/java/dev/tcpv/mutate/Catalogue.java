package dev.tcpv.mutate;

import dev.tcpv.check.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The mutations of a catalogue file ({@code model-check/mutations.json}).
 *
 * @param file where it was read from
 * @param mutations in file order
 */
public record Catalogue(Path file, List<Mutation> mutations) {

  public Catalogue {
    mutations = List.copyOf(mutations);
  }

  /** The mutation called {@code name}. */
  public Optional<Mutation> mutation(String name) {
    return mutations.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The mutations of the default run. */
  public List<Mutation> ciMutations() {
    return mutations.stream().filter(Mutation::ci).toList();
  }

  /**
   * The mutations named (each once, in the order given); without names, the whole catalogue when {@code all},
   * else the CI subset.
   */
  public List<Mutation> select(List<String> names, boolean all) throws InputException {
    String where = String.valueOf(file.getFileName());
    if (!names.isEmpty()) {
      if (all) {
        throw new InputException("--all runs the whole catalogue; name mutations or pass --all, not both");
      }
      List<Mutation> selected = new ArrayList<>();
      for (String name : new LinkedHashSet<>(names)) {
        selected.add(mutation(name).orElseThrow(() -> new InputException("unknown mutation \"" + name + "\" ("
            + where + " has: " + String.join(", ", mutations.stream().map(Mutation::name).toList()) + ")")));
      }
      return selected;
    }
    List<Mutation> selected = all ? mutations : ciMutations();
    if (selected.isEmpty()) {
      throw new InputException(where + " lists no " + (all ? "" : "CI ") + "mutations");
    }
    return selected;
  }
}
