----------------------------- MODULE TcpService ----------------------------
(***************************************************************************)
(* The service TCP offers the users of one 4-tuple, without segments,     *)
(* sequence numbers or timers: a connection is opened (actively, or        *)
(* passively by a listener), carries a reliable in-order byte stream each  *)
(* way within one incarnation, is closed gracefully or aborted, and is     *)
(* never joined to an incarnation of the peer that did not ask for it.    *)
(*                                                                         *)
(*   phase[h]   Closed, Listen, Opening (a handshake under way), Open      *)
(*              (the user may send), Closing (the user has closed)         *)
(*   gen[h]     h's incarnations so far                                    *)
(*   sync[h][g] the peer incarnation that h's incarnation g is joined to   *)
(*              (0: none yet); once set it never changes                   *)
(*   sent[h]    bytes h's user has sent in its current incarnation         *)
(*   dlv[h]     bytes delivered to h's user in its current incarnation,    *)
(*              each as <<peer incarnation, index in its stream>>          *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Hosts, MaxGen, MaxData

VARIABLES phase, gen, sync, sent, dlv
svars == <<phase, gen, sync, sent, dlv>>

Peer(h) == CHOOSE p \in Hosts : p # h
Phases == {"Closed", "Listen", "Opening", "Open", "Closing"}
Gens == 0..MaxGen

TypeOk ==
    /\ phase \in [Hosts -> Phases]
    /\ gen \in [Hosts -> Gens]
    /\ sync \in [Hosts -> [1..MaxGen -> Gens]]
    /\ sent \in [Hosts -> 0..MaxData]
    /\ dlv \in [Hosts -> Seq(Gens \X Nat)]

Init ==
    /\ phase = [h \in Hosts |-> "Closed"]
    /\ gen = [h \in Hosts |-> 0]
    /\ sync = [h \in Hosts |-> [g \in 1..MaxGen |-> 0]]
    /\ sent = [h \in Hosts |-> 0]
    /\ dlv = [h \in Hosts |-> <<>>]

\* The peer incarnation h's current incarnation is joined to (0: none).
Joined(h) == IF gen[h] = 0 THEN 0 ELSE sync[h][gen[h]]

\* h may be joined to peer incarnation p: p has joined h's current
\* incarnation, or p is still asking for a connection.
Requested(h, p) ==
    \/ gen[h] > 0 /\ sync[Peer(h)][p] = gen[h]
    \/ phase[Peer(h)] = "Opening" /\ gen[Peer(h)] = p

\* The deliveries h may make in one step: none, or the next bytes (one or
\* more: a segment may carry several) of the stream of the peer incarnation
\* it is joined to, which that incarnation has sent if it is still current
\* and open.
Delivery(h, p) ==
    {dlv[h]} \cup
    IF p = 0 THEN {}
    ELSE {dlv[h] \o [i \in 1..k |-> <<p, Len(dlv[h]) + i>>] :
            k \in {j \in 1..MaxData : gen[Peer(h)] = p /\ phase[Peer(h)] # "Closed"
                                      => Len(dlv[h]) + j <= sent[Peer(h)]}}

Set(f, h, v) == [f EXCEPT ![h] = v]

\* OPEN (passive): listen.
Listen(h) ==
    /\ phase[h] = "Closed" /\ phase' = Set(phase, h, "Listen")
    /\ UNCHANGED <<gen, sync, sent, dlv>>

\* OPEN (active): a new incarnation asks for a connection.
Connect(h) ==
    /\ phase[h] = "Closed" /\ gen[h] < MaxGen
    /\ phase' = Set(phase, h, "Opening")
    /\ gen' = Set(gen, h, gen[h] + 1)
    /\ sent' = Set(sent, h, 0) /\ dlv' = Set(dlv, h, <<>>)
    /\ UNCHANGED sync

\* A listener (or a closing endpoint that may reopen) takes a request of peer
\* incarnation p in a new incarnation: Opening, or, when the handshake is
\* over in the same step, Open, which only a request may cause.
Accept(h) ==
    /\ phase[h] \in {"Listen", "Closing"} /\ gen[h] < MaxGen
    /\ \E p \in 1..gen[Peer(h)], ph \in {"Opening", "Open"} :
          /\ phase' = Set(phase, h, ph)
          /\ gen' = Set(gen, h, gen[h] + 1)
          /\ sync' = [sync EXCEPT ![h][gen[h] + 1] = p]
          /\ ph = "Open" => Requested(h, p) /\ phase[h] = "Listen"
    /\ sent' = Set(sent, h, 0) /\ dlv' = Set(dlv, h, <<>>)

\* An opening incarnation learns which peer incarnation it talks to.
Learn(h) ==
    /\ phase[h] = "Opening" /\ Joined(h) = 0
    /\ \E p \in 1..gen[Peer(h)] : sync' = [sync EXCEPT ![h][gen[h]] = p]
    /\ UNCHANGED <<phase, gen, sent, dlv>>

\* The connection opens, joined to a peer incarnation that asked for it;
\* the first bytes may be delivered in the same step.
Establish(h) ==
    /\ phase[h] = "Opening"
    /\ \E p \in 1..gen[Peer(h)] :
          /\ Joined(h) \in {0, p}
          /\ Requested(h, p)
          /\ sync' = [sync EXCEPT ![h][gen[h]] = p]
          /\ \E d \in Delivery(h, p) : dlv' = Set(dlv, h, d)
    /\ phase' = Set(phase, h, "Open")
    /\ UNCHANGED <<gen, sent>>

\* SEND: more bytes in the stream.
Write(h) ==
    /\ phase[h] = "Open"
    /\ \E k \in 1..MaxData - sent[h] : sent' = Set(sent, h, sent[h] + k)
    /\ UNCHANGED <<phase, gen, sync, dlv>>

\* The next bytes of the joined peer incarnation's stream are delivered.
Read(h) ==
    /\ phase[h] \in {"Open", "Closing"}
    /\ \E d \in Delivery(h, Joined(h)) : d # dlv[h] /\ dlv' = Set(dlv, h, d)
    /\ UNCHANGED <<phase, gen, sync, sent>>

\* CLOSE: the user sends no more; what was sent is still delivered.
Close(h) ==
    /\ phase[h] \in {"Opening", "Open"}
    /\ phase' = Set(phase, h, "Closing")
    /\ UNCHANGED <<gen, sync, sent, dlv>>

\* The incarnation ends: closed gracefully, aborted, reset or timed out (back
\* to Closed), or a half-open passive attempt dropped (back to Listen).
End(h) ==
    /\ phase[h] # "Closed"
    /\ \E ph \in IF phase[h] = "Opening" THEN {"Closed", "Listen"} ELSE {"Closed"} :
          phase' = Set(phase, h, ph)
    /\ sent' = Set(sent, h, 0)
    /\ UNCHANGED <<gen, sync, dlv>>

Next ==
    \E h \in Hosts :
        \/ Listen(h) \/ Connect(h) \/ Accept(h) \/ Learn(h) \/ Establish(h)
        \/ Write(h) \/ Read(h) \/ Close(h) \/ End(h)

Spec == Init /\ [][Next]_svars

(***************************************************************************)
(* What the service promises, in its own terms.                            *)
(***************************************************************************)
\* Delivered bytes are the joined incarnation's stream, in order, once each.
StreamInv ==
    \A h \in Hosts : \A i \in 1..Len(dlv[h]) : dlv[h][i] = <<Joined(h), i>>

\* Liveness, for a client A and a server B that do not abort: a request to a
\* listener opens the connection on both ends, a close on both ends ends it
\* on both, and every byte sent on an open connection is delivered.
OpensProp ==
    (phase["A"] = "Opening" /\ phase["B"] = "Listen")
        ~> (phase["A"] \in {"Open", "Closing"} /\ phase["B"] \in {"Open", "Closing"})
ClosesProp ==
    (phase["A"] = "Closing" /\ phase["B"] = "Closing")
        ~> (phase["A"] = "Closed" /\ phase["B"] = "Closed")
DeliversProp ==
    \A h \in Hosts : \A n \in 1..MaxData :
        (phase[h] = "Open" /\ sent[h] >= n /\ phase[Peer(h)] \in {"Open", "Closing"})
            ~> Len(dlv[Peer(h)]) >= n
=============================================================================
