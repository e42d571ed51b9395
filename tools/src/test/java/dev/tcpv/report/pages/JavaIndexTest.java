package dev.tcpv.report.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaIndexTest {
  private static void write(Path root, String file, String text) throws IOException {
    Path p = root.resolve(file);
    Files.createDirectories(p.resolveSibling("."));
    Files.writeString(p, text);
  }

  @Test
  void mainMembersNameRulesInJavadocCommentsAndStrings(@TempDir Path root) throws Exception {
    write(root, "src/main/java/a/Conn.java", """
        package a;

        /** The connection (R-OPEN-1 and friends). */
        final class Conn {
          /** Opens (R-OPEN-1). */
          void open() {}

          void close() {
            tag("close", "R-CLOSE-1 R-CLOSE-2");
          }

          void plain() {
            // nothing to do with R-TW-10
          }

          void untagged() {}

          private void tag(String a, String b) {}
        }
        """);
    JavaIndex index = JavaIndex.read(root, List.of("src/main/java"), false);
    assertEquals(List.of("Conn", "Conn.open", "Conn.close", "Conn.plain"),
        index.members().stream().map(JavaMember::qualified).toList());
    JavaMember type = index.members().get(0);
    assertEquals(3, type.begin());
    assertEquals(4, type.end(), "a type is shown to its declaration, not with its body");
    JavaMember close = index.members().get(2);
    assertEquals(Set.of("R-CLOSE-1", "R-CLOSE-2"), close.rules());
    assertEquals(8, close.begin());
    assertEquals(10, close.end());
    assertEquals(Set.of("R-TW-10"), index.members().get(3).rules());
    assertTrue(index.naming("R-TW-1").isEmpty(), "R-TW-1 is not found inside R-TW-10");
    assertEquals(List.of("src/main/java/a/Conn.java"), index.files());
  }

  @Test
  void testsAreEveryTestMethodWithTheRulesOfItsNameAndDisplayName(@TempDir Path root) throws Exception {
    write(root, "src/test/java/a/ConnTest.java", """
        package a;

        import org.junit.jupiter.api.DisplayName;
        import org.junit.jupiter.api.Test;

        class ConnTest {
          @Test
          @DisplayName("R-TW-1, S-7: the timer " + "restarts")
          void restarts() {}

          @Test
          void rOpen2ResetsWithoutTcb() {}

          @Test
          void untagged() {}

          void helperNamingR() {
            String s = "R-OPEN-3";
          }
        }
        """);
    JavaIndex index = JavaIndex.read(root, List.of("src/test/java", "missing/dir"), true);
    assertEquals(List.of("restarts", "rOpen2ResetsWithoutTcb", "untagged"),
        index.tests().stream().map(JavaMember::name).toList());
    JavaMember restarts = index.tests().get(0);
    assertEquals(Set.of("R-TW-1", "S-7"), restarts.rules());
    assertEquals("R-TW-1, S-7: the timer restarts", restarts.displayName());
    assertEquals(Set.of("R-OPEN-2"), index.tests().get(1).rules());
    assertTrue(index.naming("R-OPEN-3").isEmpty(), "a helper is not a test");
  }

  @Test
  void unparsableJavaIsAnInputErrorNamingTheFile(@TempDir Path root) throws Exception {
    write(root, "src/main/java/a/Broken.java", "package a; class Broken { void f( }");
    InputException e = assertThrows(InputException.class,
        () -> JavaIndex.read(root, List.of("src/main/java"), false));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("src/main/java/a/Broken.java: not parsable Java"), message);
  }
}
