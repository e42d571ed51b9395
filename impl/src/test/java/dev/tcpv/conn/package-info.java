/** Tests of the connection engine, one class per RFC state, and RFC 9293's figures on two endpoints. */
@NullMarked
package dev.tcpv.conn;

import org.jspecify.annotations.NullMarked;
