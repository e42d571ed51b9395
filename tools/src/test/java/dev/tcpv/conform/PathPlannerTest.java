package dev.tcpv.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planned paths start at the initial state, follow the graph, and together take every reachable edge. */
class PathPlannerTest {
  private static StateGraph graph(int states, int[][] edges) {
    SpecState.Tcb closed = new SpecState.Tcb("CLOSED", false, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1);
    List<SpecState> s = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < states; i++) {
      s.add(new SpecState(closed, closed, List.of(), 0, 0, 0, 0, List.of()));
      texts.add("");
    }
    int[] from = new int[edges.length];
    int[] action = new int[edges.length];
    int[] to = new int[edges.length];
    for (int i = 0; i < edges.length; i++) {
      from[i] = edges[i][0];
      to[i] = edges[i][1];
    }
    return new StateGraph(List.of("Tick"), texts, s, from, action, to);
  }

  @Test
  void everyEdgeIsTakenByAPathFromTheInitialState() {
    // a diamond with a back edge, a self-loop and an unreachable state (5) with an edge of its own
    StateGraph g = graph(6, new int[][] {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 0}, {3, 3}, {3, 4}, {5, 4}});
    List<int[]> paths = PathPlanner.plan(g);
    BitSet taken = new BitSet();
    for (int[] p : paths) {
      int at = 0;
      for (int e : p) {
        assertEquals(at, g.from(e), "a path follows the graph");
        at = g.to(e);
        taken.set(e);
      }
    }
    assertEquals(7, taken.cardinality(), "all edges but the unreachable one");
    assertEquals(false, taken.get(7));
  }

  @Test
  void pathsExtendOverEdgesNoPathHasTaken() {
    StateGraph g = graph(3, new int[][] {{0, 1}, {0, 2}, {1, 2}});
    List<int[]> paths = PathPlanner.plan(g);
    BitSet taken = new BitSet();
    paths.forEach(p -> {
      for (int e : p) {
        taken.set(e);
      }
    });
    assertEquals(3, taken.cardinality());
    assertEquals(2, paths.size(), "0->1->2, then 0->2");
  }
}
