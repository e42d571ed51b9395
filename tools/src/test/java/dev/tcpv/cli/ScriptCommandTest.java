package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcpv script}: one test per error class, the modes, {@code #ifdef} and the expectations file. */
class ScriptCommandTest {
  private static final String LISTEN = """
      --tolerance_usecs=0
      0.000 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
      +0 bind(3, ..., ...) = 0
      +0 listen(3, 1) = 0
      +0.1 < S 0:0(0) win 65535 <mss 1460>
      """;

  /** An active open to ESTABLISHED, the peer offering MSS 1460, without the tolerance header. */
  private static final String ACTIVE_OPEN = """
      0.000 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
      +0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0
      +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
      +0 > S 0:0(0) win 65535 <mss 1460>
      +0.1 < S. 0:0(0) ack 1 win 65535 <mss 1460>
      +0 > . 1:1(0) ack 1 win 65535
      """;

  private final Path dir;

  ScriptCommandTest(@TempDir Path dir) {
    this.dir = dir;
  }

  private Path script(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static void assertFails(Workspace.Run run, String... parts) {
    assertEquals(1, run.exit(), run::out);
    assertEquals("", run.err());
    for (String part : parts) {
      assertTrue(run.out().contains(part), () -> "missing \"" + part + "\" in:\n" + run.out());
    }
  }

  @Test
  void passingScript() throws IOException {
    Path p = script("ok.pkt", LISTEN + "+0 > S. 0:0(0) ack 1 win 65535 <mss 1460>\n");
    Workspace.Run run = Workspace.tcpv("script", p.toString());
    assertEquals(0, run.exit(), run::out);
    assertEquals("PASS " + p + "\n1 scripts: 1 passed, 0 failed (0 scripts skipped, 0 OS-only lines skipped)\n",
        run.out());
  }

  @Test
  void syntaxErrorIsBadInputWithFileAndLine() throws IOException {
    Path p = script("bad.pkt", LISTEN + "+0 > S. 0:0(0) ack one win 65535\n");
    Workspace.Run run = Workspace.tcpv("script", p.toString());
    assertEquals(2, run.exit());
    assertEquals("tcpv: " + p + ":6: expected a number, found one\n", run.err());
    assertEquals("", run.out());
    Path q = script("bad2.pkt", "0.000 frobnicate\n");
    Workspace.Run run2 = Workspace.tcpv("script", q.toString());
    assertEquals(2, run2.exit());
    assertTrue(run2.err().startsWith("tcpv: " + q + ":1: cannot parse"), run2::err);
    Workspace.Run run3 = Workspace.tcpv("script", dir.resolve("none.pkt").toString());
    assertEquals(2, run3.exit());
    assertEquals("tcpv: " + dir.resolve("none.pkt") + ": no such file or directory\n", run3.err());
  }

  @Test
  void unexpectedSegment() throws IOException {
    Path p = script("unexpected.pkt", LISTEN + "+0.1 %{ assert tcpi_state == TCPI_SYN_RECEIVED }%\n");
    assertFails(Workspace.tcpv("script", p.toString()), "FAIL " + p,
        "unexpected.pkt:6: +0.1 %{ assert tcpi_state == TCPI_SYN_RECEIVED }%",
        "unexpected segment before this line, sent at 0.100000s: S. 0:0(0) ack 1 win 65535 <mss 1460>",
        "0 passed, 1 failed");
    Path q = script("unexpected-at-end.pkt", LISTEN);
    assertFails(Workspace.tcpv("script", q.toString()),
        "end of script: unexpected segment at 0.100000s: S. 0:0(0) ack 1 win 65535 <mss 1460>");
  }

  @Test
  void lenientLeavesSegmentsAfterTheLastLineUncompared() throws IOException {
    // packetdrill reads segments only at > lines; lenient mode notes what comes after the last one, strict fails.
    Path q = script("after-end.pkt", LISTEN + "+0.1 %{ assert tcpi_state == TCPI_SYN_RECEIVED }%\n");
    Workspace.Run run = Workspace.tcpv("script", "--lenient", q.toString());
    assertEquals(0, run.exit(), run::out);
    assertEquals("PASS " + q + "\n    note: not compared, segment sent after the last > line at 0.100000s: "
        + "S. 0:0(0) ack 1 win 65535 <mss 1460>\n"
        + "1 scripts: 1 passed, 0 failed (0 scripts skipped, 0 OS-only lines skipped)\n", run.out());
    assertFails(Workspace.tcpv("script", q.toString()), "unexpected segment before this line");
    // A segment sent before a line that a later > line follows still fails in lenient mode.
    Path p = script("before-line.pkt", LISTEN + "+0.1 %{ assert tcpi_state == TCPI_SYN_RECEIVED }%\n"
        + "+0 > S. 0:0(0) ack 1 win 65535 <mss 1460>\n");
    assertFails(Workspace.tcpv("script", "--lenient", p.toString()), "unexpected segment before this line");
  }

  @Test
  void missingSegment() throws IOException {
    Path p = script("missing.pkt", LISTEN + "+0 > S. 0:0(0) ack 1 win 65535 <mss 1460>\n"
        + "+0.1 > . 1:1(0) ack 1 win 65535\n");
    assertFails(Workspace.tcpv("script", p.toString()), "missing.pkt:7: +0.1 > . 1:1(0) ack 1 win 65535",
        "expected . 1:1(0) ack 1 win 65535 at 0.200000s, actual: no segment by 0.200000s");
  }

  @Test
  void wrongSegment() throws IOException {
    Path p = script("wrong.pkt", LISTEN + "+0 > S. 0:0(0) ack 2 win 65535 <mss 1460>\n");
    assertFails(Workspace.tcpv("script", p.toString()), "wrong.pkt:6: +0 > S. 0:0(0) ack 2 win 65535 <mss 1460>",
        "expected S. 0:0(0) ack 2 win 65535 <mss 1460>",
        "actual   S. 0:0(0) ack 1 win 65535 <mss 1460> (ACK number differ)");
  }

  @Test
  void timesAndTolerance() throws IOException {
    String connect = """
        --tolerance_usecs=100000
        0.000 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
        +0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0
        +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
        +0 > S 0:0(0) win 65535 <mss 1460>
        """;
    // The SYN comes again after the initial RTO of 1 s.
    assertEquals(0, Workspace.tcpv("script", script("range.pkt", connect + "0.9~1.1 > S 0:0(0) win 65535 <mss 1460>\n")
        .toString()).exit());
    assertEquals(0, Workspace.tcpv("script", script("within.pkt", connect + "1.05 > S 0:0(0) win 65535 <mss 1460>\n")
        .toString()).exit());
    assertFails(Workspace.tcpv("script", script("early.pkt", connect + "1.2 > S 0:0(0) win 65535 <mss 1460>\n")
        .toString()), "actual: sent at 1.000000s, earlier than the tolerance of 100000 us");
    assertFails(Workspace.tcpv("script", script("late.pkt", connect + "0.8 > S 0:0(0) win 65535 <mss 1460>\n")
        .toString()), "expected S 0:0(0) win 65535 <mss 1460> at 0.800000s, actual: no segment by 0.900000s");
  }

  @Test
  void wrongState() throws IOException {
    Path p = script("state.pkt", LISTEN + "+0 > S. 0:0(0) ack 1 win 65535 <mss 1460>\n"
        + "+0 %{ assert tcpi_state == TCPI_ESTABLISHED }%\n");
    assertFails(Workspace.tcpv("script", p.toString()), "state.pkt:7: +0 %{ assert tcpi_state == TCPI_ESTABLISHED }%",
        "expected state ESTABLISHED, actual state SYN-RECEIVED");
  }

  /** The LISTEN preamble through the handshake and accept: fd 4 is the accepted socket, fd 3 still listens. */
  private static final String ACCEPTED = LISTEN + """
      +0 > S. 0:0(0) ack 1 win 65535 <mss 1460>
      +0.1 < . 1:1(0) ack 1 win 65535
      +0 accept(3, ..., ...) = 4
      """;

  @Test
  void stateOfAnAcceptedSocketIsItsOwnWhileTheListenerStaysOpen() throws IOException {
    Path p = script("accepted-reset.pkt", ACCEPTED + "+0.1 < R. 1:1(0) ack 1 win 0\n"
        + "+0 %{ assert tcpi_state == TCPI_CLOSED }%\n");
    Workspace.Run run = Workspace.tcpv("script", p.toString());
    assertEquals(0, run.exit(), run::out);
    Path q = script("accepted-open.pkt", ACCEPTED + "+0 %{ assert tcpi_state == TCPI_LISTEN }%\n");
    assertFails(Workspace.tcpv("script", q.toString()), "expected state LISTEN, actual state ESTABLISHED");
  }

  @Test
  void lingerAndNoDelayOnAnAcceptedSocket() throws IOException {
    Path p = script("accepted-linger.pkt", ACCEPTED + """
        +0 setsockopt(4, IPPROTO_TCP, TCP_NODELAY, [1], 4) = 0
        +0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0
        +0 close(4) = 0
        +0 > R 1:1(0) win 0
        """);
    Workspace.Run run = Workspace.tcpv("script", p.toString());
    assertEquals(0, run.exit(), run::out);
    assertTrue(run.out().startsWith("PASS "), run::out);
    Path q = script("accepted-close.pkt", ACCEPTED + """
        +0 close(4) = 0
        +0 > R 1:1(0) win 0
        """);
    assertFails(Workspace.tcpv("script", q.toString()), "F. 1:1(0) ack 1");
  }

  @Test
  void keepAliveSetOnAnAcceptedSocketTakesEffect() throws IOException {
    Path p = script("accepted-keepalive.pkt", ACCEPTED + """
        +0 setsockopt(4, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0
        +0 setsockopt(4, IPPROTO_TCP, TCP_KEEPIDLE, [1], 4) = 0
        +0 setsockopt(4, IPPROTO_TCP, TCP_KEEPINTVL, [1], 4) = 0
        +0 setsockopt(4, IPPROTO_TCP, TCP_KEEPCNT, [2], 4) = 0
        +1 > . 0:0(0) ack 1 win 65535
        +1 > . 0:0(0) ack 1 win 65535
        +1 %{ assert tcpi_state == TCPI_CLOSED }%
        """);
    Workspace.Run run = Workspace.tcpv("script", p.toString());
    assertEquals(0, run.exit(), run::out);
    assertTrue(run.out().startsWith("PASS "), run::out);
    Path q = script("accepted-keepalive-late.pkt", ACCEPTED + """
        +0 setsockopt(4, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0
        +0 setsockopt(4, IPPROTO_TCP, TCP_KEEPIDLE, [2], 4) = 0
        +1 > . 0:0(0) ack 1 win 65535
        """);
    assertFails(Workspace.tcpv("script", q.toString()), "accepted-keepalive-late.pkt");
  }

  @Test
  void wrongReturnValue() throws IOException {
    Path p = script("return.pkt", LISTEN + "+0 > S. 0:0(0) ack 1 win 65535 <mss 1460>\n"
        + "+0 accept(3, ..., ...) = 4\n");
    assertFails(Workspace.tcpv("script", p.toString()), "return.pkt:7: +0 accept(3, ..., ...) = 4",
        "expected return 4, actual -1 EAGAIN");
  }

  @Test
  void lenientIgnoresWindowAndOptions() throws IOException {
    Path p = script("other-stack.pkt", LISTEN + "+0 > S. 0:0(0) ack 1 win 29200 <mss 1460,sackOK,nop,wscale 7>\n");
    assertFails(Workspace.tcpv("script", p.toString()), "(window, options differ)");
    assertEquals(0, Workspace.tcpv("script", "--lenient", p.toString()).exit());
    Path q = script("other-flags.pkt", LISTEN + "+0 > S 0:0(0) win 29200\n");
    assertFails(Workspace.tcpv("script", "--lenient", q.toString()), "(flags differ)");
  }

  @Test
  void recvspaceSetsTheReceiveBufferRoundedToWholeSegments() throws IOException {
    // recvspace 65536 becomes RCV.WND 65700 (45 x 1460) for an active open: an empty ACK at RCV.NXT + 65600 is
    // acceptable and draws nothing, while the window field still says 65535. With the default RCV.WND of 65535
    // it is outside the window and draws an ACK (R-SEQ-4), which strict mode reports as unexpected.
    String active = """
        --tolerance_usecs=0
        0.000 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
        +0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0
        +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
        +0 > S 0:0(0) win 65535 <mss 1460>
        +0.1 < S. 0:0(0) ack 1 win 65535 <mss 1460>
        +0 > . 1:1(0) ack 1 win 65535
        +0.1 < . 65601:65601(0) ack 1 win 65535
        +0.1 %{ assert tcpi_state == TCPI_ESTABLISHED }%
        """;
    String recvspace = "0.000 `sysctl -w net.inet.tcp.recvspace=65536`\n";
    Workspace.Run run = Workspace.tcpv("script", script("recvspace.pkt", recvspace + active).toString());
    assertEquals(0, run.exit(), run::out);
    assertFails(Workspace.tcpv("script", script("default-window.pkt", active).toString()),
        "unexpected segment before this line, sent at 0.200000s: . 1:1(0) ack 1 win 65535");
    // A passive open keeps the window its SYN,ACK can carry, 65535, so the same segment draws an ACK.
    String passive = recvspace + LISTEN + """
        +0 > S. 0:0(0) ack 1 win 65535 <mss 1460>
        +0.1 < . 1:1(0) ack 1 win 65535
        +0 accept(3, ..., ...) = 4
        +0.1 < . 65601:65601(0) ack 1 win 65535
        +0.1 %{ assert tcpi_state == TCPI_ESTABLISHED }%
        """;
    assertFails(Workspace.tcpv("script", script("passive.pkt", passive).toString()),
        "unexpected segment before this line, sent at 0.300000s: . 1:1(0) ack 1 win 65535");
  }

  @Test
  void freebsdRoundsTheBufferWithTheMssThePeerOffers() throws IOException {
    // recvspace 65536 and a peer offering MSS 1440: FreeBSD rounds the buffer to 46 x 1440 = 66240 once the
    // handshake is over, so an empty ACK at RCV.NXT + 66239 (the right edge) is acceptable and draws nothing. Rounded
    // with the engine's own MSS (1460: 65700, the tcpv and rfc9293 profiles) it is outside the window and draws an
    // ACK (R-SEQ-4), which strict mode reports as unexpected.
    String active = "0.000 `sysctl -w net.inet.tcp.recvspace=65536`\n"
        + ACTIVE_OPEN.replace("<mss 1460>\n+0 > .", "<mss 1440>\n+0 > .") + """
        +0.1 < . 66240:66240(0) ack 1 win 65535
        +0.1 %{ assert tcpi_state == TCPI_ESTABLISHED }%
        """;
    Path p = script("peer-mss.pkt", "--tolerance_usecs=0\n" + active);
    Workspace.Run bsd = Workspace.tcpv("script", "--profile", "freebsd", p.toString());
    assertEquals(0, bsd.exit(), bsd::out);
    assertFails(Workspace.tcpv("script", "--profile", "rfc9293", p.toString()),
        "unexpected segment before this line, sent at 0.200000s: . 1:1(0) ack 1 win 65535");
    // One octet further is outside under freebsd too.
    Path q = script("peer-mss-beyond.pkt", "--tolerance_usecs=0\n" + active.replace("66240:66240", "66241:66241"));
    assertFails(Workspace.tcpv("script", "--profile", "freebsd", q.toString()), "unexpected segment before this line");
    // A passive open rounds too, when its handshake ends (its SYN,ACK still offers 65535).
    String passive = "--tolerance_usecs=0\n0.000 `sysctl -w net.inet.tcp.recvspace=65536`\n" + """
        +0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
        +0 bind(3, ..., ...) = 0
        +0 listen(3, 1) = 0
        +0.1 < S 0:0(0) win 65535 <mss 1440>
        +0 > S. 0:0(0) ack 1 win 65535 <mss 1460>
        +0.1 < . 1:1(0) ack 1 win 65535
        +0 accept(3, ..., ...) = 4
        +0.1 < . 66240:66240(0) ack 1 win 65535
        +0.1 %{ assert tcpi_state == TCPI_ESTABLISHED }%
        """;
    Workspace.Run passiveRun = Workspace.tcpv("script", "--profile", "freebsd", script("p.pkt", passive).toString());
    assertEquals(0, passiveRun.exit(), passiveRun::out);
  }

  @Test
  void soRcvbufOnAnOpenSocketGrowsTheWindow() throws IOException {
    // SO_RCVBUF on an accepted socket takes effect: 131400 (90 x 1460) makes RCV.NXT + 100000 acceptable; before it
    // the same segment is outside the window (65535) and draws an ACK.
    String head = LISTEN + """
        +0 > S. 0:0(0) ack 1 win 65535 <mss 1460>
        +0.1 < . 1:1(0) ack 1 win 65535
        +0 accept(3, ..., ...) = 4
        """;
    String probe = "+0.1 < . 100001:100001(0) ack 1 win 65535\n+0.1 %{ assert tcpi_state == TCPI_ESTABLISHED }%\n";
    String grow = "+0 setsockopt(4, SOL_SOCKET, SO_RCVBUF, [131400], 4) = 0\n";
    Workspace.Run run = Workspace.tcpv("script", script("grow.pkt", head + grow + probe).toString());
    assertEquals(0, run.exit(), run::out);
    assertTrue(run.out().contains("0 OS-only lines skipped"), run::out);
    assertFails(Workspace.tcpv("script", script("nogrow.pkt", head + probe).toString()),
        "unexpected segment before this line, sent at 0.300000s: . 1:1(0) ack 1 win 65535");
  }

  @Test
  void profilesChooseTheIfdefBranchAndTheEnginesPolicies() throws IOException {
    // FINs cross: RFC 9293 acknowledges the peer's FIN with a plain ACK; FreeBSD sends its FIN again with the ACK.
    String crossing = "--tolerance_usecs=0\n" + ACTIVE_OPEN + """
        +0.1 shutdown(3, SHUT_WR) = 0
        +0 > F. 1:1(0) ack 1 win 65535
        +0.1 < F. 1:1(0) ack 1 win 65535
        #ifdef STANDARD
        +0 > . 2:2(0) ack 2 win 65535
        #endif
        #ifdef FreeBSD
        +0 > F. 1:1(0) ack 2 win 65535
        #endif
        +0.1 < . 2:2(0) ack 2 win 65535
        +0 %{ assert tcpi_state == TCPI_TIME_WAIT }%
        """;
    Path p = script("crossing.pkt", crossing);
    for (String profile : new String[] {"tcpv", "rfc9293", "freebsd"}) {
      Workspace.Run run = Workspace.tcpv("script", "--profile", profile, p.toString());
      assertEquals(0, run.exit(), () -> profile + ": " + run.out());
    }
    // The branch alone does not make a script pass: the engine's policy must follow the profile.
    Path bsdOnly = script("bsd-only.pkt", crossing.replace("#ifdef STANDARD", "#ifdef NOTHING"));
    assertFails(Workspace.tcpv("script", "--profile", "rfc9293", "--define", "FreeBSD", bsdOnly.toString()),
        "bsd-only.pkt:15:", "expected F. 1:1(0) ack 2 win 65535");
    Workspace.Run unknown = Workspace.tcpv("script", "--profile", "solaris", p.toString());
    assertEquals(2, unknown.exit());
    assertEquals("tcpv: profile solaris: scripts run under one of tcpv, rfc9293, freebsd\n", unknown.err());
  }

  @Test
  void rfc9293TakesNoTimeWaitReopenWithoutTimestamps() throws IOException {
    // RFC 9293 3.10.7.4 (fourth) accepts a new connection in TIME-WAIT only with timestamps: a SYN above RCV.NXT
    // draws a challenge ACK under rfc9293, and reopens under tcpv and freebsd (R-TW-3, MAY-2).
    String tw = LISTEN + """
        +0 > S. 0:0(0) ack 1 win 65535 <mss 1460>
        +0.1 < . 1:1(0) ack 1 win 65535
        +0 accept(3, ..., ...) = 4
        +0 close(4) = 0
        +0 > F. 1:1(0) ack 1 win 65535
        +0.1 < F. 1:1(0) ack 2 win 65535
        +0 > . 2:2(0) ack 2 win 65535
        +0.1 < S 1000:1000(0) win 65535 <mss 1460>
        #ifdef RFC
        +0 > . 2:2(0) ack 2 win 65535
        #else
        +0 > S. 0:0(0) ack 1001 win 65535 <mss 1460>
        #endif
        """;
    Path p = script("tw.pkt", tw);
    assertEquals(0, Workspace.tcpv("script", "--lenient", "--profile", "rfc9293", "--define", "RFC", p.toString())
        .exit());
    assertEquals(0, Workspace.tcpv("script", "--lenient", "--profile", "tcpv", p.toString()).exit());
    assertEquals(0, Workspace.tcpv("script", "--lenient", "--profile", "freebsd", p.toString()).exit());
    assertFails(Workspace.tcpv("script", "--lenient", "--profile", "rfc9293", p.toString()), "tw.pkt:");
  }

  @Test
  void ifdefSelectsLines() throws IOException {
    Path p = script("ifdef.pkt", LISTEN + """
        #ifdef STANDARD
        +0 > S. 0:0(0) ack 1 win 65535 <mss 1460>
        #endif
        #ifdef OTHER
        +0 > R 0:0(0) win 0
        #else
        +0 %{ assert tcpi_state == TCPI_SYN_RECEIVED }%
        #endif
        """);
    assertEquals(0, Workspace.tcpv("script", p.toString()).exit());
    assertFails(Workspace.tcpv("script", "--define", "OTHER", p.toString()), "ifdef.pkt:10: +0 > R 0:0(0) win 0");
  }

  @Test
  void osOnlyLinesAreSkippedAndCounted() throws IOException {
    Path p = script("os.pkt", """
        0.000 `sysctl -w net.inet.tcp.rfc1323=1`
        +0 `echo hello`
        +0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
        +0 getsockopt(3, SOL_SOCKET, SO_RCVBUF, [65536], [4]) = 0
        +0 fcntl(3, F_GETFL) = 0x02 (flags O_RDWR)
        """);
    Workspace.Run run = Workspace.tcpv("script", p.toString());
    assertEquals(0, run.exit(), run::out);
    assertTrue(run.out().contains("4 OS-only lines skipped"), run::out);
  }

  @Test
  void expectationsListFailuresWithReasons() throws IOException {
    Path ok = script("ok.pkt", LISTEN + "+0 > S. 0:0(0) ack 1 win 65535 <mss 1460>\n");
    Path bad = script("bad.pkt", LISTEN + "+0 > S. 0:0(0) ack 2 win 65535 <mss 1460>\n");
    Path list = script("expect.txt", "# comment\nbad.pkt  the reason\n");
    Workspace.Run run = Workspace.tcpv("script", "--expectations", list.toString(), ok.toString(), bad.toString());
    assertEquals(0, run.exit(), run::out);
    assertTrue(run.out().contains("FAIL " + bad + "  (expected: the reason)"), run::out);
    Path listOk = script("expect2.txt", "ok.pkt  listed by mistake\nbad.pkt  the reason\n");
    Workspace.Run run2 = Workspace.tcpv("script", "--expectations", listOk.toString(), ok.toString(), bad.toString());
    assertEquals(0, run2.exit(), run2::out);
    assertTrue(run2.out().contains("listed as expected to fail: remove it from the expectations"), run2::out);
    Path listGone = script("expect5.txt", "gone.pkt  no longer exists\nbad.pkt  the reason\n");
    Workspace.Run run5 = Workspace.tcpv("script", "--expectations", listGone.toString(), bad.toString());
    assertEquals(0, run5.exit(), run5::out);
    assertTrue(run5.out().contains("Listed in the expectations but not run: gone.pkt"), run5::out);
    Path empty = script("expect3.txt", "# nothing\n");
    assertEquals(1, Workspace.tcpv("script", "--expectations", empty.toString(), bad.toString()).exit());
    Path noReason = script("expect4.txt", "bad.pkt\n");
    Workspace.Run run4 = Workspace.tcpv("script", "--expectations", noReason.toString(), bad.toString());
    assertEquals(2, run4.exit());
    assertEquals("tcpv: " + noReason + ":1: a listed script needs a reason: bad.pkt\n", run4.err());
  }
}
