package dev.tcpv.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcpv.capture.CaptureFile;
import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import dev.tcpv.validate.TraceValidator;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The findings of docs/findings.md on captures the linux stage made, kept as test data: each is valid with the
 * linux profile and its policy.
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
  void f2TheBareSynResentAfterASimultaneousOpenIsAlsoACaptureReorder() throws Exception {
    // Frame 5: A sends <SEQ=ISS><CTL=SYN> 11 us after its SYN,ACK (frame 4); B answers with a challenge ACK (frame
    // 7). Valid with the linux profile's policy; and valid under RFC 9293 as it is, read as A's SYN-SENT
    // retransmission built before A took B's SYN and captured after the SYN,ACK (docs/findings.md F2).
    CaptureFile f = capture("simultaneous-open-bare-syn.pcap");
    assertFalse(CaptureValidation.validate(f, Profiles.of("linux"), VALIDATOR).rejected());
    CaptureValidation.Report rfc = CaptureValidation.validate(f, Profiles.of("rfc9293"), VALIDATOR);
    assertFalse(rfc.rejected(), () -> String.valueOf(rfc.results().get(0).failure()));
  }

}
