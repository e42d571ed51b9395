package dev.tcpv.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * Any text given to the script parser yields a script or a {@link ScriptSyntaxException} whose message is one
 * line naming the file, never another exception. Fuzzed for a bounded time by the build's {@code fuzz} execution;
 * the unit tests run it on the stored inputs.
 */
class ScriptParserFuzzTest {
  private static final Path FILE = Path.of("fuzz.pkt");

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3", "+0 bind(3, ..., ...) = 0",
      "+0 listen(3, 1) = 0", "+0 < S 0:0(0) win 1000 <mss 1460>", "+.1 > S. 0:0(0) ack 1 <...>",
      "+0 < . 1:1(0) ack 1 win 1000", "+0 accept(3, ..., ...) = 4", "+0 close(4) = 0", "F.", "R", "P.",
      "`", "#ifdef", "#endif", "--tolerance_usecs="})
  void parseIsTotal(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      ScriptParser.parse(FILE, text, Set.of());
    } catch (ScriptSyntaxException e) {
      String message = String.valueOf(e.getMessage());
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.contains("fuzz.pkt"), message);
    }
  }
}
