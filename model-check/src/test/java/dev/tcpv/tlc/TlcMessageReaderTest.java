package dev.tcpv.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlcMessageReaderTest {
  private final List<TlcMessage> messages = new ArrayList<>();
  private final List<String> unframed = new ArrayList<>();
  private final TlcMessageReader reader = new TlcMessageReader(new TlcMessageReader.Listener() {
    @Override
    public void onMessage(TlcMessage message) {
      messages.add(message);
    }

    @Override
    public void onUnframedLine(String line) {
      unframed.add(line);
    }
  });

  private void feed(String output) {
    output.lines().forEach(reader::accept);
    reader.finish();
  }

  @Test
  void splitsFramedMessages() {
    feed("""
        @!@!@STARTMSG 2262:0 @!@!@
        TLC2 Version 2.18 of 20 March 2023
        @!@!@ENDMSG 2262 @!@!@
        Parsing file /tmp/MC.tla
        @!@!@STARTMSG 2110:1 @!@!@
        Invariant NoStaleInv is violated.
        @!@!@ENDMSG 2110 @!@!@
        """);
    assertEquals(
        List.of(new TlcMessage(2262, 0, "TLC2 Version 2.18 of 20 March 2023"),
            new TlcMessage(2110, 1, "Invariant NoStaleInv is violated.")),
        messages);
    assertEquals(List.of("Parsing file /tmp/MC.tla"), unframed);
  }

  @Test
  void keepsTheLinesOfAMessage() {
    feed("""
        @!@!@STARTMSG 2217:4 @!@!@
        1: <Initial predicate>
        /\\ x = 0

        @!@!@ENDMSG 2217 @!@!@
        """);
    assertEquals(List.of(new TlcMessage(2217, 4, "1: <Initial predicate>\n/\\ x = 0")), messages);
  }

  @Test
  void readsAMessageNestedMidLine() {
    feed("""
        @!@!@STARTMSG 1000:1 @!@!@
        The exception was a tlc2.tool.ConfigFileException
        : @!@!@STARTMSG 5006:0 @!@!@
        TLC found an error in the configuration file at line 2
        @!@!@ENDMSG 5006 @!@!@
        @!@!@ENDMSG 1000 @!@!@
        """);
    assertEquals(2, messages.size());
    assertEquals(new TlcMessage(5006, 0, "TLC found an error in the configuration file at line 2"), messages.get(0));
    assertEquals(1000, messages.get(1).code());
    assertEquals(
        "The exception was a tlc2.tool.ConfigFileException\n: TLC found an error in the configuration file at line 2",
        messages.get(1).text());
    assertEquals(List.of(), unframed);
  }

  @Test
  void emitsAMessageLeftOpenWhenTheOutputEnds() {
    feed("""
        @!@!@STARTMSG 1000:1 @!@!@
        TLC threw an unexpected exception.""");
    assertEquals(List.of(new TlcMessage(1000, 1, "TLC threw an unexpected exception.")), messages);
  }
}
