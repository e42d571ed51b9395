package dev.tcpv.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway repository for end-to-end tests: a tiny {@code Tcp} module (a three-way handshake from A to a
 * listening B, with ticks, one loss and, when allowed, a crash of B), models of it, and a manifest the test
 * writes. Runs {@code tcpv} in-process with {@code --manifest} and {@code --spec-dir} pointing here, so the
 * tests do not depend on the real spec.
 */
final class Workspace {
  /** Distinct states of the models below, as TLC 2.18 counts them. */
  static final long HANDSHAKE_STATES = 70;
  static final long CRASH_STATES = 121;
  static final long ESTABLISHED_STATES = 19;

  private static final String TCP = """
      ---- MODULE Tcp ----
      EXTENDS Integers
      CONSTANTS MaxClock, AllowCrash
      VARIABLES tcb, net, isnClock, quiet, budget, ghost, branch
      vars == <<tcb, net, isnClock, quiet, budget, ghost>>
      Took(b) == branch' = b
      Hosts == {"A", "B"}
      Peer(h) == IF h = "A" THEN "B" ELSE "A"
      Closed == [st |-> "CLOSED", iss |-> 0, irs |-> 0, sndUna |-> 0, sndNxt |-> 0, rcvNxt |-> 0, rto |-> -1]
      Seg(h, seq, ack, ctl) == [src |-> h, dst |-> Peer(h), seq |-> seq, ack |-> ack, ctl |-> ctl, len |-> 0, age |-> 0]
      Init == /\\ tcb = [h \\in Hosts |-> IF h = "B" THEN [Closed EXCEPT !.st = "LISTEN"] ELSE Closed]
              /\\ net = {}
              /\\ isnClock = 0
              /\\ quiet = [h \\in Hosts |-> 0]
              /\\ budget = [loss |-> 1]
              /\\ ghost = [opens |-> 0]
              /\\ branch = {}
      ActiveOpen == /\\ tcb["A"].st = "CLOSED" /\\ ghost.opens = 0
                    /\\ tcb' = [tcb EXCEPT !["A"] = [@ EXCEPT !.st = "SYN-SENT", !.iss = isnClock,
                                                    !.sndUna = isnClock, !.sndNxt = isnClock + 1, !.rto = 1]]
                    /\\ net' = net \\cup {Seg("A", isnClock, 0, {"SYN"})}
                    /\\ ghost' = [opens |-> 1]
                    /\\ UNCHANGED <<isnClock, quiet, budget>>
                    /\\ Took({"ActiveOpen"})
      ListenSyn == \\E s \\in net :
                    /\\ s.dst = "B" /\\ s.ctl = {"SYN"} /\\ tcb["B"].st = "LISTEN"
                    /\\ tcb' = [tcb EXCEPT !["B"] = [@ EXCEPT !.st = "SYN-RECEIVED", !.iss = isnClock + 4,
                                 !.irs = s.seq, !.sndUna = isnClock + 4, !.sndNxt = isnClock + 5, !.rcvNxt = s.seq + 1]]
                    /\\ net' = (net \\ {s}) \\cup {Seg("B", isnClock + 4, s.seq + 1, {"SYN", "ACK"})}
                    /\\ UNCHANGED <<isnClock, quiet, budget, ghost>>
                    /\\ Took({"ListenSyn"})
      SynSentSynAck == \\E s \\in net :
                    /\\ s.dst = "A" /\\ s.ctl = {"SYN", "ACK"} /\\ tcb["A"].st = "SYN-SENT" /\\ s.ack = tcb["A"].sndNxt
                    /\\ tcb' = [tcb EXCEPT !["A"] = [@ EXCEPT !.st = "ESTABLISHED", !.irs = s.seq,
                                 !.sndUna = s.ack, !.rcvNxt = s.seq + 1, !.rto = -1]]
                    /\\ net' = (net \\ {s}) \\cup {Seg("A", s.ack, s.seq + 1, {"ACK"})}
                    /\\ UNCHANGED <<isnClock, quiet, budget, ghost>>
                    /\\ Took({"SynSentSynAck"})
      SynReceivedAck == \\E s \\in net :
                    /\\ s.dst = "B" /\\ s.ctl = {"ACK"} /\\ tcb["B"].st = "SYN-RECEIVED" /\\ s.ack = tcb["B"].sndNxt
                    /\\ tcb' = [tcb EXCEPT !["B"] = [@ EXCEPT !.st = "ESTABLISHED", !.sndUna = s.ack]]
                    /\\ net' = net \\ {s}
                    /\\ UNCHANGED <<isnClock, quiet, budget, ghost>>
                    /\\ Took({"SynReceivedAck"})
      Tick == /\\ isnClock < MaxClock
              /\\ isnClock' = isnClock + 1
              /\\ net' = {[s EXCEPT !.age = @ + 1] : s \\in net}
              /\\ UNCHANGED <<tcb, quiet, budget, ghost>>
              /\\ Took({"Tick"})
      Lose == /\\ budget.loss > 0
              /\\ \\E s \\in net : net' = net \\ {s}
              /\\ budget' = [budget EXCEPT !.loss = @ - 1]
              /\\ UNCHANGED <<tcb, isnClock, quiet, ghost>>
              /\\ Took({"Lose"})
      Crash == /\\ AllowCrash /\\ tcb["B"].st # "LISTEN" /\\ quiet["B"] = 0
               /\\ tcb' = [tcb EXCEPT !["B"] = [Closed EXCEPT !.st = "LISTEN"]]
               /\\ quiet' = [quiet EXCEPT !["B"] = 1]
               /\\ UNCHANGED <<net, isnClock, budget, ghost>>
               /\\ Took({IF tcb["B"].st = "ESTABLISHED" THEN "Crash.established" ELSE "Crash.handshake"})
      Next == ActiveOpen \\/ ListenSyn \\/ SynSentSynAck \\/ SynReceivedAck \\/ Tick \\/ Lose \\/ Crash
      Spec == Init /\\ [][Next]_vars
      IssIrsAgreementInv == (tcb["A"].st = "ESTABLISHED" /\\ tcb["B"].st = "ESTABLISHED")
                              => (tcb["A"].irs = tcb["B"].iss /\\ tcb["B"].irs = tcb["A"].iss)
      DebugNeverEstablishedInv == tcb["B"].st # "ESTABLISHED"
      ====
      """;

