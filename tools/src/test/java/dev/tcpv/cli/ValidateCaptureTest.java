package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcpv validate} on captures: a simulated run's pcap read and judged; bad captures and profiles refused. */
class ValidateCaptureTest {
  @Test
  void aCaptureIsSplitAndJudgedWithItsVerdictPerIncarnation(@TempDir Path dir) throws Exception {
    // Seed 6 of the simulator: an abort and a reconnection on one 4-tuple (two incarnations).
    Workspace.Run sim = Workspace.tcpv("simulate", "--seed", "6", "--pcap", "--out", dir.toString());
    assertEquals(0, sim.exit(), sim.err());
    Workspace.Run r = Workspace.tcpv("validate", "--profile", "tcpv", dir.resolve("seed-6.pcap").toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("A 192.0.2.1:40000 <-> B 192.0.2.2:80"), r.out());
    assertTrue(r.out().contains("0 rejected"), r.out());
    Workspace.Run json = Workspace.tcpv("validate", "--json", "--profile", "tcpv",
        dir.resolve("seed-6.pcap").toString());
    assertEquals(0, json.exit(), json.err());
    assertTrue(json.out().startsWith("{\"capture\":"), json.out());
    assertTrue(json.out().contains("\"verdict\":\"valid\""), json.out());
  }

  @Test
  void eachHostOfACaptureMayFollowAProfileOfItsOwn(@TempDir Path dir) throws Exception {
    // docs/findings.md F5: the engine (192.0.2.2) ABORTs with the RFC's reset, Linux's profile wants an ACK on it.
    Path pcap = dir.resolve("abort.pcap");
    try (var in = ValidateCaptureTest.class.getResourceAsStream("/dev/tcpv/kernel/interop-engine-abort.pcap")) {
      if (in == null) {
        throw new AssertionError("no kept capture interop-engine-abort.pcap");
      }
      Files.write(pcap, in.readAllBytes());
    }
    Workspace.Run one = Workspace.tcpv("validate", "--profile", "linux", pcap.toString());
    assertEquals(1, one.exit(), one.out() + one.err());
    Workspace.Run two = Workspace.tcpv("validate", "--profile", "linux", "--host-profile", "192.0.2.2=tcpv",
        pcap.toString());
    assertEquals(0, two.exit(), two.out() + two.err());
    assertTrue(two.out().contains("0 rejected"), two.out());
    for (String bad : List.of("192.0.2.2", "192.0.2.2=", "host=tcpv", "192.0.2.2=solaris")) {
      Workspace.Run r = Workspace.tcpv("validate", "--host-profile", bad, pcap.toString());
      assertEquals(2, r.exit(), bad + ": " + r.out() + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
  }

  @Test
  void badCapturesAndProfilesAreOneLineErrors(@TempDir Path dir) throws Exception {
    Path cut = dir.resolve("cut.pcap");
    Files.write(cut, new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2, 0});
    Workspace.Run r = Workspace.tcpv("validate", cut.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("tcpv: " + cut + ": the pcap file header is cut short"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    Workspace.Run p = Workspace.tcpv("validate", "--profile", "solaris", cut.toString());
    assertEquals(2, p.exit());
    assertTrue(p.err().contains("profile solaris: not one of rfc9293, linux, freebsd, tcpv"), p.err());
    Workspace.Run k = Workspace.tcpv("validate", "--keep-alive", "7200,75", cut.toString());
    assertEquals(2, k.exit());
    assertTrue(k.err().contains("expected IDLE,INTERVAL,PROBES"), k.err());
  }

  @Test
  void anUnknownKernelScenarioIsAOneLineError() {
    Workspace.Run r = Workspace.tcpv("linux", "sideways-open");
    assertEquals(2, r.exit());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("tcpv: no scenario sideways-open (scenarios: client-closes-first, "), r.err());
  }
}
