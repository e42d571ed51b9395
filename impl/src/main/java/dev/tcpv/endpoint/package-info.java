/**
 * The endpoint: many connections of one host behind one entry point, without I/O, clock reads or threads.
 * {@link dev.tcpv.endpoint.Endpoint} demultiplexes segments by 4-tuple, keeps listeners and a compact TIME-WAIT
 * table, answers closed ports (R-OPEN-2) and keeps the quiet time after a restart (R-ISN-2);
 * {@link dev.tcpv.endpoint.KeyedIsnGenerator} draws ISNs per R-ISN-1.
 */
@NullMarked
package dev.tcpv.endpoint;

import org.jspecify.annotations.NullMarked;
