package dev.tcpv.conform;

import dev.tcpv.conn.TcpState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state-diagram edges three ways, which must be equal: the transitions the engine's types permit (for each
 * state record {@code X} of the sealed {@link TcpState}, the records its {@code XNext} interface permits, other
 * than {@code X} itself: a handler for {@code X} returns an {@code XNext}, so no other target compiles), the
 * spec's {@code Edges} (read from {@code Tcp.tla}, three-way handshake), and the edges the conformance models'
 * steps take. An edge is written {@code "FROM -> TO"} with RFC state names.
 */
public final class TypedTransitions {
  private static final Pattern PAIR = Pattern.compile("<<\"([A-Z0-9-]+)\",\\s*\"([A-Z0-9-]+)\">>");

  private TypedTransitions() {}

  /** The edges the engine's sealed types permit. */
  public static Set<String> javaEdges() {
    Set<String> edges = new TreeSet<>();
    for (Class<?> nested : TcpState.class.getDeclaredClasses()) {
      String simple = nested.getSimpleName();
      if (!nested.isInterface() || !simple.endsWith("Next")) {
        continue;
      }
      String from = rfcName(simple.substring(0, simple.length() - "Next".length()));
      Class<?>[] permitted = nested.getPermittedSubclasses();
      if (permitted == null) {
        throw new IllegalStateException(simple + " is not sealed");
      }
      for (Class<?> target : permitted) {
        String to = rfcName(target.getSimpleName());
        if (!to.equals(from)) {
          edges.add(from + " -> " + to);
        }
      }
    }
    return edges;
  }

  /**
   * The SEGMENT ARRIVES handlers of the engine, read from their signatures: for each private method of {@link
   * dev.tcpv.conn.Connection} whose first parameter is a state record {@code X} and whose return type is a step
   * to some {@code N}, the pair "X handler -> N" (e.g. {@code segmentArrivesListen -> LISTEN: ListenNext}). A
   * handler of {@code X} must return {@code XNext}: that is what ties the table above to the code.
   */
  public static java.util.Map<String, String> segmentHandlers() {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (java.lang.reflect.Method m : dev.tcpv.conn.Connection.class.getDeclaredMethods()) {
      Class<?>[] params = m.getParameterTypes();
      if (params.length == 0 || !TcpState.class.isAssignableFrom(params[0]) || !params[0].isRecord()
          || !(m.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType p)
          || p.getActualTypeArguments().length != 1
          || !(p.getActualTypeArguments()[0] instanceof Class<?> next)) {
        continue;
      }
      out.put(m.getName() + " (" + rfcName(params[0].getSimpleName()) + ")", next.getSimpleName());
    }
    return out;
  }

  /** {@code SynReceived} as RFC 9293 writes it: {@code SYN-RECEIVED}; {@code FinWait1}: {@code FIN-WAIT-1}. */
  static String rfcName(String camel) {
    return camel.replaceAll("(?<=[a-z])(?=[A-Z0-9])", "-").toUpperCase(java.util.Locale.ROOT);
  }

  /** The spec's {@code Edges} for the three-way handshake: the pairs before the {@code HandshakeWays = 2} part. */
  public static Set<String> specEdges(Path tcpTla) throws IOException, ConformException {
    String text = Files.readString(tcpTla);
    int start = text.indexOf("\nEdges ==");
    int end = start < 0 ? -1 : text.indexOf("HandshakeWays = 2", start);
    if (start < 0 || end < 0) {
      throw new ConformException(tcpTla + ": no Edges definition with a HandshakeWays = 2 part");
    }
    Set<String> edges = new TreeSet<>();
    Matcher m = PAIR.matcher(text.substring(start, end));
    while (m.find()) {
      edges.add(m.group(1) + " -> " + m.group(2));
    }
    return edges;
  }

  /** What differs between two edge sets, one line per edge; empty when they are equal. */
  public static List<String> diff(String leftName, Set<String> left, String rightName, Set<String> right) {
    List<String> out = new ArrayList<>();
    for (String e : left) {
      if (!right.contains(e)) {
        out.add(e + ": in " + leftName + ", not in " + rightName);
      }
    }
    for (String e : right) {
      if (!left.contains(e)) {
        out.add(e + ": in " + rightName + ", not in " + leftName);
      }
    }
    return out;
  }
}
