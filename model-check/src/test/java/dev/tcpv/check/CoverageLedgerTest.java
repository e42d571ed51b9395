package dev.tcpv.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpv.tlc.ActionCoverage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageLedgerTest {

  @Test
  void countsTheActionsOfTheSpecModuleOverAllModels() {
    CoverageLedger ledger = new CoverageLedger("Tcp");
    ledger.record("Handshake", List.of(
        new ActionCoverage("Tcp", "ActiveOpen", 3, 5),
        new ActionCoverage("Tcp", "Crash", 0, 0),
        new ActionCoverage("Tcp", "SimultaneousOpen", 0, 0),
        new ActionCoverage("MCHandshake", "Helper", 0, 0)));
    ledger.record("Crash", List.of(
        new ActionCoverage("Tcp", "ActiveOpen", 1, 2),
        new ActionCoverage("Tcp", "Crash", 0, 4)));
    assertEquals(3, ledger.actionCount());
    assertEquals(List.of("SimultaneousOpen"), ledger.neverTaken());
    assertEquals("""
        ACTION            MODELS            DISTINCT  SUCCESSORS
        ActiveOpen        Handshake, Crash         4           7
        Crash             Crash                    0           4
        SimultaneousOpen  (never taken)            0           0
        """, ledger.table());
  }
}
