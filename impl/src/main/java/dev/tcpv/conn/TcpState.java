package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of a TCB (RFC 9293 §3.3.2, Figure 5). Each state is a record holding only the variables valid in
 * it: CLOSED and LISTEN hold no sequence variables, SYN-SENT holds ISS, SND.UNA and SND.NXT but no IRS, and
 * SYN-RECEIVED and the synchronized states hold {@link SeqVars}.
 *
 * <p>The legal transitions are written once, as the {@code …Next} interfaces below: each lists the states that
 * the events handled in its source state may lead to. The engine's handler for a source state returns that
 * interface, so a transition the table does not allow does not compile. Which event makes each transition
 * (OPEN, CLOSE, SEGMENT ARRIVES, a timeout...) is declared in {@link Transitions}, which is checked against
 * these interfaces, against the transitions the engines take, and against the spec's.
 *
 * <pre>
 * CLOSED       → LISTEN, SYN-SENT
 * LISTEN       → SYN-RECEIVED, CLOSED
 * SYN-SENT     → SYN-RECEIVED, ESTABLISHED, CLOSED
 * SYN-RECEIVED → ESTABLISHED, FIN-WAIT-1, CLOSE-WAIT, LISTEN, CLOSED
 * ESTABLISHED  → FIN-WAIT-1, CLOSE-WAIT, CLOSED
 * FIN-WAIT-1   → FIN-WAIT-2, CLOSING, TIME-WAIT, CLOSED
 * FIN-WAIT-2   → TIME-WAIT, CLOSED
 * CLOSE-WAIT   → LAST-ACK, CLOSED
 * CLOSING      → TIME-WAIT, CLOSED
 * LAST-ACK     → CLOSED
 * TIME-WAIT    → SYN-RECEIVED (R-TW-3), CLOSED
 * </pre>
 *
 * Every state may also stay where it is.
 */
public sealed interface TcpState {

  /** The state's name as RFC 9293 spells it, e.g. {@code SYN-SENT}. */
  String rfcName();

  /** The TCB variables valid in this state, by RFC name, as unsigned values (for traces). */
  default Map<String, Long> variables() {
    return new LinkedHashMap<>();
  }

  /** States reachable from CLOSED. */
  sealed interface ClosedNext extends TcpState permits Closed, Listen, SynSent {}

  /** States reachable from LISTEN. */
  sealed interface ListenNext extends TcpState permits Listen, SynReceived, Closed {}

  /** States reachable from SYN-SENT. */
  sealed interface SynSentNext extends TcpState permits SynSent, SynReceived, Established, Closed {}

  /** States reachable from SYN-RECEIVED. */
  sealed interface SynReceivedNext extends TcpState
      permits SynReceived, Established, FinWait1, CloseWait, Listen, Closed {}

  /** States reachable from ESTABLISHED. */
  sealed interface EstablishedNext extends TcpState permits Established, FinWait1, CloseWait, Closed {}

  /** States reachable from FIN-WAIT-1. */
  sealed interface FinWait1Next extends TcpState permits FinWait1, FinWait2, Closing, TimeWait, Closed {}

  /** States reachable from FIN-WAIT-2. */
  sealed interface FinWait2Next extends TcpState permits FinWait2, TimeWait, Closed {}

  /** States reachable from CLOSE-WAIT. */
  sealed interface CloseWaitNext extends TcpState permits CloseWait, LastAck, Closed {}

  /** States reachable from CLOSING. */
  sealed interface ClosingNext extends TcpState permits Closing, TimeWait, Closed {}

  /** States reachable from LAST-ACK. */
  sealed interface LastAckNext extends TcpState permits LastAck, Closed {}

  /** States reachable from TIME-WAIT. */
  sealed interface TimeWaitNext extends TcpState permits TimeWait, SynReceived, Closed {}

  /** The states after the peer's SYN: SYN-RECEIVED and the synchronized states; they hold {@link SeqVars}. */
  sealed interface WithVars extends TcpState
      permits SynReceived, Established, FinWait1, FinWait2, CloseWait, Closing, LastAck, TimeWait {

    /** The sequence variables. */
    SeqVars vars();

    /** This state with other sequence variables. */
    WithVars withVars(SeqVars v);

    @Override
    default Map<String, Long> variables() {
      SeqVars v = vars();
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("ISS", v.iss().unsigned());
      m.put("IRS", v.irs().unsigned());
      m.put("SND.UNA", v.sndUna().unsigned());
      m.put("SND.NXT", v.sndNxt().unsigned());
      m.put("SND.WND", v.sndWnd());
      m.put("RCV.NXT", v.rcvNxt().unsigned());
      return m;
    }
  }

  /** CLOSED: no TCB (§3.3.2). */
  record Closed() implements ClosedNext, ListenNext, SynSentNext, SynReceivedNext, EstablishedNext,
      FinWait1Next, FinWait2Next, CloseWaitNext, ClosingNext, LastAckNext, TimeWaitNext {
    @Override
    public String rfcName() {
      return "CLOSED";
    }

    @Override
    public String toString() {
      return rfcName();
    }
  }

  /** LISTEN: waiting for a SYN; no sequence variables yet (§3.10.1). */
  record Listen() implements ClosedNext, ListenNext, SynReceivedNext {
    @Override
    public String rfcName() {
      return "LISTEN";
    }

    @Override
    public String toString() {
      return rfcName();
    }
  }

