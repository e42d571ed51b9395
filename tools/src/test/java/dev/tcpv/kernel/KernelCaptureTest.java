package dev.tcpv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tcpv.capture.CaptureFile;
import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import dev.tcpv.validate.TraceValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel captured and validated, where this machine allows it (root on Linux; CI runs as root): a scenario's
 * capture is kept and validates with the linux profile, its namespace is gone afterwards, and the same capture of
 * the kernel's ABORT is rejected without the profile's policy (docs/findings.md F1).
 */
class KernelCaptureTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();

  @BeforeAll
  static void kernelAvailable() throws Exception {
    String why = KernelCapture.unavailable();
    assumeTrue(why == null, () -> "kernel captures unavailable: " + why);
    KernelCapture.ensureTools(new PrintWriter(new StringWriter()));
  }

  private static String namespace(Scenario s) {
    return "tcpv-test-" + ProcessHandle.current().pid() + "-" + s.label();
  }

  @Test
  void aScenarioIsCapturedKeptAndValidatedAndLeavesNoNamespace(@TempDir Path dir) throws Exception {
    Scenario s = Scenario.CLIENT_CLOSES_FIRST;
    KernelCapture.Outcome o = KernelCapture.run(s, namespace(s), dir, VALIDATOR);
    assertNull(o.ran());
    assertEquals("valid", o.verdict(), () -> String.valueOf(o.report()));
    assertTrue(Files.size(dir.resolve("client-closes-first.pcap")) > 24);
    CaptureValidation.Report r = o.report();
    if (r == null) {
      throw new AssertionError("no report for " + s.label());
    }
    // Handshake 3, 5 octets and their ACK each way 4, two FINs and their ACKs 3 or 4 (an ACK may ride on a FIN).
    assertTrue(r.split().frames() >= 9 && r.split().frames() <= 11, () -> r.split().frames() + " frames");
    String namespaces = Namespace.run(List.of("ip", "netns", "list"));
    assertFalse(namespaces.contains(namespace(s)), namespaces);
  }

  @Test
  void theKernelsAbortIsValidOnlyWithTheLinuxPolicy(@TempDir Path dir) throws Exception {
    Scenario s = Scenario.ABORT;
    KernelCapture.Outcome o = KernelCapture.run(s, namespace(s), dir, VALIDATOR);
    assertEquals("valid", o.verdict(), () -> String.valueOf(o.report()));
    CaptureFile f = CaptureFile.read(Files.readAllBytes(o.capture()), "abort.pcap");
    CaptureValidation.Report rfc = CaptureValidation.validate(f, Profiles.of("rfc9293"), VALIDATOR);
    assertTrue(rfc.rejected());
    String failure = String.valueOf(rfc.results().get(0).failure());
    assertTrue(failure.contains("CTL=ACK,RST"), failure);
  }
}
