package dev.tcpv.cli;

import dev.tcpv.report.pages.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * How a stage of {@code tcpv all} ended.
 *
 * @param exitCode the stage's exit status, as its subcommand would return it
 * @param detail one line for the summary table
 * @param figures the stage's table of figures for the report, or null for none
 */
record StageResult(int exitCode, String detail, RunRecord.@Nullable Figures figures) {
  /** A stage's end without a table of figures. */
  StageResult(int exitCode, String detail) {
    this(exitCode, detail, null);
  }
}
