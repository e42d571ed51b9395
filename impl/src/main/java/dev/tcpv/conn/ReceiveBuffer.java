package dev.tcpv.conn;

import dev.tcpv.seq.SeqNum;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembly of received text (S-4): in-sequence octets are handed out at once, octets beyond a gap are held
 * until the gap fills. Positions are counted in octets from the start of the stream so that they do not wrap.
 * When the user reads with RECEIVE calls, in-sequence octets wait here ({@link #store}) until read ({@link
 * #read}).
 */
final class ReceiveBuffer {

  private final TreeMap<Long, byte[]> held = new TreeMap<>();
  private long delivered;
  /** In-sequence text not yet read, oldest first; the first chunk is read from {@link #headOffset}. */
  private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
  private int headOffset;
  private int unread;

  /** Forgets everything. */
  void reset() {
    held.clear();
    delivered = 0;
    waiting.clear();
    headOffset = 0;
    unread = 0;
  }

  /** Octets delivered in sequence and not yet read. */
  int unread() {
    return unread;
  }

  /** Keeps in-sequence octets until the user reads them. */
  void store(byte[] text) {
    if (text.length > 0) {
      waiting.add(text);
      unread += text.length;
    }
  }

  /** Takes up to {@code max} of the octets waiting, oldest first. */
  byte[] read(int max) {
    int n = Math.min(max, unread);
    byte[] out = new byte[n];
    int at = 0;
    while (at < n) {
      byte[] head = waiting.getFirst();
      int k = Math.min(n - at, head.length - headOffset);
      System.arraycopy(head, headOffset, out, at, k);
      at += k;
      headOffset += k;
      if (headOffset == head.length) {
        waiting.removeFirst();
        headOffset = 0;
      }
    }
    unread -= n;
    return out;
  }

  /** Whether octets beyond a gap are held. */
  boolean hasHeld() {
    return !held.isEmpty();
  }

  /** Octets held beyond a gap. */
  int heldOctets() {
    int n = 0;
    for (byte[] b : held.values()) {
      n += b.length;
    }
    return n;
  }

  /**
   * Takes the text of a segment at {@code seq}, trimmed to the window [{@code rcvNxt}, {@code rcvNxt + window});
   * returns the octets that are now in sequence (possibly none). RCV.NXT advances by the returned length.
   */
  byte[] accept(SeqNum rcvNxt, SeqNum seq, byte[] text, long window) {
    int d = seq.value() - rcvNxt.value();
    long from = Math.max(0, -(long) d);
    long end = Math.min(text.length, window - d);
    if (from < end) {
      long position = delivered + Math.max(d, 0);
      byte[] part = Arrays.copyOfRange(text, (int) from, (int) end);
      byte[] old = held.get(position);
      if (old == null || old.length < part.length) {
        held.put(position, part);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<Long, byte[]> e = held.firstEntry();
        e != null && e.getKey() <= delivered;
        e = held.firstEntry()) {
      held.remove(e.getKey());
      long skip = delivered - e.getKey();
      byte[] b = e.getValue();
      if (skip < b.length) {
        out.write(b, (int) skip, (int) (b.length - skip));
        delivered += b.length - skip;
      }
    }
    return out.toByteArray();
  }
}
