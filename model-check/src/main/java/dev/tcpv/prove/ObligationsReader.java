package dev.tcpv.prove;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.tcpv.check.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code proofs/obligations.json}: one object with an {@code obligations} array of objects with the
 * fields of {@link Obligation} ({@code workers} defaults to 1). Unknown fields, missing fields, duplicate
 * names and files that do not exist next to the list are errors, reported as one line.
 */
public final class ObligationsReader {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Set<String> FIELDS = Set.of("name", "statement", "module", "config", "bounds", "workers");

  private ObligationsReader() {}

  /** The obligations listed in {@code file}; module and config files must exist in {@code dir}. */
  public static List<Obligation> read(Path file, Path dir) throws InputException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read the obligations list " + file + ": " + e.getMessage(), e);
    }
    JsonElement root;
    try {
      root = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new InputException(file.getFileName() + ": not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (!(root instanceof JsonObject object) || !(object.get("obligations") instanceof JsonArray array)) {
      throw new InputException(file.getFileName() + ": expected an object with an \"obligations\" array");
    }
    List<Obligation> obligations = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonElement element : array) {
      String where = file.getFileName() + ": obligation " + index++;
      if (!(element instanceof JsonObject entry)) {
        throw new InputException(where + ": expected an object");
      }
      for (Map.Entry<String, JsonElement> field : entry.entrySet()) {
        if (!FIELDS.contains(field.getKey())) {
          throw new InputException(where + ": unknown field \"" + field.getKey() + "\"");
        }
      }
      String name = string(entry, "name", where);
      where = file.getFileName() + ": obligation " + name;
      if (!NAME.matcher(name).matches()) {
        throw new InputException(where + ": the name must be letters, digits, '-' or '_'");
      }
      if (!names.add(name)) {
        throw new InputException(where + ": listed twice");
      }
      String module = file(entry, "module", ".tla", dir, where);
      String config = file(entry, "config", ".cfg", dir, where);
      int workers = 1;
      if (entry.has("workers")) {
        JsonElement w = entry.get("workers");
        if (!(w instanceof JsonPrimitive p) || !p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())
            || p.getAsDouble() < 1 || p.getAsDouble() > 64) {
          throw new InputException(where + ": \"workers\" must be an integer from 1 to 64");
        }
        workers = p.getAsInt();
      }
      obligations.add(new Obligation(name, string(entry, "statement", where), module, config,
          string(entry, "bounds", where), workers));
    }
    if (obligations.isEmpty()) {
      throw new InputException(file.getFileName() + ": no obligations listed");
    }
    return List.copyOf(obligations);
  }

  private static String string(JsonObject entry, String field, String where) throws InputException {
    if (!(entry.get(field) instanceof JsonPrimitive p) || !p.isString() || p.getAsString().isBlank()) {
      throw new InputException(where + ": \"" + field + "\" must be a non-empty string");
    }
    return p.getAsString();
  }

  private static String file(JsonObject entry, String field, String suffix, Path dir, String where)
      throws InputException {
    String name = string(entry, field, where);
    if (!name.endsWith(suffix) || name.contains("/") || name.contains("\\")) {
      throw new InputException(where + ": \"" + field + "\" must be a file name ending in " + suffix);
    }
    if (!Files.isRegularFile(dir.resolve(name))) {
      throw new InputException(where + ": no file " + name + " in " + dir);
    }
    return name;
  }

  private static String firstLine(@org.jspecify.annotations.Nullable String message) {
    return String.valueOf(message).lines().findFirst().orElse("");
  }
}
