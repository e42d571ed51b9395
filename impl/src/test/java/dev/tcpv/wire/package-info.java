/** Tests of the segment codec, named after the rules they observe (S-9, R-FMT-1, R-FMT-2, R-FMT-3, MUST-64). */
@NullMarked
package dev.tcpv.wire;

import org.jspecify.annotations.NullMarked;
