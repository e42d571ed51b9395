package dev.tcpv.sim;

import dev.tcpv.wire.Segment;

/**
 * A segment one engine put on the simulated network.
 *
 * @param micros the simulated clock when it was sent, in microseconds (tick x tick length)
 * @param host the sending host: 0 for A, 1 for B
 * @param segment the segment as the engine built it (ports of the simulated 4-tuple, options, data)
 */
public record SentSegment(long micros, int host, Segment segment) {}
