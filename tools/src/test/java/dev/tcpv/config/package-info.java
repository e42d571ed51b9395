/** Tests. */
@NullMarked
package dev.tcpv.config;

import org.jspecify.annotations.NullMarked;
