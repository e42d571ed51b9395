package dev.tcpv.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpv.conn.TcpConfig;
import org.junit.jupiter.api.Test;

/** The runner's model of the FreeBSD socket layer's receive buffer rounding. */
class ReceiveBufferTest {
  @Test
  void roundsUpToWholeSegments() {
    assertEquals(65_700, ScriptRunner.receiveBuffer(65_536, 1460));
    assertEquals(2920, ScriptRunner.receiveBuffer(2920, 1460));
    assertEquals(2920, ScriptRunner.receiveBuffer(1461, 1460));
    assertEquals(1460, ScriptRunner.receiveBuffer(1460, 1460));
  }

  @Test
  void leavesABufferBelowOneSegmentAndBoundsTheRest() {
    assertEquals(1000, ScriptRunner.receiveBuffer(1000, 1460));
    assertEquals(0, ScriptRunner.receiveBuffer(0, 1460));
    assertEquals(TcpConfig.MAX_RECEIVE_WINDOW, ScriptRunner.receiveBuffer(1L << 40, 1460));
  }
}
