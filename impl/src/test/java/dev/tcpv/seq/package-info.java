/** Tests of sequence-number arithmetic. */
@NullMarked
package dev.tcpv.seq;

import org.jspecify.annotations.NullMarked;
