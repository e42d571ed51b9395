/**
 * Installing Debian packages from more than one process at a time: {@link dev.tcpv.apt.AptLock} lets one
 * installer run on the machine while the others wait for it.
 */
@NullMarked
package dev.tcpv.apt;

import org.jspecify.annotations.NullMarked;
