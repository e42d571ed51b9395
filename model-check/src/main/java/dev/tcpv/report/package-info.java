/** Plain-text reports for the terminal: aligned tables, durations, counts. */
@NullMarked
package dev.tcpv.report;

import org.jspecify.annotations.NullMarked;
