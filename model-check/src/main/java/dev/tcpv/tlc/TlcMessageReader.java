package dev.tcpv.tlc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits TLC's {@code -tool} output, fed line by line, into {@link TlcMessage}s and unframed lines.
 *
 * <p>Frames nest (TLC wraps a configuration error in its "unexpected exception" message) and a frame may
 * open in the middle of a line, so this keeps a stack rather than matching lines. Text outside every frame
 * is SANY's parse report and is passed on as is.
 */
public final class TlcMessageReader {
  private static final Pattern MARKER =
      Pattern.compile("@!@!@STARTMSG (\\d+):(\\d+) @!@!@|@!@!@ENDMSG (\\d+) @!@!@");

  /** Receives what the reader recognises, in output order. */
  public interface Listener {
    /**
     * A complete message. A nested message arrives before the message that encloses it, and its text is
     * also part of the enclosing message's text.
     */
    void onMessage(TlcMessage message);

    /** A line printed outside any message frame. */
    void onUnframedLine(String line);
  }

  private record Open(int code, int severity, StringBuilder text) {}

  private final Listener listener;
  private final Deque<Open> open = new ArrayDeque<>();
  private final StringBuilder unframed = new StringBuilder();

  public TlcMessageReader(Listener listener) {
    this.listener = listener;
  }

  /** Reads one line of output (without its line break). */
  public void accept(String line) {
    Matcher m = MARKER.matcher(line);
    int pos = 0;
    boolean sawMarker = false;
    while (m.find(pos)) {
      append(line.substring(pos, m.start()));
      String startCode = m.group(1);
      String severity = m.group(2);
      if (startCode != null && severity != null) {
        flushUnframed();
        open.push(new Open(Integer.parseInt(startCode), Integer.parseInt(severity), new StringBuilder()));
      } else {
        close();
      }
      pos = m.end();
      sawMarker = true;
    }
    String rest = line.substring(pos);
    if (!sawMarker || !rest.isEmpty()) {
      append(rest + "\n");
    }
  }

  /** Ends the output: emits a frame TLC left open (it died mid-message) and any pending unframed text. */
  public void finish() {
    while (!open.isEmpty()) {
      close();
    }
    flushUnframed();
  }

  private void append(String s) {
    if (s.isEmpty()) {
      return;
    }
    Open top = open.peek();
    if (top != null) {
      top.text().append(s);
      return;
    }
    unframed.append(s);
    int nl;
    while ((nl = unframed.indexOf("\n")) >= 0) {
      listener.onUnframedLine(unframed.substring(0, nl));
      unframed.delete(0, nl + 1);
    }
  }

  private void close() {
    Open top = open.poll();
    if (top == null) {
      return;
    }
    String text = top.text().toString();
    while (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    listener.onMessage(new TlcMessage(top.code(), top.severity(), text));
    Open parent = open.peek();
    if (parent != null) {
      parent.text().append(text);
    }
  }

  private void flushUnframed() {
    if (!unframed.isEmpty()) {
      listener.onUnframedLine(unframed.toString());
      unframed.setLength(0);
    }
  }
}
