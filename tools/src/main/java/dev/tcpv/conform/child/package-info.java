/**
 * Code that runs in the child JVM of {@code tcpv conform}, next to TLC, with only the TLA+ tools on the class
 * path besides it: it explores a conformance model's state graph through TLC's API and writes it to a file.
 */
@NullMarked
package dev.tcpv.conform.child;

import org.jspecify.annotations.NullMarked;
