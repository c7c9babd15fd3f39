// Generated from Guides/Ledger.md by `make guides`: edit the guide, not this file.

/// The text of Guides/Ledger.md (without its final newline), printed by `visitplan help ledger`.
let ledgerGuide = #"""
# The ledger

What happened with each State, recorded as it happens: requests, consents, visits, reports, the
¶9 reviews, and the decisions on the annual list. The engagement columns of states.csv
(`last_visit`, `last_visit_type`, `report_submitted`, `consent`, `requested_visit`) are then
derived from it at any date, so that a past cycle can be re-run with what was known then. This
page is shipped in the binary: `visitplan help ledger` prints it.

## The file

`DATASET/ledger.sqlite`, optional, a SQLite database (through GRDB.swift):

- **append-only**: events are added, never changed or deleted; SQLite triggers abort any UPDATE
  or DELETE of an event. A mistake is voided by a `correction` event, which stays in the history
  with its reason.
- **one transaction per command**: a command records all its events or none, also when it is
  killed (`kill -9`) in the middle.
- **WAL journal and a busy timeout** (60 s): two people recording at the same time both succeed,
  one after the other; nothing is lost.
- **a versioned schema** (migrations recorded in the file): a ledger written by a newer
  visitplan is refused with a message, never rewritten. An older one is brought up to date
  when a command opens it, in one transaction: `v2-facts-index` adds the index facts are read
  from; `v3-programme-changed` rebuilds the event table to accept the `programme-changed` kind
  (SQLite cannot change a CHECK in place), keeping every event, its seq and the next seq. A
  visitplan from before v3 refuses a ledger migrated to v3.
- a file named `ledger.sqlite` that is not a visitplan ledger (corrupt, or another program's
  database) is refused with a clear error and left as it is.

## What an event records

| field | meaning |
|---|---|
| `seq` | its number, increasing in the order of recording |
| `date` | the day it happened, `YYYY-MM-DD` (not in the future) |
| `kind` | see below |
| `id` | the State (an id of states.csv), where one applies |
| `detail` | see below |
| `note` | free text; the reason, for `list-changed`, `programme-changed` and `correction` |
| `recorded_at` | when it was recorded, UTC (`2026-11-30T07:45:12Z`) |
| `recorded_by` | the OS user who recorded it |

| kind | detail | meaning |
|---|---|---|
| `request-sent` | | the Directorate asked the State's consent |
| `consent` | `given`, `pending` or `refused` | the State's answer |
| `state-request` | | the State asked for a visit |
| `visit` | `comprehensive` or `follow-up` | a visit took place |
| `report-submitted` | | the visit's report went to the Committee |
| `followup-considered` | | the ¶9 review of the report was held |
| `list-adopted` | the plan JSON, with its dataset fingerprint | the annual list was adopted (no id) |
| `list-changed` | `withdraw ID` or `add ID` | the adopted list changed; note = the reason |
| `correction` | the `seq` it voids | an earlier event is void (no id); note = the reason |
| `programme-changed` | `move ID FROM TO`, `withdraw ID YEAR` or `add ID YEAR` (programme years 1, 2, …) | the adopted multi-year programme changed (`visitplan programme --adopted … --record`); note = the reason |

## Commands

Every command takes the dataset folder as its first argument, as the other commands do
(default: `$VISITPLAN_DATASET`, else the shipped cycle).

| command | does |
|---|---|
| `visitplan ledger init DATASET` | creates an empty `ledger.sqlite` (never over an existing file) |
| `visitplan ledger record DATASET --kind KIND --id ID --date DATE [--type T] [--response R] [--detail D] [--note N]` | appends one event; `--type` for a visit, `--response` for a consent |
| `visitplan ledger import DATASET FILE.csv` | appends the events of a CSV file `date,id,kind,detail,note`, all or none; every bad row is reported as `file:line:column` |
| `visitplan ledger export DATASET [--output FILE]` | writes every event in the same CSV form (corrections included) |
| `visitplan ledger correct DATASET --event N --reason TEXT [--date DATE]` | voids event N |
| `visitplan ledger history DATASET [--id ID]` | the events, who recorded them and when, and what voids them |
| `visitplan ledger facts DATASET [--as-of DATE]` | the engagement columns of every State as derived, with the ¶9 review status |
| `visitplan ledger reviews DATASET [--as-of DATE]` | the reports whose ¶9 review is due or overdue, with the days |
| `visitplan ledger adopt DATASET PLAN.json --decided DATE` | records the adoption of a plan made on DATASET |
| `visitplan revise DATASET --adopted PLAN.json --withdraw ID --record --reason TEXT --decided DATE` | revises and records each withdrawal and addition as `list-changed` |
| `visitplan programme DATASET --adopted PROGRAMME.json --record --reason TEXT --decided DATE` | revises the adopted programme (SPEC §10) and records each change as `programme-changed`: a State moved to another year (`move ID 1 2`), taken out (`withdraw ID 1`) or new (`add ID 3`); nothing when nothing changed |

