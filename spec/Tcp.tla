-------------------------------- MODULE Tcp --------------------------------
(***************************************************************************)
(* The TCP connection lifecycle of RFC 9293 (https://www.rfc-editor.org/   *)
(* rfc/rfc9293): two endpoints of one 4-tuple, several incarnations of     *)
(* the connection on it, and a network that loses, duplicates, reorders    *)
(* and ages segments.                                                      *)
(*                                                                         *)
(* Read first: RFC 9293 §3.4 (sequence numbers, ISN, quiet time), §3.5     *)
(* (handshake, old duplicate SYNs, resets), §3.6 (closing, TIME-WAIT),     *)
(* §3.10.7 (SEGMENT ARRIVES, the event processing this spec follows step  *)
(* by step), RFC 5961 (blind in-window attacks), RFC 1337 (TIME-WAIT       *)
(* assassination), RFC 1122 §4.2.2.13 (TIME-WAIT reopen).                  *)
(*                                                                         *)
(* Every action names the rule IDs of spec/rules.md it models; the Java   *)
(* engine's methods carry the same names and IDs.  spec/README.md maps     *)
(* actions to rules and lists every abstraction.  The same module serves   *)
(* exhaustive model checking with tiny constants and the validation of     *)
(* real traces: no operator enumerates the sequence space or the clock;    *)
(* values come from the bounded choice sets IsnCandidates and TickSizes.   *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

(***************************************************************************)
(* Constants.  The first group is TCP's own; the second are policies of    *)
(* spec/rules.md; the third are knobs that break TCP on purpose; the last *)
(* bound the model (the adversary's budget and the users' appetite).       *)
(***************************************************************************)
CONSTANTS
    SeqMod,         \* size of the sequence space: 2^32 in TCP (R-SEQ-1)
    MSL,            \* maximum segment lifetime, in ticks
    QuietTicks,     \* knob: quiet time after a restart; TCP: MSL (R-ISN-2)
    IsnRate,        \* ISN clock increments per tick (R-ISN-1: M)
    IsnOffset,      \* [Hosts -> 0..SeqMod-1]: the keyed hash F of the 4-tuple (R-ISN-1)
    RcvWndSize,     \* receive buffer: the window each endpoint offers at most (RCV.WND)
    MaxSegLen,      \* octets of text one segment carries at most: the MSS (S-4)
    Rto,            \* retransmission timeout, in ticks (R-TO-1, without backoff; RtoLo/RtoHi)
    MaxRetries,     \* retransmissions before giving up: R2 (R-OPEN-10, R-TO-2)
    KeepAlive,      \* keep-alive on (R-KA-1); TCP's default is FALSE
    KaIdle,         \* idle ticks before the first probe (R-KA-2)
    KaInterval,     \* ticks between probes (R-KA-2)
    KaProbes,       \* unanswered probes before the peer is declared dead (R-KA-3)
    Rfc5961,        \* policy R-RST-1, R-RST-4, R-SEQ-6 (default on)
    Rfc1337,        \* policy R-TW-2 (default on)
    TwReopen,       \* policy R-TW-3 (default on)
    HandshakeWays,  \* knob: 3 (TCP) or 2 (broken, seed S-2)
    TimeWaitTicks,  \* knob: TIME-WAIT length; TCP: 2 * MSL (R-TW-1; TimeWaitLo/Hi)
    IsnMode,        \* knob: "clock" (TCP, R-ISN-1) or "fixed" (broken, seed S-5)
    WindowCheck,    \* knob: TRUE (TCP, R-SEQ-3) or FALSE (broken)
    MaxGen,         \* connection attempts (ISS draws) per host: the incarnations
    MaxData,        \* bytes a user may SEND per incarnation
    NetCap,         \* segments in flight at most; one more is dropped (congestion)
    LossBudget,     \* segments the network may lose
    DupBudget,      \* extra deliveries of a segment the network may make
    CrashBudget,    \* host crashes
    InjectBudget,   \* segments an off-path attacker may forge (RFC 5961)
    Calls,          \* [Hosts -> SUBSET UserCalls]: the calls each host's user makes;
                    \* a user without "Receive" takes text as it arrives
    PatientUsers    \* TRUE: a user CLOSEs only once established (ESTABLISHED,
                    \* CLOSE-WAIT), and a client OPENs actively only towards
                    \* a listener, a TIME-WAIT it may reopen, or a peer that
                    \* opens too; FALSE: any time

Hosts == {"A", "B"}
Peer(h) == IF h = "A" THEN "B" ELSE "A"

ASSUME SeqMod \in Nat /\ SeqMod >= 4 /\ SeqMod % 2 = 0
ASSUME MSL \in Nat \ {0}
ASSUME QuietTicks \in Nat
ASSUME IsnRate \in Nat \ {0}
ASSUME IsnOffset \in [Hosts -> 0..SeqMod - 1]
ASSUME RcvWndSize \in Nat \ {0} /\ RcvWndSize < SeqMod \div 2
ASSUME MaxSegLen \in Nat \ {0}
ASSUME Rto \in Nat \ {0} /\ MaxRetries \in Nat
ASSUME KeepAlive \in BOOLEAN /\ {KaIdle, KaInterval} \subseteq Nat \ {0} /\ KaProbes \in Nat \ {0}
ASSUME {Rfc5961, Rfc1337, TwReopen, WindowCheck} \subseteq BOOLEAN
ASSUME HandshakeWays \in {2, 3}
ASSUME TimeWaitTicks \in Nat
ASSUME IsnMode \in {"clock", "fixed"}
ASSUME {MaxGen, MaxData, LossBudget, DupBudget, CrashBudget, InjectBudget} \subseteq Nat
ASSUME NetCap \in Nat \ {0}
UserCalls == {"ActiveOpen", "PassiveOpen", "Send", "Receive", "Close", "Abort"}
ASSUME Calls \in [Hosts -> SUBSET UserCalls] /\ PatientUsers \in BOOLEAN
(***************************************************************************)
(* What the no-stale-segment properties rest on (RFC 9293 §3.4.1).         *)
(*  1. The sequence space does not wrap within the life of a segment: the  *)
(*     clock's advance over TIME-WAIT, a segment's life and the draws of   *)
(*     the model, plus a window, stay within half the space, so that       *)
(*     "older" is well defined.  (ASSUMEd: no model may break it.)         *)
(*  2. IsnClockNotOutrun: between two ISS draws of one host the clock      *)
(*     moves further than one incarnation consumes (SYN, data, FIN), so a  *)
(*     new incarnation's numbers lie above every old one's.  TCP makes the *)
(*     same assumption of its 4 us clock and the data rate, and it fails   *)
(*     for a fast sender.  It is not ASSUMEd: the Outrun models break it   *)
(*     on purpose, to show what TIME-WAIT (S-7b) and quiet time (R-ISN-2)  *)
(*     protect when numbers alone do not, and where TCP itself then fails  *)
(*     (spec/README.md, "When the ISN clock is outrun").                   *)
(***************************************************************************)
ASSUME (TimeWaitTicks + MSL + MaxGen + 1) * IsnRate + RcvWndSize < SeqMod \div 2
IsnClockNotOutrun == IsnRate > MaxData + 2

(***************************************************************************)
(* RFC vocabulary.                                                         *)
(***************************************************************************)
States == {"CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED",
           "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK",
           "TIME-WAIT"}
\* States in which SEGMENT ARRIVES follows the "Otherwise" branch (§3.10.7.4).
OtherStates == States \ {"CLOSED", "LISTEN", "SYN-SENT"}
\* The synchronized states (§3.5.2).
Synchronized == OtherStates \ {"SYN-RECEIVED"}
Flags == {"SYN", "ACK", "FIN", "RST"}
Off == -1   \* a timer that is not running

(***************************************************************************)
(* Sequence arithmetic modulo SeqMod (R-SEQ-1).  SeqDist(a, b) is the      *)
(* distance from b forward to a.                                           *)
(***************************************************************************)
SeqAdd(a, n) == (a + n) % SeqMod
SeqDist(a, b) == (a - b) % SeqMod
SeqSub(a, n) == (a - n) % SeqMod
SeqLt(a, b) == a # b /\ SeqDist(b, a) < SeqMod \div 2
SeqLe(a, b) == a = b \/ SeqLt(a, b)
\* lo =< x < lo + size
InWindow(x, lo, size) == SeqDist(x, lo) < size
\* R-SEQ-2: SND.UNA < SEG.ACK =< SND.NXT
AckAcceptable(una, ack, nxt) == SeqDist(ack, una) \in 1..SeqDist(nxt, una)

Min(a, b) == IF a < b THEN a ELSE b

(***************************************************************************)
(* Variables.                                                              *)
(***************************************************************************)
VARIABLES
    tcb,       \* [Hosts -> TCB]: the transmission control block of each endpoint
    net,       \* the set of segments in flight (a set: an identical copy is the
               \* same element, and duplication is delivery that keeps it)
    isnClock,  \* the ISN clock M of R-ISN-1, modulo SeqMod
    quiet,     \* [Hosts -> ticks of quiet time left after a restart] (R-ISN-2)
    budget,    \* what the adversary may still do: [loss, dup, crash, inject],
               \* and the last segment the attacker forged (forged: {} or {s})
    ghost,     \* history, not present in an implementation (see GhostTypeInv)
    branch     \* the branches of the spec the last step took (see Took)

vars == <<tcb, net, isnClock, quiet, budget, ghost>>

\* Coverage instrumentation.  Every step names the branches of the spec it
\* took (an arm of a CASE or IF that decides an outcome, a disjunct): the set
\* b of names catalogued, with their rule IDs, in spec/branches.json, and
\* counted by ./tcpv check, conform and traces.  No action reads branch, and
\* it is in neither vars nor View: the behaviours of vars and the distinct
\* states of every model are those of the spec without it.
Took(b) == branch' = b

(***************************************************************************)
(* A TCB (§3.3.1).  Fields that are meaningless in a state hold canonical  *)
(* values (0, Off, {}), so equal situations are equal states.              *)
(*   st        the RFC state                                               *)
(*   passive   the TCB came from a passive OPEN (MUST-11)                  *)
(*   iss irs sndUna sndNxt sndWnd sndWl1 sndWl2 rcvNxt rcvWnd             *)
(*             as in §3.3.1 (SND.WL1/WL2: see SetWnd)                      *)
(*   sndLen    bytes the user has SENT in this incarnation                 *)
(*   unread    octets delivered in order and not yet taken by a RECEIVE    *)
(*             call; with them, RCV.WND fills the receive buffer           *)
(*             (RcvWndSize)                                                *)
(*   rcvQ      out-of-order text held for later: a set of ranges           *)
(*             [seq, len, gen] (see Hold)                                  *)
(*   rcvFin    the sequence number of a FIN held beyond a gap (HoldsFin),  *)
(*             or Off                                                      *)
(*   rto       ticks until the retransmission timer must have fired (its   *)
(*             latest expiry, RtoHi), or Off; it may fire once it has run  *)
(*             RtoLo (Expired); in models the two are equal                *)
(*   retries   retransmissions of the oldest unacknowledged segment        *)
(*   r2        ticks since the retransmission timer started for the oldest *)
(*             unacknowledged segment: R2's clock when R2 is a time        *)
(*             (R2Clock, validation); Off otherwise, and always in models  *)
(*   tw        ticks spent in TIME-WAIT since the timer (re)started, or Off*)
(*   ka        ticks until the keep-alive timer must have fired, or Off    *)
(*   kaProbes  unanswered keep-alive probes                                *)
(*   dack      ticks since an ACK was deferred (R-ACK-1), or Off: none is  *)
(*             owed; always Off in models without DelayedAcks              *)
(***************************************************************************)
NoTcb == [st |-> "CLOSED", passive |-> FALSE, iss |-> 0, irs |-> 0,
          sndUna |-> 0, sndNxt |-> 0, sndWnd |-> 0, sndWl1 |-> 0, sndWl2 |-> 0,
          rcvNxt |-> 0, rcvWnd |-> 0, sndLen |-> 0, unread |-> 0, rcvQ |-> {}, rcvFin |-> Off, rto |-> Off, retries |-> 0, r2 |-> Off, tw |-> Off,
          ka |-> Off, kaProbes |-> 0, dack |-> Off]

ListenTcb == [NoTcb EXCEPT !.st = "LISTEN", !.passive = TRUE]

(***************************************************************************)
(* A segment in flight.  ctl is its set of control bits; ack is 0 when ACK *)
(* is off and wnd, the window its sender advertises (SEG.WND), is 0 on a   *)
(* RST (canonical).  sgen and rgen are ghost      *)
(* tags: the incarnation (ISS draw) of the sender, and the incarnation of  *)
(* the receiver that the sender is synchronized with (0: none yet).  A     *)
(* reply made without a TCB of its own (a RST) carries the tags of the     *)
(* segment it answers, reversed: it speaks of that incarnation.  age is    *)
(* the ticks the segment has been in flight; no segment outlives MSL.      *)
(***************************************************************************)
SegWnd(src, seq, ack, ctl, len, wnd, sgen, rgen) ==
    [src |-> src, dst |-> Peer(src), seq |-> seq,
     ack |-> IF "ACK" \in ctl THEN ack ELSE 0, ctl |-> ctl, len |-> len,
     wnd |-> IF "RST" \in ctl THEN 0 ELSE wnd,
     sgen |-> sgen, rgen |-> rgen, age |-> 0]

\* A segment offering the whole buffer: a forged one, and a RST (whose
\* window SegWnd makes 0).
Seg(src, seq, ack, ctl, len, sgen, rgen) == SegWnd(src, seq, ack, ctl, len, RcvWndSize, sgen, rgen)

\* SEG.LEN: data plus the SYN and FIN flags, which occupy sequence space.
SegLen(s) == s.len + (IF "SYN" \in s.ctl THEN 1 ELSE 0) + (IF "FIN" \in s.ctl THEN 1 ELSE 0)

(***************************************************************************)
(* TIMER BOUNDS.  How long each timer runs, in ticks: its least delay (Lo) *)
(* and its greatest (Hi).  A model has exact timers: both bounds are the   *)
(* knob, and a timer fires at the tick it expires.  Validation replaces    *)
(* these definitions with the bounds a trace's header gives for the stack  *)
(* that made it (spec/README.md, "Real time").  A running timer counts     *)
(* down to its latest expiry, which no Tick passes (NothingDue); it may    *)
(* fire once it has run its least delay.                                   *)
(***************************************************************************)
\* R-TO-1: the retransmission timeout after k retransmissions of the oldest
\* unacknowledged segment (RFC 6298 §5.5 doubles it at each).
RtoLo(k) == Rto
RtoHi(k) == Rto
\* R-TW-1: TIME-WAIT lasts 2 x MSL at least.
TimeWaitLo == TimeWaitTicks
TimeWaitHi == TimeWaitTicks
\* R-KA-2: the idle time before the first keep-alive probe (p = 0), then the
\* interval between unanswered probes.
KaLo(p) == IF p = 0 THEN KaIdle ELSE KaInterval
KaHi(p) == KaLo(p)
\* R-TO-2, R-OPEN-10: R2.  In models R2 is a count of retransmissions
\* (MaxRetries).  A stack's R2 is a time (§3.8.3: at least 100 s, and 3
\* minutes for a SYN): with R2Clock, the TCB's r2 runs from the start of the
\* retransmission timer for the oldest unacknowledged segment, and at a
\* timeout the connection may give up once r2 >= R2Lo(t) and goes on
\* retransmitting only while r2 < R2Hi(t).
R2Clock == FALSE
R2Lo(t) == 0
R2Hi(t) == 0
\* R-ACK-1 (SHLD-18, MUST-40): whether a receiver may defer the ACK of text
\* or a FIN that arrives in order, and the least and the most ticks the
\* delayed-ACK timer then runs (MUST-40: at most 0.5 s).  Off in the models
\* but DelayedAck; a trace's header sets the stack's (Linux: 40 to 200 ms).
DelayedAcks == FALSE
DackLo == 0
DackHi == 1
R2Start == IF R2Clock THEN 0 ELSE Off

RtoExpired(t) == t.rto # Off /\ t.rto <= RtoHi(t.retries) - RtoLo(t.retries)
KaExpired(t) == t.ka # Off /\ t.ka <= KaHi(t.kaProbes) - KaLo(t.kaProbes)
BeforeR2(t) == t.r2 = Off \/ t.r2 < R2Hi(t)
R2Reached(t) == t.retries = MaxRetries \/ (t.r2 # Off /\ t.r2 >= R2Lo(t))
\* The ticks the running retransmission timer has run.
Ran(t) == RtoHi(t.retries) - t.rto

(***************************************************************************)
(* Type invariants.                                                        *)
(***************************************************************************)
SeqNums == 0..SeqMod - 1
Gens == 0..MaxGen
Timer(max) == {Off} \cup 0..max

TcbTypeInv ==
    tcb \in [Hosts -> [st: States, passive: BOOLEAN, iss: SeqNums, irs: SeqNums,
                       sndUna: SeqNums, sndNxt: SeqNums, sndWnd: 0..RcvWndSize,
                       sndWl1: SeqNums, sndWl2: SeqNums,
                       rcvNxt: SeqNums, rcvWnd: 0..RcvWndSize, sndLen: 0..MaxData,
                       unread: 0..RcvWndSize,
                       rcvQ: SUBSET [seq: SeqNums, len: 1..RcvWndSize, gen: Gens],
                       rcvFin: {Off} \cup SeqNums,
                       rto: Timer(Rto), retries: 0..MaxRetries,
                       r2: {Off} \cup (IF R2Clock THEN Nat ELSE {}),
                       tw: Timer(TimeWaitTicks),
                       ka: Timer(IF KaIdle > KaInterval THEN KaIdle ELSE KaInterval),
                       kaProbes: 0..KaProbes,
                       dack: Timer(DackHi)]]

SegType == [src: Hosts, dst: Hosts, seq: SeqNums, ack: SeqNums,
            ctl: SUBSET Flags, len: 0..MaxSegLen, wnd: 0..RcvWndSize,
            sgen: Gens, rgen: Gens, age: 0..MSL]

NetTypeInv ==
    /\ net \subseteq SegType
    /\ \A s \in net : s.dst = Peer(s.src)
    /\ Cardinality(net) <= NetCap

GhostTypeInv ==
    ghost \in [gen: [Hosts -> Gens], sync: [Hosts -> [1..MaxGen -> Gens]],
               dlv: [Hosts -> Seq([gen: Gens, from: Nat \ {0}, to: Nat \ {0}])],
               stale: SUBSET [host: Hosts, seq: SeqNums, ctl: SUBSET Flags,
                              gen: Gens, peer: Gens],
               unrequested: SUBSET [host: Hosts, peerGen: Gens]]

TypeInv ==
    /\ TcbTypeInv
    /\ NetTypeInv
    /\ isnClock \in SeqNums
    /\ quiet \in [Hosts -> 0..QuietTicks]
    /\ budget \in [loss: 0..LossBudget, dup: 0..DupBudget, crash: 0..CrashBudget,
                   inject: 0..InjectBudget, forged: SUBSET SegType]
    /\ GhostTypeInv

(***************************************************************************)
(* The ghost history.                                                      *)
(*   gen[h]    the number of ISS draws at h: the incarnation of h's TCB    *)
(*   sync[h][g]  the peer incarnation that h's incarnation g synchronized  *)
(*             with (accepted the SYN of), 0 while none                    *)
(*   dlv[h]    octets delivered to h's user in this incarnation, as runs   *)
(*             [gen, from, to]: the octets from..to (1 is the first after  *)
(*             the SYN) of the stream of the sender's incarnation gen; a   *)
(*             run that continues the last one is merged into it (Deliver- *)
(*             ies), so equal histories of octets are equal sequences      *)
(*   stale     every acceptance of a segment of another incarnation       *)
(*   unrequested  every ESTABLISHED entered with a peer incarnation that   *)
(*             neither still asks (SYN-SENT) nor synchronized with us      *)
(***************************************************************************)
GhostInit == [gen |-> [h \in Hosts |-> 0], sync |-> [h \in Hosts |-> [g \in 1..MaxGen |-> 0]],
              dlv |-> [h \in Hosts |-> <<>>], stale |-> {}, unrequested |-> {}]

\* The peer incarnation h's current TCB is synchronized with (0: none).
PeerGen(h) == IF ghost.gen[h] = 0 THEN 0 ELSE ghost.sync[h][ghost.gen[h]]

\* A segment is stale at h when it belongs to an earlier incarnation: h's TCB
\* has synchronized with a peer incarnation and the segment was sent by an
\* earlier one; or h's TCB has not synchronized yet (SYN-SENT) and the segment
\* answers an earlier incarnation of h (a SYN alone answers nothing: rgen = 0).
\* A reply made without a TCB carries the tags of the segment it answers, so a
\* RST speaks of the incarnation it resets.
Stale(h, s) ==
    IF PeerGen(h) # 0
    THEN s.sgen < PeerGen(h)
    ELSE s.rgen # 0 /\ s.rgen < ghost.gen[h]

\* The record of a stale acceptance of s at h, synchronized with peer
\* incarnation peerGen.
StaleEntry(h, s, peerGen) == [host |-> h, seq |-> s.seq, ctl |-> s.ctl, gen |-> s.sgen, peer |-> peerGen]

\* The ghost after h accepted (accepts = TRUE) segment s, now synchronized with
\* peer incarnation peerGen; a stale acceptance is recorded, never prevented.
Judge(h, s, peerGen, accepts) ==
    [ghost EXCEPT
        !.sync[h] = IF ghost.gen[h] = 0 THEN @ ELSE [@ EXCEPT ![ghost.gen[h]] = peerGen],
        !.stale = IF accepts /\ Stale(h, s) THEN @ \cup {StaleEntry(h, s, peerGen)} ELSE @]

(***************************************************************************)
(* ISN selection (R-ISN-1).  ISN = M + F: M is isnClock, F is IsnOffset.   *)
(* Abstraction: the clock runs at IsnRate per tick and also moves by       *)
(* IsnRate at every ISS draw, which says that two draws of one host are at *)
(* least one model tick of ISN clock apart.  A trace fixes the candidates  *)
(* to the ISS it observed by overriding IsnCandidates.                     *)
(***************************************************************************)
IsnCandidates(h) ==
    IF IsnMode = "clock" THEN {SeqAdd(isnClock, IsnOffset[h])} ELSE {IsnOffset[h]}

IsnAfterDraw == SeqAdd(isnClock, IsnRate)

(***************************************************************************)
(* THE ATTACKER (RFC 5961 §1 - §5).  An off-path attacker knows the        *)
(* 4-tuple but not the sequence numbers, and forges segments with guessed  *)
(* SEQ and ACK fields.  A guess that hits (a RST at exactly RCV.NXT, an    *)
(* ACK in the acceptable range with its SEQ in the window) is accepted by  *)
(* any TCP: RFC 5961 narrows those targets and cannot remove them, so the  *)
(* model leaves them out.  Every other guess falls in a class that one     *)
(* rule judges, and the attacker tries the member of each class nearest    *)
(* to a hit, the one a rule off by one would take:                         *)
(*   a RST at RCV.NXT + 1: in the window, not exact (R-RST-1);             *)
(*   a RST at RCV.NXT - 1 or RCV.NXT + RCV.WND: just outside the           *)
(*     window (R-SEQ-3, R-SEQ-4: dropped, no challenge ACK);               *)
(*   a SYN at RCV.NXT: in the window (R-RST-4), and not above the old      *)
(*     RCV.NXT of a TIME-WAIT (R-TW-3);                                    *)
(*   an octet at RCV.NXT + RCV.WND: one past the window (R-SEQ-3);         *)
(*   an octet at RCV.NXT - 1: one before it, old (R-SEQ-3, R-SEQ-4);       *)
(*   an octet at RCV.NXT acknowledging SND.NXT + 1: something never sent   *)
(*     (R-SEQ-2);                                                          *)
(*   an octet at RCV.NXT acknowledging SND.UNA - MAX.SND.WND - 1: older    *)
(*     than any acknowledgment still in flight (R-SEQ-6, RFC 5961 §5).     *)
(* The targets are the TCBs that process segments by §3.10.7.4 (the SYN:   *)
(* the synchronized ones; a SYN in SYN-RECEIVED from a passive OPEN        *)
(* returns it to LISTEN whatever its number, an exposure the RFC accepts). *)
(* The guesses are made against the TCB as the segment arrives: a forged  *)
(* segment is not put in flight (where the TCB could move on until the     *)
(* guess hits) but offered to h's SEGMENT ARRIVES actions alongside the    *)
(* segments in flight, and taking it spends one unit of budget.inject;     *)
(* budget.forged keeps the last one taken, for the properties that judge   *)
(* what a step took.  A forged segment carries no incarnation (sgen = rgen *)
(* = 0), so the ghost judges its acceptance stale:                         *)
(* NoStaleSegmentAcceptedInv says no forged segment ever changes a TCB or  *)
(* delivers an octet.                                                      *)
(***************************************************************************)
Forged(h, seq, ack, ctl, len) == Seg(Peer(h), seq, ack, ctl, len, 0, 0)
IsForged(s) == s.sgen = 0 /\ s.rgen = 0

ForgedSegments(h) ==
    LET t == tcb[h]
    IN IF budget.inject = 0 \/ t.st \notin OtherStates THEN {}
       ELSE {Forged(h, SeqAdd(t.rcvNxt, 1), 0, {"RST"}, 0),
             Forged(h, SeqSub(t.rcvNxt, 1), 0, {"RST"}, 0),
             Forged(h, SeqAdd(t.rcvNxt, t.rcvWnd), t.sndNxt, {"ACK"}, 1),
             Forged(h, SeqSub(t.rcvNxt, 1), t.sndNxt, {"ACK"}, 1),
             Forged(h, t.rcvNxt, SeqAdd(t.sndNxt, 1), {"ACK"}, 1),
             Forged(h, t.rcvNxt, SeqSub(t.sndUna, RcvWndSize + 1), {"ACK"}, 1)}
            \cup (IF t.rcvWnd > 0 THEN {Forged(h, SeqAdd(t.rcvNxt, t.rcvWnd), 0, {"RST"}, 0)} ELSE {})
            \cup (IF t.st \in Synchronized THEN {Forged(h, t.rcvNxt, 0, {"SYN"}, 0)} ELSE {})

\* What may arrive at h: a segment in flight, or one the attacker forges now.
Arrivals(h) == net \cup ForgedSegments(h)

(***************************************************************************)
(* Transmission.  Segments beyond NetCap are dropped by the network.       *)
(***************************************************************************)
Transmit(n, out) ==
    LET all == n \cup out
    IN IF Cardinality(all) <= NetCap THEN all
       ELSE n \cup CHOOSE o \in SUBSET out : Cardinality(n \cup o) = NetCap

\* Whether the network keeps a copy of s in flight as it delivers s
\* (duplication): either while the budget lasts.  A trace overrides this
\* with what the step being checked shows (dev.tcpv.validate.TraceHints).
KeepsCopy(s) == IF budget.dup > 0 THEN BOOLEAN ELSE {FALSE}

\* Deliver s, or (budget permitting) deliver a copy and keep s in flight
\* (duplication), and put the replies out in flight.  A segment not in
\* flight is one the attacker forged: it spends the attacker's budget.
Deliver(s, out) ==
    IF s \notin net
    THEN /\ net' = Transmit(net, out)
         /\ budget' = [budget EXCEPT !.inject = @ - 1, !.forged = {s}]
    ELSE \E keep \in KeepsCopy(s) :
            /\ net' = Transmit(IF keep THEN net ELSE net \ {s}, out)
            /\ budget' = IF keep THEN [budget EXCEPT !.dup = @ - 1] ELSE budget

\* Segments a TCB t of h sends carry its incarnation tags and advertise its
\* RCV.WND; Out is for h's TCB as it stands.
OutOf(h, t, seq, ack, ctl, len) == SegWnd(h, seq, ack, ctl, len, t.rcvWnd, ghost.gen[h], PeerGen(h))
Out(h, seq, ack, ctl, len) == OutOf(h, tcb[h], seq, ack, ctl, len)
\* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>: the acknowledgment of §3.10.7.4.
AckOf(h, t) == OutOf(h, t, t.sndNxt, t.rcvNxt, {"ACK"}, 0)
\* t has sent a segment acknowledging RCV.NXT: no ACK is owed any more.
Acked(t) == [t EXCEPT !.dack = Off]
\* A RST answering s without a TCB of its own (R-OPEN-2, §3.5.2 case 1).
\* Its tags are those of s reversed, except for a forged s: its numbers are
\* the attacker's, and a RST made of them (R-OPEN-8) that hits the peer is
\* the attacker's hit, so it carries the tags of h's own TCB.
RstFor(h, s) ==
    LET g == IF IsForged(s) THEN <<ghost.gen[h], PeerGen(h)>> ELSE <<s.rgen, s.sgen>>
    IN IF "ACK" \in s.ctl
       THEN Seg(h, s.ack, 0, {"RST"}, 0, g[1], g[2])
       ELSE Seg(h, 0, SeqAdd(s.seq, SegLen(s)), {"RST", "ACK"}, 0, g[1], g[2])

\* A RST from a synchronized TCB, which carries <SEQ=SND.NXT> (§3.5.2 case 3):
\* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, acceptable to a synchronized peer.
RstOfTcb(h, t) == Out(h, t.sndNxt, t.rcvNxt, {"RST", "ACK"}, 0)

\* Our FIN has been sent / acknowledged.
FinSent(t) == t.st \in {"FIN-WAIT-1", "FIN-WAIT-2", "CLOSING", "LAST-ACK", "TIME-WAIT"}
              /\ t.sndNxt = SeqAdd(t.iss, 2 + t.sndLen)
FinAcked(t) == FinSent(t) /\ t.sndUna = t.sndNxt

\* The states that transmit text (S-4) while the FIN is not sent.
SendsText(t) == t.st \in {"ESTABLISHED", "CLOSE-WAIT", "FIN-WAIT-1", "CLOSING", "LAST-ACK"}
                /\ ~FinSent(t)

\* Octets SENT and not yet transmitted (while the FIN is not sent).
Queued(t) == SeqDist(SeqAdd(t.iss, 1 + t.sndLen), t.sndNxt)

\* R-WND-1: text waits for a window the peer closed, and nothing is
\* outstanding to bring an ACK that could reopen it: the persist state.
Persisting(t) == t.sndWnd = 0 /\ t.sndUna = t.sndNxt /\ SendsText(t) /\ Queued(t) > 0

\* The retransmission timer runs exactly while something is unacknowledged,
\* and as the persist timer while text waits for a closed window (R-WND-1).
WithRtx(t) ==
    IF (t.sndUna = t.sndNxt /\ ~Persisting(t)) \/ t.st = "TIME-WAIT"
    THEN [t EXCEPT !.rto = Off, !.retries = 0, !.r2 = Off]
    ELSE IF t.rto = Off THEN [t EXCEPT !.rto = RtoHi(t.retries), !.r2 = R2Start] ELSE t

\* The keep-alive timer runs while keep-alive is on, the connection is
\* established and nothing is outstanding (R-KA-2).
WithKa(t) ==
    IF KeepAlive /\ t.st \in {"ESTABLISHED", "CLOSE-WAIT"} /\ t.sndUna = t.sndNxt
       /\ t.sndNxt = SeqAdd(t.iss, 1 + t.sndLen)
    THEN IF t.ka = Off THEN [t EXCEPT !.ka = KaHi(0)] ELSE t
    ELSE [t EXCEPT !.ka = Off, !.kaProbes = 0]

Timers(t) == WithKa(WithRtx(t))

\* Reads(h): h's user takes text with RECEIVE calls, from a buffer of
\* RcvWndSize octets, so that h's window closes as text arrives and opens as
\* the user reads.  Otherwise text goes to the user as it arrives and h
\* always offers the whole buffer.
Reads(h) == "Receive" \in Calls[h]

\* SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK (§3.10.7.3,
\* §3.10.7.4).  WL1 and WL2 order the updates only when the peer's window
\* moves; a peer whose user takes text as it arrives offers RcvWndSize in
\* every segment, no update can undo another, and WL1 and WL2 stay 0
\* (canonical).
SetWnd(h, t, s) ==
    [t EXCEPT !.sndWnd = s.wnd,
              !.sndWl1 = IF Reads(Peer(h)) THEN s.seq ELSE 0,
              !.sndWl2 = IF Reads(Peer(h)) THEN s.ack ELSE 0]

\* R-WND-1, §3.10.7.4 fifth check: the window is taken from a segment that
\* acknowledges nothing older than SND.UNA (t is the TCB before the ACK
\* moved SND.UNA) and nothing not yet sent, and that either moves SND.UNA
\* on or is not older than the segment the window was last taken from
\* (SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK).  The
\* first case is an interpretation (spec/README.md): SEG.WND counts from
\* SEG.ACK, and an ACK that moves SND.UNA without updating SND.WND would
\* move the window's right edge past what the peer offered.
WindowNewer(t, s) ==
    /\ SeqLe(t.sndUna, s.ack) /\ SeqLe(s.ack, t.sndNxt)
    /\ \/ SeqLt(t.sndUna, s.ack)
       \/ SeqLt(t.sndWl1, s.seq)
       \/ t.sndWl1 = s.seq /\ SeqLe(t.sndWl2, s.ack)

\* The window h offers with its SYN or SYN,ACK: the whole buffer in the
\* models; a receiver that reads may hold part of its free buffer back and
\* offer it later (OfferWindow).  MCTcp's MCWithheld lets the reading server
\* start from any window; a trace overrides this with the window the SYN it
\* shows offers (dev.tcpv.validate.TraceHints).
InitialWindows(h) == {RcvWndSize}

\* The octets of held-back buffer h may offer at once when n are held back:
\* none in the models but those that override it (MCWithheld); a trace
\* overrides it with the opening the segment being checked shows.
OfferLens(h, n) == {}

\* Only a receiver that reads moves its window: the window of one whose user
\* takes text as it arrives is the whole buffer from its SYN on (SetWnd relies
\* on it).
OpeningWindows(h) == IF Reads(h) THEN InitialWindows(h) ELSE {RcvWndSize}

(***************************************************************************)
(* USER CALLS (§3.10.1 - §3.10.6).                                         *)
(***************************************************************************)
MayCall(h, call) ==
    /\ call \in Calls[h]
    /\ call = "Close" /\ PatientUsers => tcb[h].st \in {"ESTABLISHED", "CLOSE-WAIT"}
    /\ call = "ActiveOpen" /\ PatientUsers =>
          \/ tcb[Peer(h)].st = "LISTEN"
          \/ tcb[Peer(h)].st = "TIME-WAIT" /\ TwReopen   \* a server reopens it (R-TW-3)
          \/ "ActiveOpen" \in Calls[Peer(h)]

\* R-OPEN-1: OPEN (active) sends <SEQ=ISS><CTL=SYN> and enters SYN-SENT.
ActiveOpen(h) ==
    /\ MayCall(h, "ActiveOpen")
    /\ tcb[h].st = "CLOSED" /\ quiet[h] = 0
    /\ ghost.gen[h] < MaxGen
    /\ \E iss \in IsnCandidates(h), w \in OpeningWindows(h) :
          LET g == ghost.gen[h] + 1
          IN /\ tcb' = [tcb EXCEPT ![h] = [NoTcb EXCEPT
                          !.st = "SYN-SENT", !.iss = iss, !.sndUna = iss,
                          !.sndNxt = SeqAdd(iss, 1), !.rcvWnd = w, !.rto = RtoHi(0),
                          !.r2 = R2Start]]
             /\ net' = Transmit(net, {SegWnd(h, iss, 0, {"SYN"}, 0, w, g, 0)})
             /\ ghost' = [ghost EXCEPT !.gen[h] = g, !.dlv[h] = <<>>]
    /\ isnClock' = IsnAfterDraw
    /\ UNCHANGED <<quiet, budget>>
    /\ Took({"ActiveOpen"})

\* OPEN (passive): LISTEN, with no ISS drawn yet (§3.10.1).
PassiveOpen(h) ==
    /\ MayCall(h, "PassiveOpen")
    /\ tcb[h].st = "CLOSED" /\ quiet[h] = 0
    /\ ghost.gen[h] < MaxGen
    /\ tcb' = [tcb EXCEPT ![h] = ListenTcb]
    /\ UNCHANGED <<net, isnClock, quiet, budget, ghost>>
    /\ Took({"PassiveOpen"})

\* The octet counts a SEND call of h may queue when n octets were SENT before
\* in this incarnation.  The models SEND one octet at a time (a SEND of k
\* octets leaves the TCB as k SENDs of one do); a trace overrides this with
\* the count the step being checked shows, so that validation does not
\* enumerate them (dev.tcpv.validate.TraceHints).
SendLens(h, n) == {1}

\* The octet counts a RECEIVE call of h may take when n octets wait: any in
\* the models; a trace overrides this with the count the step being checked
\* shows (dev.tcpv.validate.TraceHints).
ReadLens(h, n) == 1..n

\* How far a RECEIVE of k octets moves the right edge of h's window when
\* held octets of free buffer are held back (R-WND-2).  A receiver that
\* avoids the silly window syndrome (MUST-39, §3.8.6.2.2) keeps the right
\* edge where it is until the free buffer beyond it reaches
\* min(RCV.BUFF / 2, MSS), then offers all of it; one that does not opens by
\* what the user took.  The models open by k: at their sizes the threshold,
\* min(RcvWndSize \div 2, MaxSegLen), is at most one octet (no model's buffer
\* exceeds 3), so such a receiver never holds back a read, and what the
\* models that hold buffer back (MCWithheld) offer later goes through
\* OfferWindow.  A trace overrides this by its header: for a host of
\* policy swsReceiver, the opening that rule gives (0 or k + held), for
\* any other, k (dev.tcpv.validate.SpecModel).  Either way the right edge
\* never moves back and the window never outgrows the free buffer.
ReadOpenings(h, k, held) == {k}

\* The free buffer of TCB t beyond the right edge of the window it offers.
HeldBack(t) == RcvWndSize - t.unread - t.rcvWnd

\* Whether h may announce a window that opens from wnd to wnd2 with an ACK:
\* either, in the models (when to update is the receiver's policy, R-WND-1).
\* A conformance model overrides this with the policy of the engine it
\* drives, one of the policies the spec allows (MCTcp's MCEngineUpdates).
WindowUpdates(h, wnd, wnd2) == BOOLEAN

\* h's TCB t becomes t2, whose window is open wider: the receiver may
\* announce the opening with an ACK (a window update), or leave it to the
\* sender's next segment or probe to find (R-WND-1): when to update is its
\* policy (WindowUpdates).  The branches are action's .windowUpdate and
\* .silent.
OpenWindow(h, t, t2, action) ==
    /\ \E update \in WindowUpdates(h, t.rcvWnd, t2.rcvWnd) :
          IF update /\ t.st \in {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2"}
          THEN /\ tcb' = [tcb EXCEPT ![h] = Acked(t2)]
               /\ net' = Transmit(net, {AckOf(h, t2)})
               /\ Took({action \o ".windowUpdate"})
          ELSE tcb' = [tcb EXCEPT ![h] = t2] /\ net' = net /\ Took({action \o ".silent"})
    /\ UNCHANGED <<isnClock, quiet, budget, ghost>>

\* RECEIVE (§3.10.3): the user takes k of the octets waiting in the buffer.
\* The space they free opens the window: its right edge moves on, and never
\* back (R-WND-2), by k, or by what ReadOpenings allows a receiver that
\* avoids the silly window syndrome (MUST-39).
Receive(h) ==
    LET t == tcb[h]
    IN /\ MayCall(h, "Receive")
       /\ t.unread > 0
       /\ \E k \in ReadLens(h, t.unread) :
             \E j \in ReadOpenings(h, k, HeldBack(t)) :
                OpenWindow(h, t, [t EXCEPT !.unread = @ - k, !.rcvWnd = @ + j], "Receive")

\* R-WND-2: the receiver offers k octets of free buffer it had held back,
\* with no RECEIVE call: one that avoids the silly window syndrome (MUST-39)
\* holds back an opening until it is worth announcing, and a stack that
\* tunes its buffer while the connection runs (Linux) offers more of it as
\* it grows.  The right edge moves on, as on a RECEIVE, and never back.  In
\* SYN-SENT, before RCV.NXT is known, the window its SYN offered grows.
OfferWindow(h) ==
    LET t == tcb[h]
        held == RcvWndSize - t.unread - t.rcvWnd
    IN /\ Reads(h)
       /\ t.st \in OtherStates \cup {"SYN-SENT"}
       /\ held > 0
       /\ \E k \in OfferLens(h, held) : OpenWindow(h, t, [t EXCEPT !.rcvWnd = @ + k], "OfferWindow")

\* SEND (§3.10.2): queue octets; SendData transmits them.  The connection
\* is no longer idle: the keep-alive timer stops (R-KA-2).
Send(h) ==
    /\ MayCall(h, "Send")
    /\ tcb[h].st \in {"ESTABLISHED", "CLOSE-WAIT"}
    /\ \E k \in SendLens(h, tcb[h].sndLen) :
          /\ tcb[h].sndLen + k <= MaxData
          /\ tcb' = [tcb EXCEPT ![h] = Timers([@ EXCEPT !.sndLen = @ + k])]
    /\ UNCHANGED <<net, isnClock, quiet, budget, ghost>>
    /\ Took({"Send"})

\* R-CLOSE-1: CLOSE.  ESTABLISHED -> FIN-WAIT-1 and CLOSE-WAIT -> LAST-ACK,
\* the FIN going out at once when no data is queued (else SendFin sends it);
\* SYN-RECEIVED -> FIN-WAIT-1 (nothing can be queued there); LISTEN and
\* SYN-SENT delete the TCB and send nothing.
Close(h) ==
    LET t == tcb[h]
        allSent == t.sndNxt = SeqAdd(t.iss, 1 + t.sndLen)
        fin == Out(h, t.sndNxt, t.rcvNxt, {"FIN", "ACK"}, 0)
        arm(st) == IF st = "FIN-WAIT-1" THEN "Close.finWait1" ELSE "Close.lastAck"
        closing(st) ==
            IF allSent
            THEN /\ tcb' = [tcb EXCEPT ![h] = Acked(Timers([t EXCEPT !.st = st,
                                                            !.sndNxt = SeqAdd(@, 1)]))]
                 /\ net' = Transmit(net, {fin})
                 /\ Took({arm(st), "Close.fin"})
            ELSE /\ tcb' = [tcb EXCEPT ![h] = Timers([t EXCEPT !.st = st])]
                 /\ UNCHANGED net
                 /\ Took({arm(st), "Close.finQueued"})
    IN /\ MayCall(h, "Close")
       /\ CASE t.st \in {"LISTEN", "SYN-SENT"} ->
                  tcb' = [tcb EXCEPT ![h] = NoTcb] /\ UNCHANGED net /\ Took({"Close.delete"})
            [] t.st \in {"SYN-RECEIVED", "ESTABLISHED"} -> closing("FIN-WAIT-1")
            [] t.st = "CLOSE-WAIT" -> closing("LAST-ACK")
            [] OTHER -> FALSE
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>

\* Policy (docs/findings.md F1): whether the reset host h sends on ABORT
\* carries the ACK of RCV.NXT, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, as
\* Linux's does; RFC 9293 §3.10.4 writes <SEQ=SND.NXT><CTL=RST>.  Off in the
\* models; a trace's header names it (policies: abortRstAck).  Each policy
\* is an operator of the host that follows it, so that a capture between two
\* stacks judges each by its own (docs/findings.md F5): a header names a
\* policy for both hosts, or for one ("B:abortRstAck").
AbortRstAck(h) == FALSE

\* The reset ABORT sends from TCB t of h.
AbortRst(h, t) ==
    IF AbortRstAck(h) THEN Out(h, t.sndNxt, t.rcvNxt, {"RST", "ACK"}, 0) ELSE Out(h, t.sndNxt, 0, {"RST"}, 0)

\* R-RST-3: ABORT.  SYN-RECEIVED .. CLOSE-WAIT send <SEQ=SND.NXT><CTL=RST>;
\* LISTEN, SYN-SENT, CLOSING and LAST-ACK send nothing.  TIME-WAIT offers no
\* ABORT: its user has already CLOSEd (spec/README.md, interpretations).
Abort(h) ==
    LET t == tcb[h]
        resets == t.st \in {"SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT"}
    IN /\ MayCall(h, "Abort")
       /\ t.st \notin {"CLOSED", "TIME-WAIT"}
       /\ tcb' = [tcb EXCEPT ![h] = NoTcb]
       /\ net' = IF resets
                 THEN Transmit(net, {AbortRst(h, t)})
                 ELSE net
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>
       /\ Took({IF resets THEN "Abort.rst" ELSE "Abort.silent"})

(***************************************************************************)
(* OUTPUT: queued data and a queued FIN go out when the window allows.     *)
(***************************************************************************)
\* The text lengths h may give a segment that starts at sequence number seq:
\* any up to MaxSegLen in the models; a trace overrides this with the
\* length the step being checked shows, so that validation does not
\* enumerate them (dev.tcpv.validate.TraceHints).  How much a sender puts in
\* a segment (Nagle, silly-window avoidance, PSH boundaries, R-WND-2) is its
\* policy, not a rule here.
TextLens(h, seq) == 1..MaxSegLen

\* The sequence number after the last octet of text transmitted.
TextEnd(t) == IF FinSent(t) THEN SeqSub(t.sndNxt, 1) ELSE t.sndNxt

\* R-CLOSE-1: whether a sender may put its FIN in the segment that carries
\* its last octets of text (§3.10.4: the FIN follows the last SEND; BSD and
\* Linux send the two together, and resend them together).  Off in the models
\* but DelayedAck, so that a FIN goes out on its own (SendFin); a capture
\* allows it.
FinWithText == FALSE

\* Whether the segment of n octets of text t sends may carry the FIN: it
\* carries the last octet queued, and the user has CLOSEd.
FinChoices(t, n) ==
    IF FinWithText /\ n = Queued(t) /\ t.st \in {"FIN-WAIT-1", "CLOSING", "LAST-ACK"}
    THEN BOOLEAN ELSE {FALSE}

\* S-4: transmit queued octets within the peer's window: SEG.SEQ = SND.NXT,
\* SEG.LEN at most what is queued and what the window has room for; with
\* FinWithText, the FIN may go with the last of them (R-CLOSE-1), needing no
\* window of its own, as on its own (SendFin).
SendData(h) ==
    LET t == tcb[h]
        room == t.sndWnd - SeqDist(t.sndNxt, t.sndUna)
    IN /\ SendsText(t)
       /\ Queued(t) > 0                                   \* text is queued
       /\ room > 0                                        \* window open
       /\ \E n \in TextLens(h, t.sndNxt) :
             /\ n <= Queued(t) /\ n <= room
             /\ \E fin \in FinChoices(t, n) :
                   /\ tcb' = [tcb EXCEPT ![h] = Acked(Timers([t EXCEPT
                                 !.sndNxt = SeqAdd(@, IF fin THEN n + 1 ELSE n)]))]
                   /\ net' = Transmit(net, {Out(h, t.sndNxt, t.rcvNxt, IF fin THEN {"ACK", "FIN"} ELSE {"ACK"}, n)})
                   /\ Took({IF fin THEN "SendData.fin" ELSE "SendData"})
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>

\* R-CLOSE-1: the FIN queued by CLOSE follows the last byte (in CLOSING too:
\* the peer's FIN may overtake ours while data still waits for the window).
SendFin(h) ==
    LET t == tcb[h]
    IN /\ t.st \in {"FIN-WAIT-1", "CLOSING", "LAST-ACK"}
       /\ t.sndNxt = SeqAdd(t.iss, 1 + t.sndLen)          \* all data sent, FIN not
       /\ tcb' = [tcb EXCEPT ![h] = Acked(Timers([t EXCEPT !.sndNxt = SeqAdd(@, 1)]))]
       /\ net' = Transmit(net, {Out(h, t.sndNxt, t.rcvNxt, {"FIN", "ACK"}, 0)})
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>
       /\ Took({"SendFin"})

(***************************************************************************)
(* SEGMENT ARRIVES (§3.10.7).  One action per branch of the RFC's event    *)
(* processing, so that coverage shows every branch taken.  Each receives   *)
(* one segment s addressed to h.                                           *)
(***************************************************************************)
\* Each action tests first the state of h, which does not depend on the
\* segment: TLC evaluates an action's conjuncts in order, so it enumerates
\* the arrivals only in the states where the action can apply, and tests
\* the cheap bits of s (its control bits) before the window.  The order
\* changes no step; where a predicate shared with another action tests the
\* state again (Special), it is left as the RFC words it.
Arriving(h, s) == s.dst = h

\* R-OPEN-2: no TCB (CLOSED).  A RST is dropped; anything else is answered
\* with a RST, except during quiet time (R-ISN-2), when nothing is sent.
SegmentArrivesClosed(h) == tcb[h].st = "CLOSED" /\ \E s \in Arrivals(h) :
    LET arm == CASE "RST" \in s.ctl -> "rst" [] quiet[h] > 0 -> "quiet" [] OTHER -> "reset"
    IN /\ Arriving(h, s)
       /\ Deliver(s, IF arm = "reset" THEN {RstFor(h, s)} ELSE {})
       /\ UNCHANGED <<tcb, isnClock, quiet, ghost>>
       /\ Took({"SegmentArrivesClosed." \o arm})

\* The ghost check on entering ESTABLISHED on segment s: the segment was sent
\* by a peer incarnation that knew ours (it answers our SYN), or its sender
\* still asks for a connection (SYN-SENT).  Only a two-way handshake lets an
\* endpoint synchronize on a segment that is neither (seed S-2).
Requested(h, s) ==
    \/ s.rgen # 0 /\ s.rgen = ghost.gen[h]
    \/ ghost.gen[Peer(h)] = s.sgen /\ tcb[Peer(h)].st = "SYN-SENT"

Unrequested(h, s, enters) ==
    IF enters /\ ~Requested(h, s)
    THEN ghost.unrequested \cup {[host |-> h, peerGen |-> s.sgen]}
    ELSE ghost.unrequested

\* R-OPEN-3: LISTEN.  RST ignored; an ACK is answered with <SEQ=SEG.ACK>
\* <CTL=RST>; a SYN draws an ISS, is answered with <SEQ=ISS><ACK=SEG.SEQ+1>
\* <CTL=SYN,ACK> and moves to SYN-RECEIVED (ESTABLISHED with the two-way
\* handshake knob); anything else is dropped.  A SYN that would exceed MaxGen
\* is dropped, as by a listener whose backlog is full.
SegmentArrivesListen(h) == tcb[h].st = "LISTEN" /\ \E s \in Arrivals(h) :
    /\ Arriving(h, s)
    /\ IF "SYN" \in s.ctl /\ "RST" \notin s.ctl /\ "ACK" \notin s.ctl /\ ghost.gen[h] < MaxGen
       THEN \E iss \in IsnCandidates(h), w \in OpeningWindows(h) :
              LET g == ghost.gen[h] + 1
                  t == SetWnd(h, [ListenTcb EXCEPT
                          !.st = IF HandshakeWays = 3 THEN "SYN-RECEIVED" ELSE "ESTABLISHED",
                          !.iss = iss, !.irs = s.seq, !.sndUna = iss,
                          !.sndNxt = SeqAdd(iss, 1),
                          !.rcvNxt = SeqAdd(s.seq, 1), !.rcvWnd = w], s)
              IN /\ tcb' = [tcb EXCEPT ![h] = Timers(t)]
                 /\ Deliver(s, {SegWnd(h, iss, SeqAdd(s.seq, 1), {"SYN", "ACK"}, 0, w, g, s.sgen)})
                 /\ isnClock' = IsnAfterDraw
                 /\ ghost' = [ghost EXCEPT !.gen[h] = g, !.sync[h][g] = s.sgen, !.dlv[h] = <<>>,
                               !.unrequested = Unrequested(h, s, HandshakeWays = 2)]
                 /\ Took({"SegmentArrivesListen.syn"})
       ELSE LET reset == "ACK" \in s.ctl /\ "RST" \notin s.ctl
            IN /\ Deliver(s, IF reset THEN {RstFor(h, s)} ELSE {})
               /\ UNCHANGED <<tcb, isnClock, ghost>>
               /\ Took({IF reset THEN "SegmentArrivesListen.ackRst" ELSE "SegmentArrivesListen.drop"})
    /\ UNCHANGED quiet

\* R-OPEN-4, R-OPEN-5, R-OPEN-6: SYN-SENT, except a SYN without ACK.
\*  - ACK outside ISS < SEG.ACK =< SND.NXT: <SEQ=SEG.ACK><CTL=RST> unless RST
\*    (half-open discovery, Fig. 9); state unchanged.
\*  - RST with an acceptable ACK: "connection reset", CLOSED; without ACK: dropped.
\*  - SYN with an acceptable ACK: ESTABLISHED, send <SEQ=SND.NXT><ACK=RCV.NXT>.
\*  - anything else: dropped.
SegmentArrivesSynSent(h) == tcb[h].st = "SYN-SENT" /\ \E s \in Arrivals(h) :
    LET t == tcb[h]
        ackOk == "ACK" \in s.ctl /\ AckAcceptable(t.iss, s.ack, t.sndNxt)
    IN /\ Arriving(h, s)
       /\ ~("SYN" \in s.ctl /\ "ACK" \notin s.ctl /\ "RST" \notin s.ctl)
       /\ CASE "ACK" \in s.ctl /\ ~ackOk ->
                  /\ Took({IF "RST" \in s.ctl THEN "SegmentArrivesSynSent.badAckRst"
                                              ELSE "SegmentArrivesSynSent.badAck"})
                  /\ Deliver(s, IF "RST" \in s.ctl THEN {} ELSE {RstFor(h, s)})
                  /\ UNCHANGED <<tcb, ghost>>
            [] "RST" \in s.ctl ->
                  /\ Deliver(s, {})
                  /\ IF ackOk
                     THEN /\ tcb' = [tcb EXCEPT ![h] = NoTcb]
                          /\ ghost' = Judge(h, s, PeerGen(h), TRUE)
                          /\ Took({"SegmentArrivesSynSent.rst"})
                     ELSE UNCHANGED <<tcb, ghost>> /\ Took({"SegmentArrivesSynSent.rstNoAck"})
            [] "SYN" \in s.ctl /\ ackOk ->
                  LET t2 == Timers(SetWnd(h, [t EXCEPT !.st = "ESTABLISHED", !.irs = s.seq,
                                     !.rcvNxt = SeqAdd(s.seq, 1), !.sndUna = s.ack], s))
                      g1 == Judge(h, s, s.sgen, TRUE)
                  IN /\ tcb' = [tcb EXCEPT ![h] = t2]
                     /\ Deliver(s, IF HandshakeWays = 3
                                   THEN {SegWnd(h, t2.sndNxt, t2.rcvNxt, {"ACK"}, 0, t2.rcvWnd,
                                                ghost.gen[h], s.sgen)}
                                   ELSE {})
                     /\ ghost' = [g1 EXCEPT !.dlv[h] = <<>>,
                                    !.unrequested = Unrequested(h, s, TRUE)]
                     /\ Took({"SegmentArrivesSynSent.synAck"})
            [] OTHER ->
                  /\ Deliver(s, {})
                  /\ UNCHANGED <<tcb, ghost>>
                  /\ Took({"SegmentArrivesSynSent.drop"})
       /\ UNCHANGED <<isnClock, quiet>>

\* R-OPEN-6, MUST-10: simultaneous open.  SYN-SENT receives a SYN without
\* ACK: SYN-RECEIVED, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (Fig. 7).
\* With the two-way handshake knob it goes straight to ESTABLISHED.
SimultaneousOpen(h) == tcb[h].st = "SYN-SENT" /\ \E s \in Arrivals(h) :
    LET t == tcb[h]
        t2 == Timers(SetWnd(h, [t EXCEPT !.st = IF HandshakeWays = 3 THEN "SYN-RECEIVED" ELSE "ESTABLISHED",
                                !.irs = s.seq, !.rcvNxt = SeqAdd(s.seq, 1)], s))
    IN /\ Arriving(h, s)
       /\ "SYN" \in s.ctl /\ "ACK" \notin s.ctl /\ "RST" \notin s.ctl
       /\ tcb' = [tcb EXCEPT ![h] = t2]
       /\ Deliver(s, {SegWnd(h, t.iss, t2.rcvNxt, {"SYN", "ACK"}, 0, t2.rcvWnd, ghost.gen[h], s.sgen)})
       /\ ghost' = LET g1 == Judge(h, s, s.sgen, TRUE)
                   IN [g1 EXCEPT !.unrequested =
                          IF HandshakeWays = 2
                          THEN Unrequested(h, s, TRUE) ELSE @]
       /\ UNCHANGED <<isnClock, quiet>>
       /\ Took({"SimultaneousOpen"})

(***************************************************************************)
(* SEGMENT ARRIVES in SYN-RECEIVED and the synchronized states (§3.10.7.4) *)
(* First the dedicated cases that come before the RFC's ordered checks.    *)
(***************************************************************************)
\* Segment acceptability (R-SEQ-3, Table 6), unless the knob turns it off.
\* The last case's two tests (the first octet in the window, or the last)
\* are written to exclude each other: TLC explores every true disjunct of
\* an action as a branch of its own, and would compute the successor twice.
Acceptable(t, s) ==
    LET len == SegLen(s)
    IN \/ ~WindowCheck
       \/ len = 0 /\ t.rcvWnd = 0 /\ s.seq = t.rcvNxt
       \/ len = 0 /\ t.rcvWnd > 0 /\ InWindow(s.seq, t.rcvNxt, t.rcvWnd)
       \/ len > 0 /\ t.rcvWnd > 0 /\ \/ InWindow(s.seq, t.rcvNxt, t.rcvWnd)
                                     \/ /\ ~InWindow(s.seq, t.rcvNxt, t.rcvWnd)
                                        /\ InWindow(SeqAdd(s.seq, len - 1), t.rcvNxt, t.rcvWnd)

\* R-TW-3: a SYN that may reopen the 4-tuple from TIME-WAIT.
IsReopeningSyn(h, t, s) ==
    /\ TwReopen /\ t.st = "TIME-WAIT" /\ ghost.gen[h] < MaxGen
    /\ "SYN" \in s.ctl /\ "ACK" \notin s.ctl /\ "RST" \notin s.ctl
    /\ SeqLt(t.rcvNxt, s.seq)

\* R-TW-1: a retransmission of the FIN that brought us to TIME-WAIT.
IsRetransmittedFin(t, s) ==
    /\ t.st = "TIME-WAIT"
    /\ "FIN" \in s.ctl /\ "SYN" \notin s.ctl /\ "RST" \notin s.ctl
    /\ SeqAdd(s.seq, s.len + 1) = t.rcvNxt

\* Appendix A.2 interpretation (spec/README.md): in SYN-RECEIVED reached by
\* simultaneous open, the peer's SYN,ACK that acknowledges our SYN completes
\* the handshake, as Fig. 7 line 6 shows.
IsSimultaneousSynAck(t, s) ==
    /\ t.st = "SYN-RECEIVED" /\ ~t.passive
    /\ s.ctl = {"SYN", "ACK"}
    /\ SeqAdd(s.seq, 1) = t.rcvNxt
    /\ s.ack = t.sndNxt

Special(h, t, s) == IsReopeningSyn(h, t, s) \/ IsRetransmittedFin(t, s) \/ IsSimultaneousSynAck(t, s)

\* R-TW-3 (MAY-2, RFC 1122 §4.2.2.13): a new SYN in TIME-WAIT whose SEQ is
\* above the old RCV.NXT reopens the 4-tuple; the new ISS is above every
\* sequence number of the old incarnation.  The ghost judges the SYN: it
\* must come from a peer incarnation newer than the one TIME-WAIT closes.
\* One of that incarnation or an older one (an old duplicate), or of none
\* (forged), reopening the 4-tuple is a stale acceptance.
TimeWaitReopen(h) == TwReopen /\ tcb[h].st = "TIME-WAIT" /\ \E s \in Arrivals(h) :
    LET t == tcb[h]
    IN /\ Arriving(h, s)
       /\ IsReopeningSyn(h, t, s)
       /\ \E clk \in IsnCandidates(h), w \in OpeningWindows(h) :
             LET fromClock == SeqLt(t.sndNxt, clk)
                 iss == IF fromClock THEN clk ELSE SeqAdd(t.sndNxt, 1 + RcvWndSize)
                 g == ghost.gen[h] + 1
                 t2 == SetWnd(h, [ListenTcb EXCEPT
                          !.st = "SYN-RECEIVED", !.iss = iss, !.irs = s.seq,
                          !.sndUna = iss, !.sndNxt = SeqAdd(iss, 1),
                          !.rcvNxt = SeqAdd(s.seq, 1), !.rcvWnd = w], s)
             IN /\ tcb' = [tcb EXCEPT ![h] = Timers(t2)]
                /\ Deliver(s, {SegWnd(h, iss, t2.rcvNxt, {"SYN", "ACK"}, 0, w, g, s.sgen)})
                /\ ghost' = [ghost EXCEPT !.gen[h] = g, !.sync[h][g] = s.sgen, !.dlv[h] = <<>>,
                              !.stale = IF s.sgen <= PeerGen(h)
                                        THEN @ \cup {StaleEntry(h, s, PeerGen(h))} ELSE @]
                /\ Took({IF fromClock THEN "TimeWaitReopen.clockIss" ELSE "TimeWaitReopen.issAboveSndNxt"})
       /\ isnClock' = IsnAfterDraw
       /\ UNCHANGED quiet

\* R-TW-1 (interpretation, spec/README.md): a retransmitted FIN in TIME-WAIT
\* is acknowledged and the 2 MSL timer restarts.
TimeWaitFinRetransmitted(h) == tcb[h].st = "TIME-WAIT" /\ \E s \in Arrivals(h) :
    LET t == tcb[h]
    IN /\ Arriving(h, s)
       /\ IsRetransmittedFin(t, s)
       /\ tcb' = [tcb EXCEPT ![h].tw = 0]
       /\ Deliver(s, {AckOf(h, t)})
       /\ UNCHANGED <<isnClock, quiet, ghost>>
       /\ Took({"TimeWaitFinRetransmitted"})

\* Appendix A.2, Fig. 7 line 6: the simultaneous-open SYN,ACK.
SimultaneousOpenSynAck(h) == tcb[h].st = "SYN-RECEIVED" /\ \E s \in Arrivals(h) :
    LET t == tcb[h]
        t2 == Timers(SetWnd(h, [t EXCEPT !.st = "ESTABLISHED", !.sndUna = s.ack], s))
    IN /\ Arriving(h, s)
       /\ IsSimultaneousSynAck(t, s)
       /\ tcb' = [tcb EXCEPT ![h] = t2]
       /\ Deliver(s, {})
       /\ ghost' = LET g1 == Judge(h, s, PeerGen(h), TRUE)
                   IN [g1 EXCEPT !.unrequested = Unrequested(h, s, TRUE)]
       /\ UNCHANGED <<isnClock, quiet>>
       /\ Took({"SimultaneousOpenSynAck"})

\* R-SEQ-4: first check.  An unacceptable segment is answered with
\* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and dropped; an unacceptable RST is
\* dropped silently.
RejectUnacceptable(h) == tcb[h].st \in OtherStates /\ \E s \in Arrivals(h) :
    LET t == tcb[h]
    IN /\ Arriving(h, s)
       /\ ~Special(h, t, s)
       /\ ~Acceptable(t, s)
       /\ Deliver(s, IF "RST" \in s.ctl THEN {} ELSE {AckOf(h, t)})
       /\ tcb' = [tcb EXCEPT ![h] = IF "RST" \in s.ctl THEN t ELSE Acked(t)]
       /\ UNCHANGED <<isnClock, quiet, ghost>>
       /\ Took({IF "RST" \in s.ctl THEN "RejectUnacceptable.rst" ELSE "RejectUnacceptable.ack"})

\* Second check: RST.
\*  R-RST-1: with RFC 5961, only SEQ = RCV.NXT resets; another in-window RST
\*  draws a challenge ACK.  Without it, any in-window RST resets.
\*  R-OPEN-7: SYN-RECEIVED from a passive OPEN returns to LISTEN silently,
\*  from an active OPEN it is "connection refused", CLOSED.
\*  R-RST-2: ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT: "connection reset",
\*  CLOSED; CLOSING, LAST-ACK: CLOSED.
\*  R-TW-2: with RFC 1337, TIME-WAIT ignores a RST; without, it closes.
ReceiveRst(h) == tcb[h].st \in OtherStates /\ \E s \in Arrivals(h) :
    LET t == tcb[h]
        exact == s.seq = t.rcvNxt
    IN /\ Arriving(h, s)
       /\ "RST" \in s.ctl
       /\ ~Special(h, t, s)
       /\ Acceptable(t, s)
       /\ CASE t.st = "TIME-WAIT" /\ Rfc1337 ->
                  Deliver(s, {}) /\ UNCHANGED <<tcb, ghost>> /\ Took({"ReceiveRst.timeWaitKept"})
            [] Rfc5961 /\ ~exact ->
                  /\ Deliver(s, {AckOf(h, t)})
                  /\ tcb' = [tcb EXCEPT ![h] = Acked(t)]
                  /\ UNCHANGED ghost
                  /\ Took({"ReceiveRst.challenge"})
            [] OTHER ->
                  /\ tcb' = [tcb EXCEPT ![h] = IF t.st = "SYN-RECEIVED" /\ t.passive
                                               THEN ListenTcb ELSE NoTcb]
                  /\ Deliver(s, {})
                  /\ ghost' = Judge(h, s, PeerGen(h), TRUE)
                  /\ Took({IF tcb'[h].st = "LISTEN" THEN "ReceiveRst.listen" ELSE "ReceiveRst.reset"})
       /\ UNCHANGED <<isnClock, quiet>>

\* Fourth check: SYN.
\*  SYN-RECEIVED from a passive OPEN: back to LISTEN (§3.10.7.4).
\*  R-RST-4: with RFC 5961, a challenge ACK and the segment is dropped;
\*  without, the connection is reset (RFC 793) and a RST sent, formed from
\*  the TCB as a synchronized connection's segments are (§3.5.2 case 3).
ReceiveSyn(h) == tcb[h].st \in OtherStates /\ \E s \in Arrivals(h) :
    LET t == tcb[h]
    IN /\ Arriving(h, s)
       /\ "SYN" \in s.ctl /\ "RST" \notin s.ctl
       /\ ~Special(h, t, s)
       /\ Acceptable(t, s)
       /\ CASE t.st = "SYN-RECEIVED" /\ t.passive ->
                  /\ tcb' = [tcb EXCEPT ![h] = ListenTcb]
                  /\ Deliver(s, {})
                  /\ ghost' = Judge(h, s, PeerGen(h), TRUE)
                  /\ Took({"ReceiveSyn.listen"})
            [] Rfc5961 ->
                  /\ Deliver(s, {AckOf(h, t)})
                  /\ tcb' = [tcb EXCEPT ![h] = Acked(t)]
                  /\ UNCHANGED ghost
                  /\ Took({"ReceiveSyn.challenge"})
            [] OTHER ->
                  /\ tcb' = [tcb EXCEPT ![h] = NoTcb]
                  /\ Deliver(s, {RstOfTcb(h, t)})
                  /\ ghost' = Judge(h, s, PeerGen(h), TRUE)
                  /\ Took({"ReceiveSyn.reset"})
       /\ UNCHANGED <<isnClock, quiet>>

(***************************************************************************)
(* Fifth to eighth checks: ACK, segment text, FIN.  Process(t, s) computes *)
(* the TCB after an acceptable segment without RST or SYN, in the RFC's    *)
(* order, and what to send; the actions below differ only in which         *)
(* segments they take, so that coverage tells the branches apart.          *)
(***************************************************************************)
\* Received text is kept as ranges, not octet by octet, so that a segment of
\* 64 KB costs what a segment of one octet costs.
SetMin(S) == CHOOSE x \in S : \A y \in S : x <= y
SetMax(S) == CHOOSE x \in S : \A y \in S : y <= x

\* The delivered history d with n octets of incarnation g appended, the
\* first of them the i-th of its stream; a run that continues the last one
\* is merged into it.
Deliveries(d, g, i, n) ==
    IF d # <<>> /\ d[Len(d)].gen = g /\ d[Len(d)].to + 1 = i
    THEN [d EXCEPT ![Len(d)].to = i + n - 1]
    ELSE Append(d, [gen |-> g, from |-> i, to |-> i + n - 1])

\* The history hist followed by the runs of d.
RECURSIVE Concat(_, _)
Concat(hist, d) ==
    IF d = <<>> THEN hist
    ELSE Concat(Deliveries(hist, Head(d).gen, Head(d).from, Head(d).to - Head(d).from + 1), Tail(d))

\* The number of octets in the runs of d.
RECURSIVE RunOctets(_)
RunOctets(d) == IF d = <<>> THEN 0 ELSE Head(d).to - Head(d).from + 1 + RunOctets(Tail(d))

\* The reassembly queue q with range r (len octets from seq, sent by
\* incarnation gen) added, merged with the ranges of its incarnation that
\* overlap or touch it, so that the ranges of one incarnation stay apart:
\* equal octets held, equal queues.  Offsets are taken from base (RCV.NXT),
\* below every range held.
Hold(q, r, base) ==
    LET lo(x) == SeqDist(x.seq, base)
        hi(x) == lo(x) + x.len
        near == {x \in q : x.gen = r.gen /\ lo(x) <= hi(r) /\ lo(r) <= hi(x)}
        from == SetMin({lo(x) : x \in near \cup {r}})
        to == SetMax({hi(x) : x \in near \cup {r}})
    IN (q \ near) \cup {[seq |-> SeqAdd(base, from), len |-> to - from, gen |-> r.gen]}

\* Text held out of order that RCV.NXT now reaches moves in (S-4); held text
\* wholly below RCV.NXT (the segment that filled the gap carried it too) is
\* dropped.
RECURSIVE Drain(_, _)
Drain(t, d) ==
    LET reached == {q \in t.rcvQ : ~SeqLt(t.rcvNxt, q.seq)}
    IN IF reached = {} THEN [t |-> t, d |-> d]
       ELSE LET q == CHOOSE q \in reached : TRUE
                n == q.len - SeqDist(t.rcvNxt, q.seq)
            IN IF n > 0
               THEN Drain([t EXCEPT !.rcvNxt = SeqAdd(@, n), !.rcvQ = @ \ {q}],
                          Deliveries(d, q.gen, SeqDist(t.rcvNxt, t.irs), n))
               ELSE Drain([t EXCEPT !.rcvQ = @ \ {q}], d)

\* The ACK check for SYN-RECEIVED and the synchronized states: "ok"
\* (SND.UNA advances, or a duplicate), "ack" (SEG.ACK > SND.NXT) or "old"
\* (older than SND.UNA - MAX.SND.WND, R-SEQ-6): answer with an ACK and drop;
\* "rst" (SYN-RECEIVED, R-OPEN-8); "drop" (no ACK bit).
AckVerdict(t, s) ==
    CASE "ACK" \notin s.ctl -> "drop"
      [] t.st = "SYN-RECEIVED" ->
            IF AckAcceptable(t.sndUna, s.ack, t.sndNxt) THEN "ok" ELSE "rst"
      [] SeqLt(t.sndNxt, s.ack) -> "ack"
      [] Rfc5961 /\ SeqLt(s.ack, SeqSub(t.sndUna, RcvWndSize)) -> "old"
      [] OTHER -> "ok"

\* Policy (docs/findings.md F11): whether host h may hold a FIN that arrives
\* beyond RCV.NXT, behind a gap, and take it once the text before it has
\* arrived, as Linux does (tcp_data_queue_ofo).  §3.10.7.4 lets a receiver
\* hold segments beyond RCV.NXT for later processing; the spec drops such a
\* FIN and acknowledges RCV.NXT (interpretation 6 of spec/README.md).  Off
\* in the models; a trace's header names it (policies: holdsFin).
HoldsFin(h) == FALSE

\* A FIN's arm of Process: the TCB after it, and the branch's name.
FinArm(t, name) == [t |-> t, br |-> {"Process.fin" \o name}]

Process(h, t, s) ==
    LET v == AckVerdict(t, s)
        \* fifth: the ACK field.  SND.UNA advances (R-SEQ-2); then the window
        \* is updated (R-WND-1; on entering ESTABLISHED from SYN-RECEIVED, at
        \* once).  An ACK that finds the window still closed shows that the
        \* peer answers the probes: the retransmission count restarts, and the
        \* connection stays open however long the window stays closed (MUST-37).
        ta == IF v = "ok" /\ AckAcceptable(t.sndUna, s.ack, t.sndNxt)
              THEN [t EXCEPT !.st = IF @ = "SYN-RECEIVED" THEN "ESTABLISHED" ELSE @,
                             !.sndUna = s.ack, !.rto = Off, !.retries = 0, !.r2 = Off]
              ELSE t
        updates == v = "ok" /\ (t.st = "SYN-RECEIVED" \/ WindowNewer(t, s))
        t1 == IF updates
              THEN [SetWnd(h, ta, s) EXCEPT !.retries = IF s.wnd = 0 THEN 0 ELSE @,
                                            !.r2 = IF s.wnd = 0 /\ @ # Off THEN Ran(ta) ELSE @]
              ELSE ta
        t2 == CASE t1.st = "FIN-WAIT-1" /\ FinAcked(t1) -> [t1 EXCEPT !.st = "FIN-WAIT-2"]
                [] t1.st = "CLOSING" /\ FinAcked(t1) -> [t1 EXCEPT !.st = "TIME-WAIT", !.tw = 0]
                [] t1.st = "LAST-ACK" /\ FinAcked(t1) -> NoTcb
                [] OTHER -> t1
        \* seventh: segment text, in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2,
        \* trimmed to the window: octets below RCV.NXT were taken before and
        \* octets from RCV.NXT + RCV.WND on are dropped ("only the new parts
        \* are processed"); [lo, hi) are the new octets, as offsets from
        \* RCV.NXT.  At RCV.NXT they are delivered, beyond it held (S-4).
        takesText == s.len > 0 /\ t2.st \in {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2"}
        old == IF SeqLt(s.seq, t2.rcvNxt) THEN SeqDist(t2.rcvNxt, s.seq) ELSE 0
        lo == IF old > 0 THEN 0 ELSE SeqDist(s.seq, t2.rcvNxt)
        hi == Min(lo + s.len - old, t2.rcvWnd)
        new == takesText /\ lo < hi
        t3 == CASE new /\ lo = 0 ->
                     Drain([t2 EXCEPT !.rcvNxt = SeqAdd(@, hi)],
                           Deliveries(<<>>, s.sgen, SeqDist(SeqAdd(t2.rcvNxt, lo), t2.irs), hi - lo))
                [] new ->
                     [t |-> [t2 EXCEPT !.rcvQ = Hold(@, [seq |-> SeqAdd(t2.rcvNxt, lo), len |-> hi - lo,
                                                         gen |-> s.sgen], t2.rcvNxt)],
                      d |-> <<>>]
                [] OTHER -> [t |-> t2, d |-> <<>>]
        \* what reached the user's buffer in order closes the window by as
        \* much, so that its right edge stays where it was (R-WND-2)
        n == RunOctets(t3.d)
        t4 == IF Reads(h) THEN [t3.t EXCEPT !.unread = @ + n, !.rcvWnd = @ - n] ELSE t3.t
        \* eighth: FIN, processed when it is the next thing in sequence: this
        \* segment's, or, under HoldsFin, one held beyond a gap the text has now
        \* filled (F11); a FIN beyond the gap, its text all taken, is held
        finSeq == SeqAdd(s.seq, s.len)
        takesFin == t4.st \in OtherStates /\ t4.rcvQ = {}
                    /\ (("FIN" \in s.ctl /\ finSeq = t4.rcvNxt) \/ t4.rcvFin = t4.rcvNxt)
        holdsFin == /\ HoldsFin(h) /\ "FIN" \in s.ctl
                    /\ t4.st \in {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2"}
                    /\ SeqLt(t4.rcvNxt, finSeq) /\ SeqDist(finSeq, t4.rcvNxt) <= t4.rcvWnd
                    /\ (s.len = 0 \/ (new /\ hi = lo + s.len - old))
        f5 == IF ~takesFin
              THEN [t |-> IF holdsFin THEN [t4 EXCEPT !.rcvFin = finSeq] ELSE t4,
                    br |-> IF "FIN" \notin s.ctl THEN {}
                           ELSE {IF holdsFin THEN "Process.finHeld" ELSE "Process.finNotNext"}]
              ELSE LET t4n == [t4 EXCEPT !.rcvNxt = SeqAdd(@, 1), !.rcvFin = Off]
                   IN CASE t4.st \in {"SYN-RECEIVED", "ESTABLISHED"} ->
                             FinArm([t4n EXCEPT !.st = "CLOSE-WAIT"], "CloseWait")
                        [] t4.st = "FIN-WAIT-1" /\ FinAcked(t4) ->
                             FinArm([t4n EXCEPT !.st = "TIME-WAIT", !.tw = 0], "FinWait1TimeWait")
                        [] t4.st = "FIN-WAIT-1" -> FinArm([t4n EXCEPT !.st = "CLOSING"], "FinWait1Closing")
                        [] t4.st = "FIN-WAIT-2" ->
                             FinArm([t4n EXCEPT !.st = "TIME-WAIT", !.tw = 0], "FinWait2TimeWait")
                        [] t4.st = "TIME-WAIT" -> FinArm([t4n EXCEPT !.tw = 0], "TimeWaitRestart")
                        [] OTHER -> FinArm(t4n, "Other")
        t5 == f5.t
        \* acknowledge text and FIN, and anything out of order (S-4)
        acks == s.len > 0 \/ "FIN" \in s.ctl
        final == IF t5.st = "CLOSED" THEN t5 ELSE Timers([t5 EXCEPT !.ka = Off, !.kaProbes = 0])
        \* the branches of the fifth to eighth checks taken (Took)
        br == (IF ta # t THEN {"Process.ackAdvances"} ELSE {"Process.ackDuplicate"})
              \cup (IF updates THEN {IF s.wnd = 0 THEN "Process.windowZero" ELSE "Process.windowUpdate"} ELSE {})
              \cup (IF t2 = t1 THEN {}
                    ELSE {CASE t1.st = "FIN-WAIT-1" -> "Process.finWait2"
                            [] t1.st = "CLOSING" -> "Process.closingTimeWait"
                            [] OTHER -> "Process.lastAckClosed"})
              \cup (CASE s.len = 0 -> {}
                      [] ~takesText -> {"Process.textIgnored"}
                      [] ~new -> {"Process.textNoneNew"}
                      [] lo = 0 -> {"Process.textInOrder"}
                      [] OTHER -> {"Process.textHeld"})
              \cup (IF new /\ old > 0 THEN {"Process.textPartlyOld"} ELSE {})
              \cup (IF new /\ hi < lo + s.len - old THEN {"Process.textTrimmed"} ELSE {})
              \cup (IF new /\ lo = 0 /\ t3.t.rcvQ # t2.rcvQ THEN {"Process.gapFilled"} ELSE {})
              \cup (IF takesFin /\ t4.rcvFin = t4.rcvNxt THEN {"Process.finHeldTaken"} ELSE {})
              \cup f5.br
    IN CASE v = "drop" -> [t |-> t, out |-> {}, d |-> <<>>, br |-> {"Process.noAck"}]
         [] v = "rst" -> [t |-> t, out |-> {RstFor(h, s)}, d |-> <<>>, br |-> {"Process.synReceivedBadAck"}]
         [] v = "ack" -> [t |-> t, out |-> {AckOf(h, t)}, d |-> <<>>, br |-> {"Process.ackAboveSndNxt"}]
         [] v = "old" -> [t |-> t, out |-> {AckOf(h, t)}, d |-> <<>>, br |-> {"Process.ackTooOld"}]
         [] OTHER -> [t |-> final,
                      out |-> IF acks /\ final.st # "CLOSED" THEN {AckOf(h, final)} ELSE {},
                      d |-> t3.d, br |-> br]

\* The protocol part of a TCB: what a segment's acceptance changes.
Core(t) == <<t.st, t.irs, t.sndUna, t.sndNxt, t.sndWnd, t.sndWl1, t.sndWl2, t.rcvNxt, t.rcvQ, t.rcvFin>>

\* Apply the result r of processing s at h, in the action named a.
\* R-ACK-1 (SHLD-18): whether h may defer the ACK that processing s asks
\* for (r): with DelayedAcks, for new text or a FIN taken in order with
\* nothing held out of order before or after (out-of-order and gap-filling
\* text is acknowledged at once), in a state that goes on receiving or waits
\* for its user's CLOSE.  A deferred ACK goes out with the next segment h
\* sends, or when the delayed-ACK timer fires (DelayedAck).
Defers(h, s, r) ==
    /\ DelayedAcks
    /\ r.out = {AckOf(h, r.t)}
    /\ r.t.rcvNxt # tcb[h].rcvNxt
    /\ tcb[h].rcvQ = {} /\ r.t.rcvQ = {}
    /\ r.t.st \in {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT"}

\* Apply the result r of processing s at h, in the action named a: send what
\* r says, or defer its ACK (the delayed-ACK timer keeps running when an ACK
\* was already owed).
Apply(h, s, r, a) ==
    LET t == tcb[h]
        accepts == Core(r.t) # Core(t) \/ r.d # <<>>
        g1 == Judge(h, s, PeerGen(h), accepts)
        enters == t.st = "SYN-RECEIVED" /\ r.t.st \in Synchronized
    IN \E defer \in IF Defers(h, s, r) THEN BOOLEAN ELSE {FALSE} :
          /\ tcb' = [tcb EXCEPT ![h] = CASE defer -> [r.t EXCEPT !.dack = IF @ = Off THEN 0 ELSE @]
                                          [] r.out # {} -> Acked(r.t)
                                          [] OTHER -> r.t]
          /\ Deliver(s, IF defer THEN {} ELSE r.out)
          /\ ghost' = [g1 EXCEPT !.dlv[h] = Concat(@, r.d),
                                 !.unrequested = Unrequested(h, s, enters)]
          /\ UNCHANGED <<isnClock, quiet>>
          /\ Took({a} \cup r.br \cup (IF defer THEN {"Process.ackDelayed"} ELSE {}))

\* Policy (docs/findings.md F8): whether host h, taking a FIN, may keep its
\* right edge where it was, its window one smaller, as Linux acknowledges a
\* FIN from TIME-WAIT (the TIME-WAIT socket keeps the edge its connection
\* offered, and the FIN took one octet of it).  §3.10.7.4 (eighth check)
\* says only that RCV.NXT advances over the FIN; the spec keeps RCV.WND, so
\* the edge moves on by one.  Off in the models; a trace's header names it
\* (policies: finKeepsEdge).
FinKeepsEdge(h) == FALSE

\* The ways of a step that took its peer's FIN to end, given r from Process:
\* r, and under FinKeepsEdge also r with the right edge kept, whose ACK
\* offers one octet less.
FinResults(h, r) ==
    LET tookFin == r.br \cap {"Process.finCloseWait", "Process.finFinWait1TimeWait", "Process.finFinWait1Closing",
                              "Process.finFinWait2TimeWait"} # {}
        k == [r.t EXCEPT !.rcvWnd = @ - 1]
    IN {r} \cup (IF FinKeepsEdge(h) /\ tookFin /\ r.t.rcvWnd > 0 /\ r.out # {}
                 THEN {[r EXCEPT !.t = k, !.out = {AckOf(h, k)}]}
                 ELSE {})

\* Policy (docs/findings.md F9): whether host h may take a segment without
\* text, SYN, RST or FIN whose SEQ is the right edge of its window, RCV.NXT
\* + RCV.WND, as acceptable.  Table 6 says it is not (RCV.NXT =< SEG.SEQ <
\* RCV.NXT + RCV.WND), and RejectUnacceptable answers it; Linux processes it
\* (tcp_sequence tests SEG.SEQ =< RCV.NXT + RCV.WND): the bare ACK of a
\* sender whose text fills the window, its first segment lost, is taken
\* instead of answered.  Under the policy a host may do either.  Off in the
\* models; a trace's header names it (policies: emptyAtRightEdge).
EmptyAtRightEdge(h) == FALSE
AtRightEdge(h, t, s) ==
    /\ EmptyAtRightEdge(h) /\ WindowCheck
    /\ SegLen(s) = 0 /\ t.rcvWnd > 0 /\ s.seq = SeqAdd(t.rcvNxt, t.rcvWnd)

\* The segments taken in order by the three actions below, each of which has
\* already found h in one of OtherStates.
InOrderCase(h, s) ==
    /\ Arriving(h, s)
    /\ "RST" \notin s.ctl /\ "SYN" \notin s.ctl
    /\ ~Special(h, tcb[h], s)
    /\ Acceptable(tcb[h], s) \/ AtRightEdge(h, tcb[h], s)

\* R-SEQ-2, R-SEQ-6, R-OPEN-8, S-4, R-CLOSE-2 (FIN acknowledged), R-CLOSE-4:
\* an acceptable segment without SYN, RST or FIN: the ACK, then the text.
ReceiveSegment(h) == tcb[h].st \in OtherStates /\ \E s \in Arrivals(h) :
    /\ "FIN" \notin s.ctl
    /\ InOrderCase(h, s)
    /\ Apply(h, s, Process(h, tcb[h], s), "ReceiveSegment")

\* R-CLOSE-2, S-6: an acceptable segment with FIN, other than the
\* simultaneous close below.
ReceiveFin(h) == tcb[h].st \in OtherStates /\ \E s \in Arrivals(h) :
    LET r0 == Process(h, tcb[h], s)
    IN /\ "FIN" \in s.ctl
       /\ InOrderCase(h, s)
       /\ ~(tcb[h].st = "FIN-WAIT-1" /\ r0.t.st = "CLOSING")
       /\ \E r \in FinResults(h, r0) : Apply(h, s, r, "ReceiveFin")

\* R-CLOSE-3 (Fig. 13): FIN-WAIT-1 receives the peer's FIN before the ACK of
\* its own: CLOSING.
SimultaneousClose(h) == tcb[h].st = "FIN-WAIT-1" /\ \E s \in Arrivals(h) :
    LET r0 == Process(h, tcb[h], s)
    IN /\ "FIN" \in s.ctl
       /\ InOrderCase(h, s)
       /\ r0.t.st = "CLOSING"
       /\ \E r \in FinResults(h, r0) : Apply(h, s, r, "SimultaneousClose")

(***************************************************************************)
(* TIMEOUTS (§3.10.8).                                                     *)
(***************************************************************************)
\* The oldest unacknowledged segment, sent again: the SYN, the SYN,ACK, the
\* FIN, or text from SND.UNA, repacketized to any length up to the text
\* outstanding (a sender may resend more or less than it first sent), with
\* FinWithText the whole of it with the FIN sent after it; with the name of
\* the arm (Took).
Resend(arm, segs) == [arm |-> "RetransmitTimeout." \o arm, segs |-> segs]

\* Policy (docs/findings.md F2): whether host h, in SYN-RECEIVED
\* from SYN-SENT (a simultaneous open) may resend its bare SYN,
\* <SEQ=ISS><CTL=SYN>, where RFC 9293 resends the SYN,ACK; Linux was seen to
\* when its retransmission timer fired as the peer's SYN arrived.  Off in the
\* models; a trace's header names it (policies: bareSynRetransmit).
BareSynRetransmit(h) == FALSE
Retransmissions(h, t) ==
    CASE t.sndUna = t.iss /\ t.st = "SYN-SENT" -> Resend("syn", {Out(h, t.iss, 0, {"SYN"}, 0)})
      [] t.sndUna = t.iss -> Resend("synAck", {Out(h, t.iss, t.rcvNxt, {"SYN", "ACK"}, 0)}
                                \cup (IF BareSynRetransmit(h) /\ ~t.passive THEN {Out(h, t.iss, 0, {"SYN"}, 0)}
                                      ELSE {}))
      [] t.sndUna = SeqAdd(t.iss, 1 + t.sndLen) -> Resend("fin", {Out(h, t.sndUna, t.rcvNxt, {"FIN", "ACK"}, 0)})
      [] OTHER -> Resend("text", {Out(h, t.sndUna, t.rcvNxt, {"ACK"}, n) :
                     n \in {k \in TextLens(h, t.sndUna) : k <= SeqDist(TextEnd(t), t.sndUna)}}
                   \cup {Out(h, t.sndUna, t.rcvNxt, {"ACK", "FIN"}, n) :
                          n \in {k \in TextLens(h, t.sndUna) :
                                   FinWithText /\ FinSent(t) /\ k = SeqDist(TextEnd(t), t.sndUna)}})

\* R-OPEN-10, R-TO-1, S-3: the retransmission timer fires below R2: resend
\* the oldest unacknowledged segment (SYN, SYN,ACK, data or FIN) and restart.
RetransmitTimeout(h) ==
    LET t == tcb[h]
    IN /\ RtoExpired(t) /\ t.retries < MaxRetries /\ BeforeR2(t)
       /\ tcb' = [tcb EXCEPT ![h].rto = RtoHi(t.retries + 1), ![h].retries = @ + 1, ![h].dack = Off]
       /\ LET r == Retransmissions(h, t)
          IN \E o \in r.segs : net' = Transmit(net, {o}) /\ Took({r.arm})
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>

\* R-CC-1 (MUST-19; RFC 5681 §3.2, RFC 6675 §5): fast retransmit.  With
\* FastRetransmits(h), host h with text outstanding may resend its oldest
\* unacknowledged text (RetransmitTimeout's "text" arm) before the timer
\* fires, as duplicate ACKs or SACK blocks showing a hole make a stack do.
\* The spec does not count duplicate ACKs: it allows the resend at any time
\* text is outstanding, since a receiver must take a resent segment in any
\* case.  The timer and the retry count are left as they are; the ACK the
\* segment carries is no longer owed.  Off in every model but
\* FastRetransmit; a trace's header names it (policies: fastRetransmit).
FastRetransmits(h) == FALSE
FastRetransmit(h) ==
    LET t == tcb[h]
        r == Retransmissions(h, t)
    IN /\ FastRetransmits(h)
       /\ t.st \in Synchronized /\ t.st # "TIME-WAIT" /\ t.rto # Off
       /\ r.arm = "RetransmitTimeout.text"
       /\ tcb' = [tcb EXCEPT ![h] = Acked(t)]
       /\ \E o \in r.segs : net' = Transmit(net, {o})
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>
       /\ Took({"FastRetransmit"})

\* R-WND-1 (MUST-36, SHLD-29): the persist timer fires while text waits for a
\* closed window: one octet goes out beyond the window and SND.NXT moves past
\* it; from then on it is retransmitted as any text is, until an ACK takes it
\* or shows the window still closed (Process).
WindowProbe(h) ==
    LET t == tcb[h]
    IN /\ RtoExpired(t) /\ Persisting(t) /\ BeforeR2(t)
       /\ tcb' = [tcb EXCEPT ![h] = [t EXCEPT !.sndNxt = SeqAdd(@, 1), !.rto = RtoHi(t.retries), !.dack = Off]]
       /\ net' = Transmit(net, {Out(h, t.sndNxt, t.rcvNxt, {"ACK"}, 1)})
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>
       /\ Took({"WindowProbe"})

\* R-TO-2, R-OPEN-10: R2 reached: "connection timed out", CLOSED; a
\* SYN-RECEIVED from a passive OPEN drops the half-open attempt and listens on.
GiveUp(h) ==
    /\ RtoExpired(tcb[h]) /\ R2Reached(tcb[h])
    /\ tcb' = [tcb EXCEPT ![h] = IF tcb[h].st = "SYN-RECEIVED" /\ tcb[h].passive
                                 THEN ListenTcb ELSE NoTcb]
    /\ UNCHANGED <<net, isnClock, quiet, budget, ghost>>
    /\ Took({IF tcb'[h].st = "LISTEN" THEN "GiveUp.listen" ELSE "GiveUp.closed"})

\* R-TW-4: the 2 MSL timer expires: the TCB is deleted.
TimeWaitTimeout(h) ==
    /\ tcb[h].st = "TIME-WAIT" /\ tcb[h].tw >= TimeWaitLo
    /\ tcb' = [tcb EXCEPT ![h] = NoTcb]
    /\ UNCHANGED <<net, isnClock, quiet, budget, ghost>>
    /\ Took({"TimeWaitTimeout"})

\* R-KA-2, R-KA-4, S-8: the keep-alive timer fires with probes left: send
\* <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK> and wait KaInterval.
KeepAliveProbe(h) ==
    LET t == tcb[h]
    IN /\ KaExpired(t) /\ t.kaProbes < KaProbes
       /\ tcb' = [tcb EXCEPT ![h].ka = KaHi(t.kaProbes + 1), ![h].kaProbes = @ + 1, ![h].dack = Off]
       /\ net' = Transmit(net, {Out(h, SeqSub(t.sndNxt, 1), t.rcvNxt, {"ACK"}, 0)})
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>
       /\ Took({"KeepAliveProbe"})

\* R-KA-3: only after KaProbes unanswered probes is the peer declared dead.
KeepAliveGiveUp(h) ==
    /\ KaExpired(tcb[h]) /\ tcb[h].kaProbes = KaProbes
    /\ tcb' = [tcb EXCEPT ![h] = NoTcb]
    /\ UNCHANGED <<net, isnClock, quiet, budget, ghost>>
    /\ Took({"KeepAliveGiveUp"})

\* R-ACK-1 (SHLD-18, MUST-40): the delayed-ACK timer fires: the ACK owed
\* goes out, at most DackHi after the segment it acknowledges arrived.
DelayedAck(h) ==
    LET t == tcb[h]
    IN /\ t.dack # Off /\ t.dack >= DackLo
       /\ tcb' = [tcb EXCEPT ![h] = Acked(t)]
       /\ net' = Transmit(net, {AckOf(h, t)})
       /\ UNCHANGED <<isnClock, quiet, budget, ghost>>
       /\ Took({"DelayedAck"})

(***************************************************************************)
(* THE NETWORK, TIME AND HOSTS.                                            *)
(***************************************************************************)
\* The network loses a segment.
Lose == \E s \in net :
    /\ budget.loss > 0
    /\ net' = net \ {s}
    /\ budget' = [budget EXCEPT !.loss = @ - 1]
    /\ UNCHANGED <<tcb, isnClock, quiet, ghost>>
    /\ Took({"Lose"})

\* Nothing waits on time: no segment in flight and no timer running.  (A
\* conjunction, so that Tick's ~Idle is one test: TLC explores every true
\* disjunct of an action as a branch of its own, and a disjunction here would
\* compute Tick's successor once for each thing that waits.)
Idle == net = {} /\ \A h \in Hosts : tcb[h].rto = Off /\ tcb[h].tw = Off /\ tcb[h].ka = Off /\ tcb[h].dack = Off
                                    /\ quiet[h] = 0

\* Nothing is due within d ticks: no segment reaches MSL and no timer
\* passes its latest expiry (RtoHi, TimeWaitHi, KaHi, DackHi) before d
\* ticks pass.
NothingDue(d) ==
    /\ \A s \in net : s.age + d <= MSL
    /\ \A h \in Hosts : /\ tcb[h].rto # Off => tcb[h].rto >= d
                        /\ tcb[h].ka # Off => tcb[h].ka >= d
                        /\ tcb[h].st = "TIME-WAIT" => tcb[h].tw + d <= TimeWaitHi
                        /\ tcb[h].dack # Off => tcb[h].dack + d <= DackHi

\* The ticks one Tick takes: one in models; validation sets the ticks a
\* trace shows between two lines, so that a gap of hours is one step.
TickSizes == {1}

\* Time advances: the ISN clock moves, segments age, timers run.  Time
\* stands still when nothing waits on it (it would only move the ISN clock,
\* which matters relative to segments in flight), and does not pass a
\* segment's MSL or a timer's expiry until that has been dealt with.
Tick ==
    /\ ~Idle
    /\ \E d \in TickSizes :
          /\ NothingDue(d)
          /\ isnClock' = SeqAdd(isnClock, d * IsnRate)
          /\ net' = {[s EXCEPT !.age = @ + d] : s \in net}
          /\ tcb' = [h \in Hosts |->
                       [tcb[h] EXCEPT !.rto = IF @ = Off THEN Off ELSE @ - d,
                                      !.r2 = IF @ = Off THEN Off ELSE @ + d,
                                      !.tw = IF @ = Off THEN Off ELSE @ + d,
                                      !.ka = IF @ = Off THEN Off ELSE @ - d,
                                      !.dack = IF @ = Off THEN Off ELSE @ + d]]
          /\ quiet' = [h \in Hosts |-> IF quiet[h] > d THEN quiet[h] - d ELSE 0]
    /\ UNCHANGED <<budget, ghost>>
    /\ Took({"Tick"})

\* R-ISN-2: a host crashes and restarts with no TCB; it keeps quiet for MSL
\* (QuietTicks; a knob sets it shorter).
Crash(h) ==
    /\ budget.crash > 0
    /\ tcb' = [tcb EXCEPT ![h] = NoTcb]
    /\ quiet' = [quiet EXCEPT ![h] = QuietTicks]
    /\ budget' = [budget EXCEPT !.crash = @ - 1]
    /\ UNCHANGED <<net, isnClock, ghost>>
    /\ Took({"Crash"})

\* Nothing is in flight and no timer runs: a bounded model may stop here.
\* This stuttering step keeps TLC's deadlock check for the states that matter:
\* a segment or a due timer that no action handles is reported as a deadlock.
Quiescence ==
    /\ Idle
    /\ UNCHANGED vars
    /\ Took({"Quiescence"})

(***************************************************************************)
(* The specification.                                                      *)
(***************************************************************************)
Init ==
    /\ tcb = [h \in Hosts |-> NoTcb]
    /\ net = {}
    /\ isnClock = 0
    /\ quiet = [h \in Hosts |-> 0]
    /\ budget = [loss |-> LossBudget, dup |-> DupBudget, crash |-> CrashBudget,
                 inject |-> InjectBudget, forged |-> {}]
    /\ ghost = GhostInit
    /\ branch = {}

UserCall(h) ==
    ActiveOpen(h) \/ PassiveOpen(h) \/ Send(h) \/ Receive(h) \/ Close(h) \/ Abort(h)

\* What a receiver does with its buffer of its own accord.
Offer(h) == OfferWindow(h)

Output(h) == SendData(h) \/ SendFin(h)

\* Sends no timer or arrival asks for, and no fairness: fast retransmit.
Recover(h) == FastRetransmit(h)

Arrival(h) ==
    \/ SegmentArrivesClosed(h)
    \/ SegmentArrivesListen(h)
    \/ SegmentArrivesSynSent(h)
    \/ SimultaneousOpen(h)
    \/ TimeWaitReopen(h)
    \/ TimeWaitFinRetransmitted(h)
    \/ SimultaneousOpenSynAck(h)
    \/ RejectUnacceptable(h)
    \/ ReceiveRst(h)
    \/ ReceiveSyn(h)
    \/ ReceiveSegment(h)
    \/ ReceiveFin(h)
    \/ SimultaneousClose(h)

Timeout(h) ==
    RetransmitTimeout(h) \/ WindowProbe(h) \/ GiveUp(h) \/ TimeWaitTimeout(h)
    \/ KeepAliveProbe(h) \/ KeepAliveGiveUp(h) \/ DelayedAck(h)

Next ==
    \/ \E h \in Hosts : UserCall(h) \/ Offer(h) \/ Output(h) \/ Recover(h) \/ Arrival(h) \/ Timeout(h) \/ Crash(h)
    \/ Lose
    \/ Tick
    \/ Quiescence

\* Fairness: the protocol's own steps and time are weakly fair; user calls are
\* not (a user may never call).  Delivery is fair segment by segment: a segment
\* that has reached MSL blocks Tick, so fairness towards the segments of age
\* MSL, with fair Tick, delivers every segment in flight.  (Fairness on "some
\* arrival" would not do: two ends can trade ACKs for unacceptable segments
\* forever while an older segment waits.)  With finite loss, duplication and
\* crash budgets, delivery is eventually reliable.
\* The fairness of aged arrivals is written out with the state predicate that
\* its ENABLED equals: every segment in flight is taken by one of the arrival
\* actions (their guards partition the cases, and each changes net or
\* budget).  TLC evaluates it far faster than ENABLED.  AgedArrival asks
\* first whether the step took an aged segment of h: TLC tests it on every
\* step, once per branch of the liveness check, and most steps take none, so
\* that the thirteen arrival actions are evaluated only on the steps that do.
AgedInFlightTo(h) == \E s \in net : s.dst = h /\ s.age = MSL
AgedArrival(h) ==
    /\ \E s \in net : s.dst = h /\ s.age = MSL /\ (s \notin net' \/ budget'.dup < budget.dup)
    /\ Arrival(h)
ArrivalFairness(h) == []<>(~AgedInFlightTo(h)) \/ []<><<AgedArrival(h)>>_vars

\* A user who reads (Reads) keeps reading: text waiting in its buffer is
\* eventually taken, so that a closed window opens again.
Fairness ==
    /\ \A h \in Hosts : WF_vars(Output(h)) /\ WF_vars(Timeout(h)) /\ ArrivalFairness(h)
    /\ \A h \in Hosts : Reads(h) => WF_vars(Receive(h))
    /\ WF_vars(Tick)

Spec == Init /\ [][Next]_vars
FairSpec == Spec /\ Fairness

\* What TLC compares to tell states apart.  Once every host has drawn its last
\* ISS the ISN clock influences nothing (IsnCandidates is used only in a
\* draw), so states that differ only in it are the same state.
AllDrawn == \A h \in Hosts : ghost.gen[h] = MaxGen
View == <<tcb, net, IF AllDrawn THEN 0 ELSE isnClock, quiet, budget, ghost>>

(***************************************************************************)
(* SAFETY PROPERTIES.                                                      *)
(***************************************************************************)
\* No segment of another incarnation is ever accepted: its SYN, data, FIN,
\* ACK or RST never changes a TCB (S-5, S-7b, R-TW-2).
NoStaleSegmentAcceptedInv == ghost.stale = {}

\* S-2: no endpoint enters ESTABLISHED with a peer incarnation that neither
\* still asks for the connection nor has synchronized with ours.
NoUnrequestedConnectionInv == ghost.unrequested = {}

\* S-1: when both ends are ESTABLISHED, each one's IRS is the other's ISS.
IssIrsAgreementInv ==
    (tcb["A"].st = "ESTABLISHED" /\ tcb["B"].st = "ESTABLISHED")
        => tcb["A"].irs = tcb["B"].iss /\ tcb["B"].irs = tcb["A"].iss

\* The octets delivered to h's user in this incarnation.
Delivered(h) == RunOctets(ghost.dlv[h])

\* The octets of text a TCB has transmitted (not counting its SYN and FIN).
Transmitted(t) == SeqDist(TextEnd(t), SeqAdd(t.iss, 1))

\* S-4: delivered data is an in-order, duplicate-free prefix of what the
\* peer incarnation transmitted: runs of the peer incarnation h
\* synchronized with, the first from octet 1, each starting where the last
\* one ended, and no further than the peer's SND.NXT.
DeliveredPrefixInv ==
    \A h \in Hosts :
        LET d == ghost.dlv[h]
        IN /\ \A i \in 1..Len(d) :
                 /\ d[i].gen = PeerGen(h)
                 /\ d[i].from = IF i = 1 THEN 1 ELSE d[i - 1].to + 1
                 /\ d[i].from <= d[i].to
           /\ ghost.gen[Peer(h)] = PeerGen(h) /\ tcb[Peer(h)].st \notin {"CLOSED", "LISTEN"}
              => Delivered(h) <= Transmitted(tcb[Peer(h)])

\* The sequence variables are consistent: SND.UNA =< SND.NXT within what was
\* sent, and RCV.NXT is beyond IRS in a synchronized state.
TcbConsistencyInv ==
    \A h \in Hosts :
        LET t == tcb[h]
        IN t.st \in States \ {"CLOSED", "LISTEN"} =>
              /\ SeqDist(t.sndNxt, t.iss) <= t.sndLen + 2
              /\ SeqDist(t.sndUna, t.iss) <= SeqDist(t.sndNxt, t.iss)
              /\ t.st # "SYN-SENT" => SeqDist(t.rcvNxt, t.irs) >= 1

\* S-4: the octets held out of order lie beyond RCV.NXT and within the
\* window: an octet that could be delivered is never left waiting.
ReassemblyInv ==
    \A h \in Hosts : \A q \in tcb[h].rcvQ :
        /\ SeqDist(q.seq, tcb[h].rcvNxt) \in 1..tcb[h].rcvWnd - 1
        /\ SeqDist(q.seq, tcb[h].rcvNxt) + q.len <= tcb[h].rcvWnd

Safety ==
    /\ NoStaleSegmentAcceptedInv
    /\ NoUnrequestedConnectionInv
    /\ IssIrsAgreementInv
    /\ DeliveredPrefixInv
    /\ TcbConsistencyInv

(***************************************************************************)
(* ACTION PROPERTIES.                                                      *)
(***************************************************************************)
\* The RFC state diagram (Fig. 5) as triples <<from, event, to>>: every change
\* of state is an edge of the diagram taken on the event the RFC names for it,
\* so "LAST-ACK -> CLOSED" is allowed on the ACK of our FIN, a RST, a timeout,
\* an ABORT or a crash, and not on any other segment.  The exits Fig. 5 leaves
\* implicit are spelled out: ABORT, RST, R2 and keep-alive timeouts, crashes,
\* RST and SYN in SYN-RECEIVED back to LISTEN (passive OPEN, R-OPEN-7), the
\* TIME-WAIT reopen (R-TW-3), and the composite steps one segment makes in
\* §3.10.7.4 (an ACK and a FIN together).  A node distinguishes the two
\* SYN-RECEIVED states of MUST-11.
Node(t) == IF t.st = "SYN-RECEIVED" THEN IF t.passive THEN "SYN-RECEIVED/passive"
                                                     ELSE "SYN-RECEIVED/active"
           ELSE t.st
Nodes == (States \ {"SYN-RECEIVED"}) \cup {"SYN-RECEIVED/passive", "SYN-RECEIVED/active"}

\* The event a segment s is for a TCB t, in the RFC's words.
\* (newly: our FIN is sent and not yet acknowledged, and s acknowledges it)
AcksOurFin(t, s) == FinSent(t) /\ ~FinAcked(t) /\ "ACK" \in s.ctl /\ s.ack = t.sndNxt
AcksOurSyn(t, s) == "ACK" \in s.ctl /\ AckAcceptable(t.iss, s.ack, t.sndNxt)
SegEvent(t, s) ==
    CASE "RST" \in s.ctl -> "rcv RST"
      [] "SYN" \in s.ctl /\ "ACK" \in s.ctl /\ AcksOurSyn(t, s) -> "rcv SYN,ACK of SYN"
      [] "SYN" \in s.ctl -> "rcv SYN"
      [] t.st = "SYN-RECEIVED" /\ AcksOurSyn(t, s) ->
            IF "FIN" \in s.ctl THEN "rcv FIN,ACK of SYN" ELSE "rcv ACK of SYN"
      [] "FIN" \in s.ctl /\ AcksOurFin(t, s) -> "rcv FIN,ACK of FIN"
      [] "FIN" \in s.ctl -> "rcv FIN"
      [] AcksOurFin(t, s) -> "rcv ACK of FIN"
      [] OTHER -> "rcv other"

\* The properties ask of every step, for each host, whether it is a Tick or
\* an ABORT that resets.  Such a step labels itself (Took), so the label is
\* tested first: the answer is the action's own, and TLC computes the
\* action's successor only for the few steps that carry its label.
IsTick == branch' = {"Tick"} /\ Tick
IsAbortRst(h) == "Abort.rst" \in branch' /\ Abort(h)

\* The segments addressed to h that a step takes from the network (delivered,
\* or delivered as a copy with the duplication budget).
\* (A Tick ages every segment and a loss drops one: neither takes any.)
\* The forged segment a step takes at h, if the step spends the attacker's budget.
ForgedTaken(h) == {s \in budget'.forged : s.dst = h}
Taken(h) == IF IsTick \/ budget'.loss < budget.loss THEN {}
            ELSE IF budget'.inject < budget.inject THEN ForgedTaken(h)
            ELSE {s \in net : s.dst = h /\ (s \notin net' \/ budget'.dup < budget.dup)}
\* The segment a step takes, when it can be told: a delivered copy (the
\* duplication budget spent) leaves the segment in flight, and which host
\* took which segment is then not visible in the state; such steps are not
\* judged by the properties that use TakenOne.
TakenOne(h) == IF IsTick \/ budget'.loss < budget.loss \/ budget'.dup < budget.dup THEN {}
               ELSE IF budget'.inject < budget.inject THEN ForgedTaken(h)
               ELSE {s \in net : s.dst = h /\ s \notin net'}

\* Every state but CLOSED may be left to CLOSED by ABORT or a crash; every
\* state with a retransmission timer by R2; every synchronized state by a RST
\* (TIME-WAIT: R-TW-2) and, with RFC 5961 off, by a SYN (R-RST-4).
Exits(from) ==
    (IF from # "TIME-WAIT" THEN {<<from, "ABORT", "CLOSED">>} ELSE {})
    \cup {<<from, "crash", "CLOSED">>}
    \cup (IF from \notin {"CLOSED", "LISTEN", "TIME-WAIT", "SYN-RECEIVED/passive"}
          THEN {<<from, "R2 timeout", "CLOSED">>} ELSE {})
    \cup (IF from \in Synchronized \ {"TIME-WAIT"} \/ (from = "TIME-WAIT" /\ ~Rfc1337)
          THEN {<<from, "rcv RST", "CLOSED">>} ELSE {})
    \cup (IF (from \in Synchronized \/ from = "SYN-RECEIVED/active") /\ ~Rfc5961
          THEN {<<from, "rcv SYN", "CLOSED">>} ELSE {})
    \cup (IF from \in {"ESTABLISHED", "CLOSE-WAIT"} THEN {<<from, "keep-alive timeout", "CLOSED">>} ELSE {})

EventEdges ==
    UNION {Exits(n) : n \in Nodes}
    \cup
    {<<"CLOSED", "passive OPEN", "LISTEN">>, <<"CLOSED", "active OPEN", "SYN-SENT">>,
     <<"LISTEN", "CLOSE", "CLOSED">>,
     <<"LISTEN", "rcv SYN", IF HandshakeWays = 3 THEN "SYN-RECEIVED/passive" ELSE "ESTABLISHED">>,
     <<"SYN-SENT", "CLOSE", "CLOSED">>,
     <<"SYN-SENT", "rcv SYN", IF HandshakeWays = 3 THEN "SYN-RECEIVED/active" ELSE "ESTABLISHED">>,
     <<"SYN-SENT", "rcv SYN,ACK of SYN", "ESTABLISHED">>,
     <<"SYN-SENT", "rcv RST", "CLOSED">>,                      \* R-OPEN-5: with an acceptable ACK
     <<"SYN-RECEIVED/passive", "rcv ACK of SYN", "ESTABLISHED">>,
     <<"SYN-RECEIVED/active", "rcv ACK of SYN", "ESTABLISHED">>,
     <<"SYN-RECEIVED/active", "rcv SYN,ACK of SYN", "ESTABLISHED">>,   \* Appendix A.2
     \* the ACK of our SYN and a FIN in one segment; the FIN held when out of order
     <<"SYN-RECEIVED/passive", "rcv FIN,ACK of SYN", "CLOSE-WAIT">>,
     <<"SYN-RECEIVED/active", "rcv FIN,ACK of SYN", "CLOSE-WAIT">>,
     <<"SYN-RECEIVED/passive", "rcv FIN,ACK of SYN", "ESTABLISHED">>,
     <<"SYN-RECEIVED/active", "rcv FIN,ACK of SYN", "ESTABLISHED">>,
     <<"SYN-RECEIVED/passive", "CLOSE", "FIN-WAIT-1">>, <<"SYN-RECEIVED/active", "CLOSE", "FIN-WAIT-1">>,
     <<"SYN-RECEIVED/passive", "rcv RST", "LISTEN">>,          \* R-OPEN-7
     <<"SYN-RECEIVED/active", "rcv RST", "CLOSED">>,
     <<"SYN-RECEIVED/passive", "rcv SYN", "LISTEN">>,          \* §3.10.7.4, fourth check
     <<"SYN-RECEIVED/passive", "R2 timeout", "LISTEN">>,
     <<"ESTABLISHED", "CLOSE", "FIN-WAIT-1">>, <<"ESTABLISHED", "rcv FIN", "CLOSE-WAIT">>,
     <<"FIN-WAIT-1", "rcv ACK of FIN", "FIN-WAIT-2">>, <<"FIN-WAIT-1", "rcv FIN", "CLOSING">>,
     <<"FIN-WAIT-1", "rcv FIN,ACK of FIN", "TIME-WAIT">>,
     <<"FIN-WAIT-1", "rcv FIN,ACK of FIN", "FIN-WAIT-2">>,    \* the FIN out of order, held
     <<"CLOSING", "rcv FIN,ACK of FIN", "TIME-WAIT">>,        \* a retransmitted FIN
     <<"LAST-ACK", "rcv FIN,ACK of FIN", "CLOSED">>,
     <<"FIN-WAIT-2", "rcv FIN", "TIME-WAIT">>,
     <<"CLOSE-WAIT", "CLOSE", "LAST-ACK">>,
     <<"CLOSING", "rcv ACK of FIN", "TIME-WAIT">>,
     <<"LAST-ACK", "rcv ACK of FIN", "CLOSED">>,
     <<"TIME-WAIT", "2MSL timeout", "CLOSED">>}
    \cup (IF TwReopen THEN {<<"TIME-WAIT", "rcv SYN", "SYN-RECEIVED/passive">>} ELSE {})

\* The events of the edges from node p[1] to node p[2]: a constant, which TLC
\* computes once.
EdgeEvents == [p \in Nodes \X Nodes |-> {e[2] : e \in {x \in EventEdges : x[1] = p[1] /\ x[3] = p[2]}}]
\* Whether e is an event of h's step: the segment it takes (SegEvent), or the
\* call, timeout or crash it is.  StateDiagramProp asks it only of the events
\* of the edge a step would take, so that a step evaluates those actions, not
\* every action of the spec.
EventHolds(h, e) ==
    CASE e = "active OPEN" -> ActiveOpen(h)
      [] e = "passive OPEN" -> PassiveOpen(h)
      [] e = "CLOSE" -> Close(h)
      [] e = "ABORT" -> Abort(h)
      [] e = "R2 timeout" -> GiveUp(h)
      [] e = "2MSL timeout" -> TimeWaitTimeout(h)
      [] e = "keep-alive timeout" -> KeepAliveGiveUp(h)
      [] e = "crash" -> Crash(h)
      [] OTHER -> \E s \in Taken(h) : SegEvent(tcb[h], s) = e
StateDiagramProp ==
    [][\A h \in Hosts :
         LET from == Node(tcb[h])
             to == Node(tcb'[h])
         IN from # to =>
              /\ <<from, to>> \in DOMAIN EdgeEvents
              /\ \E e \in EdgeEvents[<<from, to>>] : EventHolds(h, e)]_vars

\* R-TW-1, S-7: TIME-WAIT is left only after 2 x MSL, by a crash, an ABORT,
\* an allowed reopen (R-TW-3), or a RST when RFC 1337 is off (R-TW-2).
TimeWaitLengthProp ==
    [][\A h \in Hosts :
         tcb[h].st = "TIME-WAIT" /\ tcb'[h].st # "TIME-WAIT" =>
            \/ tcb[h].tw >= 2 * MSL
            \/ Crash(h)
            \/ TimeWaitReopen(h)
            \/ ~Rfc1337 /\ ReceiveRst(h)
            \/ ~Rfc5961 /\ ReceiveSyn(h)]_vars

\* R-TW-1 (spec/README.md, interpretations): a retransmission of the FIN
\* that brought h to TIME-WAIT is acknowledged and restarts the 2 x MSL timer,
\* so that TimeWaitLengthProp counts from the last FIN acknowledged.
TimeWaitRestartProp ==
    [][\A h \in Hosts : tcb[h].st = "TIME-WAIT" => \A s \in TakenOne(h) :
         "FIN" \in s.ctl /\ "SYN" \notin s.ctl /\ "RST" \notin s.ctl
         /\ SeqAdd(s.seq, s.len + 1) = tcb[h].rcvNxt => tcb'[h].st = "TIME-WAIT" /\ tcb'[h].tw = 0]_vars

\* S-7a: TIME-WAIT does not end while the peer still waits in LAST-ACK with a
\* retransmission of its FIN to come or in flight.  Then the last ACK was lost (an ACK sent
\* when TIME-WAIT last (re)started is older than MSL), and the retransmitted
\* FIN would reach a deleted TCB and draw a RST instead of an ACK.  It holds
\* when TIME-WAIT outlasts a retransmission timeout plus MSL (Rto < MSL).
TimeWaitCoversLastAckProp ==
    [][\A h \in Hosts :
         TimeWaitTimeout(h) =>
            ~(/\ tcb[Peer(h)].st = "LAST-ACK"
              /\ \/ tcb[Peer(h)].retries < MaxRetries
                 \/ \E s \in net : s.src = Peer(h) /\ "FIN" \in s.ctl)]_vars

\* R-OPEN-10, R-TO-2, R-KA-3, MUST-29: a connection is given up (R2 reached,
\* or a peer declared dead after the keep-alive probes) only when the network
\* could have lost every retransmission, or the peer crashed or aborted.
\* With fewer losses than retransmissions, no crash, patient users who never
\* ABORT, and a retransmission timeout above the round trip (no spurious
\* retransmission), every segment that matters gets through in time, so a
\* correct TCP never gives up: a peer that answers is never declared dead.
\* Two more premises keep the receiver from dropping a segment it could not
\* place: one incarnation (a listener of the model refuses SYNs beyond
\* MaxGen, as a full backlog does) and no data (a FIN that overtakes an
\* octet is dropped, not held, and costs a retransmission).  Vacuous in the
\* models that break the premises; DataDeliveredProp speaks for data.
ReliablePeers == CrashBudget = 0 /\ PatientUsers /\ \A h \in Hosts : "Abort" \notin Calls[h]
                 /\ MaxGen = 1 /\ MaxData = 0
ReliablePathPremise == ReliablePeers /\ LossBudget <= MaxRetries /\ Rto > 2 * MSL
ReliableKeepAlivePremise == ReliablePeers /\ LossBudget < KaProbes /\ KaInterval > 2 * MSL
NoSpuriousGiveUpProp ==
    [][\A h \in Hosts :
         /\ ReliablePathPremise => ~GiveUp(h)
         /\ ReliableKeepAlivePremise => ~KeepAliveGiveUp(h)]_vars

\* The replies a step must send and the outcome a RST must have, stated per
\* segment taken or call made, as the RFC's event processing lists them:
\*  - no TCB: a segment other than a RST draws the RST of R-OPEN-2, except in
\*    quiet time, when a host sends nothing at all (R-ISN-2);
\*  - LISTEN: an ACK draws <SEQ=SEG.ACK><CTL=RST>; a SYN (while the model
\*    lets the listener draw an ISS) <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>
\*    (R-OPEN-3);
\*  - SYN-SENT: a SYN without ACK draws <SEQ=ISS><ACK=SEG.SEQ+1>
\*    <CTL=SYN,ACK> (R-OPEN-6, MUST-10); an unacceptable ACK (not a RST)
\*    draws <SEQ=SEG.ACK><CTL=RST> (R-OPEN-4, half-open discovery);
\*  - SYN-RECEIVED: an acceptable segment whose ACK is not acceptable draws
\*    <SEQ=SEG.ACK><CTL=RST> (R-OPEN-8);
\*  - the synchronized states: an acceptable segment (no SYN, no RST) that
\*    acknowledges something not yet sent (SEG.ACK > SND.NXT, R-SEQ-2), or,
\*    with RFC 5961, something older than SND.UNA - MAX.SND.WND (R-SEQ-6),
\*    draws <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and changes nothing;
\*  - SYN-RECEIVED and the synchronized states: an unacceptable segment other
\*    than a RST draws <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and an unacceptable
\*    RST draws nothing (R-SEQ-4); text that is taken, held or delivered,
\*    draws the ACK with the RCV.NXT after it (S-4);
\*  - ABORT in SYN-RECEIVED .. CLOSE-WAIT sends <SEQ=SND.NXT><CTL=RST> (R-RST-3).
\* The acceptability test is RFC 9293 Table 6 written out again, apart from
\* Acceptable, so that a mistake in the spec's own test shows against it.
\* A reply counts as sent when a segment with its SEQ, ACK and control bits
\* entered the network in the step (age 0), or the network was full (NetCap).
Table6(t, s) ==
    LET len == SegLen(s)
        inWnd(x) == \E k \in 0..t.rcvWnd - 1 : x = (t.rcvNxt + k) % SeqMod
    IN \/ ~WindowCheck
       \/ len = 0 /\ t.rcvWnd = 0 /\ s.seq = t.rcvNxt
       \/ len = 0 /\ t.rcvWnd > 0 /\ inWnd(s.seq)
       \/ len > 0 /\ t.rcvWnd > 0 /\ (inWnd(s.seq) \/ inWnd((s.seq + len - 1) % SeqMod))
SentSeg(h, seq, ack, ctl) ==
    \/ Cardinality(net') >= NetCap
    \/ \E m \in net' : m.src = h /\ m.age = 0 /\ m.seq = seq /\ m.ack = ack /\ m.ctl = ctl /\ m.len = 0
Sent(h, m) == SentSeg(h, m.seq, m.ack, m.ctl)
\* No segment of h entered the network in the step.
SendsNothing(h) == \A m \in net' : m.src = h /\ m \notin net => m.age > 0
TakesText(h) == RunOctets(ghost'.dlv[h]) > Delivered(h) \/ tcb'[h].rcvQ \ tcb[h].rcvQ # {}
SynOnly(s) == "SYN" \in s.ctl /\ "ACK" \notin s.ctl /\ "RST" \notin s.ctl
RepliesProp ==
    [][\A h \in Hosts :
         LET t == tcb[h]
         IN /\ quiet[h] > 0 => SendsNothing(h)
            /\ \A s \in TakenOne(h) :
                 /\ t.st = "CLOSED" /\ quiet[h] = 0 /\ "RST" \notin s.ctl => Sent(h, RstFor(h, s))
                 /\ t.st = "LISTEN" /\ "ACK" \in s.ctl /\ "RST" \notin s.ctl => Sent(h, RstFor(h, s))
                 /\ t.st = "LISTEN" /\ SynOnly(s) /\ ghost.gen[h] < MaxGen =>
                       SentSeg(h, tcb'[h].iss, SeqAdd(s.seq, 1), {"SYN", "ACK"})
                 /\ t.st = "SYN-SENT" /\ SynOnly(s) => SentSeg(h, t.iss, SeqAdd(s.seq, 1), {"SYN", "ACK"})
                 /\ t.st = "SYN-SENT" /\ "ACK" \in s.ctl /\ "RST" \notin s.ctl
                    /\ ~AckAcceptable(t.iss, s.ack, t.sndNxt) => Sent(h, RstFor(h, s))
                 /\ t.st \in OtherStates /\ "RST" \in s.ctl /\ ~Special(h, t, s) /\ ~Table6(t, s) =>
                       SendsNothing(h)
                 /\ t.st \in OtherStates /\ "RST" \notin s.ctl /\ ~Special(h, t, s) =>
                       /\ ~Table6(t, s) => Sent(h, AckOf(h, t))
                       /\ t.st = "SYN-RECEIVED" /\ Table6(t, s) /\ "SYN" \notin s.ctl /\ "ACK" \in s.ctl
                          /\ ~AckAcceptable(t.sndUna, s.ack, t.sndNxt) => Sent(h, RstFor(h, s))
                       /\ t.st \in Synchronized /\ Table6(t, s) /\ "SYN" \notin s.ctl /\ "ACK" \in s.ctl
                          /\ \/ SeqLt(t.sndNxt, s.ack)
                             \/ Rfc5961 /\ SeqLt(s.ack, SeqSub(t.sndUna, RcvWndSize))
                          => tcb'[h] = Acked(t) /\ Sent(h, AckOf(h, t))
            /\ tcb'[h].st # "CLOSED" /\ TakesText(h) =>
                 \/ SentSeg(h, tcb'[h].sndNxt, tcb'[h].rcvNxt, {"ACK"})
                 \/ DelayedAcks /\ tcb'[h].dack # Off /\ t.rcvQ = {} /\ tcb'[h].rcvQ = {}
            /\ t.st \in {"SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT"} /\ IsAbortRst(h)
                 => Sent(h, AbortRst(h, t))]_vars

\* R-ACK-1 (MUST-40): a deferred ACK is sent.  It stops being owed only when
\* a segment of h acknowledging RCV.NXT goes out, or with the TCB; the
\* delayed-ACK timer never runs past DackHi (NothingDue; TcbTypeInv).
DelayedAckProp ==
    [][\A h \in Hosts :
         tcb[h].dack # Off /\ tcb'[h].dack = Off /\ tcb'[h].st \notin {"CLOSED", "LISTEN"} =>
            \/ Cardinality(net') >= NetCap
            \/ \E m \in net' : m.src = h /\ m.age = 0 /\ "ACK" \in m.ctl /\ m.ack = tcb'[h].rcvNxt]_vars

\* What an acceptable RST does (R-RST-1, R-RST-2, R-OPEN-7, R-TW-2): one at
\* exactly RCV.NXT (or anywhere in the window with RFC 5961 off) closes a
\* synchronized connection, returns a passive SYN-RECEIVED to LISTEN and an
\* active one to CLOSED; with RFC 1337 on it leaves TIME-WAIT alone.  With
\* RFC 5961 on, one in the window but not at RCV.NXT changes nothing and
\* draws a challenge ACK.  What an acceptable SYN (other than a TIME-WAIT
\* reopen) does (§3.10.7.4, fourth check; R-RST-4): a passive SYN-RECEIVED
\* returns to LISTEN; otherwise, with RFC 5961, whatever its number, it
\* changes nothing and draws a challenge ACK; without, it resets the
\* connection with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>.
ResetProp ==
    [][\A h \in Hosts : tcb[h].st \in OtherStates => \A s \in TakenOne(h) :
         LET t == tcb[h]
         IN /\ "RST" \in s.ctl /\ ~Special(h, t, s) /\ Table6(t, s) =>
                 CASE t.st = "TIME-WAIT" /\ Rfc1337 -> tcb'[h] = t
                   [] Rfc5961 /\ s.seq # t.rcvNxt -> tcb'[h] = Acked(t) /\ Sent(h, AckOf(h, t))
                   [] t.st = "SYN-RECEIVED" /\ t.passive -> tcb'[h].st = "LISTEN"
                   [] OTHER -> tcb'[h].st = "CLOSED"
            /\ "SYN" \in s.ctl /\ "RST" \notin s.ctl /\ ~Special(h, t, s) /\ Table6(t, s) =>
                 CASE t.st = "SYN-RECEIVED" /\ t.passive -> tcb'[h].st = "LISTEN"
                   [] Rfc5961 -> tcb'[h] = Acked(t) /\ Sent(h, AckOf(h, t))
                   [] OTHER -> tcb'[h].st = "CLOSED"
                               /\ SentSeg(h, t.sndNxt, t.rcvNxt, {"RST", "ACK"})]_vars

\* R-TO-1 (RFC 6298 §5.1): the retransmission timer runs whenever something
\* sent is unacknowledged (TIME-WAIT excepted: its FIN is acknowledged).
RetransmissionTimerInv ==
    \A h \in Hosts :
        tcb[h].st \notin {"CLOSED", "LISTEN", "TIME-WAIT"} /\ tcb[h].sndUna # tcb[h].sndNxt => tcb[h].rto # Off

\* R-TO-1 (RFC 6298 §5.2, §5.3): an ACK that acknowledges new data stops
\* the timer when nothing is left outstanding (unless it becomes the persist
\* timer, R-WND-1), and otherwise restarts it
\* (a full timeout, no retransmission counted), so that the next
\* retransmission is timed from the last progress, not the first send.
RetransmissionRestartProp ==
    [][\A h \in Hosts :
         LET t == tcb[h]
             u == tcb'[h]
         IN u.st \notin {"CLOSED", "LISTEN", "TIME-WAIT"} /\ u.iss = t.iss /\ SeqLt(t.sndUna, u.sndUna) =>
              IF u.sndUna = u.sndNxt /\ ~Persisting(u) THEN u.rto = Off ELSE u.rto = RtoHi(0) /\ u.retries = 0]_vars

\* R-SEQ-3, sender side (§3.8.6): new text goes out only inside the window
\* the peer offered: SND.UNA =< SEG.SEQ and SEG.SEQ + SEG.LEN =< SND.UNA +
\* SND.WND; but for the one octet of a zero-window probe (R-WND-1).
IsProbe(t, m) == t.sndWnd = 0 /\ t.sndUna = t.sndNxt /\ m.len = 1
SendWindowProp ==
    [][\A h \in Hosts : \A m \in net' :
         m.src = h /\ m.age = 0 /\ m.len > 0 /\ m.seq = tcb[h].sndNxt /\ m \notin net /\ ~IsProbe(tcb[h], m) =>
            SeqDist(m.seq, tcb[h].sndUna) + m.len <= tcb[h].sndWnd]_vars

\* The right edge of the window h offers: RCV.NXT + RCV.WND.
RightEdge(t) == SeqAdd(t.rcvNxt, t.rcvWnd)

\* R-WND-2 (MUST-35's counterpart on the receive side): a receiver never
\* moves back the right edge of the window it offered, within one
\* incarnation: text that arrives closes the window by what it fills, a
\* RECEIVE opens it.
RcvWindowEdgeProp ==
    [][\A h \in Hosts :
         tcb[h].st \in Synchronized /\ tcb'[h].st \in Synchronized /\ tcb'[h].iss = tcb[h].iss
            => SeqLe(RightEdge(tcb[h]), RightEdge(tcb'[h]))]_vars

\* §3.8.6: the window a receiver offers fits in its buffer beside the text
\* its user has not taken yet; a user who takes text as it arrives leaves
\* nothing unread.
RcvBufferInv ==
    \A h \in Hosts :
        /\ tcb[h].rcvWnd + tcb[h].unread <= RcvWndSize
        /\ ~Reads(h) => tcb[h].unread = 0

\* R-WND-1, S-4 (§3.8.6): a sender keeps within the window its peer offers.
\* The window it believes in (SND.UNA + SND.WND) ends no further than the
\* right edge of the window the peer offers, and the text it transmitted
\* ends there too, but for one octet: a zero-window probe, the only text
\* outstanding.  Judged while the peer still takes text (it has not
\* received the FIN) and the two TCBs are one connection (each is
\* synchronized with the other's incarnation).
OfferRespectedInv ==
    \A h \in Hosts :
        LET t == tcb[h]
            edge == RightEdge(tcb[Peer(h)])
        IN /\ t.st \in Synchronized
           /\ tcb[Peer(h)].st \in {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2"}
           /\ PeerGen(h) = ghost.gen[Peer(h)] /\ PeerGen(Peer(h)) = ghost.gen[h]
           => /\ SeqLe(SeqAdd(t.sndUna, t.sndWnd), edge)
              /\ \/ SeqLe(TextEnd(t), edge)
                 \/ TextEnd(t) = SeqAdd(edge, 1) /\ TextEnd(t) = SeqAdd(t.sndUna, 1)

\* R-KA-2, MUST-26: the keep-alive timer runs only on an idle connection:
\* established, nothing outstanding, nothing queued.
KeepAliveIdleInv ==
    \A h \in Hosts :
        tcb[h].ka # Off =>
            /\ tcb[h].st \in {"ESTABLISHED", "CLOSE-WAIT"}
            /\ tcb[h].sndUna = tcb[h].sndNxt
            /\ tcb[h].sndNxt = SeqAdd(tcb[h].iss, 1 + tcb[h].sndLen)

(***************************************************************************)
(* LIVENESS (under FairSpec, finite budgets, patient users who do not    *)
(* ABORT, a client A that only connects and a server B that only listens). *)
(***************************************************************************)
\* An active OPEN towards a listener ends ESTABLISHED on both sides.
HandshakeCompletesProp ==
    (tcb["A"].st = "SYN-SENT" /\ tcb["B"].st = "LISTEN")
        ~> (tcb["A"].st \in Synchronized /\ tcb["B"].st \in Synchronized)

\* CLOSE on both sides ends CLOSED on both sides.
CloseCompletesProp ==
    (tcb["A"].st \in {"FIN-WAIT-1", "FIN-WAIT-2", "CLOSING", "TIME-WAIT", "LAST-ACK"}
     /\ tcb["B"].st \in {"FIN-WAIT-1", "FIN-WAIT-2", "CLOSING", "TIME-WAIT", "LAST-ACK"})
        ~> (tcb["A"].st = "CLOSED" /\ tcb["B"].st = "CLOSED")

\* TIME-WAIT ends.
TimeWaitEndsProp == \A h \in Hosts : tcb[h].st = "TIME-WAIT" ~> tcb[h].st # "TIME-WAIT"

\* S-3, S-4: every octet client A's user SENDs is delivered to server B's
\* user, in order, over a network that may lose a segment (its
\* retransmission, or a later cumulative ACK, repairs the loss).  For one
\* incarnation: the delivered history starts again with the next.
DataDeliveredProp ==
    \A n \in 1..MaxData :
        (ghost.gen["A"] = 1 /\ tcb["A"].st # "CLOSED" /\ tcb["A"].sndLen >= n)
            ~> Delivered("B") >= n

(***************************************************************************)
(* REACHABILITY: Debug invariants are expected to FAIL; their              *)
(* counterexamples show that the situation can happen.                     *)
(***************************************************************************)
DebugNoSimultaneousOpen == ~(tcb["A"].st = "SYN-RECEIVED" /\ ~tcb["A"].passive
                             /\ tcb["B"].st = "SYN-RECEIVED" /\ ~tcb["B"].passive)
DebugNoSimultaneousClose == ~(tcb["A"].st = "CLOSING" /\ tcb["B"].st = "CLOSING")
DebugNoSecondIncarnation == \A h \in Hosts : ghost.gen[h] < 2 \/ tcb[h].st # "ESTABLISHED"
DebugNoReassembly == \A h \in Hosts : tcb[h].rcvQ = {}
\* RFC 9293 Fig. 11: both ends listen, an old duplicate SYN puts B in
\* SYN-RECEIVED, and A's RST for B's SYN,ACK is on its way back.
DebugNoTwoListenersReset ==
    ~(tcb["A"].st = "LISTEN" /\ tcb["B"].st = "SYN-RECEIVED" /\ tcb["B"].passive
      /\ \E s \in net : s.src = "A" /\ "RST" \in s.ctl)
\* RFC 9293 Fig. 9 (RFC 793 Fig. 10): A crashed and reconnects at once; B,
\* still synchronized, answers the new SYN with an ACK, and A's RST for it is
\* on its way to B.
DebugNoHalfOpenDiscovery ==
    ~(tcb["A"].st = "SYN-SENT" /\ ghost.gen["A"] = 2 /\ tcb["B"].st \in Synchronized
      /\ \E s \in net : s.src = "A" /\ "RST" \in s.ctl)
DebugNoHalfClose == ~(tcb["A"].st = "FIN-WAIT-2" /\ tcb["B"].st = "CLOSE-WAIT" /\ ghost.dlv["A"] # <<>>)
=============================================================================
