package dev.tcpv.tla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TlaValueParserTest {

  private static TlaValue parse(String text) throws TlaSyntaxException {
    return TlaValueParser.parse(text);
  }

  @Test
  void readsScalars() throws TlaSyntaxException {
    assertEquals(new TlaValue.Int(42), parse("42"));
    assertEquals(new TlaValue.Int(-1), parse(" -1 "));
    assertEquals(new TlaValue.Str("SYN-SENT"), parse("\"SYN-SENT\""));
    assertEquals(new TlaValue.Str("a\"b\\c\nd"), parse("\"a\\\"b\\\\c\\nd\""));
    assertEquals(new TlaValue.Bool(true), parse("TRUE"));
    assertEquals(new TlaValue.Bool(false), parse("FALSE"));
    assertEquals(new TlaValue.ModelValue("a1"), parse("a1"));
  }

  @Test
  void readsSetsAndSequences() throws TlaSyntaxException {
    assertEquals(new TlaValue.SetOf(Set.of()), parse("{}"));
    assertEquals(new TlaValue.Seq(List.of()), parse("<<>>"));
    assertEquals(
        new TlaValue.Seq(List.of(new TlaValue.Int(1), new TlaValue.Seq(List.of(new TlaValue.Str("x"))))),
        parse("<<1, <<\"x\">>>>"));
    assertEquals(parse("{\"SYN\", \"ACK\"}"), parse("{\"ACK\", \"SYN\"}"), "sets ignore order");
  }

  @Test
  void readsRecordsAsTlcPrettyPrintsThem() throws TlaSyntaxException {
    String text = """
        [ A |->
              [st |-> "CLOSED", passive |-> FALSE, iss |-> 0, rto |-> -1],
          B |->
              [ st |-> "LISTEN",
                passive |-> TRUE,
                iss |-> 0,
                rto |-> -1 ] ]""";
    TlaValue tcb = parse(text);
    assertEquals(Optional.of(new TlaValue.Str("LISTEN")), tcb.get("B").flatMap(b -> b.get("st")));
    assertEquals(Optional.of(new TlaValue.Bool(false)), tcb.get("A").flatMap(a -> a.get("passive")));
    assertEquals(Optional.empty(), tcb.get("C"));
  }

  @Test
  void readsFunctionsWrittenWithColonGreater() throws TlaSyntaxException {
    TlaValue quiet = parse("(\"A\" :> 0 @@ \"B\" :> 2)");
    Map<TlaValue, TlaValue> expected = new LinkedHashMap<>();
    expected.put(new TlaValue.Str("A"), new TlaValue.Int(0));
    expected.put(new TlaValue.Str("B"), new TlaValue.Int(2));
    assertEquals(new TlaValue.Fcn(expected), quiet);
    assertEquals(Optional.of(new TlaValue.Int(2)), quiet.get("B"));
    assertEquals(Optional.of(new TlaValue.Int(7)), parse("(a :> 7)").get("a"), "model-value keys");
    assertEquals(new TlaValue.Int(3), parse("(3)"), "a parenthesised value is the value");
  }

  @Test
  void printsBackAsTla() throws TlaSyntaxException {
    String text = "[src |-> \"A\", ctl |-> {\"SYN\"}, seqs |-> <<1, 2>>, q |-> (\"A\" :> 0 @@ \"B\" :> 1)]";
    assertEquals(text, parse(text).toTla());
  }

  @Test
  void rejectsWhatTlcDoesNotPrintAsAValue() {
    assertMessage("function constructors", "[x \\in {1} |-> x]");
    assertMessage("unterminated string", "\"abc");
    assertMessage("unexpected text after the value", "1 + 2");
    assertMessage("unexpected character '>'", "<<1, >>");
    assertMessage("expected a value, found the end", "<<1, ");
    assertMessage("expected '|->'", "[a = 1]");
    assertMessage("appears twice", "[a |-> 1, a |-> 2]");
    assertMessage("unexpected character", "?");
  }

  private static void assertMessage(String fragment, String text) {
    TlaSyntaxException e = assertThrows(TlaSyntaxException.class, () -> TlaValueParser.parse(text));
    assertTrue(String.valueOf(e.getMessage()).contains(fragment), () -> text + ": " + e.getMessage());
  }
}
