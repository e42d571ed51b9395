package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The deliberately wrong behaviours of {@link Fault} stay outside the RFC logic and out of the shipped engine: no
 * main code but {@link Connection} and {@link Fault} names them, no main code builds a set of them (only tests in
 * this package select one, through the package-private constructor), and each is read by a one-line hook {@code
 * if (... fault(Fault.X)) {} } that stands beside the rule it breaks, never inside the rule's own condition.
 */
class FaultIsolationTest {
  /** A hook: an {@code if} whose condition ends with the fault, alone on its line. */
  private static final Pattern HOOK = Pattern.compile("^\\s*if \\((?:[^()]*(?:\\([^()]*\\))?[^()]*&& )?"
      + "fault\\(Fault\\.[A-Z_]+\\)\\) \\{$");

  /** What is wrong with {@code sources} (main sources by file name) for the rule above; empty when nothing. */
  static List<String> problems(Map<String, String> sources) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      String name = e.getKey();
      String[] lines = e.getValue().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        String where = name + ":" + (i + 1) + ": ";
        String t = line.trim();
        if (name.equals("Fault.java") || !line.matches(".*\\bFault\\b.*") || t.startsWith("*")
            || t.startsWith("/*") || t.startsWith("//") || t.startsWith("import ")) {
          continue;
        }
        if (!name.equals("Connection.java")) {
          out.add(where + "names Fault outside Connection");
          continue;
        }
        if (line.matches(".*(?:Set|EnumSet)\\.(?:of|copyOf|allOf|range)\\(Fault\\b.*")) {
          out.add(where + "builds a set of faults");
        }
        boolean declaration = line.contains("Set<Fault>") || line.contains("EnumSet.noneOf(Fault.class)")
            || line.contains("private boolean fault(Fault f)");
        Matcher use = Pattern.compile("Fault\\.[A-Z_]+").matcher(line);
        if (use.find() && !HOOK.matcher(line).matches()) {
          out.add(where + "reads a fault outside a one-line hook: " + line.trim());
        } else if (!use.find(0) && !declaration) {
          out.add(where + "names Fault: " + line.trim());
        }
      }
    }
    String connection = sources.getOrDefault("Connection.java", "");
    for (Fault f : Fault.values()) {
      if (!connection.contains("fault(Fault." + f.name() + ")")) {
        out.add(f + " has no hook in Connection");
      }
    }
    return out;
  }

  private static Map<String, String> mainSources() throws IOException {
    Path root = RepoSource.root().resolve(Path.of("impl", "src", "main", "java"));
    assertTrue(Files.isDirectory(root), "run from the module directory: " + root.toAbsolutePath());
    Map<String, String> sources = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String key = String.valueOf(p.getFileName());
        sources.merge(key, Files.readString(p), (a, b) -> a + "\n" + b);
      }
    }
    return sources;
  }

  @Test
  @DisplayName("Faults are read by one-line hooks in Connection only, and no main code selects one")
  void faultsStayOutsideTheRules() throws IOException {
    Map<String, String> sources = mainSources();
    assertTrue(sources.containsKey("Connection.java") && sources.size() > 20, "main sources: " + sources.keySet());
    assertEquals(List.of(), problems(sources));
  }

  @Test
  @DisplayName("A fault inside a rule's condition, a set of faults in main code, or a fault without a hook is reported")
  void brokenSourcesAreReported() throws IOException {
    Map<String, String> sources = mainSources();
    String connection = sources.getOrDefault("Connection.java", "");
    String inline = connection.replace("    if (fault(Fault.SHORT_TIME_WAIT)) {\n      length = config.mslMicros();\n"
        + "    }\n", "    length = fault(Fault.SHORT_TIME_WAIT) ? config.mslMicros() : length;\n");
    List<String> p = problems(Map.of("Connection.java", inline));
    assertEquals(1, p.size(), p::toString);
    assertTrue(p.get(0).contains("reads a fault outside a one-line hook"), p::toString);

    Map<String, String> selecting = new LinkedHashMap<>(Map.of("Connection.java", connection));
    selecting.put("Endpoint.java", "class Endpoint { Set<Fault> f = EnumSet.of(Fault.CONSTANT_ISN); }");
    assertEquals(List.of("Endpoint.java:1: names Fault outside Connection"), problems(selecting));

    String building = connection.replace("EnumSet.noneOf(Fault.class));", "EnumSet.of(Fault.CONSTANT_ISN));");
    assertTrue(problems(Map.of("Connection.java", building)).stream().anyMatch(s -> s.contains("builds a set")),
        () -> problems(Map.of("Connection.java", building)).toString());

    String unhooked = connection.replace("fault(Fault.KEEPALIVE_ONE_PROBE)", "false");
    assertEquals(List.of("KEEPALIVE_ONE_PROBE has no hook in Connection"),
        problems(Map.of("Connection.java", unhooked)));
  }
}
