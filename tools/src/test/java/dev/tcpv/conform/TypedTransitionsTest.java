package dev.tcpv.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.conn.Rule;
import dev.tcpv.conn.TcpState;
import dev.tcpv.conn.Transitions;
import dev.tcpv.conn.Transitions.Entry;
import dev.tcpv.conn.Transitions.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engine's transition table agrees with its sealed types and with what the engines do, its triples equal
 * the models' once the documented lists are set aside, and each check fails when either side gains or loses a
 * triple. (The comparison with the models' real triples runs in {@code tcpv conform}, which exits 1 on a
 * difference.)
 */
class TypedTransitionsTest {
  private static final Path TCP_TLA = Path.of("..", "spec", "Tcp.tla");

  /** A spec side equal to the engine's table: its triples less the set-aside ones, plus a crash triple. */
  private static Set<String> matchingSpec() {
    Set<String> spec = new TreeSet<>(TypedTransitions.triples(Transitions.table()));
    spec.removeAll(TypedTransitions.ENGINE_ONLY.keySet());
    spec.removeAll(TypedTransitions.NOT_IN_MODELS.keySet());
    spec.add("ESTABLISHED --HOST CRASH--> CLOSED");
    return spec;
  }

  @Test
  void theTableAgreesWithTheSealedTypes() {
    assertEquals(List.of(), TypedTransitions.typeProblems(Transitions.table()));
    assertEquals(57, Transitions.table().size());
  }

  @Test
  void aTableEntryTheTypesDoNotPermitOrAMissingPairFails() {
    List<Entry> gained = new ArrayList<>(Transitions.table());
    gained.add(new Entry(TcpState.Listen.class, Event.SEGMENT_ARRIVES, TcpState.Established.class,
        List.of("receiveSegment"), List.of(Rule.R_OPEN_3)));
    assertEquals(List.of("LISTEN --SEGMENT ARRIVES--> ESTABLISHED: ListenNext does not permit Established"),
        TypedTransitions.typeProblems(gained));
    List<Entry> lost = new ArrayList<>(Transitions.table());
    lost.removeIf(e -> e.triple().equals("FIN-WAIT-1 --SEGMENT ARRIVES--> CLOSING"));
    assertEquals(List.of("FIN-WAIT-1 -> CLOSING: FinWait1Next permits it, no table entry has it"),
        TypedTransitions.typeProblems(lost));
  }

  @Test
  void theEngineSideEqualsAMatchingSpecSideAndFailsWhenItGainsOrLoses() {
    Set<String> table = TypedTransitions.triples(Transitions.table());
    assertEquals(List.of(), TypedTransitions.compare(table, matchingSpec()));
    Set<String> gained = new TreeSet<>(table);
    gained.add("LISTEN --SEGMENT ARRIVES--> ESTABLISHED");
    assertEquals(List.of("LISTEN --SEGMENT ARRIVES--> ESTABLISHED: in the engine's table, not in the models"),
        TypedTransitions.compare(gained, matchingSpec()));
    Set<String> lost = new TreeSet<>(table);
    lost.remove("SYN-SENT --SEGMENT ARRIVES--> SYN-RECEIVED");
    assertEquals(List.of("SYN-SENT --SEGMENT ARRIVES--> SYN-RECEIVED: in the models, not in the engine's table"),
        TypedTransitions.compare(lost, matchingSpec()));
    Set<String> noTwAbort = new TreeSet<>(table);
    noTwAbort.remove("TIME-WAIT --ABORT--> CLOSED");
    assertEquals(List.of("TIME-WAIT --ABORT--> CLOSED: listed as engine-only, not in the engine's table"),
        TypedTransitions.compare(noTwAbort, matchingSpec()));
  }

  @Test
  void aSpecSideThatGainsOrLosesATripleFails() {
    Set<String> table = TypedTransitions.triples(Transitions.table());
    Set<String> gained = matchingSpec();
    gained.add("CLOSED --SEGMENT ARRIVES--> ESTABLISHED");
    assertEquals(List.of("CLOSED --SEGMENT ARRIVES--> ESTABLISHED: in the models, not in the engine's table"),
        TypedTransitions.compare(table, gained));
    Set<String> lost = matchingSpec();
    lost.remove("TIME-WAIT --SEGMENT ARRIVES--> SYN-RECEIVED");
    assertEquals(List.of("TIME-WAIT --SEGMENT ARRIVES--> SYN-RECEIVED: in the engine's table, not in the models"),
        TypedTransitions.compare(table, lost));
    Set<String> otherEvent = matchingSpec();
    otherEvent.remove("ESTABLISHED --CLOSE--> FIN-WAIT-1");
    otherEvent.add("ESTABLISHED --ABORT--> FIN-WAIT-1");
    assertEquals(2, TypedTransitions.compare(table, otherEvent).size());
  }

