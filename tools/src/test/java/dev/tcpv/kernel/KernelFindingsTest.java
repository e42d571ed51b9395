package dev.tcpv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.capture.CaptureFile;
import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.validate.TraceValidator;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * Asserts that the kept capture {@code name}, of {@code frame} frames, is valid whole under the linux profile, and
   * that with the ACK field of its last frame (a packet of A) one higher it is rejected at that frame.
   */
  private static void assertValidWholeAndRejectedWithLastAckOnePast(String name, int frame) throws Exception {
    CaptureFile f = capture(name);
    CaptureValidation.Report linux = CaptureValidation.validate(f, Profiles.of("linux"), VALIDATOR);
    assertFalse(linux.rejected(), () -> String.valueOf(linux.results().get(0).failure()));
    assertEquals(frame, linux.packets());
    List<CaptureFile.Frame> frames = new ArrayList<>(f.frames());
    CaptureFile.Frame x = frames.get(frame - 1);
    byte[] data = x.data();
    int ack = (data[0] & 0x0f) * 4 + 8;
    ByteBuffer.wrap(data).putInt(ack, ByteBuffer.wrap(data).getInt(ack) + 1);
    frames.set(frame - 1, new CaptureFile.Frame(x.number(), x.micros(), x.linkType(), data, x.origLen()));
    CaptureValidation.Report broken = CaptureValidation.validate(new CaptureFile("ack-past.pcap", frames),
        Profiles.of("linux"), VALIDATOR);
    assertTrue(broken.rejected());
    String why = String.valueOf(broken.results().get(0).failure());
    assertTrue(why.startsWith("ack-past.pcap: frame " + frame + ": no spec behaviour matches Wire(A)"), why);
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


  @Test
  void f5FixedEachHostIsJudgedByItsOwnProfile() throws Exception {
    // The engine (A, 192.0.2.2) ABORTs with <SEQ=SND.NXT><CTL=RST> as RFC 9293 §3.10.4 says; the linux profile's
    // abortRstAck wants the ACK Linux puts on it. With one profile for both hosts the capture is rejected at that
    // reset; with the engine's address following the engine's profile it is valid, and with the profiles swapped
    // (the engine's address following linux) it is rejected again (docs/findings.md F5).
    CaptureFile f = capture("interop-engine-abort.pcap");
    TraceHeader linux = Profiles.of("linux");
    TraceHeader tcpv = Profiles.of("tcpv");
    CaptureValidation.Report one = CaptureValidation.validate(f, linux, VALIDATOR);
    assertTrue(one.rejected());
    String why = String.valueOf(one.results().get(0).failure());
    assertTrue(why.startsWith("interop-engine-abort.pcap: frame 8: no spec behaviour matches"), why);
    assertTrue(why.contains("<CTL=RST>"), why);
    CaptureValidation.Report perHost = CaptureValidation.validate(f, linux, Map.of("192.0.2.2", tcpv), VALIDATOR);
    assertFalse(perHost.rejected(), () -> String.valueOf(perHost.results().get(0).failure()));
    CaptureValidation.Report swapped = CaptureValidation.validate(f, linux,
        Map.of("192.0.2.1", tcpv, "192.0.2.2", linux), VALIDATOR);
    assertTrue(swapped.rejected());
    assertTrue(String.valueOf(swapped.results().get(0).failure()).contains("frame 8:"));
  }

  @Test
  void f6FixedASlowReceiverBehindAWindowInFlightIsFollowed() throws Exception {
    // Linux (B) sends ten full segments at once; the engine (A) takes them one by one and acknowledges each. Before
    // the fix the states kept between packets were those in which A had taken more of them, and A's third ACK
    // (frame 23) had no state left to come from; now states ahead of A's next ACK are set aside (AckAhead), and the
    // whole capture, to the ACK of B's FIN with its last text (frame 148), validates (docs/findings.md F6).
    // The same capture with A's last ACK one octet past B's FIN, which B never sent: rejected there.
    assertValidWholeAndRejectedWithLastAckOnePast("interop-engine-half-close.pcap", 148);
  }

  @Test
  void f7TheSecondOfTwoIdenticalDuplicateAcksTakesASegmentToo() throws Exception {
    // lossy-bulk, its first 57 frames. Linux's segment below two others (frames 52, 53) is lost; the engine holds
    // those two and sends a duplicate ACK for each (frames 54, 55), identical and 263 us apart, one in the spec's
    // network of segments with ages. Linux's retransmission (56) fills the hole and the engine's ACK (57) covers
    // all three. The validator once read frame 55 as the first ACK shown again and left the state as it was, so
    // no state held frame 53 and frame 57 matched no step (docs/findings.md F7).
    // The same with the engine's last ACK one octet further, past the octet of frame 53: rejected there.
    assertValidWholeAndRejectedWithLastAckOnePast("interop-lossy-bulk-57.pcap", 57);
  }

  @Test
  void f8LinuxAcknowledgesAFinFromTimeWaitKeepingItsRightEdge() throws Exception {
    // Linux (B) closed first; the engine's FIN (frame 10) takes it to TIME-WAIT, and its ACK (frame 11) offers
    // 65,394 where it offered 65,395 before: RCV.NXT moved over the FIN and the right edge stayed. With the linux
    // profile's finKeepsEdge the capture, the TIME-WAIT reopened by the engine's second SYN (frame 12) included, is
    // valid; without it the spec moves the edge with RCV.NXT and frame 11 matches no step (docs/findings.md F8).
    CaptureFile f = capture("interop-engine-reopens-time-wait.pcap");
    TraceHeader linux = Profiles.of("linux");
    CaptureValidation.Report valid = CaptureValidation.validate(f, linux, VALIDATOR);
    assertFalse(valid.rejected(), () -> String.valueOf(valid.results().get(0).failure()));
    assertEquals(21, valid.packets());
    List<String> policies = new ArrayList<>(linux.policies());
    policies.remove("finKeepsEdge");
    CaptureValidation.Report without = CaptureValidation.validate(f, linux.withPolicies(policies), VALIDATOR);
    assertTrue(without.rejected());
    String why = String.valueOf(without.results().get(0).failure());
    assertTrue(why.startsWith("interop-engine-reopens-time-wait.pcap: frame 11: no spec behaviour matches Wire(B)"),
        why);
  }

  @Test
  void f11LinuxHoldsAFinBeyondAGapAndTakesItWhenTheGapIsFilled() throws Exception {
    // small-mtu-lossy as it first ran, the engine closing right after its 256 KiB: the filter drops one of its last
    // segments, its FIN reaches Linux beyond the gap, and when the fast retransmission fills it Linux's ACK (frame
    // 476 as the validator counts) covers the text and the FIN. With the linux profile's holdsFin the capture is
    // valid whole; without it the spec drops the FIN beyond the gap and frame 476 matches no step (F11).
    CaptureFile f = capture("interop-small-mtu-fin-held.pcap");
    TraceHeader linux = Profiles.of("linux");
    Map<String, TraceHeader> engine = Map.of("192.0.2.2", Profiles.of("tcpv"));
    CaptureValidation.Report valid = CaptureValidation.validate(f, linux, engine, VALIDATOR);
    assertFalse(valid.rejected(), () -> String.valueOf(valid.results().get(0).failure()));
    assertEquals(f.frames().size(), valid.packets());
    // The spec's branches name the two steps: the FIN held beyond the gap, and taken when the gap is filled.
    assertTrue(valid.branches().containsKey("Process.finHeld"), valid.branches().toString());
    assertTrue(valid.branches().containsKey("Process.finHeldTaken"), valid.branches().toString());
    List<String> policies = new ArrayList<>(linux.policies());
    policies.remove("holdsFin");
    CaptureValidation.Report without = CaptureValidation.validate(f, linux.withPolicies(policies), engine,
        VALIDATOR);
    assertTrue(without.rejected());
    String why = String.valueOf(without.results().get(0).failure());
    assertTrue(why.startsWith("interop-small-mtu-fin-held.pcap: frame 476: no spec behaviour matches Wire(B)"),
        why);
  }
}
