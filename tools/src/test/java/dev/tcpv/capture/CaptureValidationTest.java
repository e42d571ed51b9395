package dev.tcpv.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.validate.TraceValidator;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Captures validated with both TCBs hidden: a loopback-like capture of a whole connection (handshake, text each
 * way, close) is a behaviour of the spec under the RFC 9293 profile; the same capture with one field edited is
 * rejected at the frame edited.
 */
class CaptureValidationTest {
  private static final TraceValidator VALIDATOR = TraceValidator.forRepository();
  private static final int A = 40000;
  private static final int B = 80;
  private static final int SYN = PacketDecoder.SYN;
  private static final int ACK = PacketDecoder.ACK;
  private static final int FIN = PacketDecoder.FIN;
  private static final int RST = PacketDecoder.RST;

  /** One packet of the capture: sender (A or B), time in microseconds, header fields. */
  private record P(char from, long us, long seq, long ack, int flags, int len, int wnd) {
    P(char from, long us, long seq, long ack, int flags, int len) {
      this(from, us, seq, ack, flags, len, 65535);
    }

    P withSeq(long s) {
      return new P(from, us, s, ack, flags, len, wnd);
    }

    P withAck(long a) {
      return new P(from, us, seq, a, flags, len, wnd);
    }

    P withWnd(int w) {
      return new P(from, us, seq, ack, flags, len, w);
    }
  }

  /** Handshake, 100 octets A to B, 50 octets B to A, A closes first, B closes; each reply 100 us after. */
  private static List<P> connection() {
    return new ArrayList<>(List.of(
        new P('A', 0, 1000, 0, SYN, 0),
        new P('B', 100, 5000, 1001, SYN | ACK, 0),
        new P('A', 200, 1001, 5001, ACK, 0),
        new P('A', 1000, 1001, 5001, ACK, 100),
        new P('B', 1100, 5001, 1101, ACK, 0),
        new P('B', 2000, 5001, 1101, ACK, 50),
        new P('A', 2100, 1101, 5051, ACK, 0),
        new P('A', 3000, 1101, 5051, FIN | ACK, 0),
        new P('B', 3100, 5051, 1102, ACK, 0),
        new P('B', 4000, 5051, 1102, FIN | ACK, 0),
        new P('A', 4100, 1102, 5052, ACK, 0)));
  }

  /** The connection's handshake alone (frames 1 to 3), to go on from. */
  private static List<P> handshake() {
    return new ArrayList<>(connection().subList(0, 3));
  }

  private static byte[] pcap(List<P> packets) {
    return pcap(packets, Packets.V4_A, Packets.V4_B);
  }

