package dev.tcpv.conform.child;

import dev.tcpv.tlc.child.BranchLabel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.tool.impl.FastTool;
import util.SimpleFilenameToStream;
import util.ToolIO;

/**
 * Explores the whole state graph of one model breadth-first through TLC's API ({@link FastTool}: initial
 * states, the actions of {@code Next} split per host, the successors of a state under one action) and writes
 * it to a file, one line per record:
 *
 * <pre>
 * A &lt;index&gt; &lt;label&gt;          an action of Next, e.g. "ReceiveRst(B)"
 * S &lt;id&gt; &lt;state&gt;             a state, TLC's "/\ var = value" text with line breaks as U+001F
 * E &lt;from&gt; &lt;action&gt; &lt;to&gt; &lt;branches&gt;  an edge: a distinct (state, action, successor) triple,
 *                              with the branches of the spec its steps take (comma-separated, "-" for none)
 * </pre>
 *
 * States are identified by TLC's fingerprint of the whole state (no VIEW: the driver needs the ISN clock), less
 * the spec's coverage label ({@code branch}), which is read for the edge and then set to the empty set.
 * Arguments: models directory, module name, configuration name (without {@code .cfg}), output file.
 */
public final class StateGraphDump {
  /** Separates the lines of one state's text in the dump. */
  public static final char LINE_SEPARATOR = '\u001F';

  private static final Pattern HOST = Pattern.compile("h->\"([^\"]+)\"");

  private StateGraphDump() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: StateGraphDump MODELS_DIR MODULE CONFIG OUT");
      System.exit(2);
    }
    dev.tcpv.tlc.child.ModuleScratch.isolate();
    String dir = Path.of(args[0]).toAbsolutePath().toString();
    ToolIO.setUserDir(dir);
    tlc2.util.FP64.Init();
    FastTool tool = new FastTool(dir, args[1], args[2], new SimpleFilenameToStream());
    Action[] actions = tool.getActions();
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
      for (int i = 0; i < actions.length; i++) {
        out.write("A " + i + " " + label(actions[i]) + "\n");
      }
      explore(tool, actions, out);
    }
    System.exit(0);
  }

  /** The action's name, with its host when {@code Next} bound one: {@code ReceiveRst(B)}, {@code Tick}. */
  static String label(Action action) {
    String name = action.getName().toString();
    Matcher host = HOST.matcher(String.valueOf(action.con));
    return host.find() ? name + "(" + host.group(1) + ")" : name;
  }

  private static void explore(FastTool tool, Action[] actions, BufferedWriter out) throws IOException {
    Map<Long, Integer> ids = new HashMap<>();
    ArrayDeque<TLCState> queue = new ArrayDeque<>();
    ArrayDeque<Integer> queueIds = new ArrayDeque<>();
    StateVec init = tool.getInitStates();
    for (int i = 0; i < init.size(); i++) {
      TLCState s = init.elementAt(i);
      if (ids.putIfAbsent(s.fingerPrint(), ids.size()) == null) {
        write(out, ids.size() - 1, s);
        queue.add(s);
        queueIds.add(ids.size() - 1);
      }
    }
    long edges = 0;
    while (!queue.isEmpty()) {
      TLCState s = queue.remove();
      int from = queueIds.remove();
      Map<Long, Set<String>> out1 = new java.util.LinkedHashMap<>();
      for (int a = 0; a < actions.length; a++) {
        StateVec next = tool.getNextStates(actions[a], s);
        for (int j = 0; j < next.size(); j++) {
          TLCState t = next.elementAt(j);
          Set<String> took = new TreeSet<>();
          BranchLabel.take(t, took::add);
          long fp = t.fingerPrint();
          Integer to = ids.get(fp);
          if (to == null) {
            to = ids.size();
            ids.put(fp, to);
            write(out, to, t);
            queue.add(t);
            queueIds.add(to);
          }
          out1.computeIfAbsent(((long) a << 32) | to, k -> new TreeSet<>()).addAll(took);
        }
      }
      for (Map.Entry<Long, Set<String>> e : out1.entrySet()) {
        long key = e.getKey();
        out.write("E " + from + " " + (key >>> 32) + " " + (int) key + " "
            + (e.getValue().isEmpty() ? "-" : String.join(",", e.getValue())) + "\n");
      }
      edges += out1.size();
      if (ids.size() % 20000 == 0) {
        System.err.println("explored " + ids.size() + " states, " + edges + " edges");
      }
    }
  }

  private static void write(BufferedWriter out, int id, TLCState s) throws IOException {
    out.write("S " + id + " " + s.toString().strip().replace('\n', LINE_SEPARATOR) + "\n");
  }
}
