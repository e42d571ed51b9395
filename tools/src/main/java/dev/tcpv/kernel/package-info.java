/**
 * The Linux kernel's TCP held against the spec: scenarios of real connections between Java sockets inside a
 * private network namespace, captured on its loopback by tcpdump and validated with the {@code linux} profile.
 */
@NullMarked
package dev.tcpv.kernel;

import org.jspecify.annotations.NullMarked;
