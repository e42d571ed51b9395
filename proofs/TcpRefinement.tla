--------------------------- MODULE TcpRefinement ---------------------------
(***************************************************************************)
(* The refinement mapping from ../spec/Tcp.tla to TcpService.tla, and the  *)
(* definitions the refinement models share.  TLC checks Spec =>            *)
(* Svc!Spec (and, under FairSpec, the service's liveness) as properties.   *)
(*                                                                         *)
(* The constant MapFlaw breaks the mapping on purpose ("" keeps it): a     *)
(* test shows that the check then fails with a counterexample.            *)
(***************************************************************************)
EXTENDS Tcp

CONSTANT MapFlaw

\* The service phase of a TCP state.
PhaseOf(st) ==
    CASE st = "CLOSED" -> "Closed"
      [] st = "LISTEN" -> "Listen"
      [] st \in {"SYN-SENT", "SYN-RECEIVED"} -> "Opening"
      [] st \in {"ESTABLISHED", "CLOSE-WAIT"} -> "Open"
      [] OTHER -> "Closing"

\* The delivered history octet by octet, as the service keeps it: a run
\* [gen, from, to] of the spec's ghost is the octets <<gen, from>> .. <<gen, to>>.
RECURSIVE Octets(_)
Octets(d) ==
    IF d = <<>> THEN <<>>
    ELSE [i \in 1..Head(d).to - Head(d).from + 1 |-> <<Head(d).gen, Head(d).from + i - 1>>] \o Octets(Tail(d))

Svc == INSTANCE TcpService WITH
    phase <- [h \in Hosts |-> PhaseOf(tcb[h].st)],
    gen <- IF MapFlaw = "gen" THEN [h \in Hosts |-> 0] ELSE ghost.gen,
    sync <- ghost.sync,
    sent <- [h \in Hosts |-> tcb[h].sndLen],
    dlv <- [h \in Hosts |-> Octets(ghost.dlv[h])]

SvcSpec == Svc!Spec
SvcStream == Svc!StreamInv
SvcOpens == Svc!OpensProp
SvcCloses == Svc!ClosesProp
SvcDelivers == Svc!DeliversProp

\* As in ../model-check/models/MCTcp.tla.
MCIsnOffset == [h \in Hosts |-> IF h = "A" THEN 1 ELSE SeqMod \div 2]
MCCallsClientServer ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Send", "Close"}
                                ELSE {"PassiveOpen", "Send", "Close"}]
\* A client that connects, sends and closes; a server that listens and closes.
MCCallsClientSends ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Send", "Close"}
                                ELSE {"PassiveOpen", "Close"}]
MCCallsAbortingClient ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Close", "Abort"}
                                ELSE {"PassiveOpen", "Close"}]
=============================================================================
