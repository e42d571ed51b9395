package dev.tcpv.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.capture.CaptureFile;
import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import dev.tcpv.validate.TraceValidator;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The findings of docs/findings.md on captures the linux stage made, kept as test data: each is valid with the
 * linux profile and its policy, and rejected at the frame of the departure without it.
 */
class KernelFindingsTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();

  private static CaptureFile capture(String name) throws Exception {
    try (InputStream in = KernelFindingsTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no test capture " + name);
      }
      return CaptureFile.read(in.readAllBytes(), name);
    }
  }

  @Test
  void f2TheBareSynResentAfterASimultaneousOpen() throws Exception {
    // Frame 5: A, in SYN-RECEIVED since frame 4 (its SYN,ACK), sends <SEQ=ISS><CTL=SYN> again; B answers with a
    // challenge ACK (frame 7).
    CaptureFile f = capture("simultaneous-open-bare-syn.pcap");
    assertFalse(CaptureValidation.validate(f, Profiles.of("linux"), VALIDATOR).rejected());
    CaptureValidation.Report rfc = CaptureValidation.validate(f, Profiles.of("rfc9293"), VALIDATOR);
    String failure = String.valueOf(rfc.results().get(0).failure());
    assertTrue(failure.startsWith("simultaneous-open-bare-syn.pcap: frame 5: no spec behaviour matches Wire(A) "
        + "sends A->B <SEQ=633962232><CTL=SYN>"), failure);
  }
}
