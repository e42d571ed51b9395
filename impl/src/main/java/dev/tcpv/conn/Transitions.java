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
   * @param rules the rules of the actions that take it
   */
  public record Entry(
      Class<? extends TcpState> from, Event event, Class<? extends TcpState> to, List<String> actions,
      List<Rule> rules) {
    /** Copies the lists. */
    public Entry {
      actions = List.copyOf(actions);
      rules = List.copyOf(rules);
    }

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
    add(t, Closed.class, Event.OPEN_ACTIVE, SynSent.class, "activeOpen", Rule.R_OPEN_1);
    add(t, Closed.class, Event.OPEN_PASSIVE, Listen.class, "passiveOpen", Rule.R_OPEN_3);
    add(t, Listen.class, Event.CLOSE, Closed.class, "close", Rule.R_CLOSE_1);
    add(t, SynSent.class, Event.CLOSE, Closed.class, "close", Rule.R_CLOSE_1);
    add(t, SynReceived.class, Event.CLOSE, FinWait1.class, "close", Rule.R_CLOSE_1);
    add(t, Established.class, Event.CLOSE, FinWait1.class, "close", Rule.R_CLOSE_1);
    add(t, CloseWait.class, Event.CLOSE, LastAck.class, "close", Rule.R_CLOSE_1);
    for (Class<? extends TcpState> s : List.of(Listen.class, SynSent.class, SynReceived.class, Established.class,
        FinWait1.class, FinWait2.class, CloseWait.class, Closing.class, LastAck.class, TimeWait.class)) {
      add(t, s, Event.ABORT, Closed.class, "abort", Rule.R_RST_3);
    }
    // SEGMENT ARRIVES (§3.10.7).
    add(t, Listen.class, seg, SynReceived.class, "segmentArrivesListen", Rule.R_OPEN_3, Rule.S_1);
    add(t, SynSent.class, seg, SynReceived.class, "simultaneousOpen", Rule.R_OPEN_6);
    add(t, SynSent.class, seg, Established.class, "segmentArrivesSynSent", Rule.R_OPEN_6, Rule.S_1);
    add(t, SynSent.class, seg, Closed.class, "segmentArrivesSynSent", Rule.R_OPEN_5);
    add(t, SynReceived.class, seg, Established.class, "receiveSegment receiveFin simultaneousOpenSynAck",
        Rule.R_OPEN_8, Rule.R_SEQ_2, Rule.R_OPEN_6);
    add(t, SynReceived.class, seg, CloseWait.class, "receiveFin", Rule.R_OPEN_8, Rule.R_CLOSE_2);
    add(t, SynReceived.class, seg, Listen.class, "receiveRst receiveSyn", Rule.R_OPEN_7, Rule.R_RST_4);
    add(t, SynReceived.class, seg, Closed.class, "receiveRst receiveSyn", Rule.R_OPEN_7, Rule.R_RST_4);
    add(t, Established.class, seg, CloseWait.class, "receiveFin", Rule.R_CLOSE_2, Rule.S_6);
    add(t, FinWait1.class, seg, FinWait2.class, "receiveSegment receiveFin", Rule.R_CLOSE_2, Rule.S_6);
    add(t, FinWait1.class, seg, Closing.class, "simultaneousClose", Rule.R_CLOSE_3);
    add(t, FinWait1.class, seg, TimeWait.class, "receiveFin", Rule.R_CLOSE_2, Rule.S_6);
    add(t, FinWait2.class, seg, TimeWait.class, "receiveFin", Rule.R_CLOSE_2, Rule.S_6);
    add(t, Closing.class, seg, TimeWait.class, "receiveSegment receiveFin", Rule.R_CLOSE_3);
    add(t, LastAck.class, seg, Closed.class, "receiveSegment receiveFin receiveRst receiveSyn",
        Rule.R_CLOSE_2, Rule.S_6, Rule.R_RST_1, Rule.R_RST_4);
    add(t, TimeWait.class, seg, SynReceived.class, "timeWaitReopen", Rule.R_TW_3);
    for (Class<? extends TcpState> s : List.of(Established.class, FinWait1.class, FinWait2.class,
        CloseWait.class, Closing.class, TimeWait.class)) {
      add(t, s, seg, Closed.class, "receiveRst receiveSyn", Rule.R_RST_1, Rule.R_RST_2, Rule.R_RST_4);
    }
    // Timeouts (§3.10.8).
    add(t, SynReceived.class, Event.RETRANSMISSION_TIMEOUT, Listen.class, "giveUp", Rule.R_OPEN_10);
    for (Class<? extends TcpState> s : List.of(SynSent.class, SynReceived.class, Established.class,
        FinWait1.class, CloseWait.class, Closing.class, LastAck.class)) {
      add(t, s, Event.RETRANSMISSION_TIMEOUT, Closed.class, "giveUp", Rule.R_OPEN_10, Rule.R_TO_2);
      add(t, s, Event.USER_TIMEOUT, Closed.class, "userTimeout", Rule.R_TO_2);
    }
    add(t, TimeWait.class, Event.TIME_WAIT_TIMEOUT, Closed.class, "timeWaitTimeout", Rule.R_TW_4, Rule.R_TW_1);
    add(t, Established.class, Event.KEEP_ALIVE_TIMEOUT, Closed.class, "keepAliveGiveUp", Rule.R_KA_3);
    add(t, CloseWait.class, Event.KEEP_ALIVE_TIMEOUT, Closed.class, "keepAliveGiveUp", Rule.R_KA_3);
    return List.copyOf(t);
  }

  private static void add(List<Entry> table, Class<? extends TcpState> from, Event event,
      Class<? extends TcpState> to, String actions, Rule... rules) {
    table.add(new Entry(from, event, to, List.of(actions.split(" ")), List.of(rules)));
  }
}
