import sys, os
BASE = dict(SeqMod=64, MSL=1, IsnRate=4, IsnOffset="<- MCIsnOffset", RcvWndSize=2, Rto=3, MaxRetries=1,
  KeepAlive="FALSE", KaIdle=2, KaInterval=1, KaProbes=2, Rfc5961="TRUE", Rfc1337="TRUE", TwReopen="TRUE",
  HandshakeWays=3, TimeWaitTicks=2, IsnMode='"clock"', WindowCheck="TRUE", MaxGen=1, MaxData=0, NetCap=4,
  LossBudget=0, DupBudget=0, CrashBudget=0, Calls="<- MCCallsAny", PatientUsers="FALSE")
SAFETY_INV = ["TypeInv", "NoStaleSegmentAcceptedInv", "NoUnrequestedConnectionInv", "IssIrsAgreementInv", "DeliveredPrefixInv", "TcbConsistencyInv"]
SAFETY_PROP = ["StateDiagramProp", "TimeWaitLengthProp"]
MODELS = {}
CS = dict(Calls="<- MCCallsClientServer", PatientUsers="TRUE")
def model(name, doc, spec="Spec", inv=SAFETY_INV, prop=SAFETY_PROP, **kw):
    MODELS[name] = (doc, spec, inv, prop, kw)

model("Handshake", "Every user call in every state, one incarnation per host, no data, no faults: handshake, simultaneous open, close, simultaneous close, half-close, ABORT, RST handling.")
model("DataTransfer", "A client and a server, one byte each way, no faults: data, cumulative ACK, half-close, teardown.", MaxData=1, Calls="<- MCCallsClientServer", PatientUsers="TRUE")
model("LossRecovery", "A client and a server, one lost segment, one retransmission: S-3 (lost SYN, SYN-ACK, final ACK, FIN).", LossBudget=1, MaxRetries=2, Calls="<- MCCallsClientServer", PatientUsers="TRUE")
model("Incarnations", "Two incarnations per host, one duplicated segment, reordering and aging: the stale-segment rules (R-ISN-1, R-TW-1, R-TW-3).", MaxGen=2, DupBudget=1, Calls="<- MCCallsClientServer", PatientUsers="TRUE")
model("LossRecovery2", "A client and a server, one byte each way, one lost segment: S-3, S-4 (lost data, lost ACK covered by a later cumulative ACK).", LossBudget=1, MaxRetries=2, MaxData=1, **CS)
model("Reconnect", "A client that aborts and reconnects at once, two incarnations: old duplicate SYNs and RSTs (R-OPEN-9, Fig. 8).", MaxGen=2, Calls="<- MCCallsAbortingClient")
model("Crash", "A client and a server, two incarnations, one host crash with quiet time (R-ISN-2), half-open discovery (Fig. 10).", MaxGen=2, CrashBudget=1, **CS)
model("KeepAlive", "Keep-alive on, two lost segments: probes, a dead peer declared only after the last probe, R-KA-1..4, S-8.", KeepAlive="TRUE", LossBudget=2, **CS)
model("Rfc793", "RFC 5961, RFC 1337 and TIME-WAIT reopen off, every user call: the RFC 793 reset rules.", Rfc5961="FALSE", Rfc1337="FALSE", TwReopen="FALSE")
LIVE = ["HandshakeCompletesProp", "CloseCompletesProp", "TimeWaitEndsProp"]
model("LivenessLoss", "Fair scheduling, a client and a server, one lost segment: handshake, close and TIME-WAIT complete.", spec="FairSpec", inv=["TypeInv"], prop=LIVE, LossBudget=1, MaxRetries=2, **CS)
model("LivenessData", "Fair scheduling, a client and a server, one byte each way: handshake, close and TIME-WAIT complete.", spec="FairSpec", inv=["TypeInv"], prop=LIVE, MaxData=1, **CS)
model("TwoWayHandshake", "Knob: two-way handshake. An old duplicate SYN opens a connection nobody asked for (S-2).", inv=["NoUnrequestedConnectionInv"], prop=[], HandshakeWays=2, Calls="<- MCCallsAbortingClient")
model("FixedIsn", "Knob: fixed ISN. A segment of the previous incarnation is accepted (S-5).", inv=["NoStaleSegmentAcceptedInv"], prop=[], IsnMode='"fixed"', MaxGen=2, DupBudget=1, **CS)
model("NoWindowCheck", "Knob: no acceptability test. A segment of the previous incarnation is accepted (R-SEQ-3).", inv=["NoStaleSegmentAcceptedInv"], prop=[], WindowCheck="FALSE", MaxGen=2, DupBudget=1, Calls="<- MCCallsAbortingClient")
model("DebugSimultaneousOpen", "Reachability: both ends in SYN-RECEIVED from active OPENs (Fig. 7).", inv=["DebugNoSimultaneousOpen"], prop=[], Calls="<- MCCallsPeers", PatientUsers="TRUE")
model("DebugSimultaneousClose", "Reachability: both ends in CLOSING (Fig. 13).", inv=["DebugNoSimultaneousClose"], prop=[], **CS)
model("DebugHalfClose", "Reachability: data delivered to a FIN-WAIT-2 end while its peer is in CLOSE-WAIT (half-close).", inv=["DebugNoHalfClose"], prop=[], MaxData=1, **CS)
model("DebugSecondIncarnation", "Reachability: a second incarnation established.", inv=["DebugNoSecondIncarnation"], prop=[], MaxGen=2, **CS)
TW = dict(MSL=2, Rto=1, TimeWaitTicks=4, MaxRetries=1, LossBudget=1, SeqMod=128, **CS)
model("TimeWait", "MSL of 2 ticks and an RTO below it, one lost segment: TIME-WAIT answers the retransmitted FIN when the last ACK is lost (S-7a, R-TW-1).", prop=SAFETY_PROP + ["TimeWaitCoversLastAckProp"], **TW)
TWS = dict(TW); TWS["TimeWaitTicks"] = 2
model("ShortTimeWait", "Knob: TIME-WAIT of MSL instead of 2 x MSL. The last ACK is lost and the retransmitted FIN draws a RST (S-7a).", inv=[], prop=["TimeWaitCoversLastAckProp"], **TWS)
for n,(doc,spec,inv,prop,kw) in MODELS.items():
    pass
