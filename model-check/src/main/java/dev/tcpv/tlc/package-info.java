/**
 * Running TLC 2.18 in a child JVM and reading what it reports.
 *
 * <p>TLC keeps global state, so each model runs in its own JVM. Its {@code -tool} output frames every
 * message as {@code @!@!@STARTMSG code:severity @!@!@ ... @!@!@ENDMSG code @!@!@}; the codes (see
 * {@link dev.tcpv.tlc.TlcCode}) are what this package reads, never TLC's prose, except where the prose is
 * the only place a name (of an invariant or property) or a number appears.
 */
@NullMarked
package dev.tcpv.tlc;

import org.jspecify.annotations.NullMarked;
