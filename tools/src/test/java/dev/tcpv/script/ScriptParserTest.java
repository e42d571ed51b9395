package dev.tcpv.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packetdrill syntax the parser reads, and its file:line errors. */
class ScriptParserTest {
  private static final Path FILE = Path.of("t.pkt");

  private static Script parse(String text, String... defines) throws ScriptSyntaxException {
    return ScriptParser.parse(FILE, text, Set.of(defines));
  }

  @Test
  void timesSegmentsAndHeaders() throws ScriptSyntaxException {
    Script s = parse("""
        --ip_version=ipv4
        --tolerance_usecs=75000
        // a comment
         0.5 < S 0:0(0) win 32767 <mss 1460,sackOK,eol,eol>   // trailing comment
        +0.1 > S. 0:0(0) ack 1 <...>
        0.9~1.1 > . ... ack 1 win 0
        +0.9~+1.1 > P. 1:11(10) ack 1
        /* a block
           comment */ +0 < R 4294967295:4294967295(0) win 0
        """);
    assertEquals(75_000, s.toleranceMicros());
    assertEquals(5, s.steps().size());
    Step.Inject syn = assertInstanceOf(Step.Inject.class, s.steps().get(0));
    assertEquals(new Step.Time(500_000, false, null, false), syn.time());
    assertEquals(new SegmentSpec("S", 0L, 0, null, 32767, List.of("mss 1460", "sackOK", "eol", "eol")), syn.segment());
    assertEquals(4, syn.line());
    Step.Expect synAck = assertInstanceOf(Step.Expect.class, s.steps().get(1));
    assertEquals(new Step.Time(100_000, true, null, false), synAck.time());
    assertNull(synAck.segment().options());
    Step.Expect range = assertInstanceOf(Step.Expect.class, s.steps().get(2));
    assertEquals(new Step.Time(900_000, false, 1_100_000L, false), range.time());
    assertNull(range.segment().start());
    assertEquals(new Step.Time(900_000, true, 1_100_000L, true), s.steps().get(3).time());
    assertEquals(10, assertInstanceOf(Step.Expect.class, s.steps().get(3)).segment().length());
    assertEquals(9, s.steps().get(4).line());
  }

  @Test
  void anySequenceNumberWithALength() throws ScriptSyntaxException {
    Script s = parse("""
        0 > S. ...(0) ack 65537 win 65535 <mss 1460>
        +0 > P. ...(5) ack 1
        """);
    SegmentSpec synAck = assertInstanceOf(Step.Expect.class, s.steps().get(0)).segment();
    assertEquals(new SegmentSpec("S.", null, 0, 65537L, 65535, List.of("mss 1460")), synAck);
    SegmentSpec text = assertInstanceOf(Step.Expect.class, s.steps().get(1)).segment();
    assertNull(text.start());
    assertEquals(5, text.length());
    assertEquals("P. ...(5) ack 1", text.toString());
  }

  @Test
  void callsAssertionsAndShellLines() throws ScriptSyntaxException {
    Script s = parse("""
        0 `sysctl -w net.inet.tcp.insecure_rst=1`
        +0 `sockstat -4 | grep 1`
        +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
        +0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0
        +0 fcntl(3, F_GETFL) = 0x02 (flags O_RDWR)
        +0 %{ assert tcpi_state == TCPI_FIN_WAIT_1 }%
        +0 %{ assert tcpi_state == TCP_SYN_RECV }%
        +0 %{ print(tcpi_rto) }%
        """);
    assertEquals(new Step.Sysctl(1, "0 `sysctl -w net.inet.tcp.insecure_rst=1`", new Step.Time(0, false, null, false),
        "net.inet.tcp.insecure_rst", "1"), s.steps().get(0));
    assertInstanceOf(Step.Skipped.class, s.steps().get(1));
    Step.Call connect = assertInstanceOf(Step.Call.class, s.steps().get(2));
    assertEquals("connect", connect.name());
    assertEquals(List.of("3", "...", "..."), connect.args());
    assertEquals(-1, connect.result());
    assertEquals("EINPROGRESS", connect.errno());
    Step.Call linger = assertInstanceOf(Step.Call.class, s.steps().get(3));
    assertEquals(List.of("3", "SOL_SOCKET", "SO_LINGER", "{onoff=1, linger=0}", "8"), linger.args());
    assertEquals(2, assertInstanceOf(Step.Call.class, s.steps().get(4)).result());
    assertEquals("FIN-WAIT-1", assertInstanceOf(Step.AssertState.class, s.steps().get(5)).state());
    assertEquals("SYN-RECEIVED", assertInstanceOf(Step.AssertState.class, s.steps().get(6)).state());
    assertInstanceOf(Step.Skipped.class, s.steps().get(7));
  }

  @Test
  void ifdefElseNests() throws ScriptSyntaxException {
    String text = """
        #ifdef A
        0 < S 0:0(0) win 1
        #ifdef B
        0 < S 0:0(0) win 2
        #else
        0 < S 0:0(0) win 3
        #endif
        #else
        0 < S 0:0(0) win 4
        #endif
        #ifndef B
        0 < S 0:0(0) win 5
        #endif
        """;
    assertEquals(List.of(1, 3, 5), windows(parse(text, "A")));
    assertEquals(List.of(1, 2), windows(parse(text, "A", "B")));
    assertEquals(List.of(4, 5), windows(parse(text)));
  }

  private static List<Integer> windows(Script s) {
    return s.steps().stream()
        .map(st -> assertInstanceOf(Step.Inject.class, st).segment().window())
        .map(w -> w == null ? -1 : w)
        .toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "0 < X 0:0(0) win 1|1|unknown flag 'X' in X (flags: S F R P . E W U)",
    "0 < S 0:5(4) win 1|1|length 4 is not end - start in 0:5(4)",
    "0 > S. ...(x) ack 1|1|expected start:end(length), ... or ...(length), found ...(x)",
    "0 > S. ...(70000) ack 1|1|length 70000 too large for one segment",
    "0 < S 0:0(0) win 70000|1|window 70000 exceeds 65535",
    "0 < S 0:0(0) foo 3|1|unexpected \"foo\" in segment (expected ack, win or <options>)",
    "0 < S 0:0(0) <mss 99999>|1|unknown or malformed option \"mss 99999\"",
    "0 `sysctl -w a=1|1|unterminated ` shell command",
    "0 %{ assert tcpi_state == TCPI_NOWHERE }%|1|unknown TCP state NOWHERE",
    "< S 0:0(0)|1|expected a time (1.0, +0.1 or 0.9~1.1) at the start of the line",
    "#endif|1|#endif without #ifdef",
    "#ifdef A|1|#ifdef without #endif",
    "--tolerance_usecs=ten|1|--tolerance_usecs needs a number: ten",
  })
  void syntaxErrorsNameFileAndLine(String line, int no, String reason) {
    ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class, () -> parse(line));
    assertEquals("t.pkt:" + no + ": " + reason, e.getMessage());
  }
}