outdir = sys.argv[1]
sel = sys.argv[2:] or list(MODELS)
for n in sel:
    doc,spec,inv,prop,kw = MODELS[n]
    c = dict(BASE); c.update(kw)
    with open(os.path.join(outdir, f"MC{n}.cfg"), "w") as f:
        f.write(f"\\* {n}: {doc}\n")
        f.write("CONSTANTS\n")
        for k,v in c.items():
            f.write(f"  {k} {v}\n" if str(v).startswith("<-") else f"  {k} = {v}\n")
        f.write(f"SPECIFICATION {spec}\nVIEW View\n")
        if inv: f.write("INVARIANTS\n" + "".join(f"  {i}\n" for i in inv))
        if prop: f.write("PROPERTIES\n" + "".join(f"  {p}\n" for p in prop))

# manifest
import json
EXPECT = {"TwoWayHandshake": "NoUnrequestedConnectionInv", "FixedIsn": "NoStaleSegmentAcceptedInv",
          "NoWindowCheck": "NoStaleSegmentAcceptedInv", "ShortTimeWait": "TimeWaitCoversLastAckProp",
          "DebugSimultaneousOpen": "DebugNoSimultaneousOpen", "DebugSimultaneousClose": "DebugNoSimultaneousClose",
          "DebugHalfClose": "DebugNoHalfClose", "DebugSecondIncarnation": "DebugNoSecondIncarnation"}
OPTIN = set(os.environ.get("OPTIN", "").split(","))
mf = os.path.join(outdir, "manifest.json")
old = {}
if os.path.exists(mf):
    for m in json.load(open(mf))["models"]:
        old[m["name"]] = m
def enables(kw):
    c = dict(BASE); c.update(kw); e = []
    e.append(f"{c['MaxGen']} incarnation{'s' if c['MaxGen'] != 1 else ''} per host")
    if c["MaxData"]: e.append(f"{c['MaxData']} byte each way")
    if c["LossBudget"]: e.append(f"loss {c['LossBudget']}")
    if c["DupBudget"]: e.append(f"duplication {c['DupBudget']}")
    if c["CrashBudget"]: e.append(f"crash {c['CrashBudget']}")
    if c["KeepAlive"] == "TRUE": e.append("keep-alive")
    e.append("reordering and aging (MSL %s)" % c["MSL"])
    e.append({"<- MCCallsAny": "every user call", "<- MCCallsClientServer": "client and server",
              "<- MCCallsAbortingClient": "aborting client", "<- MCCallsPeers": "two active peers"}[c["Calls"]])
    for k, bad in (("HandshakeWays", 2), ("IsnMode", '"fixed"'), ("WindowCheck", "FALSE")):
        if c[k] == bad: e.append(f"{k} = {bad}".replace('"', ''))
    if c["TimeWaitTicks"] < 2 * c["MSL"]: e.append(f"TimeWaitTicks = {c['TimeWaitTicks']} < 2 x MSL")
    for k in ("Rfc5961", "Rfc1337", "TwReopen"):
        if c[k] == "FALSE": e.append(f"{k} off")
    return ", ".join(e)
models = []
for n, (doc, spec, inv, prop, kw) in MODELS.items():
    exp = EXPECT.get(n, "pass")
    models.append({"name": n, "module": "MCTcp.tla", "config": f"MC{n}.cfg", "ci": n not in OPTIN,
                   "expect": exp, "distinct": old.get(n, {}).get("distinct", 0),
                   "workers": 1 if exp != "pass" else 2, "enables": enables(kw), "description": doc})
json.dump({"models": models}, open(mf, "w"), indent=2)
open(mf, "a").write("\n")
