package dev.tcpv.tlc;

import java.time.Duration;

/**
 * A progress report TLC prints while it searches (once a minute).
 *
 * @param distinct distinct states found so far
 * @param depth the depth of the search so far
 * @param elapsed time since the child JVM started
 */
public record TlcProgress(long distinct, int depth, Duration elapsed) {}
