/** Tests of model-guided conformance. */
@NullMarked
package dev.tcpv.conform;

import org.jspecify.annotations.NullMarked;