  @Test
  void transitionsTheEnginesTakeMustBeEntriesAndEveryEntryTaken() {
    Set<String> taken = new TreeSet<>();
    for (Entry e : Transitions.table()) {
      String t = e.triple();
      if (!TypedTransitions.ENGINE_ONLY.containsKey(t) && !TypedTransitions.NOT_IN_MODELS.containsKey(t)) {
        taken.add(Transitions.rfcName(e.from()) + " " + e.actions().get(0) + " " + Transitions.rfcName(e.to()));
      }
    }
    assertEquals(List.of(), TypedTransitions.runProblems(Transitions.table(), taken, true));
    Set<String> extra = new TreeSet<>(taken);
    extra.add("LISTEN receiveSegment ESTABLISHED");
    assertEquals(List.of("LISTEN --SEGMENT ARRIVES--> ESTABLISHED (receiveSegment): taken by the engine, not in its table"),
        TypedTransitions.runProblems(Transitions.table(), extra, true));
    Set<String> wrongAction = new TreeSet<>(taken);
    wrongAction.add("ESTABLISHED receiveSegment CLOSE-WAIT");
    assertEquals(List.of("ESTABLISHED --SEGMENT ARRIVES--> CLOSE-WAIT: taken by the engine's receiveSegment, "
        + "which the table does not list"), TypedTransitions.runProblems(Transitions.table(), wrongAction, true));
    Set<String> missing = new TreeSet<>(taken);
    missing.remove("FIN-WAIT-1 simultaneousClose CLOSING");
    assertEquals(List.of("FIN-WAIT-1 --SEGMENT ARRIVES--> CLOSING: in the engine's table, never taken by the engines"),
        TypedTransitions.runProblems(Transitions.table(), missing, true));
    assertEquals(List.of(), TypedTransitions.runProblems(Transitions.table(), missing, false));
  }

  @Test
  void everyActionOfNextHasAnEventAndNoOtherDoes() throws Exception {
    String text = Files.readString(TCP_TLA);
    Set<String> actions = new TreeSet<>();
    for (String def : List.of("UserCall(h) ==", "Offer(h) ==", "Output(h) ==", "Recover(h) ==", "Arrival(h) ==",
        "Timeout(h) ==")) {
      int start = text.indexOf("\n" + def);
      int end = text.indexOf("\n\n", start);
      Matcher m = Pattern.compile("([A-Z][A-Za-z]+)\\(h\\)").matcher(text.substring(start + def.length() + 1, end));
      while (m.find()) {
        String name = m.group(1);
        if (name != null) {
          actions.add(name);
        }
      }
    }
    actions.addAll(List.of("Crash", "Lose", "Tick", "Quiescence"));
    assertEquals(34, actions.size(), actions.toString());
    assertEquals(actions, new TreeSet<>(TypedTransitions.SPEC_EVENTS.keySet()));
    assertEquals("SEGMENT ARRIVES", TypedTransitions.specEvent("ReceiveRst(B)"));
    assertEquals("TIME", TypedTransitions.specEvent("Tick"));
    assertThrows(ConformException.class, () -> TypedTransitions.specEvent("Teleport(A)"));
    assertThrows(IllegalArgumentException.class, () -> Transitions.event("teleport"));
    for (String a : TypedTransitions.SPEC_EVENTS.keySet()) {
      if (!TypedTransitions.NOT_ENGINE_EVENTS.contains(TypedTransitions.SPEC_EVENTS.get(a))) {
        String engine = Character.toLowerCase(a.charAt(0)) + a.substring(1);
        assertEquals(TypedTransitions.SPEC_EVENTS.get(a), Transitions.event(engine).rfcName(), a);
      }
    }
  }

  @Test
  void everySegmentHandlerReturnsItsStatesNextType() {
    Map<String, String> handlers = TypedTransitions.segmentHandlers();
    Set<String> states = new TreeSet<>();
    handlers.forEach((handler, next) -> {
      String state = handler.substring(handler.indexOf('(') + 1, handler.length() - 1);
      states.add(state);
      assertEquals(state, TypedTransitions.rfcName(next.substring(0, next.length() - "Next".length())),
          handler + " returns " + next);
    });
    assertEquals(11, states.size(), handlers.toString());
    assertTrue(handlers.containsKey("timeWaitReopen (TIME-WAIT)"), handlers.toString());
    assertEquals("FinWait1Next", handlers.get("processFinWait1 (FIN-WAIT-1)"), handlers.toString());
  }

  @Test
  void recordNamesReadAsRfcStateNames() {
    assertEquals("SYN-RECEIVED", TypedTransitions.rfcName("SynReceived"));
    assertEquals("FIN-WAIT-1", TypedTransitions.rfcName("FinWait1"));
    assertEquals("LAST-ACK", Transitions.rfcName(TcpState.LastAck.class));
  }
}
