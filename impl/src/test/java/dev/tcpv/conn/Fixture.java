package dev.tcpv.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpv.trace.TraceEvent;
import dev.tcpv.wire.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection under test, with a constructor for every state. Our port is {@value #LOCAL}, the peer's {@value
 * #PEER}; our ISS is 100 and the peer's 300 unless a test says otherwise, so in a synchronized state SND.NXT =
 * 101 and RCV.NXT = 301 before any data or FIN.
 */
final class Fixture {

  static final int LOCAL = 1000;
  static final int PEER = 2000;

  final Connection conn;
  final List<TraceEvent> trace = new ArrayList<>();
  long now;
  ConnResult last;

  Fixture(TcpConfig config, long... isns) {
    conn = new Connection(config, new FixedIsn(isns), LOCAL, PEER, trace::add);
    last = new ConnResult(null, List.of(), List.of(), List.of(), conn.state());
  }

  Fixture() {
    this(TcpConfig.defaults(), 100);
  }

  /** The peer's segment {@code text} (figure notation) arrives. */
  ConnResult in(String text) {
    return in(Rfc.parse(text, PEER, LOCAL));
  }

  ConnResult in(Segment s) {
    last = conn.handleSegment(s, now);
    return last;
  }

  /** What the last call sent, in figure notation. */
  String sent() {
    return Rfc.format(last.segments());
  }

  /** The RFC name of the current state. */
  String state() {
    return conn.state().rfcName();
  }

  /** Moves the clock to the deadline of {@code timer} and fires it. */
  ConnResult fire(Timer timer) {
    Long d = conn.deadline(timer);
    if (d == null) {
      throw new AssertionError(timer + " is not running");
    }
    now = Math.max(now, d);
    last = conn.handleTimeout(timer, now);
    return last;
  }

  /** The last trace event's action. */
  String lastAction() {
    return trace.get(trace.size() - 1).action().methodName();
  }

  ConnResult activeOpen() {
    last = conn.activeOpen(now);
    return last;
  }

  ConnResult passiveOpen() {
    last = conn.passiveOpen(now);
    return last;
  }

  ConnResult send(int octets) {
    last = conn.send(new byte[octets], now);
    return last;
  }

  ConnResult output() {
    last = conn.output(now);
    return last;
  }

  ConnResult receive(int octets) {
    last = conn.receive(octets, now);
    return last;
  }

  ConnResult close() {
    last = conn.close(now);
    return last;
  }

  ConnResult abort() {
    last = conn.abort(now);
    return last;
  }

  private Fixture expect(String state) {
    assertEquals(state, state(), "fixture");
    return this;
  }

  // Fixtures, each built through the engine's own inputs.

  static Fixture listen(TcpConfig config) {
    Fixture e = new Fixture(config, 300);
    e.passiveOpen();
    return e.expect("LISTEN");
  }

  static Fixture synSent(TcpConfig config) {
    Fixture e = new Fixture(config, 100);
    e.activeOpen();
    return e.expect("SYN-SENT");
  }

  /** SYN-RECEIVED from a passive OPEN: our ISS 100, the peer's SYN at 300. */
  static Fixture synReceivedPassive(TcpConfig config) {
    Fixture e = new Fixture(config, 100);
    e.passiveOpen();
    e.in("<SEQ=300><CTL=SYN>");
    return e.expect("SYN-RECEIVED");
  }

  /** SYN-RECEIVED from an active OPEN (simultaneous open). */
  static Fixture synReceivedActive(TcpConfig config) {
    Fixture e = synSent(config);
    e.in("<SEQ=300><CTL=SYN>");
    return e.expect("SYN-RECEIVED");
  }

  static Fixture established(TcpConfig config) {
    Fixture e = synSent(config);
    e.in("<SEQ=300><ACK=101><CTL=SYN,ACK>");
    return e.expect("ESTABLISHED");
  }

  static Fixture finWait1(TcpConfig config) {
    Fixture e = established(config);
    e.close();
    return e.expect("FIN-WAIT-1");
  }

  static Fixture finWait2(TcpConfig config) {
    Fixture e = finWait1(config);
    e.in("<SEQ=301><ACK=102><CTL=ACK>");
    return e.expect("FIN-WAIT-2");
  }

  static Fixture closeWait(TcpConfig config) {
    Fixture e = established(config);
    e.in("<SEQ=301><ACK=101><CTL=FIN,ACK>");
    return e.expect("CLOSE-WAIT");
  }

  static Fixture closing(TcpConfig config) {
    Fixture e = finWait1(config);
    e.in("<SEQ=301><ACK=101><CTL=FIN,ACK>");
    return e.expect("CLOSING");
  }

  static Fixture lastAck(TcpConfig config) {
    Fixture e = closeWait(config);
    e.close();
    return e.expect("LAST-ACK");
  }

  /** TIME-WAIT with SND.NXT = 102 and RCV.NXT = 302. */
  static Fixture timeWait(TcpConfig config) {
    Fixture e = finWait2(config);
    e.in("<SEQ=301><ACK=102><CTL=FIN,ACK>");
    return e.expect("TIME-WAIT");
  }
}
