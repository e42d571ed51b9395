/** Tests of {@code dev.tcpv.report.site}. */
@NullMarked
package dev.tcpv.report.site;

import org.jspecify.annotations.NullMarked;
