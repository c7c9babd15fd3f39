"""Writes N synthetic ledger events (default 100,000) over the States of a states.csv, as the
CSV `visitplan ledger import` reads: the input of the timings in Guides/Ledger.md.

    python3 Benchmarks/Support/make_ledger_events.py datasets/cycle-2023/states.csv 100000 > events-100k.csv
"""
import csv
import random
import sys

states, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
ids = [row["id"] for row in csv.DictReader(open(states, encoding="utf-8"))]
rng = random.Random(16)
kinds = [("visit", ["comprehensive", "follow-up"]), ("consent", ["given", "pending", "refused"]),
         ("state-request", [""]), ("request-sent", [""]), ("report-submitted", [""]), ("followup-considered", [""])]
out = sys.stdout
out.write("date,id,kind,detail,note\n")
for n in range(count):
    kind, details = rng.choice(kinds)
    out.write("%04d-%02d-%02d,%s,%s,%s,synthetic %d\n" % (
        rng.randint(2000, 2022), rng.randint(1, 12), rng.randint(1, 28), rng.choice(ids), kind, rng.choice(details), n))
