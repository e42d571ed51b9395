package dev.tcpv.mutate;

import dev.tcpv.manifest.ModelEntry;
import dev.tcpv.text.Formats;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcResult;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One mutant checked: the mutation, the manifest entry of the model that checked it, and what TLC reported.
 *
 * @param mutation the catalogue entry
 * @param model the model it ran on
 * @param result TLC's result on the mutated spec
 */
public record MutationResult(Mutation mutation, ModelEntry model, TlcResult result) {

  /** Killed, survived, timeout or error, from TLC's outcome alone. */
  public Verdict verdict() {
    return switch (result.outcome()) {
      case TlcOutcome.Pass p -> Verdict.SURVIVED;
      case TlcOutcome.TimedOut t -> Verdict.TIMEOUT;
      case TlcOutcome.Failure f -> Verdict.ERROR;
      case TlcOutcome.InvariantViolated v -> Verdict.KILLED;
      case TlcOutcome.PropertyViolated v -> Verdict.KILLED;
      case TlcOutcome.TemporalViolated v -> Verdict.KILLED;
      case TlcOutcome.Deadlock d -> Verdict.KILLED;
    };
  }

  /**
   * Whether the gate accepts this result: a mutant must be killed, unless the catalogue says it survives (then
   * it must survive or time out; a kill means the explanation is stale). An error never passes.
   */
  public boolean accepted() {
    return switch (verdict()) {
      case KILLED -> !mutation.expectedToSurvive();
      case SURVIVED, TIMEOUT -> mutation.expectedToSurvive();
      case ERROR -> false;
    };
  }

  /** The verdict as the table shows it: lower case when the gate accepts it, upper case when it fails the gate. */
  public String verdictCell() {
    return accepted() ? verdict().label() : verdict().name();
  }

  /** What noticed the mutant: the invariant or property, {@code deadlock}; null when nothing did. */
  public @Nullable String killer() {
    return switch (result.outcome()) {
      case TlcOutcome.InvariantViolated v -> v.invariant();
      case TlcOutcome.PropertyViolated v -> v.property();
      case TlcOutcome.TemporalViolated v -> "one of " + String.join(", ", v.candidates());
      case TlcOutcome.Deadlock d -> "deadlock";
      case TlcOutcome.Pass p -> null;
      case TlcOutcome.TimedOut t -> null;
      case TlcOutcome.Failure f -> null;
    };
  }

  /** Whether a killed mutant was killed by some other property than the catalogue's {@code killedBy}. */
  public boolean killedByAnother() {
    String killer = killer();
    return killer != null && mutation.killedBy() != null && !Objects.equals(killer, mutation.killedBy());
  }

  /** The expected killer's cell: {@code killedBy}, or {@code (survives)}. */
  public String expectedCell() {
    String expected = mutation.killedBy();
    if (mutation.expectedToSurvive()) {
      return expected == null ? "(survives)" : expected + " (survives)";
    }
    return expected == null ? "-" : expected;
  }

  /** The actual cell: the killer, {@code pass}, {@code timeout after 5 min 00 s}, or {@code error}. */
  public String actualCell() {
    String killer = killer();
    if (killer != null) {
      return killer;
    }
    if (result.outcome() instanceof TlcOutcome.TimedOut t) {
      return "timeout after " + Formats.duration(t.limit());
    }
    return result.outcome().label();
  }

  /**
   * The distinct-state cell. After a kill, the states TLC had found when it stopped; otherwise that count and
   * the manifest's for the unmutated spec, for information only (a count change never kills).
   */
  public String distinctCell() {
    Long actual = result.distinct();
    String shown = actual == null ? "-" : Formats.count(actual);
    Long recorded = model.distinct();
    if (verdict() == Verdict.KILLED || verdict() == Verdict.ERROR || recorded == null) {
      return shown;
    }
    return shown + " (manifest " + Formats.count(recorded) + ")";
  }

  /** The line printed when the result comes in. */
  public String line() {
    Mutation m = mutation;
    String head = String.format(Locale.ROOT, "%-9s %s (%s, %s): ", verdictCell(), m.name(), m.family().label(),
        m.rule());
    String facts = (result.distinct() == null ? "" : ", " + distinctCell() + " distinct states") + ", "
        + Formats.duration(result.elapsed());
    @Nullable String survives = m.survives();
    String killer = killer();
    String body = switch (verdict()) {
      case KILLED -> (killer == null || killer.equals("deadlock") ? "deadlock" : killer + " violated") + " in "
          + model.name() + (killedByAnother() ? " (expected " + m.killedBy() + ")" : "") + facts
          + (survives == null ? "" : "; the catalogue says it survives (" + survives + "): the explanation is stale");
      case SURVIVED -> model.name() + " passed" + facts
          + (survives == null ? "; no property notices the mistake" : "; as the catalogue explains: " + survives);
      case TIMEOUT -> model.name() + " stopped at the time limit" + facts + "; counts as survived"
          + (survives == null ? "" : ", as the catalogue explains: " + survives);
      case ERROR -> "TLC could not check " + model.name() + " on the mutant, so the mutation is malformed" + facts;
    };
    return head + body;
  }
}
