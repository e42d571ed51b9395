package dev.tcpv.conn;

import dev.tcpv.conn.TcpState.CloseWait;
import dev.tcpv.conn.TcpState.Closed;
import dev.tcpv.conn.TcpState.Closing;
import dev.tcpv.conn.TcpState.Established;
import dev.tcpv.conn.TcpState.FinWait1;
import dev.tcpv.conn.TcpState.FinWait2;
import dev.tcpv.conn.TcpState.LastAck;
import dev.tcpv.conn.TcpState.Listen;
import dev.tcpv.conn.TcpState.SynReceived;
import dev.tcpv.conn.TcpState.SynSent;
import dev.tcpv.conn.TcpState.TimeWait;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's state-diagram transitions as one declared table: each entry is a (from state, event, to state)
 * triple with the engine actions (the spec's action names, lower camel case) that take it and their rule IDs.
 * Only transitions that change the state are listed; every event may also leave the state as it is.
 *
 * <p>The table is checked against the types (each {@code to} is permitted by the {@code from} state's {@code
 * …Next} interface, and each pair those interfaces permit is in the table) and against the code (each
 * transition the engine takes under the conformance paths is an entry, and each entry is taken).
 */
public final class Transitions {

  /** The events of RFC 9293 §3.10 that move a connection: user calls, SEGMENT ARRIVES and the timeouts. */
  public enum Event {
    /** OPEN call, active. */
    OPEN_ACTIVE,
    /** OPEN call, passive. */
    OPEN_PASSIVE,
    /** SEND call (and sending queued data). */
    SEND,
    /** RECEIVE call. */
    RECEIVE,
    /** CLOSE call (and sending the queued FIN). */
    CLOSE,
    /** ABORT call. */
    ABORT,
    /** SEGMENT ARRIVES. */
    SEGMENT_ARRIVES,
    /** USER TIMEOUT. */
    USER_TIMEOUT,
    /** RETRANSMISSION TIMEOUT, including giving up when R2 is reached. */
    RETRANSMISSION_TIMEOUT,
    /** TIME-WAIT TIMEOUT. */
    TIME_WAIT_TIMEOUT,
    /** The keep-alive timer (probe, or giving up after the last probe). */
    KEEP_ALIVE_TIMEOUT;

    /** The event as RFC 9293 writes it, e.g. {@code SEGMENT ARRIVES}, {@code OPEN (active)}. */
    public String rfcName() {
      return switch (this) {
        case OPEN_ACTIVE -> "OPEN (active)";
        case OPEN_PASSIVE -> "OPEN (passive)";
        case KEEP_ALIVE_TIMEOUT -> "KEEP-ALIVE TIMEOUT";
        case TIME_WAIT_TIMEOUT -> "TIME-WAIT TIMEOUT";
        default -> name().replace('_', ' ');
      };
    }
  }

  /**
   * One transition.
   *
   * @param from the state record it leaves
   * @param event the event
   * @param to the state record it enters (a different one)
   * @param actions the engine actions that take it (e.g. {@code receiveRst})
   * @param rules the rule IDs
   */
  public record Entry(
      Class<? extends TcpState> from, Event event, Class<? extends TcpState> to, List<String> actions,
      String rules) {
    /** The triple in RFC words: {@code ESTABLISHED --SEGMENT ARRIVES--> CLOSE-WAIT}. */
    public String triple() {
      return Transitions.triple(rfcName(from), event, rfcName(to));
    }
  }

  /** The triple in RFC words, as {@link Entry#triple()} writes it. */
  public static String triple(String from, Event event, String to) {
    return from + " --" + event.rfcName() + "--> " + to;
  }

