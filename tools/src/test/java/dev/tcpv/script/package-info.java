/** Tests of the script runner and of the project's own scripts. */
@org.jspecify.annotations.NullMarked
package dev.tcpv.script;
