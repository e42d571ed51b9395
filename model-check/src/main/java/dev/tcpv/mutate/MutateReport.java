package dev.tcpv.mutate;

import java.util.List;

/**
 * The outcome of a {@code tcpv mutate} run.
 *
 * @param results one per mutation run, in the order run
 * @param summary the summary line: the kill rate and whether the gate passed
 */
public record MutateReport(List<MutationResult> results, String summary) {

  public MutateReport {
    results = List.copyOf(results);
  }

  /** Whether the gate accepts every result. */
  public boolean passed() {
    return results.stream().allMatch(MutationResult::accepted);
  }

  /** The CLI's exit status: 0 when the gate passed, 1 when it failed. */
  public int exitCode() {
    return passed() ? 0 : 1;
  }
}
