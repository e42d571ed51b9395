package dev.tcpv.capture;

import dev.tcpv.capture.Captures.Conversation;
import dev.tcpv.capture.Captures.Incarnation;
import dev.tcpv.tracefile.SeqSpace;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Validates every connection of a capture against the spec, both TCBs hidden: one trace per 4-tuple, its
 * incarnations together (a TIME-WAIT reopen is judged against the TIME-WAIT before it). A 4-tuple whose
 * incarnations' numbers lie too far apart to map soundly onto the spec's sequence space (docs/traces.md, "32-bit
 * sequence numbers") is validated one incarnation at a time instead, and the result says so.
 */
public final class CaptureValidation {
  private CaptureValidation() {}

  /**
   * The outcome for one incarnation.
   *
   * @param conversation its 4-tuple ({@link Conversation#name})
   * @param incarnation which one, with its frames
   * @param verdict {@code valid}, {@code rejected}, or {@code not judged} (after an earlier incarnation of the
   *     4-tuple was rejected)
   * @param failure for a rejection, the report naming its frame; else null
   * @param alone whether it was validated on its own (its 4-tuple's numbers too far apart for one trace)
   */
  public record Result(String conversation, Incarnation incarnation, String verdict, @Nullable String failure,
      boolean alone) {}

  /**
   * A capture validated.
   *
   * @param file the capture's name
   * @param split what the capture holds
   * @param results one per incarnation, in order
   * @param packets the packets validated
   * @param nanos the time validation took (without reading the file or loading the spec into TLC)
   * @param branches the branches of the spec (spec/branches.json) the validated packets' steps took, with how many
   *     packets took each
   */
  public record Report(String file, Captures.Split split, List<Result> results, long packets, long nanos,
      Map<String, Long> branches) {
    /** Copies the list and the map. */
    public Report {
      results = List.copyOf(results);
      branches = Map.copyOf(branches);
    }

    /** Whether an incarnation was rejected. */
    public boolean rejected() {
      return results.stream().anyMatch(r -> r.verdict().equals("rejected"));
    }
  }

  /** Validates every connection of {@code f} with the constants of {@code profile}. */
  public static Report validate(CaptureFile f, TraceHeader profile, TraceValidator validator) throws IOException {
    return validate(f, profile, Map.of(), validator);
  }

  /**
   * Validates every connection of {@code f} with the constants of {@code profile}, each host following the policies
   * of the profile {@code byAddress} gives its address (an address literal, IPv6 with or without brackets), or
   * else {@code profile}'s (docs/findings.md F5). Timers and the other constants are {@code profile}'s for both.
   */
  public static Report validate(CaptureFile f, TraceHeader profile, Map<String, TraceHeader> byAddress,
      TraceValidator validator) throws IOException {
    Captures.Split split = Captures.split(f);
    List<Result> results = new ArrayList<>();
    long packets = 0;
    long nanos = 0;
    Map<String, Long> branches = new TreeMap<>();
    for (Conversation c : split.conversations()) {
      Trace whole = Captures.trace(c, 0, c.packets().size(), profile, byAddress, f.name());
      if (!narrow(whole)) {
        // Each incarnation on its own: its numbers stay within one narrow arc.
        int from = 0;
        boolean stop = false;
        for (Incarnation inc : c.incarnations()) {
          if (stop) {
            results.add(new Result(c.name(), inc, "not judged", null, true));
            continue;
          }
          Verdict one = validator.validate(Captures.trace(c, from, from + inc.packets(), profile, byAddress,
              f.name()));
          packets += one.events();
          nanos += one.nanos();
          one.branches().forEach((b, n) -> branches.merge(b, n, Long::sum));
          Failure fail = one.failure();
          results.add(new Result(c.name(), inc, fail == null ? "valid" : "rejected",
              fail == null ? null : render(fail), true));
          stop = fail != null;
          from += inc.packets();
        }
        continue;
      }
      Verdict v = validator.validate(whole);
      packets += v.events();
      nanos += v.nanos();
      v.branches().forEach((b, n) -> branches.merge(b, n, Long::sum));
      Failure fail = v.failure();
      for (Incarnation inc : c.incarnations()) {
        String verdict = fail == null || fail.line() > inc.last() ? "valid"
            : fail.line() >= inc.first() ? "rejected" : "not judged";
        results.add(new Result(c.name(), inc, verdict, verdict.equals("rejected") && fail != null ? render(fail)
            : null, false));
      }
    }
    return new Report(f.name(), split, results, packets, nanos, branches);
  }

  /** Whether the numbers of {@code t} lie on arcs narrow enough to map onto the spec's space soundly. */
  private static boolean narrow(Trace t) {
    try {
      SeqSpace.checkSpan(t);
      return true;
    } catch (TraceFormatException tooWide) {
      return false;
    }
  }

  /** A failure's report, its first line naming the frame: {@code file: frame N: ...}. */
  static String render(Failure f) {
    String r = f.render();
    String prefix = f.source() + ":" + f.line() + ":";
    return r.startsWith(prefix) ? f.source() + ": frame " + f.line() + ":" + r.substring(prefix.length()) : r;
  }
}
