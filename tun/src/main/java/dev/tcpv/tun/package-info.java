/**
 * The engine on a Linux TUN device: {@link dev.tcpv.tun.TunDevice} opens one through the Foreign Function and
 * Memory API (no JNI, no native build), and {@link dev.tcpv.tun.EventLoop} runs one
 * {@link dev.tcpv.endpoint.Endpoint} over it on a real clock, on one thread. The engine itself stays sans-I/O.
 */
@NullMarked
package dev.tcpv.tun;

import org.jspecify.annotations.NullMarked;
