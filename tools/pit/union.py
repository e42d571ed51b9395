#!/usr/bin/env python3
"""The engine's mutation score against the whole build, from the two PIT reports of the opt-in profiles.

The pit profile runs the bridges alone (BridgesTest), the pit-units profile the engine's unit tests alone (impl).
A mutant the whole build kills is one either of them kills. PIT's CSV names a mutant by class, method, line and
mutator, and two mutants may share all four (two conditions on one line): for such a group the union counts the
larger of the two runs' kills, never their sum, so the score printed is a lower bound.

  python3 tools/pit/union.py tools/target/pit-bridges/mutations.csv \
      tools/target/pit-units/mutations.csv
"""
import collections
import csv
import sys

KILLED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def read(path):
    groups = collections.defaultdict(collections.Counter)
    with open(path, newline="") as f:
        for row in csv.reader(f):
            if len(row) < 6:
                raise SystemExit(f"{path}: not a PIT CSV report (row {row!r})")
            _, cls, mutator, method, line, status = row[:6]
            groups[(cls, method, line, mutator)][status] += 1
    return groups


def main(argv):
    if len(argv) != 3:
        raise SystemExit("usage: union.py BRIDGES.csv UNITS.csv")
    bridges, units = read(argv[1]), read(argv[2])
    if set(bridges) != set(units):
        raise SystemExit("the two reports are of different mutants: run both profiles on the same build")
    rows = collections.defaultdict(collections.Counter)
    for key, b in bridges.items():
        u = units[key]
        n = sum(b.values())
        if n != sum(u.values()):
            raise SystemExit(f"the two reports differ at {key}")
        kb = sum(b[s] for s in KILLED)
        ku = sum(u[s] for s in KILLED)
        covered = n - min(b["NO_COVERAGE"], u["NO_COVERAGE"])
        c = rows[key[0]]
        c["mutants"] += n
        c["covered"] += covered
        c["bridges"] += kb
        c["units"] += ku
        c["union"] += max(kb, ku)
    print("| class | mutants | covered | killed by the bridges | by the unit tests | by either (whole build) |")
    print("|---|---|---|---|---|---|")
    totals = collections.defaultdict(collections.Counter)
    for cls in sorted(rows):
        c = rows[cls]
        print(f"| `{cls.rsplit('.', 1)[1]}` | {c['mutants']} | {c['covered']} | {c['bridges']} | {c['units']} | "
              f"{c['union']} |")
        totals[cls.rsplit(".", 1)[0]].update(c)
    for pkg, c in sorted(totals.items()):
        print(f"{pkg}: {c['mutants']} mutants, {c['covered']} covered; whole build kills {c['union']} "
              f"({100 * c['union'] / c['mutants']:.1f}% of all, {100 * c['union'] / c['covered']:.1f}% of covered)")


if __name__ == "__main__":
    main(sys.argv)
