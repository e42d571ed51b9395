/** Plain-text reports for the terminal: aligned tables, durations, counts. */
@NullMarked
package dev.tcpv.text;

import org.jspecify.annotations.NullMarked;
