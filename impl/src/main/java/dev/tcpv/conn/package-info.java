/**
 * The connection engine: one TCB of RFC 9293 (§3.3.1) driven by user calls, arriving segments and timeouts
 * (§3.10), without I/O, clock reads or threads. Start with {@link dev.tcpv.conn.Connection}.
 */
@NullMarked
package dev.tcpv.conn;

import org.jspecify.annotations.NullMarked;
