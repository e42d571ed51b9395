/**
 * The one mapping between the spec's constants and the engine's configuration: {@link
 * dev.tcpv.config.SpecConstants} turns a model's constants into a {@code TcpConfig} and a trace header's timers,
 * and a {@code TcpConfig} back into the timer bounds a trace header states.
 */
@NullMarked
package dev.tcpv.config;

import org.jspecify.annotations.NullMarked;
