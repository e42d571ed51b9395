package dev.tcpv.cli;

/**
 * How a stage of {@code tcpv all} ended.
 *
 * @param exitCode the stage's exit status, as its subcommand would return it
 * @param detail one line for the summary table
 */
record StageResult(int exitCode, String detail) {}
