package dev.tcpv.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The branches of the spec (spec/branches.json): every arm of an action that decides an outcome, by the name
 * the spec's {@code Took} gives it, with the rule IDs it implements and, for a branch no CI model may take,
 * the reason; for a branch {@code conform}'s models do not drive the engine through yet, why not ({@code
 * undriven}).
 *
 * <pre>
 * {"branches": [
 *   {"name": "ReceiveRst.challenge", "rules": ["R-RST-1"]},
 *   {"name": "Process.finOther", "rules": ["R-CLOSE-2"], "exempt": "why no model can take it"}]}
 * </pre>
 *
 * @param file where the catalogue was read from
 * @param branches the branches, in the catalogue's order
 */
public record BranchCatalogue(Path file, List<Branch> branches) {
  /** The catalogue's file name in the spec directory. */
  public static final String FILE = "branches.json";

  private static final Set<String> FIELDS = Set.of("name", "rules", "exempt", "undriven");
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)?");
  private static final Pattern RULE_LINE = Pattern.compile("^- ([A-Z]+(?:-[A-Z]+)?-\\d+) ", Pattern.MULTILINE);

  /**
   * One branch.
   *
   * @param name {@code Action} or {@code Action.arm}, as the spec's {@code Took} names it
   * @param rules the rule IDs (spec/rules.md) the branch implements; empty for the environment's steps
   * @param exempt why no CI model takes the branch, or null when one must
   * @param undriven why no conformance model drives the engine through the branch yet, or null when one must
   */
  public record Branch(String name, List<String> rules, @Nullable String exempt, @Nullable String undriven) {
    public Branch {
      rules = List.copyOf(rules);
    }
  }

  public BranchCatalogue {
    branches = List.copyOf(branches);
  }

  /** The names, in order. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    branches.forEach(b -> names.add(b.name()));
    return names;
  }

  /** The branch of that name, if catalogued. */
  public @Nullable Branch get(String name) {
    for (Branch b : branches) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    return null;
  }

  /** Reads {@value #FILE} of {@code specDir}, checking its rule IDs against the spec's rules.md when present. */
  public static BranchCatalogue read(Path specDir) throws InputException {
    Path file = specDir.resolve(FILE);
    Path rulesFile = specDir.resolve("rules.md");
    try {
      Set<String> rules = Files.exists(rulesFile) ? ruleIds(Files.readString(rulesFile)) : Set.of();
      return parse(file, Files.readString(file), rules);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read the branch catalogue: " + e.getMessage(), e);
    }
  }

  /** The rule IDs defined in rules.md text (its "- ID text" lines). */
  static Set<String> ruleIds(String rulesMd) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = RULE_LINE.matcher(rulesMd);
    while (m.find()) {
      String id = m.group(1);
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** Parses catalogue text; {@code knownRules} empty accepts any rule ID of the usual shape. */
  public static BranchCatalogue parse(Path file, String text, Set<String> knownRules) throws InputException {
    JsonObject root;
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw new InputException(file + ": the branch catalogue must be a JSON object with \"branches\"");
      }
      root = e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new InputException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonElement list = root.get("branches");
    if (list == null || !list.isJsonArray()) {
      throw new InputException(file + ": \"branches\" must be an array");
    }
    List<Branch> branches = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    JsonArray array = list.getAsJsonArray();
    for (int i = 0; i < array.size(); i++) {
      String at = file + ": branch " + (i + 1);
      if (!array.get(i).isJsonObject()) {
        throw new InputException(at + " must be an object");
      }
      JsonObject o = array.get(i).getAsJsonObject();
      for (String key : o.keySet()) {
        if (!FIELDS.contains(key)) {
          throw new InputException(at + ": unknown field \"" + key + "\" (fields: name, rules, exempt, undriven)");
        }
      }
      String name = string(o, "name", at);
      if (name == null || !NAME.matcher(name).matches()) {
        throw new InputException(at + ": \"name\" must be Action or Action.arm, as the spec's Took names it");
      }
      Integer before = seen.put(name, i + 1);
      if (before != null) {
        throw new InputException(at + ": \"" + name + "\" is already branch " + before);
      }
      branches.add(new Branch(name, rules(o, at, knownRules), string(o, "exempt", at), string(o, "undriven", at)));
    }
    return new BranchCatalogue(file, branches);
  }

  private static @Nullable String string(JsonObject o, String key, String at) throws InputException {
    JsonElement e = o.get(key);
    if (e == null) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
      throw new InputException(at + ": \"" + key + "\" must be a non-empty string");
    }
    return e.getAsString();
  }

  private static List<String> rules(JsonObject o, String at, Set<String> knownRules) throws InputException {
    JsonElement e = o.get("rules");
    if (e == null || !e.isJsonArray()) {
      throw new InputException(at + ": \"rules\" must be an array of rule IDs (empty for the environment's steps)");
    }
    List<String> rules = new ArrayList<>();
    for (JsonElement r : e.getAsJsonArray()) {
      String id = r.isJsonPrimitive() && r.getAsJsonPrimitive().isString() ? r.getAsString() : "";
      if (!id.matches("[A-Z]+(-[A-Z]+)?-\\d+") || !(knownRules.isEmpty() || knownRules.contains(id))) {
        throw new InputException(at + ": " + r + " is not a rule ID of spec/rules.md");
      }
      rules.add(id);
    }
    return rules;
  }
}
