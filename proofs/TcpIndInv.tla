------------------------------ MODULE TcpIndInv -----------------------------
(***************************************************************************)
(* An inductive invariant of ../spec/Tcp.tla for one incarnation per host  *)
(* (MaxGen = 1), a client A that only connects and a server B that only    *)
(* listens, no data (MaxData = 0), and a fault-free network; README.md     *)
(* says which bounds TLC checks it under and what that proves.             *)
(*                                                                         *)
(* IndInv is the conjunction of the named conjuncts below.  The constant   *)
(* Omit names one conjunct to leave out ("" keeps all), so that a test can *)
(* show that the inductiveness obligation fails without it.                *)
(***************************************************************************)
EXTENDS Tcp

CONSTANT Omit

Alive(h) == tcb[h].st \notin {"CLOSED", "LISTEN"}
Synced(h) == Alive(h) /\ tcb[h].st # "SYN-SENT"
\* Distance of a sequence number above an anchor.
Above(x, anchor) == SeqDist(x, anchor)
\* The peer's current incarnation is the one h is synchronized with, and lives.
Partner(h) == Synced(h) /\ Alive(Peer(h)) /\ ghost.gen[Peer(h)] = PeerGen(h)

(***************************************************************************)
(* The conjuncts.                                                          *)
(***************************************************************************)
\* The safety properties themselves (IndInv => Safety needs them).
SafeStale == NoStaleSegmentAcceptedInv
SafeUnrequested == NoUnrequestedConnectionInv
SafeIssIrs == IssIrsAgreementInv
SafePrefix == DeliveredPrefixInv
SafeTcb == TcbConsistencyInv

