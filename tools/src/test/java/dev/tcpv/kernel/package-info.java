@NullMarked
package dev.tcpv.kernel;

import org.jspecify.annotations.NullMarked;
