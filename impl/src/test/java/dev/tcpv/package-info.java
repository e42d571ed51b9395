/** Checks across the whole test suite, such as every endpoint rule ID being named by a test. */
@NullMarked
package dev.tcpv;

import org.jspecify.annotations.NullMarked;
