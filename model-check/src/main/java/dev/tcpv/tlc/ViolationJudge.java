package dev.tcpv.tlc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Names the violation of an error trace that TLC printed without naming it.
 *
 * <p>TLC's distributed server prints the trace of a violation a worker found, but not the worker's message that
 * says which invariant or action property failed (or that the last state is a deadlock). The judge checks the
 * trace's last step alone with TLC in one JVM: a module whose initial state is the last-but-one state of the trace
 * and whose next-state relation leads only to the last state, under the model's own configuration (its constants,
 * invariants, action properties and deadlock setting; the temporal properties the distributed run did not check
 * are left out, since a two-state behaviour would violate them for no reason of the model's). Whatever TLC reports
 * there is what the last step violates; a last state without a successor under the spec's {@code Next} is a
 * deadlock (when the model checks for deadlocks; the judge's own next-state relation cannot tell). A trace of one
 * state is judged as an initial state.
 */
public final class ViolationJudge {
  static final String MODULE = "TcpvJudge";
  /** The judge's own invariant: the last state has a successor under the spec's {@code Next}. */
  static final String STUCK = MODULE + "NotStuck";

  private final TlcLauncher launcher;

  public ViolationJudge(TlcLauncher launcher) {
    this.launcher = launcher;
  }

  /**
   * What the last step of {@code trace}, found while checking {@code job}, violates; a {@link TlcOutcome.Failure}
   * when one TLC JVM finds no violation in it.
   *
   * @param unchecked the properties the run that found the trace did not check
   */
  public TlcOutcome judge(TlcJob job, List<TraceState> trace, Set<String> unchecked)
      throws IOException, InterruptedException {
    if (trace.isEmpty()) {
      throw new IllegalArgumentException("no trace to judge");
    }
    Path dir = Files.createTempDirectory("tcpv-judge-");
    try {
      try (Stream<Path> files = Files.list(job.modelsDir())) {
        for (Path tla : files.filter(p -> p.toString().endsWith(".tla")).toList()) {
          Files.copy(tla, dir.resolve(String.valueOf(tla.getFileName())));
        }
      }
      String cfg = Files.readString(job.configFile(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(MODULE + ".tla"), module(stripTla(job.module()), trace), StandardCharsets.UTF_8);
      String judgedCfg = config(cfg, unchecked) + (job.checkDeadlock() ? "\nINVARIANT " + STUCK + "\n" : "");
      Files.writeString(dir.resolve(MODULE + ".cfg"), judgedCfg, StandardCharsets.UTF_8);
      // The judge's next-state relation stops at the last state: the deadlock check is its own invariant.
      TlcJob judged = new TlcJob(job.model() + " (judge)", dir, MODULE + ".tla", MODULE + ".cfg", job.specDir(), 1,
          false);
      TlcOutcome outcome = launcher.run(judged, progress -> { }).outcome();
      return switch (outcome) {
        case TlcOutcome.InvariantViolated v -> v.invariant().equals(STUCK) ? new TlcOutcome.Deadlock() : v;
        case TlcOutcome.PropertyViolated v -> v;
        case TlcOutcome.Deadlock d -> d;
        case TlcOutcome.Failure f -> new TlcOutcome.Failure(
            "TLC reported a violation without naming it, and checking its last step in one JVM failed: " + f.message());
        default -> new TlcOutcome.Failure("TLC reported a violation without naming it, and its last step violates "
            + "nothing when checked in one JVM (" + outcome.label() + ")");
      };
    } finally {
      TlcLauncher.deleteTree(dir);
    }
  }

  /** The judge's module: the model's module, started in the last-but-one state, stepping to the last only. */
  static String module(String extended, List<TraceState> trace) {
    TraceState last = trace.get(trace.size() - 1);
    TraceState first = trace.size() == 1 ? last : trace.get(trace.size() - 2);
    StringBuilder m = new StringBuilder();
    m.append("---- MODULE ").append(MODULE).append(" ----\n");
    m.append("EXTENDS ").append(extended).append(", TLC\n");
    m.append(MODULE).append("Init ==\n").append(conjunction(first.variables(), ""));
    m.append(MODULE).append("Next ==\n");
    if (trace.size() == 1) {
      // No step: FALSE, written with a primed variable so that TLC takes it for an action, not a constant.
      String v = last.variables().keySet().iterator().next();
      m.append("  /\\ FALSE\n  /\\ ").append(v).append("' = ").append(v).append('\n');
    } else {
      m.append(conjunction(last.variables(), "'"));
    }
    // The last state is a deadlock when the spec's own next-state relation has no step from it.
    m.append(STUCK).append(" ==\n  ~(").append(conjunction(last.variables(), "", 4).strip())
        .append(")\n  \\/ ENABLED Next\n");
    m.append("====\n");
    return m.toString();
  }

  private static String conjunction(Map<String, String> variables, String prime) {
    return conjunction(variables, prime, 2);
  }

  /** One bullet {@code /\ v = value} a line, the bullets at column {@code indent}. */
  private static String conjunction(Map<String, String> variables, String prime, int indent) {
    String margin = " ".repeat(indent);
    StringBuilder c = new StringBuilder();
    variables.forEach((name, value) -> c.append(margin).append("/\\ ").append(name).append(prime).append(" = ")
        .append(value.strip().replace("\n", "\n" + margin + "    ")).append('\n'));
    return c.toString();
  }

  /**
   * The model's configuration with the judge's initial state and next-state relation in place of its
   * specification, and without the properties in {@code dropped}.
   */
  static String config(String cfg, Set<String> dropped) {
    List<String> out = new ArrayList<>();
    boolean inProperties = false;
    for (String line : cfg.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("SPECIFICATION")) {
        out.add("INIT " + MODULE + "Init");
        out.add("NEXT " + MODULE + "Next");
        continue;
      }
      String keyword = t.split("\\s+", 2)[0];
      if (ConfigProperties.KEYWORDS.contains(keyword)) {
        inProperties = keyword.startsWith("PROPERT");
      }
      if (inProperties && dropped.contains(t)) {
        continue;
      }
      out.add(line);
    }
    return String.join("\n", out);
  }

  private static String stripTla(String name) {
    return name.endsWith(".tla") ? name.substring(0, name.length() - 4) : name;
  }
}
