/**
 * Retelling TLC's error traces in the words of RFC 9293: segments as {@code <SEQ=5><ACK=9><CTL=SYN,ACK>},
 * TCB variables as SND.UNA and RCV.NXT, state changes as {@code LISTEN -> SYN-RECEIVED}.
 *
 * <p>A counterexample is the product of model checking that people read; TLC's dump of every variable in
 * every state buries the one field that changed.
 */
@NullMarked
package dev.tcpv.counterexample;

import org.jspecify.annotations.NullMarked;
