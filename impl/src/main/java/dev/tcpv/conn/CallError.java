package dev.tcpv.conn;

/** The errors a user call can return (RFC 9293 §3.10.1 – §3.10.6). */
public enum CallError {
  /** The call needs a TCB and there is none (CLOSED). */
  CONNECTION_DOES_NOT_EXIST("connection does not exist"),
  /** OPEN on a TCB that exists. */
  CONNECTION_ALREADY_EXISTS("connection already exists"),
  /** SEND or CLOSE after the user's CLOSE. */
  CONNECTION_CLOSING("connection closing"),
  /** SEND or an active OPEN on a LISTEN whose foreign socket is unspecified. */
  FOREIGN_SOCKET_UNSPECIFIED("foreign socket unspecified");

  private final String message;

  CallError(String message) {
    this.message = message;
  }

  /** The RFC's wording. */
  public String message() {
    return message;
  }
}
