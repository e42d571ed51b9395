package dev.tcpv.conn;

/** What the user of a connection learns (RFC 9293 §3.9.1, §3.10). */
public sealed interface UserEvent {

  /** The handshake completed: ESTABLISHED. */
  record Established() implements UserEvent {}

  /**
   * In-order data arrived (S-4).
   *
   * @param data the octets, in sequence order
   */
  record DataDelivered(byte[] data) implements UserEvent {
    /** Copies the data. */
    public DataDelivered {
      data = data.clone();
    }

    /** A copy of the data. */
    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
      return o instanceof DataDelivered d && java.util.Arrays.equals(d.data, data);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "DataDelivered[" + data.length + " octets]";
    }
  }

  /** The peer's FIN arrived in sequence: it will send no more ("connection closing", R-CLOSE-2, S-6). */
  record PeerClosed() implements UserEvent {}

  /** "connection reset": a valid RST ended the connection (R-RST-2, R-OPEN-5). */
  record ConnectionReset() implements UserEvent {}

  /** "connection refused": a RST answered our active OPEN in SYN-RECEIVED (R-OPEN-7). */
  record ConnectionRefused() implements UserEvent {}

  /** "connection timed out": R2, the user timeout or keep-alive gave up (R-OPEN-10, R-TO-2, R-KA-3). */
  record ConnectionTimedOut() implements UserEvent {}

  /**
   * The TCB is deleted (CLOSED). MUST-12: the user learns whether the close was graceful (both FINs exchanged,
   * or the user's own CLOSE before synchronization) or an abort (RST, timeout, ABORT).
   *
   * @param graceful true for a graceful close, false for an abort
   */
  record Closed(boolean graceful) implements UserEvent {}
}
