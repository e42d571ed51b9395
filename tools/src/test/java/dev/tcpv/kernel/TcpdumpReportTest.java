package dev.tcpv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A capture tcpdump reports drops in is not validated: its closing report is read. */
class TcpdumpReportTest {
  @Test
  void dropsInTcpdumpsReportMakeTheCaptureIncomplete() {
    List<String> full = List.of("tcpdump: listening on lo, link-type EN10MB (Ethernet), snapshot length 200 bytes",
        "10633 packets captured", "21266 packets received by filter", "0 packets dropped by kernel");
    assertNull(KernelCapture.dropped(full));
    List<String> cut = List.of("14911 packets captured", "30934 packets received by filter",
        "1093 packets dropped by kernel");
    assertEquals("tcpdump dropped 1093 packet(s): the capture misses segments the connection carried",
        KernelCapture.dropped(cut));
    assertEquals("tcpdump dropped 1 packet(s): the capture misses segments the connection carried",
        KernelCapture.dropped(List.of("1 packet dropped by kernel")));
  }
}
