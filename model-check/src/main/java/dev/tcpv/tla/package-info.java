/**
 * TLA+ values as TLC prints them in error traces, and a parser for that text.
 *
 * <p>TLC reports the states of a counterexample only as pretty-printed TLA+ text; turning that text back
 * into values is what lets the counterexample be retold in RFC 9293 terms.
 */
@NullMarked
package dev.tcpv.tla;

import org.jspecify.annotations.NullMarked;
