package dev.tcpv.conform;

import dev.tcpv.conform.child.StateGraphDump;
import dev.tcpv.tlc.TraceState;
import dev.tcpv.tlc.TraceStateParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The state graph of a model as {@link StateGraphDump} wrote it: the actions of {@code Next}, the states
 * (decoded, and as TLC printed them for rendering) and the edges, each a distinct (state, action, successor).
 * State 0 is the initial state.
 */
public final class StateGraph {
  private final List<String> actions;
  private final List<String> texts;
  private final List<SpecState> states;
  private final int[] from;
  private final int[] action;
  private final int[] to;
  private final int[] outStart;
  private final int[] outEdges;
  private final List<List<String>> branches;

  /** A graph from its parts (edges as parallel arrays), its edges without branches; tests build small graphs. */
  public StateGraph(List<String> actions, List<String> texts, List<SpecState> states, int[] from, int[] action,
      int[] to) {
    this(actions, texts, states, from, action, to, java.util.Collections.nCopies(from.length, List.of()));
  }

  /** A graph from its parts, with the branches of the spec each edge takes. */
  public StateGraph(List<String> actions, List<String> texts, List<SpecState> states, int[] from, int[] action,
      int[] to, List<List<String>> branches) {
    if (branches.size() != from.length) {
      throw new IllegalArgumentException("one list of branches per edge");
    }
    this.branches = List.copyOf(branches);
    this.actions = List.copyOf(actions);
    this.texts = List.copyOf(texts);
    this.states = List.copyOf(states);
    this.from = from.clone();
    this.action = action.clone();
    this.to = to.clone();
    int n = states.size();
    outStart = new int[n + 1];
    for (int f : from) {
      outStart[f + 1]++;
    }
    for (int i = 0; i < n; i++) {
      outStart[i + 1] += outStart[i];
    }
    outEdges = new int[from.length];
    int[] fill = Arrays.copyOf(outStart, n);
    for (int e = 0; e < from.length; e++) {
      outEdges[fill[from[e]]++] = e;
    }
  }

  /** Reads a dump. */
  public static StateGraph read(Path dump) throws IOException, ConformException {
    List<String> actions = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<SpecState> states = new ArrayList<>();
    IntList from = new IntList();
    IntList action = new IntList();
    IntList to = new IntList();
    // Edges share few distinct sets of branches: each is kept once.
    Map<String, List<String>> sets = new java.util.HashMap<>();
    List<List<String>> branches = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(" ", 3);
        switch (f[0]) {
          case "A" -> actions.add(f[2]);
          case "S" -> {
            if (Integer.parseInt(f[1]) != states.size()) {
              throw new ConformException("state graph: states out of order at " + f[1]);
            }
            String text = f[2].replace(StateGraphDump.LINE_SEPARATOR, '\n');
            texts.add(text);
            states.add(SpecState.decode(variables(text)));
          }
          case "E" -> {
            String[] e = line.split(" ");
            from.add(Integer.parseInt(e[1]));
            action.add(Integer.parseInt(e[2]));
            to.add(Integer.parseInt(e[3]));
            String b = e.length > 4 ? e[4] : "-";
            branches.add(sets.computeIfAbsent(b, k -> k.equals("-") ? List.of() : List.of(k.split(","))));
          }
          default -> throw new ConformException("state graph: unknown record " + f[0]);
        }
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new ConformException("state graph: malformed line: " + e.getMessage());
    }
    if (states.isEmpty()) {
      throw new ConformException("state graph: no states");
    }
    return new StateGraph(actions, texts, states, from.toArray(), action.toArray(), to.toArray(), branches);
  }

  /** The variables of a state's text, by name. */
  static Map<String, String> variables(String text) {
    return TraceStateParser.parse("0: <Initial predicate>\n" + text).variables();
  }

  /** The state as a {@link TraceState} for the counterexample renderer. */
  TraceState traceState(int position, int state, String actionLabel) {
    Map<String, String> vars = variables(texts.get(state));
    return position == 0
        ? new TraceState(1, TraceState.Kind.INITIAL, null, null, vars)
        : new TraceState(position + 1, TraceState.Kind.STEP, actionLabel, "Tcp", vars);
  }

  public int stateCount() {
    return states.size();
  }

  public int edgeCount() {
    return from.length;
  }

  public SpecState state(int id) {
    return states.get(id);
  }

  public int from(int edge) {
    return from[edge];
  }

  public int to(int edge) {
    return to[edge];
  }

  /** The action label of an edge, e.g. {@code ReceiveRst(B)}. */
  public String label(int edge) {
    return actions.get(action[edge]);
  }

  /** The branches of the spec (spec/branches.json) the steps of an edge take. */
  public List<String> branches(int edge) {
    return branches.get(edge);
  }

  /** The labels of the actions of Next. */
  public List<String> actions() {
    return actions;
  }

  /** The edges leaving {@code state}, as edge indices. */
  public int[] out(int state) {
    return Arrays.copyOfRange(outEdges, outStart[state], outStart[state + 1]);
  }

  /** A growable int array. */
  static final class IntList {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    int get(int i) {
      return a[i];
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
