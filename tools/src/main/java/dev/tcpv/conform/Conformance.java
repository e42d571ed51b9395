package dev.tcpv.conform;

import dev.tcpv.check.BranchCatalogue;
import dev.tcpv.check.BranchLedger;
import dev.tcpv.check.ProjectLayout;
import dev.tcpv.conform.child.StateGraphDump;
import dev.tcpv.conn.Transitions;
import dev.tcpv.counterexample.CounterexampleRenderer;
import dev.tcpv.tlc.TlcLauncher;
import dev.tcpv.tlc.TraceState;
import dev.tcpv.tlc.child.BranchLabel;
import dev.tcpv.tracefile.TraceLine;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code tcpv conform}: for each conformance model, explore its state graph (TLC's API in a child JVM: TLC keeps
 * global state, and other stages of {@code tcpv all} use TLC too), plan paths that cover every edge, and drive
 * the engines along each path until the first divergence.
 */
public final class Conformance {
  /** The conformance models: configurations of {@code MCTcp.tla} in the models directory. */
  public static final List<String> MODELS = List.of("ConformPeers", "ConformIncarnations", "ConformLoss",
      "ConformCrash", "ConformNoReopen", "ConformAttacker", "ConformPolicies", "ConformKeepAlive", "ConformData",
      "ConformReads");

  private final ProjectLayout layout;
  private final Engine.Factory factory;
  private final PrintWriter out;
  private final PrintWriter err;
  /** Explore every graph again, not reading the kept ones. */
  private final boolean fresh;

  /**
   * The result for one model.
   *
   * @param model the model's name
   * @param states distinct states of the model
   * @param edges distinct (state, action, state') edges
   * @param covered edges taken by paths that conformed
   * @param paths paths run
   * @param steps engine steps executed (replays included)
   * @param elapsed wall time, exploration included
   * @param divergence the report of the first divergence, or null
   * @param diagramEdges the state-diagram triples (from, event, to) the model's steps take
   * @param engineTransitions the state changes the engines took ({@code "FROM action TO"})
   * @param rstStates the states in which some step took {@code ReceiveRst}
   * @param wrappedEdges edges at which the spec's sequence space wrapped under a delivered segment
   * @param branches per branch of the spec (spec/branches.json), the covered edges that take it: the engine was
   *     driven through it
   */
  public record Result(String model, int states, int edges, int covered, int paths, long steps, Duration elapsed,
      @Nullable String divergence, Set<String> diagramEdges, Set<String> engineTransitions, Set<String> rstStates,
      int wrappedEdges, Map<String, Long> branches) {
    public boolean passed() {
      return divergence == null && covered == edges;
    }
  }

  public Conformance(ProjectLayout layout, Engine.Factory factory, PrintWriter out, PrintWriter err) {
    this(layout, factory, out, err, false);
  }

  /**
   * A run that explores every model's state graph again when {@code fresh}, and otherwise reads the graph kept from
   * an earlier exploration of the same inputs ({@link KeptGraphs}).
   */
  public Conformance(ProjectLayout layout, Engine.Factory factory, PrintWriter out, PrintWriter err, boolean fresh) {
    this.layout = layout;
    this.factory = factory;
    this.out = out;
    this.err = err;
    this.fresh = fresh;
  }

  /** Checks one model, {@code name} without the {@code MC} prefix and {@code .cfg} suffix. */
  public Result run(String name, @Nullable Consumer<List<TraceLine>> pathTraces)
      throws IOException, InterruptedException, ConformException {
    long start = System.nanoTime();
    Path cfg = layout.modelsDir().resolve("MC" + name + ".cfg");
    if (!Files.isRegularFile(cfg)) {
      throw new ConformException("no conformance model " + name + " (" + cfg + ")");
    }
    ConformModel model = ConformModel.read(cfg);
    StateGraph graph = StateGraph.read(KeptGraphs.dump(layout, name, fresh, err).file());
    return drive(name, model, graph, start, pathTraces);
  }

