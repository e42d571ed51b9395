/**
 * Packet captures (libpcap, pcapng) read into the segments of each TCP connection they hold, and those turned into
 * traces the validator checks against the spec with both TCBs hidden ({@link dev.tcpv.capture.Captures}).
 */
@NullMarked
package dev.tcpv.capture;

import org.jspecify.annotations.NullMarked;
