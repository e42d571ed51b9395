package dev.tcpv.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transitions the engine's sealed types permit are the spec's state-diagram edges, and the comparison fails
 * when either side gains or loses an edge.
 */
class TypedTransitionsTest {
  private static final Path TCP_TLA = Path.of("..", "spec", "Tcp.tla");

  @Test
  void theEngineTypesPermitExactlyTheSpecsEdges() throws Exception {
    Set<String> java = TypedTransitions.javaEdges();
    Set<String> spec = TypedTransitions.specEdges(TCP_TLA);
    assertEquals(List.of(), TypedTransitions.diff("java", java, "spec", spec));
    assertEquals(28, spec.size());
    assertTrue(java.contains("TIME-WAIT -> SYN-RECEIVED"), java.toString());
    assertTrue(java.contains("FIN-WAIT-1 -> TIME-WAIT"), java.toString());
  }

  @Test
  void aJavaSideThatGainsOrLosesAnEdgeDiffers() throws Exception {
    Set<String> spec = TypedTransitions.specEdges(TCP_TLA);
    Set<String> gained = new TreeSet<>(TypedTransitions.javaEdges());
    gained.add("LISTEN -> ESTABLISHED");
    assertEquals(List.of("LISTEN -> ESTABLISHED: in java, not in spec"),
        TypedTransitions.diff("java", gained, "spec", spec));
    Set<String> lost = new TreeSet<>(TypedTransitions.javaEdges());
    lost.remove("SYN-SENT -> SYN-RECEIVED");
    assertEquals(List.of("SYN-SENT -> SYN-RECEIVED: in spec, not in java"),
        TypedTransitions.diff("java", lost, "spec", spec));
  }

  @Test
  void aSpecThatGainsOrLosesAnEdgeDiffers(@TempDir Path dir) throws Exception {
    String text = Files.readString(TCP_TLA);
    Path gained = dir.resolve("Gained.tla");
    Files.writeString(gained, text.replace("{<<\"CLOSED\", \"LISTEN\">>,", "{<<\"CLOSED\", \"LISTEN\">>, <<\"CLOSED\", \"ESTABLISHED\">>,"));
    assertEquals(List.of("CLOSED -> ESTABLISHED: in spec, not in java"),
        TypedTransitions.diff("java", TypedTransitions.javaEdges(), "spec", TypedTransitions.specEdges(gained)));
    Path lost = dir.resolve("Lost.tla");
    Files.writeString(lost, text.replace("<<\"TIME-WAIT\", \"SYN-RECEIVED\">>", "<<\"TIME-WAIT\", \"CLOSED\">>"));
    assertEquals(List.of("TIME-WAIT -> SYN-RECEIVED: in java, not in spec"),
        TypedTransitions.diff("java", TypedTransitions.javaEdges(), "spec", TypedTransitions.specEdges(lost)));
  }

  @Test
  void everySegmentHandlerReturnsItsStatesNextType() {
    java.util.Map<String, String> handlers = TypedTransitions.segmentHandlers();
    Set<String> states = new TreeSet<>();
    handlers.forEach((handler, next) -> {
      String state = handler.substring(handler.indexOf('(') + 1, handler.length() - 1);
      states.add(state);
      assertEquals(state, TypedTransitions.rfcName(next.substring(0, next.length() - "Next".length())),
          handler + " returns " + next);
    });
    assertEquals(11, states.size(), handlers.toString());
    assertTrue(handlers.containsKey("timeWaitReopen (TIME-WAIT)"), handlers.toString());
  }

  @Test
  void recordNamesReadAsRfcStateNames() {
    assertEquals("SYN-RECEIVED", TypedTransitions.rfcName("SynReceived"));
    assertEquals("FIN-WAIT-1", TypedTransitions.rfcName("FinWait1"));
    assertEquals("CLOSED", TypedTransitions.rfcName("Closed"));
    assertEquals("LAST-ACK", TypedTransitions.rfcName("LastAck"));
  }
}
