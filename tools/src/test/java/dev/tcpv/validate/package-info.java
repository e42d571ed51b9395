/** Tests. */
@NullMarked
package dev.tcpv.validate;

import org.jspecify.annotations.NullMarked;
