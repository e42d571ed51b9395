package dev.tcpv.report.diagram;

import dev.tcpv.tlc.TraceState;
import dev.tcpv.tracefile.TraceLine;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds {@link Diagram}s from the runs the project produces: TLC's error traces and engine traces. */
public final class Diagrams {
  private Diagrams() {}

  /**
   * The diagram of a TLC error trace of the Tcp spec (as {@link dev.tcpv.tlc.TlcResult#trace()} holds it). A
   * segment is followed by its value in {@code net}: one that leaves {@code net} in a {@code Lose} step is lost, one
   * that leaves in any other step arrives at its {@code dst}, one that appears was sent by its {@code src}; a step
   * that spends the duplication budget delivers a copy, one that spends the attacker's budget a forged segment. A
   * liveness counterexample's last entry is a last row: {@code stutters forever}, or {@code back to state n} (then
   * {@link Diagram#loopsBackTo()} is that state's row). A state whose variables do not parse as the spec's shapes
   * gives a row without the parts it cannot read.
   *
   * @param trace the trace, in order
   * @param verdict what the trace violates, shown at its last row (e.g. {@code NoUnrequestedConnectionInv
   *     violated: B is ESTABLISHED for a SYN nobody sent}); null for none
   */
  public static Diagram fromTlcTrace(List<TraceState> trace, @Nullable String verdict) {
    return TlcTraceDiagram.read(trace, verdict);
  }

  /**
   * The diagram of a fully observed engine trace (hosts A and B, as {@code tcpv simulate} writes them): one row per
   * line. A segment in a line's {@code sent} leaves its host at that row; a line that takes a segment ({@code seg})
   * takes the earliest identical one sent and not yet taken: a {@code Lose} line loses it, a line with {@code dup}
   * receives a copy and leaves it in flight, any other line receives it. A segment taken that was never sent is
   * drawn as forged.
   */
  public static Diagram fromTraceLines(List<TraceLine> lines) {
    return EngineTraceDiagram.read(lines);
  }
}
