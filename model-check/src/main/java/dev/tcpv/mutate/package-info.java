/**
 * The spec-mutation gate ({@code tcpv mutate}): a catalogue of small, realistic mistakes in {@code spec/Tcp.tla}
 * (each one exact text replaced by another), each checked with TLC on a model the unmutated spec passes.
 *
 * <p>A mutant that some model notices (an invariant or property violated, or a deadlock) is killed; one that
 * passes shows a rule the models do not pin down, and fails the gate unless the catalogue explains why it
 * survives. This measures the models and properties, not the spec: a property that no mistake can violate
 * checks nothing.
 */
@NullMarked
package dev.tcpv.mutate;

import org.jspecify.annotations.NullMarked;
