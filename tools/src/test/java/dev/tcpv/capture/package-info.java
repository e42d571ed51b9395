/** Tests. */
@NullMarked
package dev.tcpv.capture;

import org.jspecify.annotations.NullMarked;
