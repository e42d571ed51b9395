/** Tests of {@code dev.tcpv.manifest}. */
@NullMarked
package dev.tcpv.manifest;

import org.jspecify.annotations.NullMarked;
