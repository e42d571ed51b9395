package dev.tcpv.manifest;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Rewrites the {@code distinct} counts of a manifest, for maintainers after an intended change of the spec.
 *
 * <p>Works on the JSON tree, not on {@link Manifest}, so that field order and every other value survive; the
 * output is Gson's two-space pretty print, the format the manifest is kept in.
 */
public final class ManifestCounts {
  private ManifestCounts() {}

  /** Sets {@code distinct} of each model named in {@code counts} and writes the file back. */
  public static void update(Path file, Map<String, Long> counts) throws ManifestException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ManifestException("cannot read manifest " + file + ": " + e.getMessage());
    }
    JsonElement root = ManifestReader.parseJson(String.valueOf(file.getFileName()), new StringReader(text));
    JsonElement models = root.isJsonObject() ? root.getAsJsonObject().get("models") : null;
    if (models == null || !models.isJsonArray()) {
      throw new ManifestException(file.getFileName() + ": expected a \"models\" array");
    }
    for (JsonElement model : models.getAsJsonArray()) {
      if (!model.isJsonObject()) {
        continue;
      }
      JsonObject o = model.getAsJsonObject();
      JsonElement name = o.get("name");
      Long count = name != null && name.isJsonPrimitive() ? counts.get(name.getAsString()) : null;
      if (count != null) {
        o.addProperty("distinct", count);
      }
    }
    String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
    try {
      Files.writeString(file, json + "\n");
    } catch (IOException e) {
      throw new ManifestException("cannot write manifest " + file + ": " + e.getMessage());
    }
  }
}
