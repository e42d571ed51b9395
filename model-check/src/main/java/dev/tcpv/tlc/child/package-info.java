/**
 * Code that runs inside the child JVM next to TLC, with only the TLA+ tools on the class path besides it.
 *
 * <p>TLC 2.18's own {@code -coverage} builds a cost model by walking every operator's body once per call
 * path, which takes hours and all memory on a spec built from many small, shared helper operators (the Tcp
 * spec is one). The coverage gate needs far less: how many successor states each action generated. TLC
 * hands every transition, with its action, to its state writer ({@code -dump} uses it), so a state writer
 * that only counts gives the numbers at no measurable cost.
 */
@NullMarked
package dev.tcpv.tlc.child;

import org.jspecify.annotations.NullMarked;
