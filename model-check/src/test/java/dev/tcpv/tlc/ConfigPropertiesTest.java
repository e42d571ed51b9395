package dev.tcpv.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigPropertiesTest {

  @Test
  void listsThePropertiesOfAConfiguration() {
    String cfg = """
        CONSTANTS
          MSL = 1 \\* PROPERTY NotThis
          Hosts = {"A", "B"}
        SPECIFICATION FairSpec
        INVARIANTS TypeInv Safety
        PROPERTIES StateDiagramProp
          (* PROPERTY Commented *) HandshakeCompletesProp
        PROPERTY TimeWaitLengthProp
        CHECK_DEADLOCK FALSE
        """;
    assertEquals(List.of("StateDiagramProp", "HandshakeCompletesProp", "TimeWaitLengthProp"),
        ConfigProperties.parse(cfg));
  }

  @Test
  void isEmptyWithoutProperties() {
    assertEquals(List.of(), ConfigProperties.parse("SPECIFICATION Spec\nINVARIANT TypeInv\n"));
  }
}
