package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.FaultyEngines;
import dev.tcpv.sim.ConnectionFactory;
import dev.tcpv.sim.Simulator;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.tracefile.TraceProjection;
import dev.tcpv.tracefile.TraceWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TraceValidatorTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();

  private final Path tmp;

  TraceValidatorTest(@TempDir Path tmp) {
    this.tmp = tmp;
  }

  @Test
  @DisplayName("simulated traces of every workload and fault mix validate")
  void simulatedTracesValidate() throws Exception {
    for (long seed = 1; seed <= 96; seed++) {
      Verdict v = VALIDATOR.validate(Simulator.run(seed, 300));
      Failure f = v.failure();
      assertTrue(v.ok(), () -> f == null ? "" : f.render());
    }
  }

  @Test
  @DisplayName("simulated traces with segments of up to 3 octets and SEND calls of 1 to 6 validate")
  void multiOctetTracesValidate() throws Exception {
    int multi = 0;
    for (long seed = 1; seed <= 96; seed++) {
      Trace t = Simulator.simulate(seed, 300, ConnectionFactory.ENGINE, 3).trace();
      Verdict v = VALIDATOR.validate(t);
      Failure f = v.failure();
      assertTrue(v.ok(), () -> f == null ? "" : f.render());
      for (TraceLine l : t.lines()) {
        for (SegmentRecord o : l.sent()) {
          multi += o.len() > 1 ? 1 : 0;
        }
      }
    }
    assertTrue(multi > 100, "segments of more than one octet: " + multi);
  }

  @Test
  @DisplayName("R-WND-1, R-WND-2: traces whose users read through RECEIVE calls validate: windows close, the sender "
      + "probes, RECEIVE opens them again")
  void readsTracesValidate() throws Exception {
    int receives = 0;
    int probes = 0;
    int zero = 0;
    for (long seed = 1; seed <= 96; seed++) {
      Trace t = Simulator.simulate(seed, 300, ConnectionFactory.ENGINE, 3, true).trace();
      assertTrue(t.header().reads());
      Verdict v = VALIDATOR.validate(t);
      Failure f = v.failure();
      assertTrue(v.ok(), () -> f == null ? "" : f.render());
      for (TraceLine l : t.lines()) {
        receives += l.action().equals("Receive") ? 1 : 0;
        probes += l.action().equals("WindowProbe") ? 1 : 0;
        zero += (int) l.sent().stream().filter(o -> o.wnd() == 0 && !o.ctl().contains("RST")).count();
      }
    }
    assertTrue(receives > 100 && probes > 0 && zero > 20,
        "RECEIVE calls " + receives + ", window probes " + probes + ", zero windows advertised " + zero);
  }

  /**
   * Tampering with what windows add: the window a segment advertises, or the octets a RECEIVE call took when the
   * call sent a window update, changed by one; the trace is rejected at that line.
   */
  @Test
  @DisplayName("R-WND-2: a reads trace with an advertised window or a RECEIVE's octets changed is rejected at that "
      + "line")
  void tamperedWindowRejectedAtThatLine() throws Exception {
    SplittableRandom rng = new SplittableRandom(11);
    int tampered = 0;
    int receives = 0;
    for (long seed = 1; tampered < 40 || receives < 5; seed++) {
      Trace t = Simulator.simulate(seed, 300, ConnectionFactory.ENGINE, 3, true).trace();
      List<Integer> candidates = new ArrayList<>();
      List<Integer> updates = new ArrayList<>();
      for (int k = 0; k < t.lines().size(); k++) {
        TraceLine l = t.lines().get(k);
        if (l.sent().stream().anyMatch(o -> !o.ctl().contains("RST") && o.wnd() > 0)) {
          candidates.add(k);
          if (l.action().equals("Receive")) {
            updates.add(k);
          }
        }
      }
      if (candidates.isEmpty()) {
        continue;
      }
      boolean update = !updates.isEmpty() && rng.nextInt(4) == 0;
      int i = update ? updates.get(rng.nextInt(updates.size())) : candidates.get(rng.nextInt(candidates.size()));
      TraceLine l = t.lines().get(i);
      TraceLine bad;
      if (update) {
        bad = new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), l.sent(),
            l.tcb(), l.octets() > 1 && rng.nextBoolean() ? l.octets() - 1 : l.octets() + 1);
        receives++;
      } else {
        int delta = rng.nextBoolean() ? 1 : -1;
        List<SegmentRecord> sent = new ArrayList<>();
        for (SegmentRecord o : l.sent()) {
          sent.add(o.ctl().contains("RST") || o.wnd() == 0
              ? o
              : new SegmentRecord(o.src(), o.seq(), o.ack(), o.ctl(), o.len(), o.wnd() + delta));
        }
        bad = new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), sent,
            l.tcb(), l.octets());
      }
      List<TraceLine> lines = new ArrayList<>(t.lines());
      lines.set(i, bad);
      Failure f = VALIDATOR.validate(new Trace(t.source(), t.header(), lines)).failure();
      if (f == null) {
        throw new AssertionError("seed " + seed + " line " + l.line() + " tampered, not rejected: " + bad);
      }
      assertEquals(l.line(), f.line(), "seed " + seed + ": " + f.render());
      tampered++;
    }
    assertTrue(receives > 0, "no RECEIVE line tampered");
  }

  /**
   * Tampering with what segments of several octets add: the length of a segment sent or taken, or the octets a
   * SEND call queued, changed by one; the trace is rejected at that line.
   */
  @Test
  @DisplayName("a multi-octet trace with a segment's length changed is rejected at that line, a SEND's octets "
      + "where they go out")
  void tamperedLengthRejectedAtThatLine() throws Exception {
    SplittableRandom rng = new SplittableRandom(7);
    int tampered = 0;
    for (long seed = 1; tampered < 40; seed++) {
      Trace t = Simulator.simulate(seed, 300, ConnectionFactory.ENGINE, 3).trace();
      List<Integer> candidates = new ArrayList<>();
      for (int k = 0; k < t.lines().size(); k++) {
        TraceLine l = t.lines().get(k);
        boolean text = l.sent().stream().anyMatch(o -> o.len() > 0) || (l.seg() != null && nn(l.seg()).len() > 0);
        if (text || (l.action().equals("Send") && finFollows(t, k))) {
          candidates.add(k);
        }
      }
      if (candidates.isEmpty()) {
        continue;
      }
      int i = candidates.get(rng.nextInt(candidates.size()));
      TraceLine l = t.lines().get(i);
      int delta = rng.nextBoolean() ? 1 : -1;
      TraceLine bad;
      if (l.action().equals("Send")) {
        int octets = l.octets() + delta < 1 ? l.octets() + 1 : l.octets() + delta;
        bad = new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), l.sent(),
            l.tcb(), octets);
      } else {
        List<SegmentRecord> sent = new ArrayList<>();
        for (SegmentRecord o : l.sent()) {
          sent.add(o.len() > 0 ? longer(o, delta) : o);
        }
        SegmentRecord seg = l.seg();
        if (seg != null && seg.len() > 0 && (sent.equals(l.sent()) || rng.nextBoolean())) {
          seg = longer(seg, delta);
          sent = l.sent();
        }
        bad = new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), seg, l.age(), l.dup(), sent, l.tcb(),
            l.octets());
      }
      List<TraceLine> lines = new ArrayList<>(t.lines());
      lines.set(i, bad);
      Failure f = VALIDATOR.validate(new Trace(t.source(), t.header(), lines)).failure();
      if (f == null) {
        throw new AssertionError("seed " + seed + " line " + l.line() + " tampered, not rejected: " + bad);
      }
      if (l.action().equals("Send")) {
        // The octets of a SEND are seen only in the line that claims them: the spec queues what it says, and the
        // claim fails where the data goes out or the FIN does (later, or at the end of the trace).
        assertTrue(f.line() >= l.line(), "seed " + seed + ": " + f.render());
      } else {
        assertEquals(l.line(), f.line(), "seed " + seed + ": " + f.render());
      }
      tampered++;
    }
  }

  /**
   * Whether the host of line {@code k} sends a FIN later in the same incarnation: the FIN's sequence number pins
   * the octets its user SENT, so a SEND that claims other octets cannot pass. (A SEND of an incarnation that ends
   * before its data or FIN goes out is a claim nothing in the trace contradicts.)
   */
  private static boolean finFollows(Trace t, int k) {
    String h = t.lines().get(k).host();
    for (TraceLine l : t.lines().subList(k + 1, t.lines().size())) {
      if (!java.util.Objects.equals(h, l.host())) {
        continue;
      }
      if (l.sent().stream().anyMatch(o -> o.ctl().contains("FIN"))) {
        return true;
      }
      if (List.of("ActiveOpen", "PassiveOpen", "Abort", "Crash", "GiveUp", "KeepAliveGiveUp").contains(l.action())
          || l.sent().stream().anyMatch(o -> o.ctl().contains("RST"))) {
        return false;
      }
    }
    return false;
  }

  /** The segment with {@code delta} more octets (at least 1 left: a segment of text stays one). */
  private static SegmentRecord longer(SegmentRecord s, int delta) {
    int len = s.len() + delta < 1 ? s.len() + 1 : s.len() + delta;
    return new SegmentRecord(s.src(), s.seq(), s.ack(), s.ctl(), len, s.wnd());
  }

  /**
   * Tampering: one constrained field of one random line changed, the trace is rejected at that line. Fields the
   * spec does not constrain: {@code t} (the time, which the Tick lines carry), and the header's {@code seed} and
   * {@code scenario}; {@code rules} is checked against the branch catalogue ({@link RuleTagsTest}).
   */
  @Test
  @DisplayName("a trace with one field of one line changed is rejected at that line")
  void tamperedTraceRejectedAtThatLine() throws Exception {
    SplittableRandom rng = new SplittableRandom(42);
    int tampered = 0;
    for (long seed = 1; tampered < 60; seed++) {
      Trace t = Simulator.run(seed, 300);
      int i = rng.nextInt(t.lines().size());
      TraceLine l = t.lines().get(i);
      TraceLine bad = tamper(l, rng);
      if (bad == null) {
        continue;
      }
      List<TraceLine> lines = new ArrayList<>(t.lines());
      lines.set(i, bad);
      Verdict v = VALIDATOR.validate(new Trace(t.source(), t.header(), lines));
      Failure f = v.failure();
      if (f == null) {
        throw new AssertionError("seed " + seed + " line " + l.line() + " tampered, not rejected: " + bad);
      }
      assertEquals(l.line(), f.line(), "seed " + seed + ": " + f.render());
      tampered++;
    }
  }

  /** One field of the line's observation changed; null when the line observes nothing tamperable. */
  private static @Nullable TraceLine tamper(TraceLine l, SplittableRandom rng) {
    List<String> options = new ArrayList<>();
    for (Map.Entry<String, TcbRecord> e : l.tcb().entrySet()) {
      options.add("st:" + e.getKey());
      for (String f : e.getValue().vars().keySet()) {
        options.add("var:" + e.getKey() + ":" + f);
      }
    }
    for (int k = 0; k < l.sent().size(); k++) {
      options.add("sent:" + k);
    }
    if (l.seg() != null) {
      options.add("seg");
    }
    if (options.isEmpty()) {
      return null;
    }
    String o = options.get(rng.nextInt(options.size()));
    String[] p = o.split(":");
    Map<String, TcbRecord> tcb = new LinkedHashMap<>(l.tcb());
    List<SegmentRecord> sent = new ArrayList<>(l.sent());
    SegmentRecord seg = l.seg();
    switch (p[0]) {
      case "st" -> {
        TcbRecord r = nn(tcb.get(p[1]));
        tcb.put(p[1], new TcbRecord(r.st().equals("CLOSING") ? "LAST-ACK" : "CLOSING", r.vars()));
      }
      case "var" -> {
        TcbRecord r = nn(tcb.get(p[1]));
        Map<String, Long> vars = new LinkedHashMap<>(r.vars());
        vars.put(p[2], nn(vars.get(p[2])) + 1);
        tcb.put(p[1], new TcbRecord(r.st(), vars));
      }
      case "sent" -> sent.set(Integer.parseInt(p[1]), plusOne(sent.get(Integer.parseInt(p[1]))));
      default -> seg = plusOne(nn(seg));
    }
    return new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), seg, l.age(), l.dup(), sent, tcb);
  }

  private static <T> T nn(@Nullable T value) {
    if (value == null) {
      throw new AssertionError("missing value");
    }
    return value;
  }

  private static SegmentRecord plusOne(SegmentRecord s) {
    return new SegmentRecord(s.src(), s.seq() + 1, s.ack(), s.ctl(), s.len(), s.wnd());
  }

  static List<String> faults() {
    return FaultyEngines.namesWithoutAttacker();
  }

  /** Whether {@code fault} lives in the receive window, which moves only when the users read (RECEIVE calls). */
  private static boolean needsReads(String fault) {
    return fault.startsWith("WINDOW_");
  }

  @ParameterizedTest(name = "injected bug {0} is caught by validating simulated runs")
  @MethodSource("faults")
  void injectedBugCaught(String fault) throws Exception {
    boolean reads = needsReads(fault);
    for (long seed = 1; seed <= 2000; seed++) {
      Trace t = Simulator.simulate(seed, 300, FaultyEngines.with(fault), 1, reads).trace();
      Path file = tmp.resolve(fault + "-" + seed + ".ndjson");
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        new TraceWriter(w).trace(t);
      }
      Verdict v = VALIDATOR.validate(file);
      Failure f = v.failure();
      if (f != null) {
        assertTrue(f.render().startsWith(file + ":" + f.line() + ": "), f.render());
        assertTrue(f.line() >= 2);
        // The production engine passes the same seed.
        assertTrue(VALIDATOR.validate(Simulator.simulate(seed, 300, ConnectionFactory.ENGINE, 1, reads).trace()).ok(),
            "clean engine, seed " + seed);
        return;
      }
      Files.delete(file);
    }
    throw new AssertionError(fault + " not caught in 2000 simulated runs");
  }

  @ParameterizedTest(name = "injected bug {0} is caught by validating simulated runs with segments of up to 3 octets "
      + "and users who read through RECEIVE calls")
  @MethodSource("faults")
  void injectedBugCaughtMultiOctet(String fault) throws Exception {
    for (long seed = 1; seed <= 2000; seed++) {
      Failure f =
          VALIDATOR.validate(Simulator.simulate(seed, 300, FaultyEngines.with(fault), 3, true).trace()).failure();
      if (f != null) {
        assertTrue(VALIDATOR.validate(Simulator.simulate(seed, 300, ConnectionFactory.ENGINE, 3, true).trace()).ok(),
            "clean engine, seed " + seed);
        return;
      }
    }
    throw new AssertionError(fault + " not caught in 2000 simulated runs of MSS 3 with reads");
  }

  @ParameterizedTest(name = "a trace of one endpoint validates, its peer {0}; a tampered one fails")
  @org.junit.jupiter.params.provider.EnumSource(Peer.class)
  void oneEndpoint(Peer peer) throws Exception {
    TraceValidator validator = VALIDATOR.withPeer(peer);
    int validated = 0;
    for (long seed : new long[] {0, 4}) {
      Trace full = Simulator.run(seed, 120);
      Trace a = TraceProjection.observe(full, "A");
      Verdict v = validator.validate(a);
      Failure f = v.failure();
      assertTrue(v.ok(), () -> f == null ? "" : f.render());
      validated++;
      int i = -1;
      for (int k = 0; k < a.lines().size(); k++) {
        TcbRecord ra = a.lines().get(k).tcb().get("A");
        if (ra != null && ra.vars().containsKey("sndNxt")) {
          i = k;
          break;
        }
      }
      assertTrue(i >= 0);
      TraceLine l = a.lines().get(i);
      TcbRecord r = nn(l.tcb().get("A"));
      Map<String, Long> vars = new LinkedHashMap<>(r.vars());
      vars.put("sndNxt", nn(vars.get("sndNxt")) + 1);
      List<TraceLine> lines = new ArrayList<>(a.lines());
      lines.set(i, new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(),
          l.sent(), Map.of("A", new TcbRecord(r.st(), vars))));
      Failure bad = validator.validate(new Trace(a.source(), a.header(), lines)).failure();
      if (bad == null) {
        throw new AssertionError("tampered one-endpoint trace accepted");
      }
      assertEquals(l.line(), bad.line(), bad.render());
    }
    assertEquals(2, validated);
  }

  @Test
  @DisplayName("an exported trace module is checked by stock TLC: a valid trace passes, a tampered one deadlocks")
  void exportCheckedByTlc() throws Exception {
    Trace t = Simulator.run(2, 300);
    Path ok = TraceExport.write(t, tmp.resolve("ok"));
    assertEquals(0, tlc(ok), "valid trace");
    List<TraceLine> lines = new ArrayList<>(t.lines());
    int i = 0;
    while (lines.get(i).sent().isEmpty() || i < lines.size() / 3) {
      i++;
    }
    TraceLine l = lines.get(i);
    List<SegmentRecord> sent = new ArrayList<>(l.sent());
    sent.set(0, plusOne(sent.get(0)));
    lines.set(i, new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), sent,
        l.tcb()));
    Path bad = TraceExport.write(new Trace(t.source(), t.header(), lines), tmp.resolve("bad"));
    assertFalse(tlc(bad) == 0, "tampered trace");
  }

  @Test
  @DisplayName("an exported multi-octet trace passes stock TLC; with a SEND's octets changed it deadlocks")
  void exportMultiOctetCheckedByTlc() throws Exception {
    Trace t = Simulator.simulate(3, 300, ConnectionFactory.ENGINE, 3).trace();
    assertEquals(0, tlc(TraceExport.write(t, tmp.resolve("multi-ok"))), "valid trace");
    List<TraceLine> lines = new ArrayList<>(t.lines());
    int i = 0;
    while (!lines.get(i).action().equals("Send") || !finFollows(t, i)) {
      i++;
    }
    TraceLine l = lines.get(i);
    lines.set(i, new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), l.sent(),
        l.tcb(), l.octets() + 1));
    Path bad = TraceExport.write(new Trace(t.source(), t.header(), lines), tmp.resolve("multi-bad"));
    assertFalse(tlc(bad) == 0, "tampered trace");
  }

  private static int tlc(Path module) throws Exception {
    Path dir = nn(module.getParent());
    String name = String.valueOf(module.getFileName()).replace(".tla", "");
    Path spec = Path.of(System.getProperty("tcpv.root", ".")).resolve("spec/Tcp.tla");
    Files.copy(spec, dir.resolve("Tcp.tla"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "tlc2.TLC",
        "-workers", "1", "-metadir", dir.resolve("meta").toString(), "-config", name + ".cfg", name)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("tlc.out").toFile()).start();
    return p.waitFor();
  }
}
