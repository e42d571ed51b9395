package dev.tcpv.mutate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.cli.Tcpv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway copy of the parts of the repository {@code tcpv mutate} reads: the real {@code spec/Tcp.tla} and
 * {@code MCTcp.tla}, two pass models and a knob model, a manifest listing them, and a catalogue the test
 * writes. The real spec, so that a kill shows the real properties at work; small models, so a TLC run takes
 * seconds.
 *
 * <ul>
 *   <li>{@code Small}: LossRecovery without loss (a few hundred states, a few seconds);
 *   <li>{@code Big}: Handshake as it is (hundreds of thousands of states, much longer than a second);
 *   <li>{@code Knob}: a model whose manifest entry expects a violation, which the catalogue may not name.
 * </ul>
 */
final class MutationWorkspace {
  static final Path ROOT = Path.of(System.getProperty(ProjectLayout.ROOT_PROPERTY, "."));
  static final Path SPEC = ROOT.resolve("spec/Tcp.tla");
  static final Path MODELS = ROOT.resolve("model-check/models");

  /** The mistake PropertiesCanFailTest shows StateDiagramProp catching: CLOSE in ESTABLISHED enters CLOSING. */
  static final String CLOSE_FIND = "-> closing(\"FIN-WAIT-1\")";
  static final String CLOSE_REPLACE = "-> closing(\"CLOSING\")";

  final Path spec;
  final Path models;
  final Path catalogue;

  /** The outcome of one {@code tcpv} invocation. */
  record Run(int exit, String out, String err) {}

  private MutationWorkspace(Path root) {
    this.spec = root.resolve("spec");
    this.models = root.resolve("models");
    this.catalogue = root.resolve("mutations.json");
  }

  static MutationWorkspace create(Path root) throws IOException {
    MutationWorkspace w = new MutationWorkspace(root);
    Files.createDirectories(w.spec);
    Files.createDirectories(w.models);
    Files.copy(SPEC, w.spec.resolve("Tcp.tla"));
    Files.copy(MODELS.resolve("MCTcp.tla"), w.models.resolve("MCTcp.tla"));
    String lossRecovery = Files.readString(MODELS.resolve("MCLossRecovery.cfg"));
    assertTrue(lossRecovery.contains("LossBudget = 1\n"), "MCLossRecovery.cfg no longer sets LossBudget = 1");
    Files.writeString(w.models.resolve("MCSmall.cfg"), lossRecovery.replace("LossBudget = 1\n", "LossBudget = 0\n"));
    Files.copy(MODELS.resolve("MCHandshake.cfg"), w.models.resolve("MCBig.cfg"));
    Files.writeString(w.models.resolve("manifest.json"), """
        {"models": [
          {"name": "Small", "module": "MCTcp.tla", "config": "MCSmall.cfg", "ci": true, "expect": "pass",
           "distinct": 589, "workers": 1},
          {"name": "Big", "module": "MCTcp.tla", "config": "MCBig.cfg", "ci": true, "expect": "pass", "workers": 2},
          {"name": "Knob", "module": "MCTcp.tla", "config": "MCSmall.cfg", "ci": true,
           "expect": "NoStaleSegmentAcceptedInv", "workers": 1}
        ]}
        """);
    return w;
  }

  /** The layout {@code tcpv mutate --manifest ... --spec-dir ...} resolves to. */
  ProjectLayout layout() throws Exception {
    return ProjectLayout.resolve(models.resolve("manifest.json"), null, spec);
  }

  /** A comment line of the spec that occurs once: rewriting it changes nothing TLC sees. */
  String commentLine() throws IOException {
    String text = Files.readString(spec.resolve("Tcp.tla"));
    return text.lines()
        .filter(l -> l.strip().startsWith("\\* ") && l.strip().length() > 20)
        .filter(l -> CatalogueCheck.occurrences(text, l) == 1)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no comment line that occurs once in Tcp.tla"));
  }

  /** A catalogue entry; {@code survives} null for none. */
  static String mutation(String name, String find, String replace, String model, String killedBy, boolean ci,
      @Nullable String survives) {
    JsonObject o = new JsonObject();
    o.addProperty("name", name);
    o.addProperty("rule", "R-TEST-1");
    o.addProperty("family", "teardown");
    o.addProperty("description", "A test mutation.");
    o.addProperty("find", find);
    o.addProperty("replace", replace);
    o.addProperty("model", model);
    o.addProperty("killedBy", killedBy);
    o.addProperty("ci", ci);
    if (survives != null) {
      o.addProperty("survives", survives);
    }
    return o.toString();
  }

  /** Writes the catalogue with these entries. */
  void catalogue(String... entries) throws IOException {
    Files.writeString(catalogue, "{\"mutations\": [\n" + String.join(",\n", entries) + "\n]}\n");
  }

  /** Runs {@code tcpv mutate <args> --catalogue ... --manifest ... --spec-dir ...}. */
  Run mutate(String... args) {
    List<String> all = new ArrayList<>(List.of("mutate"));
    all.addAll(List.of(args));
    all.addAll(List.of("--catalogue", catalogue.toString(), "--manifest", models.resolve("manifest.json").toString(),
        "--spec-dir", spec.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Tcpv.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
