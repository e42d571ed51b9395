/** Tests of {@code dev.tcpv.report}. */
@NullMarked
package dev.tcpv.report;

import org.jspecify.annotations.NullMarked;
