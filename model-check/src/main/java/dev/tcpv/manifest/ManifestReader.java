package dev.tcpv.manifest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
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
 * Reads and validates a manifest.
 *
 * <p>The format, one object with a {@code models} array:
 *
 * <pre>{@code
 * {
 *   "models": [
 *     {
 *       "name": "Handshake",
 *       "module": "MCHandshake.tla",
 *       "config": "MCHandshake.cfg",
 *       "ci": true,
 *       "expect": "pass",
 *       "distinct": 121034,
 *       "workers": 2,
 *       "enables": "2 incarnations, loss, reordering, aging",
 *       "description": "Active OPEN to a listener; both ends agree on ISS/IRS."
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code expect} is {@code pass}, {@code deadlock} or the name of the invariant or property the model
 * must violate. {@code distinct} may be left out until the first {@code tcpv check --update-counts}.
 * {@code workers} defaults to 1, {@code deadlock} (check for deadlock) to true, {@code enables} and
 * {@code description} to empty. {@code tags} is a list of tags; the one known tag, {@code deep}, marks a model too
 * large for one machine's routine use ({@code tcpv check --deep}). Unknown fields are errors, so that a misspelt field is not silently
 * ignored. Every error is reported as one line naming the model and the field.
 */
public final class ManifestReader {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final long MAX_WORKERS = 1024;
  private static final Set<String> FIELDS = Set.of(
      "name", "module", "config", "ci", "expect", "distinct", "workers", "deadlock", "enables", "description",
      "tags");
  private static final Set<String> TAGS = Set.of(ModelEntry.DEEP);

  private ManifestReader() {}

  /** The manifest at {@code file}. */
  public static Manifest read(Path file) throws ManifestException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ManifestException("no manifest at " + file);
    } catch (IOException e) {
      throw new ManifestException("cannot read manifest " + file + ": " + e.getMessage());
    }
    return parse(file, text);
  }

  /** The manifest in {@code text}, read from {@code file} (named in error messages). */
  public static Manifest parse(Path file, String text) throws ManifestException {
    String where = String.valueOf(file.getFileName());
    JsonElement root = parseJson(where, new StringReader(text));
    if (!root.isJsonObject()) {
      throw new ManifestException(where + ": expected an object with a \"models\" array");
    }
    JsonObject object = root.getAsJsonObject();
    for (String key : object.keySet()) {
      if (!key.equals("models")) {
        throw new ManifestException(where + ": unknown top-level field \"" + key + "\" (expected only \"models\")");
      }
    }
    JsonElement models = object.get("models");
    if (models == null || !models.isJsonArray()) {
      throw new ManifestException(where + ": expected a \"models\" array");
    }
    JsonArray array = models.getAsJsonArray();
    List<ModelEntry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      ModelEntry entry = entry(where + ": model " + (i + 1), array.get(i));
      if (!names.add(entry.name())) {
        throw new ManifestException(where + ": model " + (i + 1) + ": the name \"" + entry.name() + "\" is taken");
      }
      entries.add(entry);
    }
    return new Manifest(file, entries);
  }

  /** Parses strict JSON (no comments, no trailing garbage); Gson's multi-line messages are cut to one. */
  public static JsonElement parseJson(String where, Reader source) throws ManifestException {
    JsonReader reader = new JsonReader(source);
    reader.setStrictness(Strictness.STRICT);
    JsonElement root;
    try {
      root = JsonParser.parseReader(reader);
    } catch (JsonParseException | IllegalStateException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
      throw new ManifestException(where + ": not valid JSON: " + message);
    }
    try {
      if (reader.peek() == JsonToken.END_DOCUMENT) {
        return root;
      }
    } catch (IOException | JsonParseException e) {
      // Whatever follows the manifest, it should not be there.
    }
    throw new ManifestException(where + ": not valid JSON: text after the end of the manifest");
  }

  private static ModelEntry entry(String where, JsonElement element) throws ManifestException {
    if (!element.isJsonObject()) {
      throw new ManifestException(where + ": expected an object");
    }
    JsonObject o = element.getAsJsonObject();
    String name = requiredString(where, o, "name");
    if (!NAME.matcher(name).matches()) {
      throw new ManifestException(where + ": name \"" + name + "\" must be letters, digits, '_' or '-'");
    }
    String at = where + " (" + name + ")";
    for (Map.Entry<String, JsonElement> field : o.entrySet()) {
      if (!FIELDS.contains(field.getKey())) {
        throw new ManifestException(at + ": unknown field \"" + field.getKey() + "\"");
      }
    }
    String module = fileName(at, o, "module", ".tla");
    String config = fileName(at, o, "config", ".cfg");
    String expect = requiredString(at, o, "expect");
    if (!IDENTIFIER.matcher(expect).matches()) {
      throw new ManifestException(
          at + ": expect must be \"pass\", \"deadlock\" or the name of an invariant or property, not \""
              + expect + "\"");
    }
    @Nullable Long distinct = optionalLong(at, o, "distinct", 0, Long.MAX_VALUE);
    @Nullable Long workers = optionalLong(at, o, "workers", 1, MAX_WORKERS);
    return new ModelEntry(
        name,
        module,
        config,
        requiredBoolean(at, o, "ci"),
        expect,
        distinct,
        workers == null ? 1 : workers.intValue(),
        optionalBoolean(at, o, "deadlock", true),
        optionalString(at, o, "enables"),
        optionalString(at, o, "description"),
        tags(at, o));
  }

  private static List<String> tags(String at, JsonObject o) throws ManifestException {
    JsonElement e = o.get("tags");
    if (e == null) {
      return List.of();
    }
    if (!e.isJsonArray()) {
      throw new ManifestException(at + ": tags must be a list of strings");
    }
    List<String> tags = new ArrayList<>();
    for (JsonElement t : e.getAsJsonArray()) {
      if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString() || !TAGS.contains(t.getAsString())) {
        throw new ManifestException(at + ": unknown tag " + t + " (known: " + String.join(", ", TAGS) + ")");
      }
      tags.add(t.getAsString());
    }
    return tags;
  }

  private static String fileName(String at, JsonObject o, String field, String suffix) throws ManifestException {
    String value = requiredString(at, o, field);
    if (!value.endsWith(suffix) || value.contains("/") || value.contains("\\")) {
      throw new ManifestException(
          at + ": " + field + " must be a file name ending in " + suffix + ", not \"" + value + "\"");
    }
    return value;
  }

  private static String requiredString(String at, JsonObject o, String field) throws ManifestException {
    JsonPrimitive p = primitive(at, o, field, "a non-empty string");
    if (p == null) {
      throw new ManifestException(at + ": missing field \"" + field + "\"");
    }
    if (!p.isString() || p.getAsString().isBlank()) {
      throw new ManifestException(at + ": " + field + " must be a non-empty string");
    }
    return p.getAsString();
  }

  private static String optionalString(String at, JsonObject o, String field) throws ManifestException {
    JsonPrimitive p = primitive(at, o, field, "a string");
    if (p == null) {
      return "";
    }
    if (!p.isString()) {
      throw new ManifestException(at + ": " + field + " must be a string");
    }
    return p.getAsString();
  }

  private static boolean requiredBoolean(String at, JsonObject o, String field) throws ManifestException {
    JsonPrimitive p = primitive(at, o, field, "true or false");
    if (p == null) {
      throw new ManifestException(at + ": missing field \"" + field + "\"");
    }
    if (!p.isBoolean()) {
      throw new ManifestException(at + ": " + field + " must be true or false");
    }
    return p.getAsBoolean();
  }

  private static boolean optionalBoolean(String at, JsonObject o, String field, boolean absent)
      throws ManifestException {
    JsonPrimitive p = primitive(at, o, field, "true or false");
    if (p == null) {
      return absent;
    }
    if (!p.isBoolean()) {
      throw new ManifestException(at + ": " + field + " must be true or false");
    }
    return p.getAsBoolean();
  }

  private static @Nullable Long optionalLong(String at, JsonObject o, String field, long min, long max)
      throws ManifestException {
    JsonPrimitive p = primitive(at, o, field, "an integer");
    if (p == null) {
      return null;
    }
    String text = p.isNumber() ? p.getAsString() : "";
    if (!text.matches("\\d+")) {
      throw new ManifestException(at + ": " + field + " must be an integer >= " + min);
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ManifestException(at + ": " + field + " is out of range");
    }
    if (value < min || value > max) {
      throw new ManifestException(at + ": " + field + " must be an integer from " + min
          + (max == Long.MAX_VALUE ? " up" : " to " + max));
    }
    return value;
  }

  /** The primitive at {@code field}, null when absent; an object, array or null there is an error. */
  private static @Nullable JsonPrimitive primitive(String at, JsonObject o, String field, String kind)
      throws ManifestException {
    JsonElement e = o.get(field);
    if (e == null) {
      return null;
    }
    if (!e.isJsonPrimitive()) {
      throw new ManifestException(at + ": " + field + " must be " + kind);
    }
    return e.getAsJsonPrimitive();
  }
}
