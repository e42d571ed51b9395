package dev.tcpv.tracefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Any text given to the trace reader yields a trace or a {@link TraceFormatException} whose message is one line
 * starting with {@code source:line:}, never another exception (the span check of 32-bit traces included).
 * Fuzzed for a bounded time by the build's {@code fuzz} execution; the unit tests run it on the stored inputs.
 */
class TraceReaderFuzzTest {
  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"{\"format\":\"tcpv-trace/2\",\"observed\":[\"A\",\"B\"],\"seqMod\":4294967296,"
      + "\"msl\":40000000,\"tickMicros\":1000,\"isn\":\"observed\",\"isnRate\":1000,\"isnOffset\":{\"A\":1,\"B\":2},"
      + "\"rcvWnd\":4,\"timers\":{\"rto\":{\"min\":1000000,\"max\":60000000},\"backoff\":true,"
      + "\"r2\":{\"min\":100000000,\"max\":100000000},\"r2Syn\":{\"min\":180000000,\"max\":180000000},"
      + "\"timeWait\":{\"min\":80000000,\"max\":80000000},\"keepAlive\":false,\"kaIdle\":{\"min\":1,\"max\":2},"
      + "\"kaInterval\":{\"min\":1,\"max\":2},\"kaProbes\":3},"
      + "\"rfc5961\":true,\"rfc1337\":true,\"twReopen\":true,\"seed\":1}",
      "{\"action\":\"ActiveOpen\",\"host\":\"A\",\"us\":0,\"sent\":[{\"src\":\"A\",\"seq\":4294967295,\"ack\":0,"
          + "\"ctl\":[\"SYN\"],\"len\":0,\"wnd\":4}],\"tcb\":{\"A\":{\"st\":\"SYN-SENT\",\"iss\":4294967295,"
          + "\"sndUna\":4294967295,\"sndNxt\":0}}}",
      "\"seg\":", "\"age\":", "\"maxRetries\":2", "\"ctl\":[\"RST\",\"ACK\"]", "\"seq\":0",
      "\"seq\":1073741823", "\"st\":\"ESTABLISHED\""})
  void readIsTotal(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      TraceReader.read("fuzz.ndjson", new StringReader(text));
    } catch (TraceFormatException e) {
      String message = String.valueOf(e.getMessage());
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.startsWith("fuzz.ndjson:"), message);
    }
  }
}
