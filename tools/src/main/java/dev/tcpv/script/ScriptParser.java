package dev.tcpv.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a script in packetdrill's syntax. Every error is a {@link ScriptSyntaxException} naming the file and
 * line. {@code #ifdef NAME}, {@code #ifndef NAME}, {@code #else} and {@code #endif} select lines by the
 * defined names.
 */
public final class ScriptParser {
  private static final Pattern HEADER = Pattern.compile("--([a-z_]+)=(\\S+)");
  private static final Pattern TIME = Pattern.compile(
      "(\\+)?(\\d+(?:\\.\\d*)?)(?:~(\\+)?(\\d+(?:\\.\\d*)?))?\\s+(.*)");
  private static final Pattern SEQ = Pattern.compile("(\\d+):(\\d+)\\((\\d+)\\)");
  /** {@code ...(N)}: any sequence number, N octets (the FreeBSD suite's SYN,ACK of a reopened TIME-WAIT). */
  private static final Pattern ANY_SEQ = Pattern.compile("\\.\\.\\.\\((\\d+)\\)");
  private static final Pattern CALL = Pattern.compile(
      "([a-z_]+)\\((.*)\\)\\s*=\\s*(-?(?:0x[0-9a-fA-F]+|\\d+))(?:\\s+([A-Z][A-Z0-9_]*))?(?:\\s*\\(.*\\))?");
  private static final Pattern ASSERT_STATE = Pattern.compile(
      "%\\{\\s*assert\\s+tcpi_state\\s*==\\s*(?:TCPI_|TCP_)?([A-Z0-9_]+)\\s*}%");
  private static final Pattern ASSERT_ISS = Pattern.compile("%\\{\\s*assert\\s+iss_advance\\s*==\\s*(\\d+)\\s*}%");
  private static final Pattern SYSCTL = Pattern.compile("`\\s*sysctl\\s+-w\\s+([\\w.]+)=(\\S+?)\\s*`");
  private static final Set<String> FLAG_LETTERS = Set.of("S", "F", "R", "P", ".", "E", "W", "U");
  private static final Set<String> STATES = Set.of("CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "SYN_RECV",
      "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT1", "FIN_WAIT_2", "FIN_WAIT2", "CLOSE_WAIT", "CLOSING", "LAST_ACK",
      "TIME_WAIT");

  private final Path file;
  private final Set<String> defines;

  private ScriptParser(Path file, Set<String> defines) {
    this.file = file;
    this.defines = defines;
  }

  /** Reads {@code file} with {@code defines} defined. */
  public static Script parse(Path file, Set<String> defines) throws ScriptSyntaxException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ScriptSyntaxException(file, 0, "cannot read: " + e.getMessage());
    }
    return parse(file, text, defines);
  }

  /** Parses {@code text} as if read from {@code file}. */
  public static Script parse(Path file, String text, Set<String> defines) throws ScriptSyntaxException {
    return new ScriptParser(file, defines).script(text);
  }

  private ScriptSyntaxException error(int line, String reason) {
    return new ScriptSyntaxException(file, line, reason);
  }

  private Script script(String text) throws ScriptSyntaxException {
    Map<String, String> headers = new LinkedHashMap<>();
    List<Step> steps = new ArrayList<>();
    // Each open #if: whether its lines are taken, and whether its enclosing block is.
    Deque<boolean[]> conditions = new ArrayDeque<>();
    String[] lines = text.split("\r?\n", -1);
    boolean inComment = false;
    for (int i = 0; i < lines.length; i++) {
      int no = i + 1;
      String line = lines[i];
      if (inComment) {
        int end = line.indexOf("*/");
        if (end < 0) {
          continue;
        }
        line = line.substring(end + 2);
        inComment = false;
      }
      line = stripComment(line).strip();
      int open = line.indexOf("/*");
      if (open >= 0) {
        int end = line.indexOf("*/", open + 2);
        if (end < 0) {
          inComment = true;
          line = line.substring(0, open).strip();
        } else {
          line = (line.substring(0, open) + line.substring(end + 2)).strip();
        }
      }
      if (line.isEmpty()) {
        continue;
      }
      boolean[] top = conditions.peek();
      boolean taking = top == null || top[0];
      if (line.startsWith("#")) {
        String[] words = line.split("\\s+");
        switch (words[0]) {
          case "#ifdef", "#ifndef" -> {
            if (words.length != 2) {
              throw error(no, words[0] + " needs one name");
            }
            boolean defined = defines.contains(words[1]);
            boolean take = words[0].equals("#ifdef") == defined;
            conditions.push(new boolean[] {taking && take, taking});
          }
          case "#else" -> {
            boolean[] c = conditions.pollFirst();
            if (c == null) {
              throw error(no, "#else without #ifdef");
            }
            conditions.push(new boolean[] {c[1] && !c[0], c[1]});
          }
          case "#endif" -> {
            if (conditions.isEmpty()) {
              throw error(no, "#endif without #ifdef");
            }
            conditions.pop();
          }
          default -> throw error(no, "unknown directive " + words[0]);
        }
        continue;
      }
      if (!taking) {
        continue;
      }
      Matcher h = HEADER.matcher(line);
      if (h.matches()) {
        header(no, group(h, 1), group(h, 2), headers);
        continue;
      }
      steps.add(step(no, line));
    }
    if (inComment) {
      throw error(lines.length, "unterminated /* comment");
    }
    if (!conditions.isEmpty()) {
      throw error(lines.length, "#ifdef without #endif");
    }
    return new Script(file, headers, steps);
  }

  /** Group {@code i} of a match, empty when the group did not take part. */
  static String group(Matcher m, int i) {
    String g = m.group(i);
    return g == null ? "" : g;
  }

  private static String stripComment(String line) {
    boolean inBackticks = false;
    for (int i = 0; i + 1 < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '`') {
        inBackticks = !inBackticks;
      } else if (!inBackticks && c == '/' && line.charAt(i + 1) == '/') {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private void header(int no, String name, String value, Map<String, String> headers)
      throws ScriptSyntaxException {
    switch (name) {
      case "ip_version" -> {
        if (!value.equals("ipv4") && !value.equals("ipv6") && !value.equals("ipv4-mapped-ipv6")) {
          throw error(no, "unknown ip_version " + value);
        }
      }
      case "quiet_time" -> {
        if (!value.equals("0") && !value.equals("1")) {
          throw error(no, "--quiet_time must be 0 or 1: " + value);
        }
      }
      case "tolerance_usecs", "remote_isn" -> {
        try {
          long v = Long.parseLong(value);
          if (v < 0 || (name.equals("remote_isn") && v > 0xFFFF_FFFFL)) {
            throw error(no, "--" + name + " out of range: " + value);
          }
        } catch (NumberFormatException e) {
          throw error(no, "--" + name + " needs a number: " + value);
        }
      }
      default -> {
        // Other packetdrill options (addresses, devices) mean nothing to a sans-I/O engine.
      }
    }
    headers.put(name, value);
  }

  private Step step(int no, String line) throws ScriptSyntaxException {
    Matcher t = TIME.matcher(line);
    if (!t.matches()) {
      throw error(no, "expected a time (1.0, +0.1 or 0.9~1.1) at the start of the line");
    }
    String end = t.group(4);
    Step.Time time = new Step.Time(micros(group(t, 2)), t.group(1) != null,
        end == null ? null : micros(end), t.group(3) != null);
    String rest = group(t, 5).strip();
    if (rest.startsWith("<") || rest.startsWith(">")) {
      SegmentSpec s = segment(no, rest.substring(1).strip());
      return rest.startsWith("<") ? new Step.Inject(no, line, time, s) : new Step.Expect(no, line, time, s);
    }
    if (rest.startsWith("`")) {
      if (!rest.endsWith("`") || rest.length() < 2) {
        throw error(no, "unterminated ` shell command");
      }
      Matcher s = SYSCTL.matcher(rest);
      if (s.matches()) {
        return new Step.Sysctl(no, line, time, group(s, 1), group(s, 2));
      }
      return new Step.Skipped(no, line, time, "shell command");
    }
    if (rest.startsWith("%{")) {
      if (!rest.endsWith("}%")) {
        throw error(no, "unterminated %{ ... }% block");
      }
      Matcher i = ASSERT_ISS.matcher(rest);
      if (i.matches()) {
        return new Step.AssertIssAdvance(no, line, time, uint32(no, group(i, 1)));
      }
      Matcher a = ASSERT_STATE.matcher(rest);
      if (!a.matches()) {
        return new Step.Skipped(no, line, time, "%{ }% code other than a tcpi_state assertion");
      }
      String state = group(a, 1);
      if (!STATES.contains(state)) {
        throw error(no, "unknown TCP state " + state);
      }
      return new Step.AssertState(no, line, time, rfcName(state));
    }
    Matcher c = CALL.matcher(rest);
    if (c.matches()) {
      String value = group(c, 3);
      long result;
      try {
        result = value.startsWith("0x") ? Long.parseLong(value.substring(2), 16)
            : value.startsWith("-0x") ? -Long.parseLong(value.substring(3), 16) : Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw error(no, "return value out of range: " + value);
      }
      return new Step.Call(no, line, time, group(c, 1), arguments(group(c, 2)), result, c.group(4));
    }
    throw error(no, "cannot parse \"" + rest + "\" (expected <, >, a socket call, ` or %{ }%)");
  }

  /** The RFC's name for a tcpi state name. */
  static String rfcName(String tcpi) {
    return switch (tcpi) {
      case "SYN_RECV" -> "SYN-RECEIVED";
      case "FIN_WAIT1" -> "FIN-WAIT-1";
      case "FIN_WAIT2" -> "FIN-WAIT-2";
      default -> tcpi.replace('_', '-');
    };
  }

  private static long micros(String seconds) {
    return Math.round(Double.parseDouble(seconds) * 1_000_000);
  }

  private static List<String> arguments(String args) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char ch : args.toCharArray()) {
      if (ch == '[' || ch == '{' || ch == '(') {
        depth++;
      } else if (ch == ']' || ch == '}' || ch == ')') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (!cur.isEmpty() || !out.isEmpty()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private SegmentSpec segment(int no, String text) throws ScriptSyntaxException {
    String body = text;
    @Nullable List<String> options = List.of();
    int lt = body.indexOf('<');
    if (lt >= 0) {
      if (!body.endsWith(">")) {
        throw error(no, "options must end with >");
      }
      String inner = body.substring(lt + 1, body.length() - 1).strip();
      body = body.substring(0, lt).strip();
      options = inner.equals("...") ? null : options(no, inner);
    }
    String[] w = body.split("\\s+");
    if (w.length < 2) {
      throw error(no, "a segment needs flags and start:end(length)");
    }
    String flags = w[0];
    for (int i = 0; i < flags.length(); i++) {
      if (!FLAG_LETTERS.contains(flags.substring(i, i + 1))) {
        throw error(no, "unknown flag '" + flags.charAt(i) + "' in " + flags + " (flags: S F R P . E W U)");
      }
    }
    @Nullable Long start = null;
    long len = 0;
    Matcher any = ANY_SEQ.matcher(w[1]);
    if (any.matches()) {
      len = uint32(no, group(any, 1));
    } else if (!w[1].equals("...")) {
      Matcher m = SEQ.matcher(w[1]);
      if (!m.matches()) {
        throw error(no, "expected start:end(length), ... or ...(length), found " + w[1]);
      }
      start = uint32(no, group(m, 1));
      long end = uint32(no, group(m, 2));
      len = uint32(no, group(m, 3));
      if (((end - start) & 0xFFFF_FFFFL) != len) {
        throw error(no, "length " + len + " is not end - start in " + w[1]);
      }
    }
    if (len > 0xFFFF - 60) {
      throw error(no, "length " + len + " too large for one segment");
    }
    int length = (int) len;
    @Nullable Long ack = null;
    @Nullable Integer window = null;
    for (int i = 2; i < w.length; i += 2) {
      if (i + 1 >= w.length) {
        throw error(no, w[i] + " needs a value");
      }
      switch (w[i]) {
        case "ack" -> ack = uint32(no, w[i + 1]);
        case "win" -> {
          long v = uint32(no, w[i + 1]);
          if (v > 0xFFFF) {
            throw error(no, "window " + v + " exceeds 65535");
          }
          window = (int) v;
        }
        case "urg" -> uint32(no, w[i + 1]);
        default -> throw error(no, "unexpected \"" + w[i] + "\" in segment (expected ack, win or <options>)");
      }
    }
    return new SegmentSpec(flags, start, length, ack, window, options);
  }

  private List<String> options(int no, String inner) throws ScriptSyntaxException {
    List<String> out = new ArrayList<>();
    if (inner.isEmpty()) {
      return out;
    }
    for (String raw : inner.split(",")) {
      String o = String.join(" ", raw.strip().split("\\s+"));
      String[] w = o.split(" ");
      boolean ok = switch (w[0].toLowerCase(Locale.ROOT)) {
        case "nop", "eol", "sackok" -> w.length == 1;
        case "mss" -> w.length == 2 && w[1].matches("\\d{1,5}") && Integer.parseInt(w[1]) <= 0xFFFF;
        case "wscale" -> w.length == 2 && w[1].matches("\\d{1,3}") && Integer.parseInt(w[1]) <= 0xFF;
        case "ts" -> w.length == 5 && w[1].equals("val") && w[3].equals("ecr") && w[2].matches("\\d{1,10}")
            && w[4].matches("\\d{1,10}") && Long.parseLong(w[2]) <= 0xFFFF_FFFFL
            && Long.parseLong(w[4]) <= 0xFFFF_FFFFL;
        case "sack" -> w.length >= 2 && List.of(w).subList(1, w.length).stream().allMatch(b -> b.matches("\\d+:\\d+"));
        default -> false;
      };
      if (!ok) {
        throw error(no, "unknown or malformed option \"" + o + "\"");
      }
      out.add(o);
    }
    return out;
  }

  private long uint32(int no, String s) throws ScriptSyntaxException {
    try {
      long v = Long.parseLong(s);
      if (v < 0 || v > 0xFFFF_FFFFL) {
        throw error(no, "number out of range: " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(no, "expected a number, found " + s);
    }
  }
}