  /** The catalogue of the tiny spec's branches (spec/branches.json). */
  static final String BRANCHES = """
      {"branches": [
        {"name": "ActiveOpen", "rules": ["R-OPEN-1"]},
        {"name": "ListenSyn", "rules": ["R-OPEN-3"]},
        {"name": "SynSentSynAck", "rules": ["R-OPEN-6"]},
        {"name": "SynReceivedAck", "rules": ["R-OPEN-8"]},
        {"name": "Tick", "rules": []},
        {"name": "Lose", "rules": []},
        {"name": "Crash.handshake", "rules": ["R-ISN-2"]},
        {"name": "Crash.established", "rules": ["R-ISN-2"]}
      ]}
      """;

  final Path spec;
  final Path models;

  /** The outcome of one {@code tcpv} invocation. */
  record Run(int exit, String out, String err) {}

  private Workspace(Path root) {
    this.spec = root.resolve("spec");
    this.models = root.resolve("models");
  }

  static Workspace create(Path root) throws IOException {
    Workspace w = new Workspace(root);
    Files.createDirectories(w.spec);
    Files.createDirectories(w.models);
    Files.writeString(w.spec.resolve("Tcp.tla"), TCP);
    Files.writeString(w.spec.resolve("branches.json"), BRANCHES);
    w.model("MCHandshake", "AllowCrash = FALSE", "IssIrsAgreementInv");
    w.model("MCCrash", "AllowCrash = TRUE", "IssIrsAgreementInv");
    w.model("MCEstablished", "AllowCrash = FALSE", "DebugNeverEstablishedInv");
    return w;
  }

  private void model(String module, String crash, String invariant) throws IOException {
    Files.writeString(models.resolve(module + ".tla"), "---- MODULE " + module + " ----\nEXTENDS Tcp\n====\n");
    Files.writeString(models.resolve(module + ".cfg"), "CONSTANTS MaxClock = 2  " + crash
        + "\nSPECIFICATION Spec\nVIEW vars\nINVARIANT " + invariant + "\nCHECK_DEADLOCK FALSE\n");
  }

  /** A manifest entry for model {@code MC<module>}. */
  static String entry(String name, String module, boolean ci, String expect, long distinct, int workers) {
    return "{\"name\": \"" + name + "\", \"module\": \"" + module + ".tla\", \"config\": \"" + module
        + ".cfg\", \"ci\": " + ci + ", \"expect\": \"" + expect + "\", \"distinct\": " + distinct
        + ", \"workers\": " + workers + "}";
  }

  /** Writes the manifest with these entries. */
  Path manifest(String... entries) throws IOException {
    Path file = models.resolve("manifest.json");
    Files.writeString(file, "{\"models\": [\n" + String.join(",\n", entries) + "\n]}\n");
    return file;
  }

  /** Runs {@code tcpv <command> <args> --manifest ... --spec-dir ...}. */
  Run run(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(args));
    all.addAll(List.of("--manifest", models.resolve("manifest.json").toString(), "--spec-dir", spec.toString()));
    return tcpv(all.toArray(String[]::new));
  }

  /** Runs {@code tcpv} with exactly these arguments. */
  static Run tcpv(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Tcpv.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
