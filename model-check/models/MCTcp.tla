------------------------------- MODULE MCTcp -------------------------------
(***************************************************************************)
(* Definitions the model configurations share.                             *)
(***************************************************************************)
EXTENDS Tcp

\* F(4-tuple, key) of R-ISN-1 for the one 4-tuple of the model: each host
\* hashes with its own key, so the two ISN sequences are far apart.
MCIsnOffset == [h \in Hosts |-> IF h = "A" THEN 1 ELSE SeqMod \div 2]

\* Users who make every call but RECEIVE: the models that let users make
\* every call carry no data.
MCCallsAny == [h \in Hosts |-> UserCalls \ {"Receive"}]
\* A client A that connects and a server B that listens; both send and close.
MCCallsClientServer ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Send", "Close"}
                                ELSE {"PassiveOpen", "Send", "Close"}]
\* A client that also aborts, so that it reconnects at once (no TIME-WAIT).
MCCallsAbortingClient ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Close", "Abort"}
                                ELSE {"PassiveOpen", "Close"}]
\* A client A that connects and sends, a server B that listens and only
\* closes: data one way, so that a model can afford more octets.
MCCallsClientSends ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Send", "Close"}
                                ELSE {"PassiveOpen", "Close"}]
\* A client A that connects, sends and closes, a server B that only listens:
\* data one way and no teardown on the server's side, so that a model can
\* afford segments of several octets.
MCCallsServerListens ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Send", "Close"} ELSE {"PassiveOpen"}]
\* A client A that connects, sends and closes, a server B that listens and
\* reads with RECEIVE calls: its window closes as the client's text fills
\* the buffer and opens as its user reads.
MCCallsServerReads ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Send", "Close"} ELSE {"PassiveOpen", "Receive"}]
\* Two listeners; A first opens actively and may close at once, so that its
\* SYN lives on as an old duplicate (RFC 9293 Fig. 11).
MCCallsTwoListeners ==
    [h \in Hosts |-> IF h = "A" THEN {"ActiveOpen", "Close", "PassiveOpen"}
                                ELSE {"PassiveOpen"}]
\* Two peers that both connect: simultaneous open.
MCCallsPeers == [h \in Hosts |-> {"ActiveOpen", "Send", "Close"}]
\* A receiver that holds back part of its free buffer (R-WND-2): its SYN or
\* SYN,ACK offers any window up to the buffer, and it offers the rest later,
\* in any steps (OfferWindow), as one avoiding the silly window syndrome or
\* tuning its buffer does.
MCWithheldWindows(h) == 1..RcvWndSize
MCWithheldOffers(h, n) == 1..n
\* Receivers that may defer the ACK of text or a FIN taken in order, for up
\* to DackHi (one tick) (R-ACK-1).
MCDelayedAcks == TRUE
\* Senders that may put the FIN in the segment with the last of their text,
\* and resend the two together (R-CLOSE-1).
MCFinWithText == TRUE
\* Senders that may resend their oldest unacknowledged text before the
\* retransmission timer fires, as on duplicate ACKs (R-CC-1).
MCFastRetransmits(h) == TRUE
\* The engine's window-update policy (dev.tcpv.conn.Connection#receive), one
\* the spec allows (R-WND-1): announce an opening when the window was closed
\* or opens by at least min(buffer / 2, MSS); MSS is MaxSegLen, as the
\* conformance driver makes the engines announce it.
MCEngineUpdates(h, wnd, wnd2) ==
    {wnd = 0 \/ wnd2 - wnd >= Min(RcvWndSize \div 2, MaxSegLen)}
=============================================================================
