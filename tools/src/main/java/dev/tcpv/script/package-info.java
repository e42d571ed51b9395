/**
 * Packetdrill-style scripts run against the engine: a script plays the remote peer and the user of one
 * {@link dev.tcpv.endpoint.Endpoint}, injecting segments ({@code <}), expecting the engine's ({@code >}),
 * calling the socket interface and asserting the connection's state, on a clock that the script's times drive.
 *
 * <p>{@link dev.tcpv.script.ScriptParser} reads a file into a {@link dev.tcpv.script.Script} (syntax errors are
 * {@link dev.tcpv.script.ScriptSyntaxException}s with file and line), {@link dev.tcpv.script.ScriptRunner}
 * runs one, {@link dev.tcpv.script.SegmentMatcher} compares segments strictly or leniently, and
 * {@link dev.tcpv.script.ScriptSuite} runs many against an expectations file.
 */
@org.jspecify.annotations.NullMarked
package dev.tcpv.script;
