/** Tests of the proof obligations: the list, the runner, and that each obligation can fail. */
@NullMarked
package dev.tcpv.prove;

import org.jspecify.annotations.NullMarked;
