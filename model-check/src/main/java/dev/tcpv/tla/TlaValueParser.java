package dev.tcpv.tla;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Parses a TLA+ value as TLC pretty-prints it in a state of an error trace.
 *
 * <p>Only the forms TLC uses for values are accepted: integers, strings, {@code TRUE}/{@code FALSE}, model
 * values, {@code {...}}, {@code <<...>>}, records {@code [f |-> v, ...]} and functions
 * {@code (k :> v @@ ...)}. Anything else (an unevaluated {@code [x \in S |-> e]}, an operator) is rejected
 * with the offset and the text around it, because guessing would print a wrong counterexample.
 */
public final class TlaValueParser {
  private final String text;
  private int pos;

  private TlaValueParser(String text) {
    this.text = text;
  }

  /** The value {@code text} denotes; the whole text must be one value. */
  public static TlaValue parse(String text) throws TlaSyntaxException {
    TlaValueParser parser = new TlaValueParser(text);
    TlaValue value = parser.value();
    parser.skipSpace();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected text after the value");
    }
    return value;
  }

  private TlaValue value() throws TlaSyntaxException {
    skipSpace();
    if (pos >= text.length()) {
      throw error("expected a value, found the end of the text");
    }
    char c = text.charAt(pos);
    if (c == '"') {
      return string();
    }
    if (c == '-' || Character.isDigit(c)) {
      return integer();
    }
    if (c == '{') {
      pos++;
      return new TlaValue.SetOf(new LinkedHashSet<>(elementList("}")));
    }
    if (text.startsWith("<<", pos)) {
      pos += 2;
      return new TlaValue.Seq(elementList(">>"));
    }
    if (c == '[') {
      return record();
    }
    if (c == '(') {
      return function();
    }
    if (Character.isLetter(c) || c == '_') {
      String name = identifier();
      return switch (name) {
        case "TRUE" -> new TlaValue.Bool(true);
        case "FALSE" -> new TlaValue.Bool(false);
        default -> new TlaValue.ModelValue(name);
      };
    }
    throw error("unexpected character '" + c + "'");
  }

  /** Comma-separated values up to and including {@code close}. */
  private List<TlaValue> elementList(String close) throws TlaSyntaxException {
    List<TlaValue> out = new ArrayList<>();
    skipSpace();
    if (text.startsWith(close, pos)) {
      pos += close.length();
      return out;
    }
    while (true) {
      out.add(value());
      skipSpace();
      if (text.startsWith(close, pos)) {
        pos += close.length();
        return out;
      }
      expect(",");
    }
  }

  private TlaValue record() throws TlaSyntaxException {
    int start = pos;
    pos++;
    Map<String, TlaValue> fields = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (pos >= text.length() || !(Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        throw error("expected a record field name");
      }
      String field = identifier();
      skipSpace();
      if (text.startsWith("\\in", pos)) {
        pos = start;
        throw error("function constructors [x \\in S |-> e] are not values TLC prints");
      }
      expect("|->");
      if (fields.put(field, value()) != null) {
        throw error("field " + field + " appears twice");
      }
      skipSpace();
      if (text.startsWith("]", pos)) {
        pos++;
        return new TlaValue.Rec(fields);
      }
      expect(",");
    }
  }

  private TlaValue function() throws TlaSyntaxException {
    pos++;
    TlaValue first = value();
    skipSpace();
    if (text.startsWith(")", pos)) {
      pos++;
      return first;
    }
    Map<TlaValue, TlaValue> mapping = new LinkedHashMap<>();
    TlaValue key = first;
    while (true) {
      expect(":>");
      if (mapping.put(key, value()) != null) {
        throw error("the function maps " + key.toTla() + " twice");
      }
      skipSpace();
      if (text.startsWith(")", pos)) {
        pos++;
        return new TlaValue.Fcn(mapping);
      }
      expect("@@");
      key = value();
    }
  }

  private TlaValue string() throws TlaSyntaxException {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return new TlaValue.Str(out.toString());
      }
      if (c == '\\' && pos < text.length()) {
        char escaped = text.charAt(pos++);
        out.append(switch (escaped) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case 'f' -> '\f';
          default -> escaped;
        });
      } else {
        out.append(c);
      }
    }
    throw error("unterminated string");
  }

  private TlaValue integer() throws TlaSyntaxException {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos == digits) {
      pos = start;
      throw error("expected a digit after '-'");
    }
    try {
      return new TlaValue.Int(Long.parseLong(text.substring(start, pos)));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("integer out of range");
    }
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(String token) throws TlaSyntaxException {
    skipSpace();
    if (!text.startsWith(token, pos)) {
      throw error("expected '" + token + "'");
    }
    pos += token.length();
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private TlaSyntaxException error(String why) {
    int from = Math.max(0, pos - 20);
    int to = Math.min(text.length(), pos + 20);
    String around = text.substring(from, to).replaceAll("\\s+", " ");
    return new TlaSyntaxException(why + " at offset " + pos + " near '" + around + "'");
  }
}
