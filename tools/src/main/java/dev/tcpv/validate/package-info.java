/**
 * Trace validation: each step of a trace is matched against the successors of the spec action it names,
 * computed in-process by TLC ({@link dev.tcpv.validate.TraceValidator}).
 */
@NullMarked
package dev.tcpv.validate;

import org.jspecify.annotations.NullMarked;
