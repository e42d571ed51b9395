package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.FaultyEngines;
import dev.tcpv.sim.ConnectionFactory;
import dev.tcpv.sim.FaultMix;
import dev.tcpv.sim.Simulator;
import dev.tcpv.sim.Workload;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TcbRecord;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trace validation of the engine in its production configuration ({@link Simulator.Profile#PRODUCTION}): runs of
 * every workload and fault mix are behaviours of the spec, with what makes them production runs checked on the
 * traces themselves; each injected engine bug is caught in such runs; a keyed ISN off its clock is rejected.
 */
class ProductionTracesTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();
  /** Production workloads x fault mixes: seeds 1..COMBINATIONS run each once. */
  private static final int COMBINATIONS = Workload.PRODUCTION.size() * FaultMix.ALL.size();

  private static void assertValid(Trace t) throws Exception {
    Verdict v = VALIDATOR.validate(t);
    Failure f = v.failure();
    assertTrue(v.ok(), () -> t.header().scenario() + ": " + (f == null ? "" : f.render()));
  }

  /** The octets {@code host} had sent and had acknowledged, at most, in any line of {@code t}. */
  private static long acknowledged(Trace t, String host) {
    long most = 0;
    for (TraceLine l : t.lines()) {
      TcbRecord r = l.tcb().get(host);
      Long una = r == null ? null : r.vars().get("sndUna");
      Long iss = r == null ? null : r.vars().get("iss");
      if (una != null && iss != null) {
        most = Math.max(most, Math.floorMod(una - iss - 1, 1L << 32));
      }
    }
    return most;
  }

  @Test
  @DisplayName("production runs of every workload and fault mix validate: MSS 1460, RFC 6298 timers, keyed ISNs, "
      + "microseconds, 1 MiB each way in bulk, zero windows probed")
  void productionRunsValidate() throws Exception {
    boolean bulk = false;
    boolean stalled = false;
    int fullSegments = 0;
    Set<Long> backoff = new HashSet<>();
    for (long seed = 1; seed <= COMBINATIONS; seed++) {
      Trace t = Simulator.production(seed).trace();
      assertValid(t);
      assertEquals(Simulator.productionScenario(seed), t.header().scenario());
      long lastRetransmission = -1;
      for (TraceLine l : t.lines()) {
        assertNotEquals("Tick", l.action(), "a production trace has no Tick lines");
        for (SegmentRecord s : l.sent()) {
          fullSegments += s.len() == 1460 ? 1 : 0;
          stalled |= s.wnd() == 0 && !s.ctl().contains("RST");
        }
        if (l.action().equals("RetransmitTimeout") && "A".equals(l.host())) {
          if (lastRetransmission >= 0) {
            backoff.add((l.t() - lastRetransmission) / 1_000_000);
          }
          lastRetransmission = l.t();
        }
      }
      if (t.header().scenario().startsWith("bulk/")
          && acknowledged(t, "A") >= Simulator.BULK_OCTETS && acknowledged(t, "B") >= Simulator.BULK_OCTETS) {
        bulk = true;
      }
    }
    assertTrue(bulk, "some bulk run moves 1 MiB each way");
    assertTrue(stalled, "some run closes a window to zero");
    assertTrue(fullSegments > 1000, "segments of a full MSS: " + fullSegments);
    assertTrue(backoff.size() > 1, "retransmission intervals (s) vary with backoff: " + backoff);
  }

  @Test
  @DisplayName("R-CC-1: production runs resend on the third duplicate ACK (FastRetransmit) and validate under the "
      + "header's fastRetransmit policy; without it the first such resend is rejected at its line")
  void fastRetransmitNeedsItsPolicy() throws Exception {
    for (long seed = 1; seed <= 200; seed++) {
      Trace t = Simulator.production(seed).trace();
      TraceLine first = t.lines().stream().filter(l -> l.action().equals("FastRetransmit")).findFirst().orElse(null);
      if (first == null) {
        continue;
      }
      assertTrue(t.header().policies().contains("fastRetransmit"), t.header().policies().toString());
      assertValid(t);
      Trace without = new Trace(t.source(), t.header().withPolicies(List.of()), t.lines());
      Failure f = VALIDATOR.validate(without).failure();
      assertTrue(f != null && f.line() == first.line(), () -> "rejected at line " + first.line() + ": " + f);
      return;
    }
    throw new AssertionError("no fast retransmit in 200 production runs");
  }

  @Test
  @DisplayName("R-WND-2 (MUST-39): a receiver that holds small openings back and then offers all its free buffer "
      + "validates; an update that offers one octet less than the buffer it freed is rejected at its line")
  void heldBackOpeningsValidate() throws Exception {
    for (long seed = 1; seed <= 300; seed++) {
      Trace t = Simulator.production(seed).trace();
      int update = heldThenOffered(t);
      if (update < 0) {
        continue;
      }
      assertValid(t);
      TraceLine l = t.lines().get(update);
      SegmentRecord s = l.sent().get(0);
      List<TraceLine> lines = new ArrayList<>(t.lines());
      lines.set(update, new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(),
          List.of(new SegmentRecord(s.src(), s.seq(), s.ack(), s.ctl(), s.len(), s.wnd() - 1)), l.tcb(),
          l.octets()));
      Failure f = VALIDATOR.validate(new Trace(t.source(), t.header(), lines)).failure();
      assertTrue(f != null && f.line() == l.line(), () -> "rejected at line " + l.line() + ": " + f);
      return;
    }
    throw new AssertionError("no production run in which a receiver holds an opening back and then offers it");
  }

  /**
   * The index of a RECEIVE line of {@code t} that sends a window update after an earlier RECEIVE of the same host
   * sent none, with no segment of that host between them (the engine holds the earlier opening back and offers it
   * with this one), the update's window below 65,535; -1 when there is none.
   */
  private static int heldThenOffered(Trace t) {
    Map<String, Boolean> silentRead = new HashMap<>();
    for (int i = 0; i < t.lines().size(); i++) {
      TraceLine l = t.lines().get(i);
      String h = l.host();
      if (h == null) {
        continue;
      }
      boolean receive = l.action().equals("Receive");
      if (receive && l.sent().size() == 1 && silentRead.getOrDefault(h, false) && l.sent().get(0).wnd() < 65_535) {
        return i;
      }
      if (receive && l.sent().isEmpty()) {
        silentRead.put(h, true);
      } else if (!l.sent().isEmpty()) {
        silentRead.put(h, false);
      }
    }
    return -1;
  }

  static List<String> faults() {
    return FaultyEngines.names();
  }

  @ParameterizedTest(name = "injected bug {0} is caught by validating production runs")
  @MethodSource("faults")
  void injectedBugCaught(String fault) throws Exception {
    for (long seed = 1; seed <= 1200; seed++) {
      Trace t = Simulator.production(seed, Simulator.PROD_STEPS, FaultyEngines.with(fault)).trace();
      if (t.lines().equals(Simulator.production(seed).trace().lines())) {
        continue; // The fault never acted: the run is the correct engine's, line for line.
      }
      Failure f = VALIDATOR.validate(t).failure();
      if (f != null) {
        assertTrue(f.line() >= 2, f.render());
        assertValid(Simulator.production(seed).trace());
        return;
      }
    }
    throw new AssertionError(fault + " not caught in 1200 production runs");
  }

  @Test
  @DisplayName("R-ISN-1: a keyed ISS one tick of the 4 us clock off is rejected at the line that draws it")
  void keyedIssOffTheClockRejected() throws Exception {
    @Nullable Trace t = null;
    int draw = -1;
    for (long seed = 1; seed <= 60 && draw < 0; seed++) {
      Trace run = Simulator.production(seed, Simulator.PROD_STEPS, ConnectionFactory.ENGINE).trace();
      int firstA = -1;
      for (int i = 0; i < run.lines().size(); i++) {
        TraceLine l = run.lines().get(i);
        if (l.action().equals("ActiveOpen") && "A".equals(l.host())) {
          if (firstA >= 0) {
            draw = i;
            t = run;
            break;
          }
          firstA = i;
        }
      }
    }
    if (t == null) {
      throw new AssertionError("no run in which A opens twice");
    }
    Trace found = t;
    // A's second ISS moved on by one: as if the clock had ticked once more, or the key had changed.
    TraceLine l = found.lines().get(draw);
    TcbRecord a = l.tcb().get("A");
    Long drawn = a == null ? null : a.vars().get("iss");
    if (drawn == null) {
      throw new AssertionError("no ISS at A's second OPEN");
    }
    long iss = drawn;
    List<TraceLine> lines = new ArrayList<>(found.lines());
    lines.set(draw, shifted(l, iss));
    for (int i = draw + 1; i < lines.size(); i++) {
      lines.set(i, shifted(lines.get(i), iss));
    }
    Failure f = VALIDATOR.validate(new Trace(found.source(), found.header(), lines)).failure();
    assertTrue(f != null && f.line() == l.line(), () -> "rejected at line " + l.line() + ": " + f);
  }

  /** {@code l} with A's ISS {@code iss} (and the numbers that follow from it) one higher. */
  private static TraceLine shifted(TraceLine l, long iss) {
    java.util.function.LongUnaryOperator up = v -> v == iss ? v + 1 : v;
    List<SegmentRecord> sent = new ArrayList<>();
    for (SegmentRecord s : l.sent()) {
      sent.add(s.src().equals("A") ? new SegmentRecord("A", up.applyAsLong(s.seq()), s.ack(), s.ctl(), s.len(),
          s.wnd()) : s);
    }
    java.util.Map<String, TcbRecord> tcb = new java.util.LinkedHashMap<>(l.tcb());
    TcbRecord a = tcb.get("A");
    if (a != null) {
      java.util.Map<String, Long> vars = new java.util.LinkedHashMap<>(a.vars());
      vars.computeIfPresent("iss", (k, v) -> up.applyAsLong(v));
      vars.computeIfPresent("sndUna", (k, v) -> up.applyAsLong(v));
      vars.computeIfPresent("sndNxt", (k, v) -> v == iss + 1 ? v + 1 : v);
      tcb.put("A", new TcbRecord(a.st(), vars));
    }
    return new TraceLine(l.line(), l.action(), l.host(), l.t(), l.rules(), l.seg(), l.age(), l.dup(), sent, tcb,
        l.octets());
  }
}
