package dev.tcpv.check;

import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.text.Formats;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcResult;
import java.util.Objects;

/**
 * A model's result held against its manifest entry: the outcome must be the expected one and the
 * distinct-state count the recorded one, so that any change of the reachable state space is noticed.
 *
 * @param model the manifest entry
 * @param result what TLC reported
 * @param countCompared whether the count is held against the manifest: not for a simulation, which counts none
 */
public record ModelVerdict(ModelEntry model, TlcResult result, boolean countCompared) {

  /** A verdict of an exhaustive run, count compared. */
  public ModelVerdict(ModelEntry model, TlcResult result) {
    this(model, result, true);
  }

  /** Whether TLC ended as the manifest's {@code expect} says. */
  public boolean outcomeAsExpected() {
    String expect = model.expect();
    return switch (result.outcome()) {
      case TlcOutcome.Pass p -> expect.equals(ModelEntry.PASS);
      case TlcOutcome.Deadlock d -> expect.equals(ModelEntry.DEADLOCK);
      case TlcOutcome.InvariantViolated v -> expect.equals(v.invariant());
      case TlcOutcome.PropertyViolated v -> expect.equals(v.property());
      case TlcOutcome.TemporalViolated t -> false;
      case TlcOutcome.TimedOut t -> false;
      case TlcOutcome.Failure f -> false;
    };
  }

  /** Whether TLC found the recorded number of distinct states. */
  public boolean countAsExpected() {
    if (!countCompared) {
      return true;
    }
    return result.distinct() != null && Objects.equals(model.distinct(), result.distinct());
  }

  /** Whether both outcome and count match the manifest. */
  public boolean asExpected() {
    return outcomeAsExpected() && countAsExpected();
  }

  /** The expected outcome as the table shows it: {@code pass}, {@code deadlock}, {@code NoStaleInv violated}. */
  public String expectedLabel() {
    String expect = model.expect();
    return expect.equals(ModelEntry.PASS) || expect.equals(ModelEntry.DEADLOCK) ? expect : expect + " violated";
  }

  /** The distinct-state cell: the count, and the manifest's when it differs. */
  public String distinctLabel() {
    Long actual = result.distinct();
    Long expected = model.distinct();
    if (!countCompared) {
      Long generated = result.generated();
      return actual != null ? Formats.count(actual) + " (not compared)"
          : generated != null ? Formats.count(generated) + " generated" : "-";
    }
    String shown = actual == null ? "-" : Formats.count(actual);
    if (countAsExpected()) {
      return shown;
    }
    return shown + " (expected " + (expected == null ? "none recorded" : Formats.count(expected)) + ")";
  }

  /** What is wrong, in a few words, for the summary; empty when nothing is. */
  public String problem() {
    if (!outcomeAsExpected()) {
      return "expected " + expectedLabel() + ", got " + result.outcome().label();
    }
    if (!countAsExpected()) {
      return "distinct states " + distinctLabel();
    }
    return "";
  }
}
