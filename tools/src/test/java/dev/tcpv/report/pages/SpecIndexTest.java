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
      CONSTANTS
          SeqMod,  \\* 2^32 in TCP (R-SEQ-1)
          Calls,   \\* the calls; a user
                   \\* without R-KA-9 (not a rule here)
          MSL
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
    assertEquals(List.of("Helper", "TimeWaitTimeout", "AckOk", "TimeWaitLengthProp", "SeqMod", "Calls", "MSL"),
        defs.stream().map(SpecDefinition::name).toList());
    SpecDefinition seqMod = defs.get(4);
    assertEquals(SpecDefinition.Kind.CONSTANT, seqMod.kind());
    assertEquals(4, seqMod.head());
    assertEquals(Set.of("R-SEQ-1"), seqMod.rules());
    assertEquals(6, defs.get(5).last(), "a comment line continues its constant");
    assertEquals(Set.of("R-KA-9"), defs.get(5).rules());
    assertEquals(Set.of(), defs.get(6).rules());
    SpecDefinition helper = defs.get(0);
    assertEquals(11, helper.first(), "the banner is not Helper's comment");
    assertEquals(SpecDefinition.Kind.DEFINITION, helper.kind());
    SpecDefinition timeout = defs.get(1);
    assertEquals(13, timeout.first());
    assertEquals(14, timeout.head());
    assertEquals(15, timeout.last());
    assertEquals(SpecDefinition.Kind.ACTION, timeout.kind());
    assertEquals(Set.of("R-TW-4", "R-TW-1"), timeout.rules());
    assertEquals(List.of("TimeWaitTimeout"), timeout.branches(), "a branch of another action is not its own");
    SpecDefinition ack = defs.get(2);
    assertEquals(17, ack.first());
    assertEquals(Set.of("R-SEQ-2"), ack.rules());
    assertEquals(SpecDefinition.Kind.PROPERTY, defs.get(3).kind());
    assertEquals(20, defs.get(3).last(), "the module's end closes the last definition");
    assertEquals(List.of("TimeWaitTimeout", "TimeWaitLengthProp"),
        index.declaring("R-TW-1").stream().map(SpecDefinition::name).toList());
  }
}
