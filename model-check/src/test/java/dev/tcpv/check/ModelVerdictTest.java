package dev.tcpv.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcResult;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ModelVerdictTest {

  private static ModelVerdict verdict(
      String expect, @Nullable Long expected, TlcOutcome outcome, @Nullable Long found) {
    ModelEntry model = new ModelEntry("M", "MCM.tla", "MCM.cfg", true, expect, expected, 1, true, "", "");
    return new ModelVerdict(model, new TlcResult(outcome, found, 5, Duration.ZERO, List.of(), List.of()));
  }

  @Test
  void holdsWhenOutcomeAndCountMatch() {
    ModelVerdict v = verdict("pass", 83L, new TlcOutcome.Pass(), 83L);
    assertTrue(v.asExpected());
    assertEquals("83", v.distinctLabel());
    assertEquals("", v.problem());
    assertTrue(verdict("NoStaleInv", 9L, new TlcOutcome.InvariantViolated("NoStaleInv"), 9L).asExpected());
    assertTrue(verdict("StateDiagramProp", 9L, new TlcOutcome.PropertyViolated("StateDiagramProp"), 9L).asExpected());
    assertTrue(verdict("deadlock", 9L, new TlcOutcome.Deadlock(), 9L).asExpected());
  }

  @Test
  void failsOnAnyDrift() {
    ModelVerdict count = verdict("pass", 80L, new TlcOutcome.Pass(), 83L);
    assertFalse(count.asExpected());
    assertEquals("83 (expected 80)", count.distinctLabel());
    assertEquals("distinct states 83 (expected 80)", count.problem());
    ModelVerdict unrecorded = verdict("pass", null, new TlcOutcome.Pass(), 83L);
    assertEquals("83 (expected none recorded)", unrecorded.distinctLabel());
    ModelVerdict violated = verdict("pass", 9L, new TlcOutcome.InvariantViolated("NoStaleInv"), 9L);
    assertEquals("expected pass, got NoStaleInv violated", violated.problem());
    ModelVerdict other = verdict("NoStaleInv", 9L, new TlcOutcome.InvariantViolated("TypeInv"), 9L);
    assertEquals("expected NoStaleInv violated, got TypeInv violated", other.problem());
    assertFalse(verdict("P", 9L, new TlcOutcome.TemporalViolated(List.of("P", "Q")), 9L).asExpected());
    assertFalse(verdict("pass", null, new TlcOutcome.Failure("parse error"), null).asExpected());
  }
}
