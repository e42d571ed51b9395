/**
 * Model-guided conformance ({@code tcpv conform}): the state graph of a conformance model of the spec is
 * explored (in a child JVM, through TLC's API), paths that together cover every edge are planned, and two
 * engines ({@link dev.tcpv.conn.Connection}) and a network scripted by the spec are driven along each path;
 * after every step the engines' abstract state is compared with the spec state of that step.
 */
@NullMarked
package dev.tcpv.conform;

import org.jspecify.annotations.NullMarked;
