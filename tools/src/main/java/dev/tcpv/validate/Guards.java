package dev.tcpv.validate;

import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.TraceLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;
import tlc2.tool.Action;
import tlc2.tool.EvalControl;
import tlc2.tool.TLCState;
import tlc2.tool.coverage.CostModel;
import tlc2.util.Context;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.Value;

/**
 * Finds the conjunct of an action that is false in a state: it unfolds the action's definition, binds the
 * segment the trace names for {@code \E s \in net}, and evaluates the conjuncts that read no primed variable, in
 * order.
 */
final class Guards {
  private Guards() {}

  static String falseConjunct(SpecModel m, List<Action> actions, List<TLCState> states, TraceLine line) {
    if (states.isEmpty()) {
      return "no spec state is consistent with the trace so far";
    }
    TLCState s = states.get(0);
    for (Action a : actions) {
      try {
        String found = search(m, a.pred, a.con, s, line, 0);
        if (found != null) {
          return found;
        }
      } catch (RuntimeException e) {
        // Evaluation outside TLC's usual order can fail; the enabled actions are still reported.
      }
    }
    return "no state conjunct of it is false in the spec state; it fails on a primed conjunct";
  }

  private static @Nullable String search(
      SpecModel m, SemanticNode node, Context ctx, TLCState s, TraceLine line, int depth) {
    if (depth > 12) {
      return null;
    }
    if (node instanceof LetInNode let) {
      return search(m, let.getBody(), ctx, s, line, depth + 1);
    }
    if (!(node instanceof OpApplNode app)) {
      return null;
    }
    String op = app.getOperator().getName().toString();
    if (op.equals("$ConjList") || op.equals("\\land")) {
      for (ExprOrOpArgNode c : app.getArgs()) {
        Boolean v = eval(m, c, ctx, s);
        if (v == null) {
          String inner = search(m, c, ctx, s, line, depth + 1);
          if (inner != null) {
            return inner;
          }
        } else if (!v) {
          return describe(m, c);
        }
      }
      return null;
    }
    if (op.equals("$BoundedExists") && app.getBdedQuantSymbolLists().length == 1
        && app.getBdedQuantSymbolLists()[0].length == 1) {
      FormalParamNode var = app.getBdedQuantSymbolLists()[0][0];
      SegmentRecord seg = line.seg();
      if (!var.getName().toString().equals("s") || seg == null) {
        return null;
      }
      for (Value v : StateView.net(s)) {
        if (StateView.segment(v).equals(seg)) {
          return search(m, app.getArgs()[0], ctx.cons(var, v), s, line, depth + 1);
        }
      }
      return "the segment " + seg.notation() + " is not in flight in the spec";
    }
    if (app.getOperator() instanceof OpDefNode def && def.getBody() != null && !def.getInRecursive()) {
      FormalParamNode[] params = def.getParams();
      Context c = ctx;
      ExprOrOpArgNode[] args = app.getArgs();
      for (int i = 0; i < params.length && i < args.length; i++) {
        Value v = m.tool.eval(args[i], ctx, s, TLCState.Empty, EvalControl.Clear, CostModel.DO_NOT_RECORD);
        c = c.cons(params[i], v);
      }
      return search(m, def.getBody(), c, s, line, depth + 1);
    }
    return null;
  }

  private static @Nullable Boolean eval(SpecModel m, SemanticNode node, Context ctx, TLCState s) {
    try {
      Value v = m.tool.eval(node, ctx, s, TLCState.Empty, EvalControl.Clear, CostModel.DO_NOT_RECORD);
      return v instanceof BoolValue b ? b.val : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String describe(SpecModel m, SemanticNode node) {
    Location loc = node.getLocation();
    String text = "";
    try {
      List<String> lines = Files.readAllLines(m.dir.resolve(loc.source() + ".tla"), StandardCharsets.UTF_8);
      int l = loc.beginLine();
      if (l >= 1 && l <= lines.size()) {
        String src = lines.get(l - 1);
        int from = Math.min(Math.max(0, loc.beginColumn() - 1), src.length());
        int to = loc.endLine() == l ? Math.min(src.length(), loc.endColumn()) : src.length();
        text = src.substring(from, Math.max(from, to)).strip();
      }
    } catch (IOException | RuntimeException e) {
      text = "";
    }
    return "false conjunct `" + text + "` (" + loc.source() + ".tla line " + loc.beginLine() + ")";
  }
}
