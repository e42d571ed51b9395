package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;
import java.util.Arrays;

/**
 * The octets the user has SENT that the peer has not acknowledged: those already transmitted (between SND.UNA
 * and SND.NXT) followed by those still queued. {@link #startSeq()} is the sequence number of the first octet held.
 */
final class SendBuffer {

  private byte[] data = new byte[0];
  /** Where the first octet held sits in {@link #data}: an ACK moves it on instead of moving the octets. */
  private int head;
  private int length;
  private SeqNum startSeq = new SeqNum(0);

  /** Empties the buffer; the next octet written will carry {@code seq}. */
  void reset(SeqNum seq) {
    data = new byte[0];
    head = 0;
    length = 0;
    startSeq = seq;
  }

  /** Queues the user's octets. */
  void write(byte[] octets) {
    if (head + length + octets.length > data.length) {
      byte[] to = length + octets.length > data.length
          ? new byte[Math.max(2 * data.length, length + octets.length)] : data;
      System.arraycopy(data, head, to, 0, length);
      data = to;
      head = 0;
    }
    System.arraycopy(octets, 0, data, head + length, octets.length);
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
    return Arrays.copyOfRange(data, head + (int) offset, head + (int) offset + n);
  }

  /** Drops the octets before {@code ack}, which the peer has acknowledged (S-4: cumulative). */
  void acknowledge(SeqNum ack) {
    if (!ack.gt(startSeq)) {
      return;
    }
    int n = (int) Math.min(ack.minus(startSeq), length);
    head += n;
    length -= n;
    startSeq = startSeq.plus(n);
  }
}
