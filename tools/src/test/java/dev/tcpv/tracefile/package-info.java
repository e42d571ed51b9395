/** Tests of the trace file format: the reader on any input. */
@org.jspecify.annotations.NullMarked
package dev.tcpv.tracefile;
