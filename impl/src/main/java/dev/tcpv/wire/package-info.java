/**
 * The TCP segment codec: header format, options, checksum and IP framing (RFC 9293 §3.1–3.2; rules S-9,
 * R-FMT-1, R-FMT-2, R-FMT-3).
 *
 * <p>{@link dev.tcpv.wire.SegmentCodec} turns bytes into a {@link dev.tcpv.wire.Segment} and back;
 * {@link dev.tcpv.wire.IpPacket} does the same for an IPv4 or IPv6 packet carrying one segment. Decoding never
 * throws on untrusted input: every malformed input is a {@link dev.tcpv.wire.DecodeError} value naming the
 * offset of the offending octet and the reason (R-FMT-3), so malformed bytes never reach the state machine.
 * Everything here is immutable and free of I/O.
 */
@NullMarked
package dev.tcpv.wire;

import org.jspecify.annotations.NullMarked;
