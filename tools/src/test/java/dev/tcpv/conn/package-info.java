/** Test access to the engine's fault seam (package-private in the engine). */
@NullMarked
package dev.tcpv.conn;

import org.jspecify.annotations.NullMarked;