  private static byte[] pcap(List<P> packets, byte[] addrA, byte[] addrB) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
    out.writeBytes(h.array());
    for (P p : packets) {
      boolean a = p.from() == 'A';
      byte[] ip = Packets.ipv4(a ? addrA : addrB, a ? addrB : addrA,
          Packets.tcp(a ? A : B, a ? B : A, p.seq(), p.ack(), p.flags(), (p.flags() & RST) != 0 ? 0 : p.wnd(),
              new byte[0], p.len()));
      ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      r.putInt((int) (1_700_000_000 + p.us() / 1_000_000)).putInt((int) (p.us() % 1_000_000)).putInt(ip.length)
          .putInt(ip.length);
      out.writeBytes(r.array());
      out.writeBytes(ip);
    }
    return out.toByteArray();
  }

  private static CaptureValidation.Report validate(List<P> packets) throws Exception {
    return validate(packets, "rfc9293");
  }

  private static CaptureValidation.Report validate(List<P> packets, String profile) throws Exception {
    return validate(pcap(packets), profile);
  }

  private static CaptureValidation.Report validate(byte[] pcap, String profile) throws Exception {
    CaptureFile f = CaptureFile.read(pcap, "c.pcap");
    return CaptureValidation.validate(f, Profiles.of(profile), VALIDATOR);
  }

  /** The frame number the report's rejection names, or -1 when every incarnation is valid. */
  private static int rejectedAt(CaptureValidation.Report r) {
    for (CaptureValidation.Result x : r.results()) {
      String f = x.failure();
      if (f != null) {
        String head = f.substring("c.pcap: frame ".length());
        return Integer.parseInt(head.substring(0, head.indexOf(':')));
      }
    }
    return -1;
  }

  /** Asserts that {@code r} is rejected at frame {@code frame} for a reason that says {@code why}. */
  private static void assertRejectedAt(int frame, String why, CaptureValidation.Report r) {
    assertEquals(frame, rejectedAt(r));
    assertTrue(String.valueOf(r.results().get(0).failure()).contains(why), () -> String.valueOf(r.results()));
  }

  @Test
  void aWholeConnectionIsABehaviourOfTheSpec() throws Exception {
    CaptureValidation.Report r = validate(connection());
    assertFalse(r.rejected(), () -> String.valueOf(r.results()));
    assertEquals(11, r.packets());
    assertEquals("A 10.0.0.1:40000 <-> B 10.0.0.2:80", r.results().get(0).conversation());
  }

  @Test
  void windowsThatGrowWithoutReadsAreHeldBackBufferOffered() throws Exception {
    // As Linux offers them: SYN and SYN,ACK offer less than the windows that follow, which no RECEIVE explains.
    List<P> c = connection();
    c.set(0, c.get(0).withWnd(1000));
    c.set(1, c.get(1).withWnd(2000));
    c.set(4, c.get(4).withWnd(30000));
    CaptureValidation.Report r = validate(c);
    assertFalse(r.rejected(), () -> String.valueOf(r.results()));
  }

  @Test
  void aWindowThatMovesTheRightEdgeBackIsRejectedAtThatFrame() throws Exception {
    // B's SYN,ACK offered 65,535 octets from 1001; its ACK of A's 100 octets offers 100 from 1101: the edge
    // moves back from 66536 to 1201 (R-WND-2).
    List<P> c = connection();
    c.set(4, c.get(4).withWnd(100));
    assertEquals(5, rejectedAt(validate(c)));
  }

  @Test
  void anAckDeferredToTheNextSegmentIsADelayedAck() throws Exception {
    // B does not acknowledge A's FIN on its own: its FIN, 1 ms later, carries the ACK (R-ACK-1).
    List<P> c = connection();
    c.remove(8);
    CaptureValidation.Report r = validate(c);
    assertFalse(r.rejected(), () -> String.valueOf(r.results()));
  }

  @Test
  void anAckDeferredByAStackThatDefersNoneIsRejected() throws Exception {
    // The same under the engine's profile, which acknowledges at once: B's FIN is the first segment of B after
    // A's FIN arrived, and that arrival had to be acknowledged by a segment of its own.
    List<P> c = connection();
    c.remove(8);
    CaptureValidation.Report r = validate(c, "tcpv");
    assertEquals(9, rejectedAt(r));
  }

  @Test
  void anAbortResetWithAnAckIsLinuxsPolicy() throws Exception {
    // B aborts after A's 100 octets as Linux does: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> (docs/findings.md F1).
    List<P> c = new ArrayList<>(connection().subList(0, 5));
    c.add(new P('B', 2000, 5001, 1101, RST | ACK, 0));
    assertEquals(-1, rejectedAt(validate(c, "linux")));
    // RFC 9293 §3.10.4 writes <SEQ=SND.NXT><CTL=RST>: without the policy, the reset is no step of B.
    assertEquals(6, rejectedAt(validate(c, "rfc9293")));
    c.set(5, new P('B', 2000, 5001, 0, RST, 0));
    assertEquals(-1, rejectedAt(validate(c, "rfc9293")));
  }

  /**
   * A's text fills B's window, its first segment lost past the capture point, so that A's bare ACK carries SEQ = B's
   * RCV.NXT + RCV.WND, the right edge of B's window; B's next text needs the window that ACK reopens.
   */
  private static List<P> bareAckAtTheRightEdge() {
    return new ArrayList<>(List.of(
        new P('A', 0, 1000, 0, SYN, 0, 20),
        new P('B', 100, 5000, 1001, SYN | ACK, 0, 100),
        new P('A', 200, 1001, 5001, ACK, 0, 20),
        // B's 20 octets fill A's window.
        new P('B', 1000, 5001, 1001, ACK, 20, 100),
        // A's 100 octets fill B's window; the first 40 never reach B.
        new P('A', 1100, 1001, 5001, ACK, 40, 20),
        new P('A', 1110, 1041, 5001, ACK, 60, 20),
        // B holds the 60 beyond the hole and says so: RCV.NXT stays 1001, its right edge 1101.
        new P('B', 1200, 5021, 1001, ACK, 0, 100),
        // A takes B's 20 octets: its ACK's SEQ is its SND.NXT, 1101, the right edge of B's window.
        new P('A', 1300, 1101, 5021, ACK, 0, 20),
        // B sends on: only the window A's ACK reopened holds these 10 octets.
        new P('B', 1400, 5021, 1001, ACK, 10, 100)));
  }

  @Test
  void aBareAckAtTheRightEdgeIsTakenUnderLinuxsPolicyOnly() throws Exception {
    // Linux takes a segment without text whose SEQ is RCV.NXT + RCV.WND (tcp_sequence); RFC 9293's Table 6 does
    // not, and the receiver answers it with an ACK instead (docs/findings.md F9).
    CaptureValidation.Report linux = validate(bareAckAtTheRightEdge(), "linux");
    assertFalse(linux.rejected(), () -> String.valueOf(linux.results()));
    assertEquals(9, linux.packets());
    TraceHeader without = Profiles.of("linux");
    List<String> policies = new ArrayList<>(without.policies());
    assertTrue(policies.remove("emptyAtRightEdge"));
    CaptureFile f = CaptureFile.read(pcap(bareAckAtTheRightEdge()), "c.pcap");
    assertRejectedAt(9, "Wire(B)", CaptureValidation.validate(f, without.withPolicies(policies), VALIDATOR));
    assertRejectedAt(9, "Wire(B)", validate(bareAckAtTheRightEdge(), "rfc9293"));
    // Answering the ACK as Table 6 says (an ACK, the segment dropped) stays valid under the policy: a host may do
    // either, so one profile still fits the engine, which answers.
    List<P> answered = bareAckAtTheRightEdge();
    answered.set(8, new P('B', 1400, 5021, 1001, ACK, 0, 100));
    for (String profile : List.of("linux", "rfc9293")) {
      CaptureValidation.Report r = validate(answered, profile);
      assertFalse(r.rejected(), () -> profile + ": " + r.results());
    }
  }

  /** The handshake, then A's 100 octets in two segments of 50, the second captured first, 10 us apart. */
  private static List<P> swapped(long secondAt) {
    List<P> c = handshake();
    c.add(new P('A', 1000, 1051, 5001, ACK, 50));
    c.add(new P('A', secondAt, 1001, 5001, ACK, 50));
    c.add(new P('B', secondAt + 100, 5001, 1101, ACK, 0));
    return c;
  }

  @Test
  void segmentsOfOneSenderSeenInTheOtherOrderAreValid() throws Exception {
    // On loopback two CPUs may transmit for one socket: the capture point sees the second segment first (Unseen).
    CaptureValidation.Report r = validate(swapped(1010));
    assertFalse(r.rejected(), () -> String.valueOf(r.results()));
  }

  @Test
  void aSegmentSentEarlierButShownTooLateIsRejected() throws Exception {
    // The first segment shows up 5 ms after the second: more than the tick an unseen segment may wait. The
    // rejection names the frame that needed it sent first.
    assertRejectedAt(4, "not shown within 1 tick of its sending", validate(swapped(6000)));
  }

  @Test
  void aSegmentTheCaptureNeverShowsIsRejected() throws Exception {
    // A's text from 1051 with nothing before it ever seen; B's ACK of 1001 takes the out-of-order text.
    List<P> c = handshake();
    c.add(new P('A', 1000, 1051, 5001, ACK, 50));
    c.add(new P('B', 1100, 5001, 1001, ACK, 0));
    assertRejectedAt(4, "never shown before the capture ends", validate(c));
  }

  @Test
  void aResendBeforeTheTimerIsAFastRetransmit() throws Exception {
    // A's first segment is lost; B's duplicate ACK makes A resend it 5 ms later, long before any RTO. (A copy
    // sent within the tick of the first would be the same segment in the spec's network, a set.)
    List<P> c = handshake();
    c.add(new P('A', 1000, 1001, 5001, ACK, 50));
    c.add(new P('A', 1010, 1051, 5001, ACK, 50));
    c.add(new P('B', 1100, 5001, 1001, ACK, 0));
    c.add(new P('A', 6000, 1001, 5001, ACK, 50));
    c.add(new P('B', 6100, 5001, 1101, ACK, 0));
    CaptureValidation.Report r = validate(c);
    assertFalse(r.rejected(), () -> String.valueOf(r.results()));
    // A profile without fast retransmit (RFC 9293's, the policy taken off): the resend is no step of A there.
    TraceHeader none = Profiles.of("rfc9293").withPolicies(List.of());
    assertEquals(7, rejectedAt(CaptureValidation.validate(CaptureFile.read(pcap(c), "c.pcap"), none, VALIDATOR)));
    // The engine's profile names it (R-CC-1: the engine resends on the third duplicate ACK).
    assertEquals(-1, rejectedAt(validate(c, "tcpv")));
  }

  @Test
  void aSeqChangedInMidConnectionIsRejectedAtThatFrame() throws Exception {
    List<P> c = connection();
    c.set(5, c.get(5).withSeq(5002));
    CaptureValidation.Report r = validate(c);
    assertTrue(r.rejected());
    assertEquals(6, rejectedAt(r));
  }

  @Test
  void theAckOfTheSynAckChangedIsRejectedAtThatFrame() throws Exception {
    List<P> c = connection();
    c.set(2, c.get(2).withAck(5002));
    assertEquals(3, rejectedAt(validate(c)));
  }

  @Test
  void aRstOutsideTheWindowThatThePeerActsOnIsRejectedAtTheRst() throws Exception {
    List<P> c = connection();
    // A RST from A far outside B's window (no step of A sends it, and no attacker is allowed), then B behaving
    // as if reset: it answers A's FIN with a RST of its own.
    c.add(7, new P('A', 2500, 1101 + 70_000, 0, RST, 0));
    List<P> cut = new ArrayList<>(c.subList(0, 9));
    cut.add(new P('B', 3100, 5051, 0, RST, 0));
    CaptureValidation.Report r = validate(cut);
    assertEquals(8, rejectedAt(r));
    String f = String.valueOf(r.results().get(0).failure());
    assertTrue(f.contains("no spec behaviour matches Wire(A)"), f);
  }

  /**
   * The connection, but A's last ACK is lost past the capture point: B resends its FIN 300 ms later and A answers
   * it, from TIME-WAIT with an ACK, or with no TCB (FreeBSD's nolocaltimewait) with a RST.
   */
  private static List<P> finResentTo(boolean timeWait) {
    List<P> c = connection();
    c.add(new P('B', 304_000, 5051, 1102, FIN | ACK, 0));
    c.add(timeWait ? new P('A', 304_100, 1102, 5052, ACK, 0) : new P('A', 304_100, 1102, 0, RST, 0));
    return c;
  }

  @Test
  void freeBsdHasNoTimeWaitBetweenLocalAddresses() throws Exception {
    byte[] lo1 = {127, 0, 0, 1};
    byte[] lo2 = {127, 0, 0, 2};
    // Loopback to loopback: A's TCB is gone as TIME-WAIT is entered, and B's resent FIN meets a closed port.
    CaptureValidation.Report r = validate(pcap(finResentTo(false), lo1, lo2), "freebsd");
    assertFalse(r.rejected(), () -> String.valueOf(r.results()));
    // One address at both ends is local too.
    assertEquals(-1, rejectedAt(validate(pcap(finResentTo(false), lo1, lo1), "freebsd")));
    // Between two hosts FreeBSD keeps TIME-WAIT, which acknowledges the FIN: the RST is no step of A.
    assertEquals(13, rejectedAt(validate(pcap(finResentTo(false)), "freebsd")));
    assertEquals(-1, rejectedAt(validate(pcap(finResentTo(true)), "freebsd")));
    // Linux keeps TIME-WAIT on loopback as well.
    assertEquals(13, rejectedAt(validate(pcap(finResentTo(false), lo1, lo2), "linux")));
    assertEquals(-1, rejectedAt(validate(pcap(finResentTo(true), lo1, lo2), "linux")));
  }

  @Test
  void freeBsdProbesEveryIdleConnection() throws Exception {
    // After the handshake both sides are idle for 2 hours; A's keep-alive probe <SEQ=SND.NXT-1><ACK=RCV.NXT>
    // comes 7,200 s after, B acknowledges it. FreeBSD probes without SO_KEEPALIVE (always_keepalive = 1).
    List<P> c = handshake();
    c.add(new P('A', 7_200_000_200L, 1000, 5001, ACK, 0));
    c.add(new P('B', 7_200_000_300L, 5001, 1001, ACK, 0));
    CaptureValidation.Report r = validate(c, "freebsd");
    assertFalse(r.rejected(), () -> String.valueOf(r.results()));
    // RFC 9293 leaves keep-alive off unless asked for (R-KA-1): the probe is no step of A.
    assertEquals(4, rejectedAt(validate(c, "rfc9293")));
  }
}
