/**
 * Model checking against the manifest: choosing the models, running TLC on each, comparing outcome and
 * state count with what the manifest expects, and the coverage gate over the actions of module Tcp.
 */
@NullMarked
package dev.tcpv.check;

import org.jspecify.annotations.NullMarked;
