package dev.tcpv.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
  private static final Path FILE = Path.of("manifest.json");

  private static final String HANDSHAKE = """
      {"name": "Handshake", "module": "MCHandshake.tla", "config": "MCHandshake.cfg", "ci": true,
       "expect": "pass", "distinct": 121034, "workers": 2, "enables": "2 incarnations, loss",
       "description": "Active OPEN to a listener."}""";

  private static Manifest parse(String models) throws ManifestException {
    return ManifestReader.parse(FILE, "{\"models\": [" + models + "]}");
  }

  @Test
  void readsEveryField() throws ManifestException {
    Manifest m = parse(HANDSHAKE + """
        , {"name": "FixedIsn", "module": "MCFixedIsn.tla", "config": "MCFixedIsn.cfg", "ci": false,
           "expect": "NoStaleSegmentAcceptedInv", "deadlock": false}""");
    ModelEntry handshake = m.models().get(0);
    assertEquals(new ModelEntry("Handshake", "MCHandshake.tla", "MCHandshake.cfg", true, "pass", 121034L, 2, true,
        "2 incarnations, loss", "Active OPEN to a listener."), handshake);
    assertTrue(handshake.expectsPass());
    ModelEntry fixed = m.model("FixedIsn").orElseThrow();
    assertEquals(new ModelEntry("FixedIsn", "MCFixedIsn.tla", "MCFixedIsn.cfg", false, "NoStaleSegmentAcceptedInv",
        null, 1, false, "", ""), fixed);
    assertFalse(fixed.expectsPass());
    assertEquals(List.of(handshake), m.ciModels());
  }

  @Test
  void reportsEachMistakeOnOneLine() {
    assertError("manifest.json: not valid JSON: ", "{\"models\": [}");
    assertError("manifest.json: not valid JSON: text after the end", "{\"models\": []} []");
    assertError("manifest.json: expected an object with a \"models\" array", "[]");
    assertError("manifest.json: expected a \"models\" array", "{\"models\": {}}");
    assertError("manifest.json: unknown top-level field \"model\"", "{\"model\": []}");
    assertModelError("manifest.json: model 1: missing field \"name\"", HANDSHAKE.replace("\"name\"", "\"nom\""));
    assertModelError("manifest.json: model 1 (Handshake): unknown field \"distnct\"",
        HANDSHAKE.replace("\"distinct\"", "\"distnct\""));
    assertModelError("manifest.json: model 1 (Handshake): ci must be true or false",
        HANDSHAKE.replace("\"ci\": true", "\"ci\": \"yes\""));
    assertModelError("manifest.json: model 1 (Handshake): distinct must be an integer",
        HANDSHAKE.replace("121034", "-5"));
    assertModelError("manifest.json: model 1 (Handshake): distinct must be an integer",
        HANDSHAKE.replace("121034", "1.5"));
    assertModelError("manifest.json: model 1 (Handshake): workers must be an integer from 1 to 1024",
        HANDSHAKE.replace("\"workers\": 2", "\"workers\": 0"));
    assertModelError("manifest.json: model 1 (Handshake): config must be a file name ending in .cfg",
        HANDSHAKE.replace("MCHandshake.cfg", "../MCHandshake.cfg"));
    assertModelError("manifest.json: model 1 (Handshake): expect must be \"pass\", \"deadlock\" or the name",
        HANDSHAKE.replace("\"pass\"", "\"no stale\""));
    assertModelError("manifest.json: model 1 (Handshake): enables must be a string",
        HANDSHAKE.replace("\"2 incarnations, loss\"", "[]"));
    assertModelError("manifest.json: model 2: the name \"Handshake\" is taken", HANDSHAKE + "," + HANDSHAKE);
    assertModelError("manifest.json: model 1 (Handshake): unknown tag \"slow\" (known: deep)",
        HANDSHAKE.replace("\"ci\": true", "\"ci\": true, \"tags\": [\"slow\"]"));
    assertModelError("manifest.json: model 1 (Handshake): tags must be a list of strings",
        HANDSHAKE.replace("\"ci\": true", "\"ci\": true, \"tags\": \"deep\""));
  }

  @Test
  void readsTheDeepTag() throws ManifestException {
    Manifest m = parse(HANDSHAKE.replace("\"ci\": true", "\"ci\": false, \"tags\": [\"deep\"]"));
    assertTrue(m.models().get(0).deep());
    assertFalse(parse(HANDSHAKE).models().get(0).deep());
  }

  private static void assertModelError(String prefix, String models) {
    assertError(prefix, "{\"models\": [" + models + "]}");
  }

  private static void assertError(String prefix, String json) {
    ManifestException e = assertThrows(ManifestException.class, () -> ManifestReader.parse(FILE, json));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith(prefix), () -> "expected '" + prefix + "...', got: " + message);
    assertFalse(message.contains("\n"), () -> "more than one line: " + message);
  }
}