\* Per-host conjuncts, on a TCB t of host h (the generator of the
\* inductiveness check filters each host's TCBs with them before pairing).

\* Roles: A only opens actively, B only passively (Calls of the bounds).
RolesOk(h, t) ==
    IF h = "A" THEN t.st \notin {"LISTEN", "SYN-RECEIVED"} /\ ~t.passive
               ELSE t.st # "SYN-SENT" /\ t.passive = (t.st # "CLOSED")

\* SND.NXT counts the SYN, and the FIN exactly in the states that sent it;
\* SND.UNA is ISS until the SYN is acknowledged.
SndNxtOk(h, t) ==
    t.st \notin {"CLOSED", "LISTEN"} =>
        /\ Above(t.sndNxt, t.iss) \in 1..2
        /\ (Above(t.sndNxt, t.iss) = 2) = FinSent(t)
        /\ t.st \in {"SYN-SENT", "SYN-RECEIVED"} => t.sndUna = t.iss
        /\ t.st \in Synchronized => Above(t.sndUna, t.iss) >= 1
        /\ t.st \in {"FIN-WAIT-2", "TIME-WAIT"} => t.sndUna = t.sndNxt
        /\ t.st \in {"FIN-WAIT-1", "CLOSING", "LAST-ACK"} => t.sndUna # t.sndNxt

\* RCV.NXT counts the peer's SYN, and its FIN exactly in the states that
\* received it.
RcvNxtOk(h, t) ==
    t.st \notin {"CLOSED", "LISTEN", "SYN-SENT"} =>
        /\ Above(t.rcvNxt, t.irs) \in 1..2
        /\ (Above(t.rcvNxt, t.irs) = 2) = (t.st \in {"CLOSE-WAIT", "LAST-ACK", "CLOSING", "TIME-WAIT"})

\* The retransmission timer runs exactly while something is unacknowledged;
\* the TIME-WAIT timer exactly in TIME-WAIT.
TimerOk(h, t) ==
    /\ (t.rto # Off) = (t.st \notin {"CLOSED", "LISTEN", "TIME-WAIT"} /\ t.sndUna # t.sndNxt)
    /\ t.rto = Off => t.retries = 0
    /\ (t.tw # Off) = (t.st = "TIME-WAIT")

\* What TcbConsistencyInv says of one host.
TcbOk(h, t) ==
    t.st \in States \ {"CLOSED", "LISTEN"} =>
        /\ SeqDist(t.sndNxt, t.iss) <= t.sndLen + 2
        /\ SeqDist(t.sndUna, t.iss) <= SeqDist(t.sndNxt, t.iss)
        /\ t.st # "SYN-SENT" => SeqDist(t.rcvNxt, t.irs) >= 1

Roles == \A h \in Hosts : RolesOk(h, tcb[h])
SndNxtShape == \A h \in Hosts : SndNxtOk(h, tcb[h])
RcvNxtShape == \A h \in Hosts : RcvNxtOk(h, tcb[h])
TimerShape == \A h \in Hosts : TimerOk(h, tcb[h])

\* Fields the bounds fix: no keep-alive, a constant receive window, nothing
\* held out of order (one byte of window), no data, no quiet time (no
\* crash); the canonical values of fields meaningless in a state.  The
\* generator only produces states that satisfy it (README.md).
Canonical ==
    /\ quiet = [h \in Hosts |-> 0]
    /\ \A h \in Hosts :
        /\ ghost.dlv[h] = <<>>
        /\ tcb[h].st = "CLOSED" => tcb[h] = NoTcb
        /\ tcb[h].st = "LISTEN" => tcb[h] = ListenTcb
        /\ tcb[h].st = "SYN-SENT" => tcb[h].irs = 0 /\ tcb[h].rcvNxt = 0
        /\ tcb[h].ka = Off /\ tcb[h].kaProbes = 0 /\ tcb[h].rcvQ = {} /\ tcb[h].sndLen = 0
        /\ tcb[h].rcvWnd = IF tcb[h].st \in {"CLOSED", "LISTEN"} THEN 0 ELSE RcvWndSize
        /\ tcb[h].sndWnd = IF tcb[h].st \in {"CLOSED", "LISTEN", "SYN-SENT"} THEN 0 ELSE RcvWndSize

\* A TCB exists only in an incarnation, and a synchronized one knows its peer.
GenConsistent ==
    \A h \in Hosts :
        /\ Alive(h) => ghost.gen[h] >= 1
        /\ PeerGen(h) <= ghost.gen[Peer(h)]
        /\ \A g \in 1..MaxGen : ghost.sync[h][g] <= ghost.gen[Peer(h)]
                              /\ (g > ghost.gen[h] => ghost.sync[h][g] = 0)
        /\ tcb[h].st = "SYN-SENT" => PeerGen(h) = 0
        /\ Synced(h) => PeerGen(h) >= 1

\* A synchronized TCB's IRS is its live partner's ISS, and each side has
\* received no more than the other sent and acknowledged no more than it
\* received.
IrsIsPeerIss ==
    \A h \in Hosts : Partner(h) => tcb[h].irs = tcb[Peer(h)].iss

RcvBelowSnd ==
    \A h \in Hosts : Partner(h) =>
        Above(tcb[h].rcvNxt, tcb[h].irs) <= Above(tcb[Peer(h)].sndNxt, tcb[Peer(h)].iss)

UnaBelowRcv ==
    \A h \in Hosts :
        Partner(h) =>
            Above(tcb[h].sndUna, tcb[h].iss)
                <= IF Synced(Peer(h)) /\ PeerGen(Peer(h)) = ghost.gen[h]
                   THEN Above(tcb[Peer(h)].rcvNxt, tcb[Peer(h)].irs) ELSE 0

\* Per-segment conjuncts, on a segment s in flight.

\* The ghost tags of a segment say who made it.  A segment other than a RST
\* is sent by a TCB of its source's incarnation sgen; with ACK it answers
\* the peer incarnation that incarnation synchronized with (rgen), without
\* ACK (a SYN) nothing.  A RST with ACK answers a SYN (so it speaks of no
\* incarnation of its sender: sgen = 0); a RST without ACK answers a
\* segment with ACK, whose tags it carries reversed.
SegmentTagsOk(s) ==
    /\ s.sgen <= ghost.gen[s.src] /\ s.rgen <= ghost.gen[s.dst]
    /\ "RST" \notin s.ctl =>
          /\ s.sgen >= 1
          /\ s.rgen = IF "ACK" \in s.ctl THEN ghost.sync[s.src][s.sgen] ELSE 0
          /\ "ACK" \in s.ctl => s.rgen >= 1
    /\ "RST" \in s.ctl /\ "ACK" \in s.ctl => s.sgen = 0 /\ s.rgen >= 1
    /\ "RST" \in s.ctl /\ "ACK" \notin s.ctl =>
          s.sgen >= 1 /\ s.rgen >= 1 /\ ghost.sync[s.dst][s.rgen] = s.sgen

\* A segment of h's live incarnation says nothing h has not sent or
\* received: SEQ within what it sent (a SYN at ISS, the FIN after the SYN),
\* ACK within what it received; a RST answering the peer carries an ACK
\* the peer sent, so within what h sent.
OwnSegmentOk(s) ==
    LET h == s.src  t == tcb[h]
    IN Alive(h) /\ s.sgen = ghost.gen[h] =>
          /\ "RST" \notin s.ctl =>
                /\ Above(s.seq, t.iss) <= Above(t.sndNxt, t.iss)
                /\ ("SYN" \in s.ctl) = (s.seq = t.iss)
                /\ "FIN" \in s.ctl => Above(s.seq, t.iss) = 1 /\ Above(t.sndNxt, t.iss) = 2
                /\ "ACK" \in s.ctl => t.st # "SYN-SENT" /\ Above(s.ack, t.irs) \in 1..Above(t.rcvNxt, t.irs)
          /\ "RST" \in s.ctl => Above(s.seq, t.iss) \in 1..Above(t.sndNxt, t.iss)

\* A segment from the incarnation its receiver h is synchronized with, or
\* that answers h's live incarnation, agrees with h's numbers: it
\* acknowledges nothing h has not sent, and sends nothing beyond the FIN.
PartnerSegmentOk(s) ==
    LET h == s.dst  t == tcb[h]
    IN /\ Alive(h) /\ s.rgen = ghost.gen[h] /\ "ACK" \in s.ctl =>
             Above(s.ack, t.iss) \in 1..Above(t.sndNxt, t.iss)
       /\ Synced(h) /\ s.sgen = PeerGen(h) /\ "RST" \notin s.ctl =>
             /\ ("SYN" \in s.ctl) = (s.seq = t.irs)
             /\ Above(s.seq, t.irs) <= 2
             /\ "FIN" \in s.ctl => Above(s.seq, t.irs) = 1
       /\ Synced(h) /\ s.sgen = PeerGen(h) /\ "RST" \in s.ctl =>
             Above(s.seq, t.irs) \in 1..Above(t.rcvNxt, t.irs)

\* The shapes a segment can have: what Seg builds, a SYN without ACK only
\* from the client, a FIN only with an ACK and never with SYN or RST.
SegmentShapeOk(s) ==
    /\ "RST" \in s.ctl => s.len = 0 /\ "SYN" \notin s.ctl /\ "FIN" \notin s.ctl
    /\ "SYN" \in s.ctl => "FIN" \notin s.ctl /\ s.len = 0
    /\ "SYN" \in s.ctl /\ "ACK" \notin s.ctl => s.src = "A"
    /\ "FIN" \in s.ctl => "ACK" \in s.ctl
    /\ "RST" \in s.ctl /\ "ACK" \in s.ctl => s.seq = 0

SegmentTags == \A s \in net : SegmentTagsOk(s)
OwnSegmentsConsistent == \A s \in net : OwnSegmentOk(s)
PartnerSegmentsConsistent == \A s \in net : PartnerSegmentOk(s)
SegmentShape == \A s \in net : SegmentShapeOk(s)

\* The server's incarnations begin with a SYN they synchronize with.
ServerSynced == \A g \in 1..ghost.gen["B"] : ghost.sync["B"][g] >= 1

AllConjuncts ==
    <<"SafeStale", "SafeUnrequested", "SafeIssIrs", "SafePrefix", "SafeTcb", "Roles", "Canonical",
      "GenConsistent", "IrsIsPeerIss", "RcvBelowSnd", "UnaBelowRcv", "SndNxtShape",
      "RcvNxtShape", "TimerShape", "OwnSegmentsConsistent", "PartnerSegmentsConsistent",
      "SegmentShape", "SegmentTags", "ServerSynced">>

Keep(c) == Omit # c

\* The conjuncts about TCBs and the ghost, and those about the segments in
\* flight (the generator evaluates the first before it chooses segments).
TcbGhostInv ==
    /\ Keep("SafeStale") => SafeStale
    /\ Keep("SafeUnrequested") => SafeUnrequested
    /\ Keep("SafeIssIrs") => SafeIssIrs
    /\ Keep("SafePrefix") => SafePrefix
    /\ Keep("SafeTcb") => SafeTcb
    /\ Keep("Roles") => Roles
    /\ Keep("Canonical") => Canonical
    /\ Keep("GenConsistent") => GenConsistent
    /\ Keep("IrsIsPeerIss") => IrsIsPeerIss
    /\ Keep("RcvBelowSnd") => RcvBelowSnd
    /\ Keep("UnaBelowRcv") => UnaBelowRcv
    /\ Keep("SndNxtShape") => SndNxtShape
    /\ Keep("RcvNxtShape") => RcvNxtShape
    /\ Keep("TimerShape") => TimerShape
    /\ Keep("ServerSynced") => ServerSynced

NetInv ==
    /\ Keep("OwnSegmentsConsistent") => OwnSegmentsConsistent
    /\ Keep("PartnerSegmentsConsistent") => PartnerSegmentsConsistent
    /\ Keep("SegmentShape") => SegmentShape
    /\ Keep("SegmentTags") => SegmentTags

IndInv == TcbGhostInv /\ NetInv
=============================================================================
