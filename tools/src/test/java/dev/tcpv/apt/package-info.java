@NullMarked
package dev.tcpv.apt;

import org.jspecify.annotations.NullMarked;