`history`, `facts` and `reviews` take `--format table|csv|json` and `--output FILE` (written
atomically). `validate` runs SQLite's `PRAGMA integrity_check` on the ledger and checks
states.csv against it.

## How the facts are derived

The facts of State S as of date T use the events dated on or before T; an event voided by a
correction never counts (whatever the correction's date: a corrected mistake is not a fact at
any date). Events of the same day apply in `seq` order.

- `last_visit`, `last_visit_type`: the date and detail of S's latest `visit`; none = never visited.
- `report_submitted`: the date of S's latest `report-submitted`.
- `consent`: the detail of S's latest `consent`; `unknown` if there is none, or if it is older
  than `consent_valid_years` years when model.yaml sets `ledger: {consent_valid_years: N}`.
- `requested_visit`: true if S has a `state-request` after its last visit (any, if never visited).
- ¶9 review: a `report-submitted` with no `followup-considered` after it is **due**, and
  **overdue** when the report is more than 12 months old at T. `days` is the days left until the
  12 months are up (due) or the days since (overdue).

T is model.yaml's `as_of`, or `--as-of DATE`, which every command that reads a dataset takes
(`visitplan score --as-of 2021-01-01`, `plan`, `explain`, `sensitivity`, `report`, `revise`).

**states.csv and the ledger.** When a dataset has a ledger, the five columns come from it. A
column that states.csv also holds must agree with the ledger as of model.yaml's `as_of` (the
date states.csv describes; a year alone, `2005`, agrees with any date that year); a
disagreement is an error at `states.csv:line:column` naming both values. The simplest is to
drop the five columns from states.csv once the history is in the ledger. Without a ledger,
`--as-of` can move the date forward, or back only as long as no visit or report of states.csv
is after it.

### A worked example

The history below (the one `LedgerCommandTests` runs through the CLI), then a correction:
event 15 typed the Burkina Faso visit as 2022-12-02 instead of 2022-02-20.

```
date,id,kind,detail,note
2018-03-01,MLI,request-sent,,
2018-04-10,MLI,consent,given,
2018-09-12,MLI,visit,comprehensive,
2019-02-01,MLI,report-submitted,,
2019-11-20,MLI,followup-considered,,
2020-06-15,NER,consent,pending,
2020-07-01,NER,state-request,,
2021-05-05,NER,consent,given,
2021-10-03,NER,visit,follow-up,
2022-01-20,NER,report-submitted,,
2019-05-05,TCD,visit,comprehensive,
2019-09-09,TCD,report-submitted,,
2020-03-03,TCD,state-request,,
2021-06-01,TCD,consent,refused,
2022-12-02,BFA,visit,comprehensive,typed from the mission report
2018-06-06,GHA,visit,comprehensive,
2018-12-01,GHA,report-submitted,,
2019-03-03,SEN,visit,comprehensive,
2019-08-01,SEN,report-submitted,,
2020-02-02,KEN,visit,follow-up,
2020-06-01,KEN,report-submitted,,
2019-10-10,PER,visit,comprehensive,
2020-03-01,PER,report-submitted,,
```

```
visitplan ledger init my-cycle
visitplan ledger import my-cycle history.csv
visitplan ledger correct my-cycle --event 15 --reason "date mistyped; see the next event"
visitplan ledger record my-cycle --kind visit --id BFA --date 2022-02-20 --type comprehensive
visitplan ledger record my-cycle --kind report-submitted --id BFA --date 2022-06-30
```

As of 2021-01-01:

| id | last_visit | type | report_submitted | consent | requested_visit | review |
|---|---|---|---|---|---|---|
| MLI | 2018-09-12 | comprehensive | 2019-02-01 | given | false | (held 2019-11-20) |
| NER | | | | pending | true (never visited) | |
| TCD | 2019-05-05 | comprehensive | 2019-09-09 | unknown (refusal is later) | true (request after the visit) | overdue, 114 days (due 2020-09-09) |
| BFA | | | | unknown | false | |

As of 2023-01-01: NER was visited on 2021-10-03 (follow-up), so its request of 2020-07-01 is
answered (`false`); consent `given`; its report of 2022-01-20 is due, 19 days before
2023-01-20. TCD's consent is `refused`; its review is overdue by 844 days. BFA's last visit is
2022-02-20 (the voided 2022-12-02 does not count), its report of 2022-06-30 due in 180 days.

## Starting from an existing spreadsheet

1. Put the history in a CSV with the columns `date,id,kind,detail,note` (one row per event; the
   column order is free). A sheet with one row per State and a column per fact gives one event
   per filled cell: `last_visit` + `last_visit_type` → a `visit`, `report_submitted` → a
   `report-submitted`, `consent` → a `consent` dated when it was given.
