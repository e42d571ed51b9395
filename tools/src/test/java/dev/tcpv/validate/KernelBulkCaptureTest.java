package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.capture.CaptureFile;
import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import dev.tcpv.tracefile.TraceHeader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first 130 frames of a 4 MB transfer over a loopback of MTU 1,500 with segmentation offload off (the kernel's
 * segments of 1,448 octets, its ACKs, a delayed ACK or two), kept as test data. Frames 106 and 107 show two of the
 * sender's segments in the other order than it sent them (the receiver's SACK at frame 108 agrees), and so do
 * frames 112 and 114; frame 116 resends frame 114's text 7 µs later, a fast retransmit on the duplicate ACK of
 * frame 113.
 */
class KernelBulkCaptureTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();
  private static final String NAME = "mtu1500-transfer-130.pcap";

  @AfterEach
  void crossCheckOff() {
    DueArrivals.cross = false;
  }

  /** The capture kept as test data under {@code dev/tcpv/kernel} with this name. */
  static CaptureFile kept(String name) throws Exception {
    try (InputStream in = KernelBulkCaptureTest.class.getResourceAsStream("/dev/tcpv/kernel/" + name)) {
      if (in == null) {
        throw new AssertionError("no test capture " + name);
      }
      return CaptureFile.read(in.readAllBytes(), name);
    }
  }

  private static String failure(CaptureValidation.Report r) {
    return String.valueOf(r.results().get(0).failure());
  }

  @Test
  void segmentsSeenOutOfOrderAndAFastRetransmitAreValid() throws Exception {
    CaptureValidation.Report r = CaptureValidation.validate(kept(NAME), Profiles.of("linux"), VALIDATOR);
    assertFalse(r.rejected(), () -> failure(r));
  }

  @Test
  void theDueArrivalsAreTlcsOwnOnTheWholeState() throws Exception {
    // Every arrival the capture search takes in loopback's order is computed on a network of the one segment;
    // here TLC computes each on the whole state as well, and a difference fails the validation.
    DueArrivals.cross = true;
    CaptureValidation.Report r = CaptureValidation.validate(kept(NAME), Profiles.of("linux"), VALIDATOR);
    assertFalse(r.rejected(), () -> failure(r));
  }

  @Test
  void withoutFastRetransmitTheResendIsRejected() throws Exception {
    TraceHeader linux = Profiles.of("linux");
    List<String> policies = new ArrayList<>(linux.policies());
    policies.remove("fastRetransmit");
    CaptureValidation.Report r = CaptureValidation.validate(kept(NAME), linux.withPolicies(policies), VALIDATOR);
    assertTrue(failure(r).startsWith(NAME + ": frame 116: no spec behaviour matches Wire(A)"), failure(r));
  }
}
