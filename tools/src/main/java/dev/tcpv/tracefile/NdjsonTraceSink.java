package dev.tcpv.tracefile;

import dev.tcpv.trace.TraceEvent;
import dev.tcpv.trace.TraceSink;
import dev.tcpv.wire.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * A {@link TraceSink} that writes the events of one engine as trace lines of one observed host: the spec action,
 * the segment received, the segments sent and the host's TCB after the step. Write the header first ({@link
 * TraceWriter#header}) with {@code observed} set to the host. The network's and the peer's steps stay hidden; each
 * line carries the engine's time, from which the validator takes the time that passed between lines.
 */
public final class NdjsonTraceSink implements TraceSink {
  private final TraceWriter writer;
  private final String host;
  private int line = 1;

  /**
   * A sink for host {@code host}.
   *
   * @param out where lines go
   * @param host {@code A} or {@code B}
   */
  public NdjsonTraceSink(Writer out, String host) {
    this.writer = new TraceWriter(out);
    this.host = host;
  }

  @Override
  public void event(TraceEvent e) {
    Segment r = e.received();
    SegmentRecord seg = r == null ? null : EngineRecords.segment(host.equals("A") ? "B" : "A", r);
    List<SegmentRecord> sent = e.sent().stream().map(s -> EngineRecords.segment(host, s)).toList();
    try {
      writer.line(new TraceLine(++line, e.action().specName(), host,
          e.nowMicros(), e.ruleIds(), seg, 0, false, sent,
          Map.of(host, EngineRecords.tcbAfter(e)), e.octets()));
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
