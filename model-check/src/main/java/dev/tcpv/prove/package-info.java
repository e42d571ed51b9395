/**
 * Proof obligations checked by TLC: the inductive invariant of the spec (initiation, consecution, and that it
 * implies the safety properties) and the refinement of the abstract connection service, listed in
 * {@code proofs/obligations.json}, each run in its own TLC process.
 */
@NullMarked
package dev.tcpv.prove;

import org.jspecify.annotations.NullMarked;
