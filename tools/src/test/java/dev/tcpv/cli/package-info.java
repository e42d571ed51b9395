/** Tests of {@code dev.tcpv.cli}. */
@NullMarked
package dev.tcpv.cli;

import org.jspecify.annotations.NullMarked;