  /** {@code SynReceived} as RFC 9293 writes it: {@code SYN-RECEIVED}. */
  public static String rfcName(Class<?> state) {
    return state.getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z0-9])", "-").toUpperCase(Locale.ROOT);
  }

  private static final List<Entry> TABLE = build();

  private Transitions() {}

  /** The table. */
  public static List<Entry> table() {
    return TABLE;
  }

  /**
   * The event of an engine action (the action name a transition step carries).
   *
   * @throws IllegalArgumentException for a name that is no engine action
   */
  public static Event event(String action) {
    return switch (action) {
      case "activeOpen" -> Event.OPEN_ACTIVE;
      case "passiveOpen" -> Event.OPEN_PASSIVE;
      case "send", "sendData" -> Event.SEND;
      case "receive" -> Event.RECEIVE;
      case "close", "sendFin" -> Event.CLOSE;
      case "abort" -> Event.ABORT;
      case "segmentArrivesClosed", "segmentArrivesListen", "segmentArrivesSynSent", "simultaneousOpen",
          "timeWaitReopen", "timeWaitFinRetransmitted", "simultaneousOpenSynAck", "rejectUnacceptable",
          "receiveRst", "receiveSyn", "receiveSegment", "receiveFin", "simultaneousClose" -> Event.SEGMENT_ARRIVES;
      case "userTimeout" -> Event.USER_TIMEOUT;
      case "retransmitTimeout", "windowProbe", "giveUp" -> Event.RETRANSMISSION_TIMEOUT;
      case "timeWaitTimeout" -> Event.TIME_WAIT_TIMEOUT;
      case "keepAliveProbe", "keepAliveGiveUp" -> Event.KEEP_ALIVE_TIMEOUT;
      default -> throw new IllegalArgumentException("no engine action " + action);
    };
  }

  private static List<Entry> build() {
    List<Entry> t = new ArrayList<>();
    Event seg = Event.SEGMENT_ARRIVES;
    // User calls (§3.10.1 to §3.10.5).
    add(t, Closed.class, Event.OPEN_ACTIVE, SynSent.class, "activeOpen", "R-OPEN-1");
    add(t, Closed.class, Event.OPEN_PASSIVE, Listen.class, "passiveOpen", "R-OPEN-3");
    add(t, Listen.class, Event.CLOSE, Closed.class, "close", "R-CLOSE-1");
    add(t, SynSent.class, Event.CLOSE, Closed.class, "close", "R-CLOSE-1");
    add(t, SynReceived.class, Event.CLOSE, FinWait1.class, "close", "R-CLOSE-1");
    add(t, Established.class, Event.CLOSE, FinWait1.class, "close", "R-CLOSE-1");
    add(t, CloseWait.class, Event.CLOSE, LastAck.class, "close", "R-CLOSE-1");
    for (Class<? extends TcpState> s : List.of(Listen.class, SynSent.class, SynReceived.class, Established.class,
        FinWait1.class, FinWait2.class, CloseWait.class, Closing.class, LastAck.class, TimeWait.class)) {
      add(t, s, Event.ABORT, Closed.class, "abort", "R-RST-3");
    }
    // SEGMENT ARRIVES (§3.10.7).
    add(t, Listen.class, seg, SynReceived.class, "segmentArrivesListen", "R-OPEN-3 S-1");
    add(t, SynSent.class, seg, SynReceived.class, "simultaneousOpen", "R-OPEN-6 MUST-10");
    add(t, SynSent.class, seg, Established.class, "segmentArrivesSynSent", "R-OPEN-6 S-1");
    add(t, SynSent.class, seg, Closed.class, "segmentArrivesSynSent", "R-OPEN-5");
    add(t, SynReceived.class, seg, Established.class, "receiveSegment receiveFin simultaneousOpenSynAck",
        "R-OPEN-8 R-SEQ-2 R-OPEN-6 MUST-10");
    add(t, SynReceived.class, seg, CloseWait.class, "receiveFin", "R-OPEN-8 R-CLOSE-2");
    add(t, SynReceived.class, seg, Listen.class, "receiveRst receiveSyn", "R-OPEN-7 R-RST-4");
    add(t, SynReceived.class, seg, Closed.class, "receiveRst receiveSyn", "R-OPEN-7 R-RST-4");
    add(t, Established.class, seg, CloseWait.class, "receiveFin", "R-CLOSE-2 S-6");
    add(t, FinWait1.class, seg, FinWait2.class, "receiveSegment receiveFin", "R-CLOSE-2 S-6");
    add(t, FinWait1.class, seg, Closing.class, "simultaneousClose", "R-CLOSE-3");
    add(t, FinWait1.class, seg, TimeWait.class, "receiveFin", "R-CLOSE-2 S-6");
    add(t, FinWait2.class, seg, TimeWait.class, "receiveFin", "R-CLOSE-2 S-6");
    add(t, Closing.class, seg, TimeWait.class, "receiveSegment receiveFin", "R-CLOSE-3");
    add(t, LastAck.class, seg, Closed.class, "receiveSegment receiveFin receiveRst receiveSyn",
        "R-CLOSE-2 S-6 R-RST-1 R-RST-4");
    add(t, TimeWait.class, seg, SynReceived.class, "timeWaitReopen", "R-TW-3");
    for (Class<? extends TcpState> s : List.of(Established.class, FinWait1.class, FinWait2.class,
        CloseWait.class, Closing.class, TimeWait.class)) {
      add(t, s, seg, Closed.class, "receiveRst receiveSyn", "R-RST-1 R-RST-2 R-RST-4");
    }
    // Timeouts (§3.10.8).
    add(t, SynReceived.class, Event.RETRANSMISSION_TIMEOUT, Listen.class, "giveUp", "R-OPEN-10");
    for (Class<? extends TcpState> s : List.of(SynSent.class, SynReceived.class, Established.class,
        FinWait1.class, CloseWait.class, Closing.class, LastAck.class)) {
      add(t, s, Event.RETRANSMISSION_TIMEOUT, Closed.class, "giveUp", "R-OPEN-10 R-TO-2");
      add(t, s, Event.USER_TIMEOUT, Closed.class, "userTimeout", "R-TO-2");
    }
    add(t, TimeWait.class, Event.TIME_WAIT_TIMEOUT, Closed.class, "timeWaitTimeout", "R-TW-4 R-TW-1");
    add(t, Established.class, Event.KEEP_ALIVE_TIMEOUT, Closed.class, "keepAliveGiveUp", "R-KA-3");
    add(t, CloseWait.class, Event.KEEP_ALIVE_TIMEOUT, Closed.class, "keepAliveGiveUp", "R-KA-3");
    return List.copyOf(t);
  }

  private static void add(List<Entry> table, Class<? extends TcpState> from, Event event,
      Class<? extends TcpState> to, String actions, String rules) {
    table.add(new Entry(from, event, to, List.of(actions.split(" ")), rules));
  }
}
