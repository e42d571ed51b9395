package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;
import java.util.Arrays;

/**
 * The octets the user has SENT that the peer has not acknowledged: those already transmitted (between SND.UNA
 * and SND.NXT) followed by those still queued. {@link #startSeq()} is the sequence number of the first octet held.
 */
final class SendBuffer {

  private byte[] data = new byte[0];
  private int length;
  private SeqNum startSeq = new SeqNum(0);

  /** Empties the buffer; the next octet written will carry {@code seq}. */
  void reset(SeqNum seq) {
    data = new byte[0];
    length = 0;
    startSeq = seq;
  }

  /** Queues the user's octets. */
  void write(byte[] octets) {
    if (length + octets.length > data.length) {
      data = Arrays.copyOf(data, Math.max(2 * data.length, length + octets.length));
    }
    System.arraycopy(octets, 0, data, length, octets.length);
    length += octets.length;
  }

  /** Octets held. */
  int length() {
    return length;
  }

  /** The sequence number of the first octet held. */
  SeqNum startSeq() {
    return startSeq;
  }

  /** The sequence number after the last octet held. */
  SeqNum endSeq() {
    return startSeq.plus(length);
  }

  /** Octets held from sequence number {@code from}, at most {@code max}. */
  byte[] slice(SeqNum from, int max) {
    long offset = from.minus(startSeq);
    if (offset >= length) {
      return new byte[0];
    }
    int n = (int) Math.min(max, length - offset);
    return Arrays.copyOfRange(data, (int) offset, (int) offset + n);
  }

  /** Drops the octets before {@code ack}, which the peer has acknowledged (S-4: cumulative). */
  void acknowledge(SeqNum ack) {
    if (!ack.gt(startSeq)) {
      return;
    }
    int n = (int) Math.min(ack.minus(startSeq), length);
    System.arraycopy(data, n, data, 0, length - n);
    length -= n;
    startSeq = startSeq.plus(n);
  }
}
