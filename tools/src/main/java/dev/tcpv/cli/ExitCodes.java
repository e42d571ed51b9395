package dev.tcpv.cli;

/** The exit statuses of {@code tcpv}, the same for every subcommand. */
final class ExitCodes {
  /** Everything checked held. */
  static final int OK = 0;
  /** A check failed: a model's result or count differs from the manifest, or the coverage gate failed. */
  static final int FAILED = 1;
  /** Bad usage or bad input; nothing (more) was checked. */
  static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
