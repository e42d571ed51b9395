package dev.tcpv.report.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.InputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCatalogueTest {
  private static final String TEXT = """
      # Rules

      ## Closing and TIME-WAIT (§3.6, §3.10.4)
      - R-TW-1 TIME-WAIT lasts 2×MSL (MUST-13); a retransmitted FIN restarts it.
      - R-TW-2 (policy, default on: RFC 1337) A RST in TIME-WAIT is ignored.

      ## ISN (§3.4.1–3.4.3)
      - S-5 ISN: clock-driven (SHLD-1).
      """;

  @Test
  void entriesKeepTheirSectionKeysAndPolicy() throws InputException {
    RuleCatalogue c = RuleCatalogue.parse("rules.md", TEXT);
    assertEquals(List.of("R-TW-1", "R-TW-2", "S-5"), c.ids());
    Rule tw1 = c.rule("R-TW-1").orElseThrow();
    assertEquals("Closing and TIME-WAIT (§3.6, §3.10.4)", tw1.section());
    assertEquals(List.of("MUST-13"), tw1.keys());
    assertEquals(List.of("§3.6", "§3.10.4"), tw1.rfcRefs());
    assertEquals(4, tw1.line());
    assertFalse(tw1.policy());
    assertTrue(c.rule("R-TW-2").orElseThrow().policy());
    assertEquals(List.of("§3.4.1–3.4.3"), c.rule("S-5").orElseThrow().rfcRefs());
  }

  @Test
  void aRepeatedIdIsRejectedWithItsLine() {
    InputException e = assertThrows(InputException.class,
        () -> RuleCatalogue.parse("rules.md", "## A\n- R-TW-1 one\n- R-TW-1 two\n"));
    assertEquals("rules.md:3: rule R-TW-1 is listed twice", e.getMessage());
  }

  @Test
  void anEntryWithoutAnIdIsRejected() {
    InputException e = assertThrows(InputException.class,
        () -> RuleCatalogue.parse("rules.md", "## A\n- TIME-WAIT lasts 2 MSL\n"));
    assertEquals("rules.md:2: a catalogue entry must start with a rule ID", e.getMessage());
  }

  @Test
  void aFileWithoutEntriesIsRejected() {
    assertThrows(InputException.class, () -> RuleCatalogue.parse("rules.md", "# nothing here\n"));
  }

  @Test
  void theRepositoryCatalogueReads() throws InputException {
    RuleCatalogue c = RuleCatalogue.read(Path.of(System.getProperty("tcpv.root", ".")).resolve("spec/rules.md"));
    assertTrue(c.ids().containsAll(List.of("S-1", "R-TW-1", "R-OPEN-10", "R-FMT-3")), c.ids().toString());
  }
}
