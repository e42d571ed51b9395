package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's own files, for the tests that hold the engine's source to the spec: the root ({@code tcpv.root},
 * or the parent of the module directory the tests run in), and the method declarations of a Java source read as
 * text.
 */
final class RepoSource {
  /** A method declaration at class level: modifiers, type parameters, an annotation, the return type, the name. */
  private static final Pattern DECL = Pattern.compile("(?m)^  (?:(?:public|private|protected|static|final) )+"
      + "(?:<[^>]+> )?(?:@\\w+ )?([\\w.]+(?:<[^()]*?>)?(?:\\[\\])?) (\\w+)\\(");

  /** A method of a source: its return type, name and where its text starts and ends (at the next method). */
  record Method(String returns, String name, int start, int end) {}

  private RepoSource() {}

  /** The repository root. */
  static Path root() {
    return Path.of(System.getProperty("tcpv.root", ".."));
  }

  /** The text of the file at {@code first/more...} under the root. */
  static String read(String first, String... more) throws IOException {
    Path file = root().resolve(Path.of(first, more));
    assertTrue(Files.isRegularFile(file), "run from the module directory: " + file.toAbsolutePath());
    return Files.readString(file);
  }

  /** The text of {@code Connection.java}. */
  static String connection() throws IOException {
    return read("impl", "src", "main", "java", "dev", "tcpv", "conn", "Connection.java");
  }

  /** The methods declared in {@code java}, in order. */
  static List<Method> methods(String java) {
    List<Method> out = new ArrayList<>();
    Matcher m = DECL.matcher(java);
    List<Integer> starts = new ArrayList<>();
    List<String[]> heads = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      heads.add(new String[] {String.valueOf(m.group(1)), String.valueOf(m.group(2))});
    }
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : java.length();
      out.add(new Method(heads.get(i)[0], heads.get(i)[1], starts.get(i), end));
    }
    return out;
  }
}
