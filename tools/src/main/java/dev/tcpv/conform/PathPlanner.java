package dev.tcpv.conform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Plans paths from the initial state that together take every edge of a state graph.
 *
 * <p>Edge coverage first: a breadth-first tree gives each state its shortest path from the initial state. The
 * planner walks the edges in breadth-first order of their source; for each edge no earlier path has taken, a
 * new path is the shortest path to its source, the edge, and then, greedily, further edges no path has taken
 * yet (the first untaken edge out of the current state, until there is none). Every edge a path takes counts
 * as covered, so the tree edges of the prefix are covered by the first path through them and later paths only
 * replay them.
 */
public final class PathPlanner {
  private PathPlanner() {}

  /** The paths, each a list of edge indices starting at state 0; together they take every reachable edge. */
  public static List<int[]> plan(StateGraph g) {
    int n = g.stateCount();
    int[] parentEdge = new int[n];
    Arrays.fill(parentEdge, -2);
    parentEdge[0] = -1;
    List<Integer> order = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    while (!queue.isEmpty()) {
      int s = queue.remove();
      order.add(s);
      for (int e : g.out(s)) {
        int t = g.to(e);
        if (parentEdge[t] == -2) {
          parentEdge[t] = e;
          queue.add(t);
        }
      }
    }
    BitSet covered = new BitSet(g.edgeCount());
    List<int[]> paths = new ArrayList<>();
    for (int s : order) {
      for (int e : g.out(s)) {
        if (covered.get(e)) {
          continue;
        }
        StateGraph.IntList path = new StateGraph.IntList();
        List<Integer> prefix = new ArrayList<>();
        for (int p = s; parentEdge[p] >= 0; p = g.from(parentEdge[p])) {
          prefix.add(parentEdge[p]);
        }
        for (int i = prefix.size() - 1; i >= 0; i--) {
          path.add(prefix.get(i));
          covered.set(prefix.get(i));
        }
        int next = e;
        while (next >= 0) {
          path.add(next);
          covered.set(next);
          int at = g.to(next);
          next = -1;
          for (int f : g.out(at)) {
            if (!covered.get(f)) {
              next = f;
              break;
            }
          }
        }
        paths.add(path.toArray());
      }
    }
    return paths;
  }
}
