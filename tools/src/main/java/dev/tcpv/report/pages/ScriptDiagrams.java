package dev.tcpv.report.pages;

import dev.tcpv.report.diagram.Diagram;
import dev.tcpv.script.Script;
import dev.tcpv.script.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A packetdrill-style script as a sequence diagram: the engine on the left, the script's peer on the right, one
 * row per line that does something. A segment the peer injects ({@code <}) leaves the peer at its line and reaches
 * the engine at the next row; a segment the engine must send ({@code >}) leaves the engine at its line; socket
 * calls and state assertions are written beside the engine's timeline. The scripts stage runs each script against
 * the engine in strict mode, so a script that passes there is what the engine did, segment by segment.
 */
final class ScriptDiagrams {
  /** The engine's name in the diagram. */
  static final String ENGINE = "engine";
  /** The script's peer's name in the diagram. */
  static final String PEER = "peer (script)";

  private ScriptDiagrams() {}

  static Diagram of(Script script) {
    List<Diagram.Row> rows = new ArrayList<>();
    List<Diagram.Message> messages = new ArrayList<>();
    long now = 0;
    for (Step step : script.steps()) {
      Step.Time t = step.time();
      now = t.relative() ? now + t.startMicros() : t.startMicros();
      String at = String.format(Locale.ROOT, "%.3f s", now / 1e6);
      int row = rows.size();
      switch (step) {
        case Step.Inject inject -> {
          rows.add(new Diagram.Row(at + "  < " + inject.segment(), List.of(), List.of()));
          messages.add(new Diagram.Message(PEER, ENGINE, row, row + 1, Diagram.Kind.SENT, Diagram.Fate.ARRIVED,
              inject.segment().toString()));
        }
        case Step.Expect expect -> {
          rows.add(new Diagram.Row(at + "  > " + expect.segment(), List.of(), List.of()));
          messages.add(new Diagram.Message(ENGINE, PEER, row, row + 1, Diagram.Kind.SENT, Diagram.Fate.ARRIVED,
              expect.segment().toString()));
        }
        case Step.AssertState state -> rows.add(new Diagram.Row(at + "  state",
            List.of(new Diagram.Change(ENGINE, null, state.state(), "")), List.of()));
        case Step.Call call -> rows.add(new Diagram.Row(at + "  " + call.name() + " = " + call.result()
            + (call.errno() == null ? "" : " " + call.errno()), List.of(), List.of()));
        case Step.Sysctl sysctl -> rows.add(new Diagram.Row(at + "  " + sysctl.name() + " = " + sysctl.value(),
            List.of(), List.of()));
        case Step.AssertIssAdvance iss -> rows.add(new Diagram.Row(at + "  ISS advanced by " + iss.advance(),
            List.of(), List.of()));
        case Step.Skipped skipped -> {
          // A line that means something only on a real OS (fcntl, setsockopt): not part of the exchange.
        }
      }
    }
    rows.add(new Diagram.Row("end of script", List.of(), List.of()));
    return new Diagram(ENGINE, PEER, rows, messages, null, null);
  }
}
