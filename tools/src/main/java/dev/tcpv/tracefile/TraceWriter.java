package dev.tcpv.tracefile;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a trace as ndjson: the header, then one line per step. Fields come in a fixed order, so equal traces
 * are equal bytes.
 */
public final class TraceWriter {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final Writer out;

  /** A writer to {@code out}; the caller closes it. */
  public TraceWriter(Writer out) {
    this.out = out;
  }

  /** Writes the header line. */
  public void header(TraceHeader h) throws IOException {
    out.write(headerJson(h));
    out.write('\n');
  }

  /** Writes one step. */
  public void line(TraceLine l) throws IOException {
    out.write(lineJson(l));
    out.write('\n');
  }

  /** Writes a whole trace. */
  public void trace(Trace t) throws IOException {
    header(t.header());
    for (TraceLine l : t.lines()) {
      line(l);
    }
    out.flush();
  }

  /** The header as one JSON line, without the newline. */
  public static String headerJson(TraceHeader h) {
    JsonObject o = new JsonObject();
    o.addProperty("format", TraceHeader.FORMAT);
    o.add("observed", strings(h.observed()));
    o.addProperty("seqMod", h.seqMod());
    o.addProperty("msl", h.msl());
    o.addProperty("tickMicros", h.tickMicros());
    o.addProperty("isn", h.isn());
    o.addProperty("isnRate", h.isnRate());
    JsonObject offsets = new JsonObject();
    offsets.addProperty("A", h.isnOffsetA());
    offsets.addProperty("B", h.isnOffsetB());
    o.add("isnOffset", offsets);
    o.addProperty("rcvWnd", h.rcvWnd());
    o.addProperty("mss", h.mss());
    o.addProperty("sendMax", h.sendMax());
    if (h.reads()) {
      o.addProperty("reads", true);
    }
    o.add("timers", timers(h.timers()));
    o.addProperty("rfc5961", h.rfc5961());
    o.addProperty("rfc1337", h.rfc1337());
    o.addProperty("twReopen", h.twReopen());
    if (h.inject() > 0) {
      o.addProperty("inject", h.inject());
    }
    o.addProperty("seed", h.seed());
    o.addProperty("scenario", h.scenario());
    if (!h.policies().isEmpty()) {
      o.add("policies", strings(h.policies()));
    }
    return GSON.toJson(o);
  }

  /** A step as one JSON line, without the newline. */
  public static String lineJson(TraceLine l) {
    JsonObject o = new JsonObject();
    o.addProperty("action", l.action());
    String host = l.host();
    if (host != null) {
      o.addProperty("host", host);
    }
    o.addProperty("us", l.t());
    if (l.action().equals("Send") || l.action().equals("Receive")) {
      o.addProperty("octets", l.octets());
    }
    if (!l.rules().isEmpty()) {
      o.add("rules", strings(l.rules()));
    }
    SegmentRecord seg = l.seg();
    if (seg != null) {
      o.add("seg", segment(seg));
      o.addProperty("age", l.age());
      if (l.dup()) {
        o.addProperty("dup", true);
      }
    }
    if (!l.sent().isEmpty()) {
      JsonArray sent = new JsonArray();
      for (SegmentRecord s : l.sent()) {
        sent.add(segment(s));
      }
      o.add("sent", sent);
    }
    if (!l.tcb().isEmpty()) {
      JsonObject tcbs = new JsonObject();
      for (Map.Entry<String, TcbRecord> e : l.tcb().entrySet()) {
        JsonObject t = new JsonObject();
        t.addProperty("st", e.getValue().st());
        for (Map.Entry<String, Long> v : e.getValue().vars().entrySet()) {
          t.addProperty(v.getKey(), v.getValue());
        }
        tcbs.add(e.getKey(), t);
      }
      o.add("tcb", tcbs);
    }
    return GSON.toJson(o);
  }

  private static JsonObject timers(Timers t) {
    JsonObject o = new JsonObject();
    o.add("rto", bounds(t.rto()));
    o.addProperty("backoff", t.backoff());
    if (t.maxRetries() >= 0) {
      o.addProperty("maxRetries", t.maxRetries());
    }
    Bounds r2 = t.r2();
    Bounds r2Syn = t.r2Syn();
    if (r2 != null && r2Syn != null) {
      o.add("r2", bounds(r2));
      o.add("r2Syn", bounds(r2Syn));
    }
    o.add("timeWait", bounds(t.timeWait()));
    o.addProperty("keepAlive", t.keepAlive());
    o.add("kaIdle", bounds(t.kaIdle()));
    o.add("kaInterval", bounds(t.kaInterval()));
    o.addProperty("kaProbes", t.kaProbes());
    Bounds delayedAck = t.delayedAck();
    if (delayedAck != null) {
      o.add("delayedAck", bounds(delayedAck));
    }
    return o;
  }

  private static JsonObject bounds(Bounds b) {
    JsonObject o = new JsonObject();
    o.addProperty("min", b.min());
    o.addProperty("max", b.max());
    return o;
  }

  private static JsonObject segment(SegmentRecord s) {
    JsonObject o = new JsonObject();
    o.addProperty("src", s.src());
    o.addProperty("seq", s.seq());
    o.addProperty("ack", s.ack());
    o.add("ctl", strings(s.ctl()));
    o.addProperty("len", s.len());
    o.addProperty("wnd", s.wnd());
    return o;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
