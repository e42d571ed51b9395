/**
 * The simulator: two connection engines of one 4-tuple over an adversarial network (loss, duplication,
 * reordering, delay up to MSL, host crashes) driven by a seeded RNG, writing fully observed traces.
 */
@NullMarked
package dev.tcpv.sim;

import org.jspecify.annotations.NullMarked;
