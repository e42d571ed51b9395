package dev.tcpv.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void alignsColumnsAndRightAlignsNumbers() {
    String table = new TextTable("MODEL", "DISTINCT", "NOTE").alignRight(1)
        .row("Handshake", "121,034", "ok")
        .row("FixedIsn", "17")
        .render();
    assertEquals("""
        MODEL      DISTINCT  NOTE
        Handshake   121,034  ok
        FixedIsn         17
        """, table);
  }

  @Test
  void formatsCountsAndDurations() {
    assertEquals("1,234,567", Formats.count(1_234_567));
    assertEquals("0.6 s", Formats.duration(Duration.ofMillis(640)));
    assertEquals("45 s", Formats.duration(Duration.ofSeconds(45)));
    assertEquals("3 min 05 s", Formats.duration(Duration.ofSeconds(185)));
  }
}
