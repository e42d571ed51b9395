/** Tests. */
@NullMarked
package dev.tcpv.sim;

import org.jspecify.annotations.NullMarked;
