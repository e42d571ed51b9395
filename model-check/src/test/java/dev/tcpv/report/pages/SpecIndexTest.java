package dev.tcpv.report.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpv.check.BranchCatalogue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecIndexTest {
  private static final String MODULE = """
      ---- MODULE M ----
      EXTENDS Naturals
      (***************************************************************************)
      (* A banner that belongs to no definition.                                 *)
      (***************************************************************************)
      Helper(x) == x + 1

      \\* R-TW-4: the timeout deletes the TCB.
      TimeWaitTimeout(h) ==
          /\\ tw' = 0

      (* R-SEQ-2: an acceptable ACK. *)
      AckOk == TRUE
      \\* checks R-TW-1
      TimeWaitLengthProp == [][TRUE]_tw
      ====
      """;

  private static final BranchCatalogue BRANCHES = new BranchCatalogue(java.nio.file.Path.of("branches.json"), List.of(
      new BranchCatalogue.Branch("TimeWaitTimeout", List.of("R-TW-4", "R-TW-1"), null, null),
      new BranchCatalogue.Branch("TimeWaitTimeoutX.arm", List.of("R-OPEN-1"), null, null)));

  @Test
  void definitionsTakeTheCommentAboveAndTheirBranchesRules() {
    SpecIndex index = SpecIndex.of(MODULE, BRANCHES);
    List<SpecDefinition> defs = index.definitions();
    assertEquals(List.of("Helper", "TimeWaitTimeout", "AckOk", "TimeWaitLengthProp"),
        defs.stream().map(SpecDefinition::name).toList());
    SpecDefinition helper = defs.get(0);
    assertEquals(6, helper.first(), "the banner is not Helper's comment");
    assertEquals(SpecDefinition.Kind.DEFINITION, helper.kind());
    SpecDefinition timeout = defs.get(1);
    assertEquals(8, timeout.first());
    assertEquals(9, timeout.head());
    assertEquals(10, timeout.last());
    assertEquals(SpecDefinition.Kind.ACTION, timeout.kind());
    assertEquals(Set.of("R-TW-4", "R-TW-1"), timeout.rules());
    assertEquals(List.of("TimeWaitTimeout"), timeout.branches(), "a branch of another action is not its own");
    SpecDefinition ack = defs.get(2);
    assertEquals(12, ack.first());
    assertEquals(Set.of("R-SEQ-2"), ack.rules());
    assertEquals(SpecDefinition.Kind.PROPERTY, defs.get(3).kind());
    assertEquals(15, defs.get(3).last(), "the module's end closes the last definition");
    assertEquals(List.of("TimeWaitTimeout", "TimeWaitLengthProp"),
        index.declaring("R-TW-1").stream().map(SpecDefinition::name).toList());
  }
}
