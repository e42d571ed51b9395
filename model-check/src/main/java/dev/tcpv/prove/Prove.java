package dev.tcpv.prove;

import dev.tcpv.check.InputException;
import dev.tcpv.check.ModelRunner;
import dev.tcpv.counterexample.CounterexampleRenderer;
import dev.tcpv.text.Formats;
import dev.tcpv.text.TextTable;
import dev.tcpv.tlc.TlcJob;
import dev.tcpv.tlc.TlcOutcome;
import dev.tcpv.tlc.TlcResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the proof obligations, each in its own TLC process, and prints one row per obligation: the
 * obligation, its bounds, the states TLC examined, the result and the seconds it took. An obligation
 * holds when TLC passes its model; otherwise the counterexample (or TLC's error) is printed.
 */
public final class Prove {
  private final ProofLayout layout;
  private final ModelRunner runner;
  private final PrintWriter out;
  private final PrintWriter err;

  public Prove(ProofLayout layout, ModelRunner runner, PrintWriter out, PrintWriter err) {
    this.layout = layout;
    this.runner = runner;
    this.out = out;
    this.err = err;
  }

  /** The result of one obligation. */
  public record Row(Obligation obligation, TlcResult result) {
    /** Whether the obligation holds within its bounds. */
    public boolean holds() {
      return result.outcome() instanceof TlcOutcome.Pass;
    }
  }

  /** The outcome of a run: every row, and a one-line summary. */
  public record Report(List<Row> rows, String summary) {
    public Report {
      rows = List.copyOf(rows);
    }

    /** 0 when every obligation holds, 1 otherwise. */
    public int exitCode() {
      return rows.stream().allMatch(Row::holds) ? 0 : 1;
    }
  }

  /** Runs the obligations named in {@code names} (all when empty). */
  public Report run(List<String> names) throws InputException, IOException, InterruptedException {
    List<Obligation> all = ObligationsReader.read(layout.obligations(), layout.proofsDir());
    List<Obligation> selected = select(all, names);
    List<Row> rows = new ArrayList<>();
    for (Obligation o : selected) {
      err.printf("  %s: %s, checking with TLC, %d worker%s%n", o.name(), o.statement(), o.workers(),
          o.workers() == 1 ? "" : "s");
      err.flush();
      TlcJob job = new TlcJob(o.name(), layout.proofsDir(), o.module(), o.config(), layout.specDir(), o.workers(),
          false);
      TlcResult result = runner.run(job, p -> {
        err.printf("  %s: %s distinct, %s%n", o.name(), Formats.count(p.distinct()), Formats.duration(p.elapsed()));
        err.flush();
      });
      Row row = new Row(o, result);
      rows.add(row);
      details(row);
    }
    TextTable table = new TextTable("", "OBLIGATION", "BOUNDS", "STATES", "RESULT", "SECONDS").alignRight(3)
        .alignRight(5);
    for (Row row : rows) {
      Long distinct = row.result().distinct();
      table.row(row.holds() ? "ok" : "FAIL", row.obligation().statement(), row.obligation().bounds(),
          distinct == null ? "-" : Formats.count(distinct), row.holds() ? "holds" : row.result().outcome().label(),
          String.format("%.1f", row.result().elapsed().toMillis() / 1000.0));
    }
    long held = rows.stream().filter(Row::holds).count();
    String summary = held == rows.size()
        ? (rows.size() == 1 ? "The obligation holds within its bounds."
            : "All " + rows.size() + " obligations hold within their bounds.")
        : held + " of " + rows.size() + " obligations hold; failed: "
            + String.join(", ", rows.stream().filter(r -> !r.holds()).map(r -> r.obligation().name()).toList())
            + ".";
    out.println();
    out.print(table.render());
    out.println(summary);
    out.flush();
    return new Report(rows, summary);
  }

  private static List<Obligation> select(List<Obligation> all, List<String> names) throws InputException {
    if (names.isEmpty()) {
      return all;
    }
    List<Obligation> selected = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String name : names) {
      Obligation found = all.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
      if (found == null) {
        throw new InputException("unknown obligation " + name + " (known: "
            + String.join(", ", all.stream().map(Obligation::name).toList()) + ")");
      }
      if (seen.add(name)) {
        selected.add(found);
      }
    }
    return selected;
  }

  private void details(Row row) {
    TlcResult result = row.result();
    String name = row.obligation().name();
    if (result.outcome() instanceof TlcOutcome.Failure failure) {
      out.println();
      out.println(name + ": TLC could not check the obligation:");
      failure.message().lines().forEach(line -> out.println("    " + line));
    } else if (!row.holds()) {
      out.println();
      out.println(name + " (" + row.obligation().statement() + ") does not hold: " + result.outcome().label()
          + ". Counterexample:");
      if (result.outcome() instanceof TlcOutcome.TemporalViolated temporal) {
        out.println("    (TLC does not say which of " + String.join(", ", temporal.candidates()) + ")");
      }
      out.print(CounterexampleRenderer.render(result.trace()));
    }
    out.flush();
  }
}
