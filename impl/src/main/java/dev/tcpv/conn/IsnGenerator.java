package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;

/** Chooses the initial send sequence number (R-ISN-1, RFC 9293 §3.4.1); the engine draws one per incarnation. */
@FunctionalInterface
public interface IsnGenerator {

  /** The ISS for a new incarnation drawn at {@code nowMicros}. */
  SeqNum iss(long nowMicros);
}
