/** Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4, rule R-SEQ-1). */
@NullMarked
package dev.tcpv.seq;

import org.jspecify.annotations.NullMarked;
