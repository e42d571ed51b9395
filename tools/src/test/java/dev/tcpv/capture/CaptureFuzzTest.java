package dev.tcpv.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any octets given to the capture reader yield frames or a {@link CaptureFormatException} whose message is one
 * line naming the file; every frame read decodes to a TCP segment or a skip with a reason, and splitting the
 * capture into connections (and their traces) never throws. Fuzzed for a bounded time by the build's {@code fuzz}
 * execution; the unit tests run it on the stored inputs.
 */
class CaptureFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void readIsTotal(byte[] bytes) throws Exception {
    CaptureFile f;
    try {
      f = CaptureFile.read(bytes, "fuzz.pcap");
    } catch (CaptureFormatException e) {
      String message = String.valueOf(e.getMessage());
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.startsWith("fuzz.pcap: "), message);
      return;
    }
    for (CaptureFile.Frame frame : f.frames()) {
      PacketDecoder.Decoded d = PacketDecoder.decode(frame);
      if (d instanceof PacketDecoder.Decoded.Skipped s) {
        assertTrue(!s.reason().isBlank() && s.reason().lines().count() == 1, s.reason());
      }
    }
    Captures.Split split = Captures.split(f);
    for (Captures.Conversation c : split.conversations()) {
      Captures.trace(c, 0, c.packets().size(), Profiles.of("linux"), "fuzz.pcap");
    }
  }
}