  /** Plans the paths over {@code graph} and drives the engines along them. */
  public Result drive(String name, ConformModel model, StateGraph graph, long startNanos,
      @Nullable Consumer<List<TraceLine>> pathTraces) throws ConformException {
    List<int[]> paths = PathPlanner.plan(graph);
    err.println(name + ": " + graph.stateCount() + " states, " + graph.edgeCount() + " edges, "
        + paths.size() + " paths");
    err.flush();
    PathRunner runner = new PathRunner(graph, model, factory);
    BitSet covered = new BitSet(graph.edgeCount());
    long steps = 0;
    int run = 0;
    String divergence = null;
    for (int[] path : paths) {
      List<TraceLine> events = pathTraces == null ? null : new ArrayList<>();
      PathRunner.Divergence d = runner.run(path, events);
      run++;
      steps += path.length;
      if (d != null) {
        for (int i = 0; i < d.step(); i++) {
          covered.set(path[i]);
        }
        divergence = render(graph, path, d);
        break;
      }
      for (int e : path) {
        covered.set(e);
      }
      if (pathTraces != null && events != null) {
        pathTraces.accept(events);
      }
    }
    Set<String> diagram = new TreeSet<>();
    Set<String> rst = new TreeSet<>();
    Map<String, Long> branches = new TreeMap<>();
    for (int e = covered.nextSetBit(0); e >= 0; e = covered.nextSetBit(e + 1)) {
      graph.branches(e).forEach(b -> branches.merge(b, 1L, Long::sum));
    }
    for (int e = 0; e < graph.edgeCount(); e++) {
      SpecState pre = graph.state(graph.from(e));
      SpecState post = graph.state(graph.to(e));
      for (String h : SpecState.HOSTS) {
        String a = pre.tcb(h).st();
        String b = post.tcb(h).st();
        if (!a.equals(b)) {
          diagram.add(TypedTransitions.specTriple(a, graph.label(e), b));
        }
      }
      String label = graph.label(e);
      if (label.startsWith("ReceiveRst(")) {
        rst.add(pre.tcb(label.substring(11, 12)).st());
      }
    }
    return new Result(name, graph.stateCount(), graph.edgeCount(), covered.cardinality(), run, steps,
        Duration.ofNanos(System.nanoTime() - startNanos), divergence, diagram, runner.engineTransitions(), rst,
        runner.wrappedEdges().size(), branches);
  }

  /**
   * Prints which branches of the spec the engines were driven through; with every conformance model run ({@code
   * gated}), fails (returns 1) unless every branch of the catalogue was, less those exempt or not driven yet.
   */
  public int reportBranches(List<Result> results, boolean gated, BranchCatalogue catalogue) {
    BranchLedger ledger = BranchLedger.forConform(catalogue);
    results.forEach(r -> ledger.record(r.model(), r.branches()));
    String what = "the engines along the conformance models";
    out.println(gated ? ledger.gateLine(what) : "Branches: " + ledger.summary(what));
    out.flush();
    return gated && !ledger.passed() ? 1 : 0;
  }

  /** The divergence as the path in RFC vocabulary up to the differing step, then expected and actual. */
  static String render(StateGraph graph, int[] path, PathRunner.Divergence d) {
    List<TraceState> trace = new ArrayList<>();
    trace.add(graph.traceState(0, graph.from(path[0]), ""));
    for (int i = 0; i <= d.step(); i++) {
      trace.add(graph.traceState(i + 1, graph.to(path[i]), graph.label(path[i])));
    }
    return CounterexampleRenderer.render(trace)
        + "DIVERGENCE at step " + (d.step() + 2) + " (" + graph.label(path[d.step()]) + "): " + d.what() + "\n"
        + "  expected (spec):   " + d.expected() + "\n"
        + "  actual (engine):   " + d.actual() + "\n";
  }

  /** The model's state graph: kept from an earlier exploration of the same inputs, or explored now and kept. */
  public static StateGraph explore(ProjectLayout layout, String name)
      throws IOException, InterruptedException, ConformException {
    return StateGraph.read(KeptGraphs.dump(layout, name, false, new PrintWriter(java.io.Writer.nullWriter())).file());
  }

