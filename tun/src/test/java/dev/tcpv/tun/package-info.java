/** Tests of the TUN driver's C bindings that need no device: errno, messages, interface names. */
@NullMarked
package dev.tcpv.tun;

import org.jspecify.annotations.NullMarked;
