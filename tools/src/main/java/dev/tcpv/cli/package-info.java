/**
 * The {@code tcpv} command line: {@code check} (model checking against the manifest) and {@code all}
 * (everything CI needs, with a summary table).
 *
 * <p>Exit status 0 when everything held, 1 on a verification failure, 2 on bad usage or bad input with a
 * one-line reason on stderr; never a stack trace for a user's mistake.
 */
@NullMarked
package dev.tcpv.cli;

import org.jspecify.annotations.NullMarked;
