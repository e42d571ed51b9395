package dev.tcpv.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The capture of interop scenario {@code lossy-bulk} (engine client, Linux server over a TUN device, 4 MiB each way,
 * Linux's packets dropped and held back at the device, every 50th of the engine's dropped past the capture point),
 * kept as test data: 487 frames. The engine's text segments of 65,495 octets at frames 127 and 428 never reach
 * Linux, whose ACKs stay at their SEQ until the engine sends them again (frames 374 and 431); meanwhile the engine's
 * ACKs of Linux's text queue behind them in the spec's network.
 */
class LossyBulkCaptureTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();
  private static final String NAME = "tun-lossy-bulk.pcap";

  @AfterEach
  void crossCheckOff() {
    DueArrivals.cross = false;
  }

  @Test
  void theLostSegmentIsPassedOverAndTheCaptureIsValid() throws Exception {
    // Passing over the lost segment lets the ACKs behind it arrive in order, so the states searched between
    // packets do not hold one more old ACK at every packet (before, the capture took two minutes to validate).
    long before = DueArrivals.PASSED.get();
    DueArrivals.cross = true;
    CaptureValidation.Report r =
        CaptureValidation.validate(KernelBulkCaptureTest.kept(NAME), Profiles.of("linux"), VALIDATOR);
    assertFalse(r.rejected(), () -> String.valueOf(r.results().get(0).failure()));
    assertEquals(487, r.packets());
    assertTrue(DueArrivals.PASSED.get() > before, "no due segment was passed over");
  }
}
