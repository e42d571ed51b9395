package dev.tcpv.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.check.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObligationsReaderTest {
  private final Path dir;

  ObligationsReaderTest(@TempDir Path dir) {
    this.dir = dir;
  }

  private Path write(String json) throws IOException {
    Files.writeString(dir.resolve("M.tla"), "---- MODULE M ----\n====\n");
    Files.writeString(dir.resolve("M.cfg"), "");
    return Files.writeString(dir.resolve("obligations.json"), json);
  }

  private static String entry(String extra) {
    return "{\"name\": \"A\", \"statement\": \"Init => I\", \"module\": \"M.tla\", \"config\": \"M.cfg\", "
        + "\"bounds\": \"tiny\"" + extra + "}";
  }

  @Test
  void readsTheRepositoryList() throws InputException {
    List<Obligation> all = ObligationsReader.read(ProofFiles.PROOFS.resolve("obligations.json"), ProofFiles.PROOFS);
    assertTrue(all.size() >= 5, all::toString);
    assertTrue(all.stream().anyMatch(o -> o.statement().startsWith("IndInv /\\ Next => IndInv'")));
  }

  @Test
  void readsAnEntry() throws IOException, InputException {
    List<Obligation> all = ObligationsReader.read(write("{\"obligations\": [" + entry(", \"workers\": 2") + "]}"), dir);
    assertEquals(List.of(new Obligation("A", "Init => I", "M.tla", "M.cfg", "tiny", 2)), all);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"obligations\": [ENTRY, ENTRY]}                 | obligation A: listed twice",
    "{\"obligations\": []}                             | no obligations listed",
    "{\"models\": []}                                  | expected an object with an \"obligations\" array",
    "{\"obligations\": [                               | not valid JSON",
  })
  void rejects(String json, String message) throws IOException {
    Path file = write(json.replace("ENTRY", entry("")));
    InputException e = assertThrows(InputException.class, () -> ObligationsReader.read(file, dir));
    assertTrue(String.valueOf(e.getMessage()).contains(message), () -> String.valueOf(e.getMessage()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    ", \"workers\": 0            | \"workers\" must be an integer from 1 to 64",
    ", \"expect\": \"pass\"      | unknown field \"expect\"",
  })
  void rejectsBadFields(String extra, String message) throws IOException {
    Path file = write("{\"obligations\": [" + entry(extra) + "]}");
    InputException e = assertThrows(InputException.class, () -> ObligationsReader.read(file, dir));
    assertTrue(String.valueOf(e.getMessage()).contains(message), () -> String.valueOf(e.getMessage()));
  }

  @Test
  void rejectsAMissingModule() throws IOException {
    Path file = write("{\"obligations\": [" + entry("").replace("M.tla", "N.tla") + "]}");
    InputException e = assertThrows(InputException.class, () -> ObligationsReader.read(file, dir));
    assertTrue(String.valueOf(e.getMessage()).contains("no file N.tla"), () -> String.valueOf(e.getMessage()));
  }
}
