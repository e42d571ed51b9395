package dev.tcpv.tracefile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads a trace; every malformed line is a {@link TraceFormatException} naming the file and line. */
public final class TraceReader {
  private static final Set<String> HOSTS = Set.of("A", "B");
  private static final Set<String> STATES =
      Set.of("CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2",
          "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT");

  private TraceReader() {}

  /** Reads the file. */
  public static Trace read(Path file) throws IOException, TraceFormatException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), r);
    }
  }

  /** Reads a trace from {@code in}; {@code source} names it in messages. */
  public static Trace read(String source, Reader in) throws IOException, TraceFormatException {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    String first = r.readLine();
    if (first == null) {
      throw new TraceFormatException(source + ":1: empty file, expected a " + TraceHeader.FORMAT + " header");
    }
    TraceHeader header = header(source, first);
    List<TraceLine> lines = new ArrayList<>();
    int n = 1;
    for (String text = r.readLine(); text != null; text = r.readLine()) {
      n++;
      if (text.isBlank()) {
        continue;
      }
      TraceLine l = line(source, n, text);
      if (!lines.isEmpty() && l.t() < lines.get(lines.size() - 1).t()) {
        throw new TraceFormatException(source + ":" + n + ": time goes back, to " + l.t() + " us from "
            + lines.get(lines.size() - 1).t() + " us");
      }
      lines.add(l);
    }
    Trace trace = new Trace(source, header, lines);
    SeqSpace.checkSpan(trace);
    checkTicks(trace);
    return trace;
  }

  /** The most ticks a trace may span and a timer bound may be: sums of two stay within TLC's 32-bit integers. */
  public static final long MAX_TICKS = 1L << 30;

  /**
   * Checks that the trace's times and timer bounds, in ticks of its {@code tickMicros}, are at most {@link
   * #MAX_TICKS}, as the validator needs (TLC's integers are 32-bit).
   */
  public static void checkTicks(Trace trace) throws TraceFormatException {
    TraceHeader h = trace.header();
    long tick = h.tickMicros();
    String hint = "; give the trace a longer tickMicros";
    List<Bounds> bounds = new ArrayList<>(List.of(h.timers().rto(), h.timers().timeWait(), h.timers().kaIdle(),
        h.timers().kaInterval(), Bounds.exactly(h.msl())));
    Bounds r2 = h.timers().r2();
    Bounds r2Syn = h.timers().r2Syn();
    if (r2 != null && r2Syn != null) {
      bounds.add(r2);
      bounds.add(r2Syn);
    }
    for (Bounds b : bounds) {
      if (Math.ceilDiv(b.max(), tick) + 1 > MAX_TICKS) {
        throw new TraceFormatException(trace.source() + ":1: a timer bound of " + b.max() + " us is more than "
            + MAX_TICKS + " ticks of " + tick + " us" + hint);
      }
    }
    for (TraceLine l : trace.lines()) {
      if (l.t() / tick > MAX_TICKS) {
        throw new TraceFormatException(trace.source() + ":" + l.line() + ": the time " + l.t()
            + " us is more than " + MAX_TICKS + " ticks of " + tick + " us" + hint);
      }
    }
  }

  private static JsonObject object(String where, String text) throws TraceFormatException {
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw new TraceFormatException(where + ": not a JSON object");
      }
      return e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new TraceFormatException(where + ": not JSON: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(@Nullable String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** Parses a header line. */
  public static TraceHeader header(String source, String text) throws TraceFormatException {
    String where = source + ":1";
    JsonObject o = object(where, text);
    String format = string(where, o, "format");
    if (!format.equals(TraceHeader.FORMAT)) {
      throw new TraceFormatException(where + ": format \"" + format + "\" is not " + TraceHeader.FORMAT);
    }
    List<String> observed = strings(where, o, "observed");
    if (observed.isEmpty() || !HOSTS.containsAll(observed)) {
      throw new TraceFormatException(where + ": observed must list A and/or B");
    }
    String isn = string(where, o, "isn");
    if (!isn.equals("clock") && !isn.equals("observed") && !isn.equals("keyed")) {
      throw new TraceFormatException(where + ": isn must be \"clock\", \"observed\" or \"keyed\"");
    }
    JsonObject offsets = obj(where, o, "isnOffset");
    long seqMod = num(where, o, "seqMod", 4, SeqSpace.TCP_MOD);
    if (seqMod > SeqSpace.SPEC_MOD && seqMod != SeqSpace.TCP_MOD) {
      throw new TraceFormatException(where + ": seqMod must be at most 2^30 (" + SeqSpace.SPEC_MOD
          + ") or TCP's 2^32 (" + SeqSpace.TCP_MOD + "), not " + seqMod);
    }
    // Absent for a stack that follows no named policy.
    List<String> policies = o.has("policies") ? strings(where, o, "policies") : List.of();
    for (String p : policies) {
      if (!TraceHeader.known(p)) {
        throw new TraceFormatException(where + ": unknown policy \"" + p + "\" (" + TraceHeader.KNOWN + ")");
      }
    }
    return new TraceHeader(
        observed,
        seqMod,
        num(where, o, "msl", 1, MAX_MICROS),
        num(where, o, "tickMicros", 1, MAX_MICROS),
        isn,
        num(where, o, "isnRate", 1, Math.min(seqMod, SeqSpace.MAX_SPAN)),
        num(where, offsets, "A", 0, seqMod - 1),
        num(where, offsets, "B", 0, seqMod - 1),
        (int) num(where, o, "rcvWnd", 1, 65535),
        // Absent in traces made before segments of any length: one octet per segment and per SEND.
        o.has("mss") ? (int) num(where, o, "mss", 1, 65535) : 1,
        o.has("sendMax") ? (int) num(where, o, "sendMax", 1, 1 << 26) : 1,
        // Absent in traces made before RECEIVE calls: text goes to the user as it arrives.
        o.has("reads") && bool(where, o, "reads"),
        timers(where + ": timers", obj(where, o, "timers")),
        bool(where, o, "rfc5961"),
        bool(where, o, "rfc1337"),
        bool(where, o, "twReopen"),
        // Absent in traces without an attacker.
        o.has("inject") ? (int) num(where, o, "inject", 0, 1000) : 0,
        num(where, o, "seed", -1, Long.MAX_VALUE),
        o.has("scenario") ? string(where, o, "scenario") : "",
        policies);
  }

  /** The longest time a trace's header or lines may give, in microseconds: about 292 years. */
  static final long MAX_MICROS = Long.MAX_VALUE / 1000;

  /** The header's timers; {@link Timers} and {@link Bounds} check their own consistency. */
  private static Timers timers(String where, JsonObject o) throws TraceFormatException {
    Bounds r2 = o.has("r2") ? bounds(where, o, "r2") : null;
    Bounds r2Syn = o.has("r2Syn") ? bounds(where, o, "r2Syn") : null;
    int maxRetries = o.has("maxRetries") ? (int) num(where, o, "maxRetries", 0, 1 << 20) : -1;
    Bounds rto = bounds(where, o, "rto");
    boolean backoff = bool(where, o, "backoff");
    Bounds timeWait = bounds(where, o, "timeWait");
    boolean keepAlive = bool(where, o, "keepAlive");
    Bounds kaIdle = bounds(where, o, "kaIdle");
    Bounds kaInterval = bounds(where, o, "kaInterval");
    int kaProbes = (int) num(where, o, "kaProbes", 1, 1 << 20);
    // Absent for a stack that acknowledges at once.
    Bounds delayedAck = o.has("delayedAck") ? bounds(where, o, "delayedAck") : null;
    try {
      return new Timers(rto, backoff, maxRetries, r2, r2Syn, timeWait, keepAlive, kaIdle, kaInterval, kaProbes,
          delayedAck);
    } catch (IllegalArgumentException e) {
      throw new TraceFormatException(where + ": " + e.getMessage());
    }
  }

  private static Bounds bounds(String where, JsonObject o, String name) throws TraceFormatException {
    JsonObject b = obj(where, o, name);
    try {
      return new Bounds(num(where + "." + name, b, "min", 0, MAX_MICROS), num(where + "." + name, b, "max", 0,
          MAX_MICROS));
    } catch (IllegalArgumentException e) {
      throw new TraceFormatException(where + "." + name + ": " + e.getMessage());
    }
  }

  /** Parses a step line; {@code n} is its line number. */
  public static TraceLine line(String source, int n, String text) throws TraceFormatException {
    String where = source + ":" + n;
    JsonObject o = object(where, text);
    String action = string(where, o, "action");
    String host = o.has("host") ? string(where, o, "host") : null;
    if (host != null && !HOSTS.contains(host)) {
      throw new TraceFormatException(where + ": host must be A or B, not " + host);
    }
    long t = num(where, o, "us", 0, MAX_MICROS);
    List<String> rules = o.has("rules") ? strings(where, o, "rules") : List.of();
    SegmentRecord seg = o.has("seg") ? segment(where + ": seg", obj(where, o, "seg")) : null;
    long age = o.has("age") ? num(where, o, "age", 0, MAX_MICROS) : 0;
    if (age > t) {
      throw new TraceFormatException(where + ": age " + age + " us is more than the time " + t + " us");
    }
    boolean dup = o.has("dup") && bool(where, o, "dup");
    List<SegmentRecord> sent = new ArrayList<>();
    if (o.has("sent")) {
      JsonArray a = array(where, o, "sent");
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isJsonObject()) {
          throw new TraceFormatException(where + ": sent[" + i + "] is not an object");
        }
        sent.add(segment(where + ": sent[" + i + "]", a.get(i).getAsJsonObject()));
      }
    }
    Map<String, TcbRecord> tcb = new LinkedHashMap<>();
    if (o.has("tcb")) {
      JsonObject tcbs = obj(where, o, "tcb");
      for (Map.Entry<String, JsonElement> e : tcbs.entrySet()) {
        if (!HOSTS.contains(e.getKey()) || !e.getValue().isJsonObject()) {
          throw new TraceFormatException(where + ": tcb." + e.getKey() + " is not a host's TCB");
        }
        tcb.put(e.getKey(), tcb(where + ": tcb." + e.getKey(), e.getValue().getAsJsonObject()));
      }
    }
    int octets = 0;
    if (action.equals("Send")) {
      // A Send line without the field comes from the format before it: its call queued one octet.
      octets = o.has("octets") ? (int) num(where, o, "octets", 1, 1 << 30) : 1;
    } else if (action.equals("Receive")) {
      octets = (int) num(where, o, "octets", 1, 1 << 30);
    } else if (o.has("octets")) {
      throw new TraceFormatException(where + ": octets belongs to Send and Receive lines only, not " + action);
    }
    return new TraceLine(n, action, host, t, rules, seg, age, dup, sent, tcb, octets);
  }

  private static TcbRecord tcb(String where, JsonObject o) throws TraceFormatException {
    String st = string(where, o, "st");
    if (!STATES.contains(st)) {
      throw new TraceFormatException(where + ": st \"" + st + "\" is not an RFC state");
    }
    Map<String, Long> vars = new LinkedHashMap<>();
    for (String f : TcbRecord.FIELDS) {
      if (o.has(f)) {
        vars.put(f, num(where, o, f, 0, 0xFFFFFFFFL));
      }
    }
    for (String k : o.keySet()) {
      if (!k.equals("st") && !TcbRecord.FIELDS.contains(k)) {
        throw new TraceFormatException(where + ": unknown field " + k);
      }
    }
    return new TcbRecord(st, vars);
  }

  private static SegmentRecord segment(String where, JsonObject o) throws TraceFormatException {
    String src = string(where, o, "src");
    if (!HOSTS.contains(src)) {
      throw new TraceFormatException(where + ": src must be A or B");
    }
    List<String> ctl = strings(where, o, "ctl");
    List<String> ordered = new ArrayList<>();
    for (String f : SegmentRecord.FLAG_ORDER) {
      if (ctl.contains(f)) {
        ordered.add(f);
      }
    }
    if (ordered.size() != ctl.size()) {
      throw new TraceFormatException(where + ": ctl holds something other than SYN, ACK, FIN, RST once each");
    }
    return new SegmentRecord(src, num(where, o, "seq", 0, 0xFFFFFFFFL), num(where, o, "ack", 0, 0xFFFFFFFFL),
        ordered, (int) num(where, o, "len", 0, 65535), (int) num(where, o, "wnd", 0, 65535));
  }

  private static JsonElement field(String where, JsonObject o, String name) throws TraceFormatException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw new TraceFormatException(where + ": missing field " + name);
    }
    return e;
  }

  private static String string(String where, JsonObject o, String name) throws TraceFormatException {
    JsonElement e = field(where, o, name);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new TraceFormatException(where + ": " + name + " is not a string");
    }
    return e.getAsString();
  }

  private static boolean bool(String where, JsonObject o, String name) throws TraceFormatException {
    JsonElement e = field(where, o, name);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw new TraceFormatException(where + ": " + name + " is not true or false");
    }
    return e.getAsBoolean();
  }

  private static long num(String where, JsonObject o, String name, long min, long max) throws TraceFormatException {
    JsonElement e = field(where, o, name);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new TraceFormatException(where + ": " + name + " is not a number");
    }
    long v;
    try {
      v = e.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException | NumberFormatException x) {
      throw new TraceFormatException(where + ": " + name + " is not an integer");
    }
    if (v < min || v > max) {
      throw new TraceFormatException(where + ": " + name + " = " + v + " is outside " + min + ".." + max);
    }
    return v;
  }

  private static JsonObject obj(String where, JsonObject o, String name) throws TraceFormatException {
    JsonElement e = field(where, o, name);
    if (!e.isJsonObject()) {
      throw new TraceFormatException(where + ": " + name + " is not an object");
    }
    return e.getAsJsonObject();
  }

  private static JsonArray array(String where, JsonObject o, String name) throws TraceFormatException {
    JsonElement e = field(where, o, name);
    if (!e.isJsonArray()) {
      throw new TraceFormatException(where + ": " + name + " is not an array");
    }
    return e.getAsJsonArray();
  }

  private static List<String> strings(String where, JsonObject o, String name) throws TraceFormatException {
    JsonArray a = array(where, o, name);
    List<String> out = new ArrayList<>();
    for (JsonElement e : a) {
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw new TraceFormatException(where + ": " + name + " holds something other than strings");
      }
      out.add(e.getAsString());
    }
    return out;
  }
}