  /**
   * SYN-SENT: our SYN is out, the peer's is not known (R-OPEN-1).
   *
   * @param iss initial send sequence number
   * @param sndUna SND.UNA (= ISS)
   * @param sndNxt SND.NXT (= ISS + 1)
   */
  record SynSent(SeqNum iss, SeqNum sndUna, SeqNum sndNxt) implements ClosedNext, SynSentNext {
    @Override
    public String rfcName() {
      return "SYN-SENT";
    }

    @Override
    public Map<String, Long> variables() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("ISS", iss.unsigned());
      m.put("SND.UNA", sndUna.unsigned());
      m.put("SND.NXT", sndNxt.unsigned());
      return m;
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }

  /**
   * SYN-RECEIVED (§3.3.2).
   *
   * @param passive whether the TCB came from a passive OPEN (MUST-11, R-OPEN-7) or from an active one
   *     (simultaneous open)
   * @param vars the sequence variables
   */
  record SynReceived(boolean passive, SeqVars vars)
      implements WithVars, ListenNext, SynSentNext, SynReceivedNext, TimeWaitNext {
    @Override
    public String rfcName() {
      return "SYN-RECEIVED";
    }

    @Override
    public SynReceived withVars(SeqVars v) {
      return new SynReceived(passive, v);
    }

    @Override
    public Map<String, Long> variables() {
      Map<String, Long> m = WithVars.super.variables();
      m.put("passive", passive ? 1L : 0L);
      return m;
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }

  /**
   * ESTABLISHED.
   *
   * @param vars the sequence variables
   * @param kaProbes keep-alive probes sent since the peer was last heard from (R-KA-2, R-KA-3; the spec's TCB field
   *     {@code kaProbes}); a segment that passes the ACK check starts a new record, with none
   */
  record Established(SeqVars vars, int kaProbes) implements WithVars, SynSentNext, SynReceivedNext, EstablishedNext {
    /** ESTABLISHED with no keep-alive probe outstanding. */
    public Established(SeqVars vars) {
      this(vars, 0);
    }

    @Override
    public String rfcName() {
      return "ESTABLISHED";
    }

    @Override
    public Established withVars(SeqVars v) {
      return new Established(v, kaProbes);
    }

    /** This state with one more keep-alive probe outstanding. */
    public Established probed() {
      return new Established(vars, kaProbes + 1);
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }

  /** FIN-WAIT-1: the user has CLOSEd; our FIN is queued or sent, not acknowledged. @param vars the variables */
  record FinWait1(SeqVars vars) implements WithVars, SynReceivedNext, EstablishedNext, FinWait1Next {
    @Override
    public String rfcName() {
      return "FIN-WAIT-1";
    }

    @Override
    public FinWait1 withVars(SeqVars v) {
      return new FinWait1(v);
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }

  /** FIN-WAIT-2: our FIN is acknowledged; the peer may still send (R-CLOSE-4). @param vars the variables */
  record FinWait2(SeqVars vars) implements WithVars, FinWait1Next, FinWait2Next {
    @Override
    public String rfcName() {
      return "FIN-WAIT-2";
    }

    @Override
    public FinWait2 withVars(SeqVars v) {
      return new FinWait2(v);
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }

  /**
   * CLOSE-WAIT: the peer's FIN is in; we may still send (R-CLOSE-4).
   *
   * @param vars the sequence variables
   * @param kaProbes keep-alive probes sent since the peer was last heard from (as in {@link Established})
   */
  record CloseWait(SeqVars vars, int kaProbes) implements WithVars, SynReceivedNext, EstablishedNext, CloseWaitNext {
    /** CLOSE-WAIT with no keep-alive probe outstanding. */
    public CloseWait(SeqVars vars) {
      this(vars, 0);
    }

    @Override
    public String rfcName() {
      return "CLOSE-WAIT";
    }

    @Override
    public CloseWait withVars(SeqVars v) {
      return new CloseWait(v, kaProbes);
    }

    /** This state with one more keep-alive probe outstanding. */
    public CloseWait probed() {
      return new CloseWait(vars, kaProbes + 1);
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }

  /** CLOSING: both FINs crossed; ours is not acknowledged yet (R-CLOSE-3). @param vars the variables */
  record Closing(SeqVars vars) implements WithVars, FinWait1Next, ClosingNext {
    @Override
    public String rfcName() {
      return "CLOSING";
    }

    @Override
    public Closing withVars(SeqVars v) {
      return new Closing(v);
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }

  /** LAST-ACK: the peer's FIN is in, ours is sent, not acknowledged. @param vars the variables */
  record LastAck(SeqVars vars) implements WithVars, CloseWaitNext, LastAckNext {
    @Override
    public String rfcName() {
      return "LAST-ACK";
    }

    @Override
    public LastAck withVars(SeqVars v) {
      return new LastAck(v);
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }

  /** TIME-WAIT: both FINs acknowledged; waiting 2 MSL (R-TW-1). @param vars the variables */
  record TimeWait(SeqVars vars) implements WithVars, FinWait1Next, FinWait2Next, ClosingNext, TimeWaitNext {
    @Override
    public String rfcName() {
      return "TIME-WAIT";
    }

    @Override
    public TimeWait withVars(SeqVars v) {
      return new TimeWait(v);
    }

    @Override
    public String toString() {
      return rfcName() + variables();
    }
  }
}
