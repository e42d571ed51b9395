package dev.tcpv.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule IDs the project's scripts must cover, and which of them have no script. The list is the
 * {@code - `ID` ...} lines of the corpus README; a script for an ID is {@code rules/ID.pkt} or
 * {@code seeds/ID.pkt}.
 */
public final class CorpusCoverage {
  private static final Pattern ITEM = Pattern.compile("- `((?:S|R-[A-Z]+)-\\d+)`.*");

  private CorpusCoverage() {}

  /** The IDs listed in {@code readme}. */
  public static List<String> listedIds(Path readme) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      Matcher m = ITEM.matcher(line.strip());
      if (m.matches()) {
        ids.add(ScriptParser.group(m, 1));
      }
    }
    return ids;
  }

  /** The IDs of {@code ids} without a script under {@code corpus}. */
  public static List<String> missing(List<String> ids, Path corpus) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      if (!Files.isRegularFile(corpus.resolve("rules").resolve(id + ".pkt"))
          && !Files.isRegularFile(corpus.resolve("seeds").resolve(id + ".pkt"))) {
        out.add(id);
      }
    }
    return out;
  }
}
