---------------------------- MODULE MCTcpIndInv ----------------------------
(***************************************************************************)
(* The three obligations of the inductive invariant, for TLC.              *)
(*   InitSpec:   the spec's initial states and no step: Init => IndInv.   *)
(*   StepSpec:   every state the generator Gen produces that satisfies     *)
(*               IndInv, and one step of Next from it: IndInv /\ Next =>   *)
(*               IndInv', checked as the invariant IndInv of the spec      *)
(*               whose behaviours stop after one step (CONSTRAINT Fresh);  *)
(*               the same step also checks TimeWaitLengthProp.             *)
(*   SafetySpec: the same initial states and no step: IndInv => Safety.   *)
(*   ReachSpec:  the spec itself within the bounds (a sanity check: every  *)
(*               reachable state satisfies IndInv).                        *)
(***************************************************************************)
EXTENDS TcpIndInv

VARIABLE step   \* 0 in the initial state, 1 after the one step checked

\* As in ../model-check/models/MCTcp.tla.
MCIsnOffset == [h \in Hosts |-> IF h = "A" THEN 1 ELSE SeqMod \div 2]
MCCallsClientServer ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Send", "Close"}
                                ELSE {"PassiveOpen", "Send", "Close"}]

(***************************************************************************)
(* The generator.  Within the bounds (README.md) it produces every state   *)
(* that satisfies TypeInv /\ IndInv, with these restrictions, each stated  *)
(* in README.md: a host's ISS is IsnOffset[h] (the clock at 0 when it     *)
(* drew), and the ISN clock is one of GenClock.  Sequence numbers are      *)
(* drawn from the neighbourhoods of the two ISSs that the per-host        *)
(* conjuncts allow, and 0 (the SEQ of a RST answering a segment without    *)
(* ACK).                                                                   *)
(***************************************************************************)
IssOf(h) == IsnOffset[h]
GenClock == {0, IsnRate}
Near(h) == {SeqAdd(IssOf(h), k) : k \in 0..MaxData + 3}

TcbSpace(h) ==
    {NoTcb, ListenTcb} \cup
    {[NoTcb EXCEPT !.st = st, !.passive = p, !.iss = IssOf(h),
                   !.irs = IF st = "SYN-SENT" THEN 0 ELSE IssOf(Peer(h)),
                   !.sndUna = SeqAdd(IssOf(h), a), !.sndNxt = SeqAdd(IssOf(h), b),
                   !.sndWnd = IF st = "SYN-SENT" THEN 0 ELSE RcvWndSize,
                   !.rcvNxt = IF st = "SYN-SENT" THEN 0 ELSE SeqAdd(IssOf(Peer(h)), c),
                   !.rcvWnd = RcvWndSize, !.rto = r, !.retries = k, !.tw = tw] :
        st \in States \ {"CLOSED", "LISTEN"}, p \in BOOLEAN,
        a \in 0..MaxData + 2, b \in 0..MaxData + 2,
        c \in 0..MaxData + 2, r \in Timer(Rto), k \in 0..MaxRetries,
        tw \in Timer(TimeWaitTicks)}

\* Each host's TCBs that pass the per-host conjuncts IndInv keeps.
LocalOk(h, t) ==
    /\ Keep("Roles") => RolesOk(h, t)
    /\ Keep("SndNxtShape") => SndNxtOk(h, t)
    /\ Keep("RcvNxtShape") => RcvNxtOk(h, t)
    /\ Keep("TimerShape") => TimerOk(h, t)
    /\ Keep("SafeTcb") => TcbOk(h, t)
GoodTcbs(h) == {t \in TcbSpace(h) : LocalOk(h, t)}

CtlSets == {{"SYN"}, {"SYN", "ACK"}, {"ACK"}, {"FIN", "ACK"}, {"RST"}, {"RST", "ACK"}}

SegsFrom(src) ==
    {[src |-> src, dst |-> Peer(src), seq |-> seq, ack |-> IF "ACK" \in ctl THEN ack ELSE 0,
      ctl |-> ctl, len |-> 0, wnd |-> IF "RST" \in ctl THEN 0 ELSE RcvWndSize,
      sgen |-> sg, rgen |-> rg, age |-> age] :
        seq \in Near(src) \cup {0}, ack \in Near(Peer(src)), ctl \in CtlSets,
        sg \in Gens, rg \in Gens, age \in 0..MSL}
SegSpace == SegsFrom("A") \cup SegsFrom("B")

\* The shape of a segment does not depend on the state: TLC filters once.
ShapedSegs == IF Keep("SegmentShape") THEN {s \in SegSpace : SegmentShapeOk(s)} ELSE SegSpace

SegOk(s) ==
    /\ Keep("SegmentTags") => SegmentTagsOk(s)
    /\ Keep("OwnSegmentsConsistent") => OwnSegmentOk(s)
    /\ Keep("PartnerSegmentsConsistent") => PartnerSegmentOk(s)

\* The segments that may be in flight with the TCBs and ghost chosen so far.
NetSpace ==
    LET ok == {s \in ShapedSegs : SegOk(s)}
    IN {{}} \cup {{s} : s \in ok} \cup IF NetCap >= 2 THEN {{s1, s2} : s1, s2 \in ok} ELSE {}

Gen ==
    /\ isnClock \in GenClock
    /\ quiet = [h \in Hosts |-> 0]
    /\ budget = [loss |-> 0, dup |-> 0, crash |-> 0, inject |-> 0, forged |-> {}]
    /\ \E ta \in GoodTcbs("A"), tb \in GoodTcbs("B") : tcb = [h \in Hosts |-> IF h = "A" THEN ta ELSE tb]
    /\ \E ga \in Gens, gb \in Gens, sa \in Gens, sb \in Gens :
          ghost = [gen |-> [h \in Hosts |-> IF h = "A" THEN ga ELSE gb],
                   sync |-> [h \in Hosts |-> [g \in 1..MaxGen |-> IF h = "A" THEN sa ELSE sb]],
                   dlv |-> [h \in Hosts |-> <<>>], stale |-> {}, unrequested |-> {}]
    /\ TcbGhostInv
    /\ net \in NetSpace
    /\ NetInv
    /\ branch = {}

\* States are told apart without the coverage label (Tcp's branch), as Tcp's
\* own View does.
ProofView == <<vars, step>>

InitSpec == Init /\ step = 0 /\ [][FALSE]_<<vars, step>>
StepSpec == Gen /\ step = 0 /\ [][Next /\ step' = step + 1]_<<vars, step>>
ReachSpec == Init /\ step = 0 /\ [][Next /\ UNCHANGED step]_<<vars, step>>
SafetySpec == Gen /\ step = 0 /\ [][FALSE]_<<vars, step>>

Fresh == step = 0
=============================================================================