2. `visitplan ledger init DATASET`, then `visitplan ledger import DATASET history.csv`. Every bad
   row is listed (`history.csv:12:2: error: column `id`: no State with id `MIL` in states.csv;
   did you mean `MLI`?`) and nothing is recorded until the file is clean.
3. `visitplan ledger facts DATASET --format csv` and compare with the spreadsheet; then drop the
   five columns from states.csv (or keep them: `validate` then checks that they agree).

## The shipped history

`datasets/cycle-2023/history.csv` is the demonstration cycle's history in the import form, with
two more columns that `ledger import` ignores: `provenance` (`real` or `synthetic`) and
`source` (the public page of a real visit; `datasets/build/derive_cycle.py (seed 20230101)` for
a synthetic event). The 25 visits taken from the public partial list
(`datasets/sources/cted_visits_publicly_reported_PARTIAL.csv`) are `real`; every other visit,
every report, consent and request is `synthetic`. A visit known only by its year is dated
1 July of that year (SPEC §2), with the precision in its `note`.

`make datasets` writes history.csv and states.csv together, and refuses to write them unless
the history gives back states.csv's five engagement columns at `as_of` by the rules above. The
test `ShippedHistoryTests` checks the same with this program: it imports history.csv into a
fresh ledger of a copy of the cycle and compares `ledger facts` with states.csv for all 193
States. To try it:

```
cp -r datasets/cycle-2023 my-cycle
visitplan ledger init my-cycle
visitplan ledger import my-cycle my-cycle/history.csv
visitplan ledger facts my-cycle --as-of 2020-01-01
```

## Backup and audit

- **Backup**: `visitplan ledger export DATASET --output ledger-YYYY-MM-DD.csv` writes every
  event; importing it into an empty ledger (`init`, then `import`) gives the same events with
  the same seqs. To copy the SQLite file itself, use `sqlite3 ledger.sqlite ".backup copy.sqlite"`
  (a plain copy may miss what is still in `ledger.sqlite-wal`).
- **Audit**: `visitplan ledger history DATASET` shows each event with `recorded_at` and
  `recorded_by`, and which correction voids it; nothing is ever erased. `visitplan validate
  DATASET` runs `PRAGMA integrity_check`.
- **Decisions**: `list-adopted` keeps the plan JSON with the dataset fingerprint it was made
  on; `list-changed` keeps each withdrawal and addition with its reason and date;
  `programme-changed` each change of an adopted multi-year programme.

## Performance

Measured on the 2-core development machine (shared with other jobs), release build
(`swift build -c release --product visitplan`), on a copy of datasets/cycle-2023 whose
states.csv keeps only the identity columns, with 100,000 synthetic events over its 193 States
(dates 2000–2022, the six State kinds in equal shares, a fixed seed; 83,371 of them are of the
kinds facts are derived from), written by
`python3 Benchmarks/Support/make_ledger_events.py datasets/cycle-2023/states.csv 100000 > events-100k.csv`:

| what | command | time |
|---|---|---|
| importing 100,000 events (checking every row, then one transaction) | `/usr/bin/time visitplan ledger import DIR events-100k.csv` | 2.2–2.7 s wall (1.8 s user), 3 runs |
| the whole `ledger facts` command (load the dataset, open the ledger, derive 193 States' facts from 100,000 events, write CSV) | `visitplan ledger facts DIR --format csv`, 20 runs | median 95 ms wall (94 ms CPU) |
| the same on an empty ledger (everything but the derivation) | the same, 20 runs | median 39 ms wall |

So deriving the facts of 193 States from 100,000 events takes about 56 ms (95 − 39), and a
whole command stays under 100 ms. The derivation reads the partial covering index
`event_facts` (schema migration `v2-facts-index`), in (date, seq) order, without touching the
table. Benchmarks/Ledger defines the same two measures for package-benchmark
(`ledger-append-100000`, `ledger-facts-193x100000`): on 2026-11-30, with a CI run sharing the
two cores, appending 100,000 events took 3.9 s (p75) to 4.4 s (p90) and deriving 193 States'
facts from them 51 ms (p75) to 59 ms (p90), 76 ms at most (`cd Benchmarks && swift package
--disable-sandbox benchmark --target LedgerBenchmarks`).

Measured again with schema v3 (2026-11-30, the same input and commands, on a machine running six
other builds, so CPU time rather than wall time): import 2.51–2.66 s of CPU (median 2.57 s, 3
runs); the whole `ledger facts` command 0.10–0.11 s of CPU (median 0.11 s, 5 runs). Every run is
in [Benchmarks/results/programme-and-ledger.md](../Benchmarks/results/programme-and-ledger.md).
"""#
