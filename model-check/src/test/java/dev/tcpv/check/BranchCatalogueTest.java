package dev.tcpv.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The branch catalogue's reader and the ledger that judges runs against it. */
class BranchCatalogueTest {
  private static final Path FILE = Path.of("branches.json");
  private static final Set<String> RULES = Set.of("R-RST-1", "R-TW-2");

  private static BranchCatalogue parse(String text) throws InputException {
    return BranchCatalogue.parse(FILE, text, RULES);
  }

  private static String error(String text) {
    return String.valueOf(assertThrows(InputException.class, () -> parse(text)).getMessage());
  }

  @Test
  void readsNamesRulesAndExceptions() throws InputException {
    BranchCatalogue c = parse("""
        {"branches": [{"name": "ReceiveRst.challenge", "rules": ["R-RST-1"]},
                      {"name": "Process.finOther", "rules": [], "exempt": "no FIN follows a FIN"}]}""");
    assertEquals(Set.of("ReceiveRst.challenge", "Process.finOther"), c.names());
    BranchCatalogue.Branch other = c.get("Process.finOther");
    assertTrue(other != null && "no FIN follows a FIN".equals(other.exempt()));
  }

  @Test
  void refusesBadEntriesWithOneLine() {
    assertEquals("branches.json: \"branches\" must be an array", error("{\"branch\": []}"));
    assertEquals("branches.json: branch 1: unknown field \"rule\" (fields: name, rules, exempt, undriven)",
        error("{\"branches\": [{\"name\": \"Tick\", \"rule\": []}]}"));
    assertEquals("branches.json: branch 2: \"Tick\" is already branch 1",
        error("{\"branches\": [{\"name\": \"Tick\", \"rules\": []}, {\"name\": \"Tick\", \"rules\": []}]}"));
    assertEquals("branches.json: branch 1: \"R-RST-9\" is not a rule ID of spec/rules.md",
        error("{\"branches\": [{\"name\": \"Tick\", \"rules\": [\"R-RST-9\"]}]}"));
    assertTrue(error("{\"branches\": [{\"name\": \"tick.x\", \"rules\": []}]}").contains("Action or Action.arm"));
    assertTrue(error("{\"branches\": [{\"name\": \"Tick\", \"rules\": [], \"exempt\": \" \"}]}")
        .contains("\"exempt\" must be a non-empty string"));
    assertTrue(error("{\"branches\": [").startsWith("branches.json: not valid JSON"));
  }

  /**
   * A name written whole in the spec (every {@code Took} but the few that join a prefix and an arm) is in the
   * repository's catalogue, so that a branch no model takes is reported as never taken rather than unseen; and
   * the catalogue reads, its rule IDs all in rules.md. A literal followed by {@code \o} is a prefix, not a name.
   */
  @Test
  void everyBranchNameTheSpecWritesIsCatalogued() throws Exception {
    Path spec = Path.of(System.getProperty("tcpv.root", "..")).resolve("spec");
    BranchCatalogue catalogue = BranchCatalogue.read(spec);
    String tla = java.nio.file.Files.readString(spec.resolve("Tcp.tla"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"([A-Z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*)\"(?!\\s*\\\\o)").matcher(tla);
    List<String> missing = new java.util.ArrayList<>();
    int names = 0;
    while (m.find()) {
      names++;
      String name = m.group(1);
      if (name != null && !catalogue.names().contains(name)) {
        missing.add(name);
      }
    }
    assertTrue(names > 40, "the spec writes its branch names as string literals: found " + names);
    assertEquals(List.of(), missing);
  }

  @Test
  void readsRuleIdsFromRulesMarkdown() {
    assertEquals(Set.of("R-TW-2", "S-4"), BranchCatalogue.ruleIds("""
        ## Section
        - R-TW-2 (policy) A RST in TIME-WAIT is ignored.
        - S-4 Data: seq numbers count bytes.
        Not a rule: - X-1 inline.
        """));
  }

  @Test
  void theLedgerNamesEveryDisagreement() throws InputException {
    BranchCatalogue c = parse("""
        {"branches": [{"name": "A.one", "rules": []}, {"name": "A.two", "rules": []},
                      {"name": "B", "rules": [], "exempt": "why"}]}""");
    BranchLedger ledger = new BranchLedger(c);
    ledger.record("m1", Map.of("A.one", 3L));
    assertEquals(List.of("A.two"), ledger.missing());
    assertTrue(!ledger.passed());
    assertEquals(50.0, ledger.percent());
    ledger.record("m2", Map.of("A.two", 1L, "B", 2L, "C", 1L, "A.one", 0L));
    assertEquals(List.of(), ledger.missing());
    assertEquals(List.of("B"), ledger.takenDespiteListed());
    assertEquals(List.of("C"), ledger.uncatalogued());
    assertEquals("Branch gate FAILED: 2 of 2 branches of the catalogue taken by the models (100.0%; 1 "
        + "exempt); exempt but taken: B; not in branches.json: C (taken by m2).",
        ledger.gateLine("the models"));
    BranchLedger clean = new BranchLedger(c);
    clean.record("m", Map.of("A.one", 1L, "A.two", 1L));
    assertTrue(clean.passed());
    assertTrue(clean.table().contains("(why)"), clean.table());
  }
}