  /**
   * Runs {@link StateGraphDump} in a child JVM and leaves the model's state graph in {@code dump}, which {@link
   * StateGraph#read} reads; the graph depends only on the spec and the model, never on an engine.
   */
  public static void dump(ProjectLayout layout, String name, Path dump)
      throws IOException, InterruptedException, ConformException {
    Path scratch = Files.createTempDirectory("tcpv-conform-");
    Path log = scratch.resolve("child.log");
    try {
      String java = ProcessHandle.current().info().command()
          .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
      List<String> command = List.of(java, "-Xmx3g", TlcLauncher.COLLECTOR, "-Dfile.encoding=UTF-8",
          "-DTLA-Library=" + layout.specDir(), "-Djava.io.tmpdir=" + scratch,
          "-cp", String.join(File.pathSeparator, codeSource(tlc2.TLC.class).toString(),
              codeSource(BranchLabel.class).toString(), codeSource(StateGraphDump.class).toString()),
          StateGraphDump.class.getName(), layout.modelsDir().toString(), "MCTcp", "MC" + name,
          dump.toString());
      Process p = new ProcessBuilder(command).directory(layout.modelsDir().toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      int status = p.waitFor();
      if (status != 0) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        throw new ConformException("exploring " + name + " failed (status " + status + "): " + last);
      }
    } finally {
      try (var files = Files.walk(scratch)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** The class path entry (jar or directory) {@code type} was loaded from. */
  static Path codeSource(Class<?> type) throws IOException {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IOException("cannot locate the class path entry of " + type.getName());
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("cannot locate the class path entry of " + type.getName(), e);
    }
  }

  /**
   * Compares the engine's transition table with its sealed types, with the transitions the engines took and
   * with the triples the models' steps take (all of them only when {@code allModels}); prints the verdict and
   * returns 0 when they agree, 1 otherwise.
   */
  public int reportDiagram(List<Result> results, boolean allModels) {
    List<Transitions.Entry> table = Transitions.table();
    Set<String> engine = TypedTransitions.triples(table);
    Set<String> spec = new TreeSet<>();
    Set<String> taken = new TreeSet<>();
    results.forEach(r -> {
      spec.addAll(r.diagramEdges());
      taken.addAll(r.engineTransitions());
    });
    List<String> diff = new ArrayList<>(TypedTransitions.typeProblems(table));
    diff.addAll(TypedTransitions.runProblems(table, taken, allModels));
    if (allModels) {
      diff.addAll(TypedTransitions.compare(engine, spec));
    }
    out.printf("State diagram: the engine's table has %d (from, event, to) triples (%d engine-only, %d not "
        + "reached by the models), the models take %d (%d of a host crash, spec-only), the engines took %d%s%n",
        engine.size(),
        TypedTransitions.ENGINE_ONLY.size(), TypedTransitions.NOT_IN_MODELS.size(), spec.size(),
        spec.stream().filter(t -> t.contains("--HOST CRASH-->")).count(), taken.size(),
        diff.isEmpty() ? ": equal" : ": DIFFERENT");
    diff.forEach(d -> out.println("  " + d));
    out.flush();
    return diff.isEmpty() ? 0 : 1;
  }

  /** Prints the report for {@code results}; returns the exit status (0 only at full coverage, no divergence). */
  public int report(List<Result> results) {
    int exit = 0;
    for (Result r : results) {
      if (r.divergence() != null) {
        out.print(r.divergence());
      }
      out.printf("%s: %,d states, %,d edges, %,d covered (%.1f%%), %,d paths, %,d steps, %.1f s: %s%n",
          r.model(), r.states(), r.edges(), r.covered(), 100.0 * r.covered() / Math.max(1, r.edges()), r.paths(),
          r.steps(), r.elapsed().toMillis() / 1000.0, r.passed() ? "ok" : "FAIL");
      out.println("  state-diagram triples taken (" + r.diagramEdges().size() + "): "
          + String.join(", ", r.diagramEdges()));
      out.println("  ReceiveRst taken in: " + String.join(", ", r.rstStates()));
      if (r.wrappedEdges() > 0) {
        out.printf("  note: at %,d edges a delivered segment, lifted next to the receiver's variables, differs from "
            + "its sender's 32-bit numbers (numbers further apart than SeqMod / 2: a RST <SEQ=0>, or an ISN clock "
            + "that moved that far during a connection); the engine got the spec's order%n", r.wrappedEdges());
      }
      if (!r.passed()) {
        exit = 1;
      }
    }
    out.flush();
    return exit;
  }
}
