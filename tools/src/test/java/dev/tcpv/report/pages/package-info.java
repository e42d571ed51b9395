@NullMarked
package dev.tcpv.report.pages;

import org.jspecify.annotations.NullMarked;
