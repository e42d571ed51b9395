/** Tests of {@code dev.tcpv.report.diagram}. */
@NullMarked
package dev.tcpv.report.diagram;

import org.jspecify.annotations.NullMarked;
