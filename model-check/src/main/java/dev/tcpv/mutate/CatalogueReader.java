package dev.tcpv.mutate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tcpv.check.InputException;
import dev.tcpv.manifest.ManifestException;
import dev.tcpv.manifest.ManifestReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a mutation catalogue and checks each entry on its own; {@link CatalogueCheck} then holds the entries
 * against the spec and the manifest.
 *
 * <p>The format, one object with a {@code mutations} array:
 *
 * <pre>{@code
 * {
 *   "mutations": [
 *     {
 *       "name": "CloseEnterClosing",
 *       "rule": "R-CLOSE-1",
 *       "family": "teardown",
 *       "description": "CLOSE in ESTABLISHED enters CLOSING instead of FIN-WAIT-1.",
 *       "find": "-> closing(\"FIN-WAIT-1\")",
 *       "replace": "-> closing(\"CLOSING\")",
 *       "model": "LossRecovery",
 *       "killedBy": "StateDiagramProp",
 *       "ci": true
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <p>Every field is required except {@code survives} (why the mutant is expected to survive) and, for a
 * mutation that has {@code survives}, {@code killedBy}. {@code replace} may be empty (a deletion) but not equal
 * to {@code find}. Unknown fields are errors, so that a misspelt field is not silently ignored. Every error is
 * one line naming the mutation and the field.
 */
public final class CatalogueReader {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern RULE = Pattern.compile("[RS]-[A-Za-z0-9]+(-[A-Za-z0-9]+)*");
  private static final Pattern MODEL = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> FIELDS = Set.of("name", "rule", "family", "description", "find", "replace",
      "model", "killedBy", "ci", "survives");

  private CatalogueReader() {}

  /** The catalogue at {@code file}. */
  public static Catalogue read(Path file) throws InputException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException("no mutation catalogue at " + file);
    } catch (IOException e) {
      throw new InputException("cannot read mutation catalogue " + file + ": " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  /** The catalogue in {@code text}, read from {@code file} (named in error messages). */
  public static Catalogue parse(Path file, String text) throws InputException {
    String where = String.valueOf(file.getFileName());
    JsonElement root;
    try {
      root = ManifestReader.parseJson(where, new StringReader(text));
    } catch (ManifestException e) {
      throw new InputException(String.valueOf(e.getMessage()), e);
    }
    if (!root.isJsonObject()) {
      throw new InputException(where + ": expected an object with a \"mutations\" array");
    }
    JsonObject object = root.getAsJsonObject();
    for (String key : object.keySet()) {
      if (!key.equals("mutations")) {
        throw new InputException(where + ": unknown top-level field \"" + key + "\" (expected only \"mutations\")");
      }
    }
    JsonElement array = object.get("mutations");
    if (array == null || !array.isJsonArray()) {
      throw new InputException(where + ": expected a \"mutations\" array");
    }
    JsonArray entries = array.getAsJsonArray();
    List<Mutation> mutations = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Mutation m = entry(where + ": mutation " + (i + 1), entries.get(i));
      if (!names.add(m.name())) {
        throw new InputException(where + ": mutation " + (i + 1) + ": the name \"" + m.name() + "\" is taken");
      }
      mutations.add(m);
    }
    return new Catalogue(file, mutations);
  }

  private static Mutation entry(String where, JsonElement element) throws InputException {
    if (!element.isJsonObject()) {
      throw new InputException(where + ": expected an object");
    }
    JsonObject o = element.getAsJsonObject();
    String name = requiredString(where, o, "name");
    if (!NAME.matcher(name).matches()) {
      throw new InputException(where + ": name \"" + name + "\" must be UpperCamelCase (letters and digits)");
    }
    String at = where + " (" + name + ")";
    for (Map.Entry<String, JsonElement> field : o.entrySet()) {
      if (!FIELDS.contains(field.getKey())) {
        throw new InputException(at + ": unknown field \"" + field.getKey() + "\"");
      }
    }
    String rule = requiredString(at, o, "rule");
    if (!RULE.matcher(rule).matches()) {
      throw new InputException(at + ": rule \"" + rule + "\" must be a rule ID such as R-TW-1 or S-5");
    }
    String familyLabel = requiredString(at, o, "family");
    Family family = Family.of(familyLabel).orElseThrow(() -> new InputException(
        at + ": family \"" + familyLabel + "\" must be one of " + Family.labels()));
    String description = requiredString(at, o, "description");
    String find = requiredString(at, o, "find");
    String replace = string(at, o, "replace");
    if (replace == null) {
      throw new InputException(at + ": missing field \"replace\"");
    }
    if (replace.equals(find)) {
      throw new InputException(at + ": replace is the same text as find");
    }
    String model = requiredString(at, o, "model");
    if (!MODEL.matcher(model).matches()) {
      throw new InputException(at + ": model \"" + model + "\" is not a model name");
    }
    boolean ci = requiredBoolean(at, o, "ci");
    @Nullable String survives = string(at, o, "survives");
    if (survives != null && survives.isBlank()) {
      throw new InputException(at + ": survives must say why the mutant survives, or be left out");
    }
    @Nullable String killedBy = string(at, o, "killedBy");
    if (killedBy == null) {
      if (survives == null) {
        throw new InputException(at + ": missing field \"killedBy\" (or \"survives\" with why no property notices)");
      }
    } else if (!IDENTIFIER.matcher(killedBy).matches()) {
      throw new InputException(
          at + ": killedBy must name an invariant or property (or be \"deadlock\"), not \"" + killedBy + "\"");
    }
    return new Mutation(name, rule, family, description, find, replace, model, killedBy, ci, survives);
  }

  private static String requiredString(String at, JsonObject o, String field) throws InputException {
    String value = string(at, o, field);
    if (value == null) {
      throw new InputException(at + ": missing field \"" + field + "\"");
    }
    if (value.isBlank()) {
      throw new InputException(at + ": " + field + " must be a non-empty string");
    }
    return value;
  }

  /** The string at {@code field}, null when absent; anything but a string there is an error. */
  private static @Nullable String string(String at, JsonObject o, String field) throws InputException {
    JsonElement e = o.get(field);
    if (e == null) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new InputException(at + ": " + field + " must be a string");
    }
    return e.getAsString();
  }

  private static boolean requiredBoolean(String at, JsonObject o, String field) throws InputException {
    JsonElement e = o.get(field);
    if (e == null) {
      throw new InputException(at + ": missing field \"" + field + "\"");
    }
    JsonPrimitive p = e.isJsonPrimitive() ? e.getAsJsonPrimitive() : null;
    if (p == null || !p.isBoolean()) {
      throw new InputException(at + ": " + field + " must be true or false");
    }
    return p.getAsBoolean();
  }
}
