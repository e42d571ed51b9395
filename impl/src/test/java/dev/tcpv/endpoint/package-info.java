/** Tests of the endpoint: demultiplexing, listeners, closed ports, the TIME-WAIT table, ISNs, quiet time. */
@NullMarked
package dev.tcpv.endpoint;

import org.jspecify.annotations.NullMarked;
