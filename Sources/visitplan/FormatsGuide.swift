// Generated from Guides/Formats.md by `make guides`: edit the guide, not this file.

/// The text of Guides/Formats.md (without its final newline), printed by `visitplan help formats`.
let formatsGuide = #"""
# File formats

Every file visitplan reads and the CSV and JSON it writes for scores, batches, plans and revisions: each column and key,
whether it is required, its default, and an example. This page is shipped in the binary:
`visitplan help formats` prints it.

## A dataset is a folder

```
DATASET/
  states.csv       one row per candidate (Member State): identity and engagement facts
  indicators.csv   one row per candidate: numeric indicators (wide)
  events.csv       optional: time series (long), from which trend signals are derived
  model.yaml       the scoring model, the planning constraints, the sensitivity settings
  panel.yaml       optional: the committee's own weights, read by `visitplan panel`
  ledger.sqlite    optional: the ledger of engagement events (`visitplan help ledger`)
```

Every command takes the folder as its first argument (`visitplan plan datasets/demo-small`).
Without one it reads `$VISITPLAN_DATASET`, else the shipped cycle `datasets/cycle-2023` of the
installed package (next to the executable: a checkout's `.build/…/visitplan`, or an install's
`<prefix>/bin/visitplan` with `<prefix>/share/visitplan/datasets/`), never the current folder; when
it is not there, the error lists every place looked in.

CSV files: UTF-8 (a byte-order mark is accepted), comma-separated, RFC 4180 quoting (`"a, b"`,
`""` for a quote), one header row, LF or CRLF line ends. Column order is free; names are matched
exactly. Unknown columns are kept and ignored (`validate` notes them).

Errors are printed as `file:line:column: error: message` and the command exits 1; every problem
in the files is listed, not only the first. A header that matches a known column up to case,
surrounding spaces or one edit (`Region`, ` region`, `regoin`) is an error that says "did you
mean `region`?". A column that the model or the planning section relies on must exist (see
"Columns the model relies on" below).

## states.csv

One row per candidate.

| column | required | default | meaning | example |
|---|---|---|---|---|
| `id` | yes | | unique code (ISO 3166-1 alpha-3 for Member States) | `MLI` |
| `name` | yes | | display name (the shipped cycle: the UNTERM English short name) | `Mali` |
| `name_fr` | no | empty | the name in French, shown by `visitplan report --language fr`; where empty, the report shows `name` and says so on standard error | `Mali` |
| `name_es` | no | empty | the name in Spanish, for `--language es`, the same way | `Malí` |
| `region` | yes | | group used by regional constraints and `region-mean` imputation | `Africa` |
| `subregion` | no | empty | finer group, shown in reports | `Western Africa` |
| `last_visit` | no | empty = never visited | `YYYY-MM-DD`, or `YYYY` (read as `YYYY-07-01`); not after `as_of` | `2019-03-12` |
| `last_visit_type` | no | empty | `comprehensive` or `follow-up` | `follow-up` |
| `report_submitted` | no | empty | date the last assessment report went to the Committee | `2019-11-30` |
| `consent` | no | `unknown` | `given`, `pending`, `refused` or `unknown` | `given` |
| `requested_visit` | no | `false` | the State asked for a visit: `true`/`false`, `yes`/`no`, `1`/`0` | `yes` |
| `confidential` | no | empty | indicators this State asked to keep confidential: names of indicators.csv columns or events.csv indicators separated by `;`, or `all` | `gap_cft;attacks` |

Names (`name`, `name_fr`, `name_es`), ids, regions and subregions must be printable text: a
control character (ESC, a line break) is an error. The shipped cycle takes its three names from
UNTERM, the UN's terminology database, without the article UNTERM writes after some names
("Netherlands (the)" is written `Netherlands`); `datasets/README.md` says where each comes from.

Example:

```
id,name,region,subregion,last_visit,last_visit_type,report_submitted,consent,requested_visit,confidential
MLI,Mali,Africa,Western Africa,2017-05-02,comprehensive,2017-12-01,given,false,
NOR,Norway,Europe,Northern Europe,,,,pending,yes,gap_cft;attacks
```

### Columns the model relies on

A column that the model or the planning section uses must exist, or the dataset is invalid
(exit 1, naming the column and what needs it):

| column | needed when |
|---|---|
| `consent` | `planning.consent` does not list all four levels, or a leaf uses `engagement: consent` |
| `last_visit` | `planning.cooldown_years`, `comprehensive_after_years`, `never_visited_min` or `followups_min` is set, or a leaf uses `never-visited`, `years-since-visit` or `followup-due` |
| `report_submitted` | a leaf uses `engagement: followup-due`, or `planning.followups_min` is set |
| `requested_visit` | a leaf uses `engagement: prior-request` |

A region, consent level or id named in `planning` that matches nothing in states.csv is an error
that lists the nearest names.

## indicators.csv

`id` plus one column per indicator (wide format).

| column | required | default | meaning | example |
|---|---|---|---|---|
| `id` | yes | | a candidate of states.csv | `MLI` |
| any other | no | missing | one indicator: a decimal number; an empty cell or `NA` is missing | `3.75` |

Only the columns the model references must be numeric; others (notes, sources) are ignored.
Every `id` must exist in states.csv; a candidate without a row here has every indicator missing.
`inf`, `nan`, a decimal comma and numbers beyond the range of a double are errors.

```
id,gap_cft,gap_legal,attacks_2022,source
MLI,4.2,3.5,12,"synthetic, seed 7"
NOR,0.8,NA,0,
```

## events.csv (optional)

Long format, one value per row.

| column | required | meaning | example |
|---|---|---|---|
| `id` | yes | a candidate of states.csv | `MLI` |
| `indicator` | yes | the series' name, referenced by a `signal` leaf | `attacks` |
| `period` | yes | a year (`2019`) or a month (`2019-07`); one granularity per file | `2021` |
| `value` | yes | a decimal number | `14` |

An absent (id, indicator, period) row counts as missing or as zero, according to the signal's
`fill` setting.

```
id,indicator,period,value
MLI,attacks,2021,14
MLI,attacks,2022,19
```

## ledger.sqlite (optional)

The ledger: an append-only SQLite file of engagement events (`visitplan ledger …`; the whole
story is `visitplan help ledger`, Guides/Ledger.md). When it exists, the columns `last_visit`,
`last_visit_type`, `report_submitted`, `consent` and `requested_visit` are derived from its
events dated on or before `as_of` (or `--as-of DATE`); the same column in states.csv must then
agree with it as of model.yaml's `as_of`, or the dataset is invalid (an error naming both
values). Its CSV form, read by `ledger import` and written by `ledger export`:

| column | required | meaning | example |
|---|---|---|---|
| `date` | yes | the day of the event, `YYYY-MM-DD`, not in the future | `2019-03-12` |
| `id` | yes (may be empty) | the State; empty for `list-adopted` and `correction` | `MLI` |
| `kind` | yes | `request-sent`, `consent`, `state-request`, `visit`, `report-submitted`, `followup-considered`, `list-adopted`, `list-changed`, `correction`, `programme-changed` | `visit` |
| `detail` | no | `given`/`pending`/`refused` (consent), `comprehensive`/`follow-up` (visit), `withdraw ID`/`add ID` (list-changed), the seq voided (correction), the plan JSON (list-adopted), `move ID FROM TO`/`withdraw ID YEAR`/`add ID YEAR` (programme-changed) | `comprehensive` |
| `note` | no | free text; required (the reason) for `list-changed`, `programme-changed` and `correction` | `security situation` |

## model.yaml

An unknown key anywhere is an error that suggests the nearest known key (`normalization` → did
you mean `normalisation`?). Top-level keys:

| key | required | default | meaning |
|---|---|---|---|
| `name` | no | the folder's name | the model's name, shown in outputs |
| `as_of` | yes | | `YYYY-MM-DD`: the reference date of every time-based feature |
| `scoring` | yes | | the criteria tree and its defaults |
| `planning` | for `plan`, `revise` | | the visit list's constraints |
| `sensitivity` | no | see below | the robustness analysis |
| `confidentiality` | no | see below | the public edition's protection |

### scoring

| key | required | default | meaning |
|---|---|---|---|
| `aggregation` | no | `arithmetic` | default of every node: `arithmetic`, `geometric` or `topsis` |
| `normalisation` | no | `minmax` | default of every leaf: `minmax`, `zscore`, `rank`, `goalposts`, `vector` or `none` |
| `missing` | no | `reweight` | default of every leaf: `reweight`, `mean`, `region-mean`, `min`, `max`, `zero` or `error` |
| `treatment` | no | none | default outlier treatment of every leaf without its own `treatment` or `winsorise`: `auto`, `none` or a mapping (below) |
| `screening` | no | none | `{min_coverage: c}`, 0 ≤ c ≤ 1: candidates whose coverage is below c are neither ranked nor planned; every output lists them with their coverage |
| `criteria` | yes | | the top nodes and leaves (the root is implicit) |

A **node** has `criteria`; a **leaf** has exactly one source (`indicator`, `signal` or
`engagement`). Keys of both:

| key | required | default | meaning |
|---|---|---|---|
| `id` | yes | | unique over the whole tree; `root` is reserved |
| `name` | no | the id | display name |
| `weight` | no | `1` | relative to its siblings; non-negative; not all siblings zero |
| `rationale` | no | empty | why this weight: carried into outputs and reports |

Node only: `aggregation` (default: `scoring.aggregation`), `criteria` (its children).

Leaf keys:

| key | applies to | default | meaning |
|---|---|---|---|
| `indicator` | indicator and signal leaves | | a column of indicators.csv, or an events.csv indicator for a signal |
| `signal` | signal leaves | | `level`, `trend` or `anomaly`, over events.csv |
| `window` | signal leaves | `5` | the number of most recent periods ending on or before `as_of` |
| `fill` | signal leaves | `zero` | `zero`: an absent period is 0; `missing`: it is left out |
| `engagement` | engagement leaves | | `never-visited`, `years-since-visit`, `prior-request`, `consent` or `followup-due` |
| `cap` | `years-since-visit` | `10` | years at which the feature stops growing (never visited counts as `cap`) |
| `levels` | `consent` | `{given: 1, pending: 0.5, unknown: 0.25, refused: 0}` | the value of each consent level |
| `months` | `followup-due` | `12` | months after `report_submitted` before a follow-up is due |
| `direction` | every leaf | `risk` | `risk`: higher value = higher priority; `protective`: the reverse |
| `normalisation` | every leaf | `scoring.normalisation` | as in `scoring` |
| `missing` | every leaf | `scoring.missing` | as in `scoring` |
| `transform` | every leaf | none | `log`: ln(1 + x) before normalisation; a negative value is an error |
| `winsorise` | every leaf | none | `[p_lo, p_hi]`: clamp to those quantiles (linear interpolation), 0 ≤ p_lo < p_hi ≤ 1 |
| `treatment` | every leaf | `scoring.treatment` | outlier treatment after `transform`: `auto` = `{max_points: 5, skew: 2, kurtosis: 3.5, fallback: log}`; a mapping of those keys (the others keep `auto`'s values; `max_points` 0–1000, `fallback` `log` or `none`); `none` switches the default off. Not with `winsorise` on the same leaf |
| `denominator` | indicator leaves | none | a column of indicators.csv: the value becomes x / that column (same candidate), before imputation; a missing or zero denominator makes the value missing (a warning counts them) |
| `denominator_scale` | leaves with `denominator` | `1` | positive: the ratio is multiplied by it (`1000`: per thousand of the denominator) |
| `goalposts` | `normalisation: goalposts` | | `[lo, hi]`, required by that normalisation |
| `confidential` | every leaf | `false` | every State's value of this leaf's indicator is confidential |

```yaml
name: Demonstration cycle 2023
as_of: 2023-01-01
scoring:
  aggregation: arithmetic
  normalisation: minmax
  missing: reweight
  criteria:
    - id: gaps
      weight: 40
      rationale: Core of the mandate
      criteria:
        - {id: gap_cft, indicator: gap_cft, direction: risk, normalisation: goalposts, goalposts: [0, 5]}
        - {id: gap_hr, indicator: gap_human_rights, confidential: true}
    - id: threat
      weight: 35
      criteria:
        - {id: attacks_trend, signal: trend, indicator: attacks, window: 5, fill: zero}
        - {id: attacks_pc, indicator: attacks_total, denominator: population, denominator_scale: 1000000, treatment: auto}
    - id: engagement
      weight: 25
      criteria:
        - {id: never_visited, engagement: never-visited}
        - {id: years_since_visit, engagement: years-since-visit, cap: 10}
```

### planning

| key | required | default | meaning |
|---|---|---|---|
| `visits` | yes | | the number of visits: the list has exactly this many |
| `budget` | no | no limit | total cost limit |
| `cost` | no | `{comprehensive: 1, follow-up: 1}` | cost of each visit type |
| `comprehensive_after_years` | no | `5` | a State whose last visit is older (or never) gets a comprehensive visit; otherwise a due follow-up is a follow-up |
| `cooldown_years` | no | `0` | States visited more recently are not eligible |
| `consent` | no | `[given, pending, unknown]` | consent levels that may be put on the list |
| `regions` | no | none | per-region bounds: `{Africa: {min: 3}, Europe: {max: 2}}` |
| `never_visited_min` | no | none | visits to never-visited States, at least |
| `followups_min` | no | none | follow-up visits, at least |
| `include` | no | `[]` | ids forced onto the list |
| `exclude` | no | `[]` | ids kept off the list |
| `reserve` | no | `5` | the length of the reserve list |

```yaml
planning:
  visits: 12
  budget: 520
  cost: {comprehensive: 45, follow-up: 20}
  comprehensive_after_years: 5
  cooldown_years: 2
  consent: [given, pending, unknown]
  regions: {Africa: {min: 3}, Europe: {max: 2}}
  never_visited_min: 2
  followups_min: 1
  include: [ABC]
  exclude: [DEF]
  reserve: 5
```

### sensitivity

| key | required | default | meaning |
|---|---|---|---|
| `samples` | no | `10000` | Monte Carlo samples (`--samples` overrides) |
| `seed` | no | `0` | random seed (`--seed` overrides) |
| `weights` | no | `{perturb: uniform, spread: 0.25}` | `uniform`: w × U(1 − spread, 1 + spread), spread in [0, 1); or `{perturb: dirichlet, concentration: 100}` |
| `alternatives` | no | none | method uncertainty, sampled uniformly: `{normalisation: [minmax, rank], aggregation: [arithmetic, geometric]}` |
| `acceptability_ranks` | no | max(2 × visits, 50) | the ranks 1 … K kept in each rank acceptability row |

```yaml
sensitivity:
  samples: 10000
  seed: 2023
  weights: {perturb: uniform, spread: 0.25}
  alternatives: {normalisation: [minmax, rank]}
```

### confidentiality

| key | required | default | meaning |
|---|---|---|---|
| `protection` | no | `0.10` | the public edition may not let a reader narrow a confidential normalised value to an interval narrower than this share of the indicator's normalised range |

Confidential cells are those of `confidential: true` leaves (every State) and those named in the
`confidential` column of states.csv (that State only). Every command that prints results takes
`--audience internal|public` (default `internal`): the internal edition says that the data hold
confidential cells (in the table heading, in JSON as `"audience": "internal"`, on standard error
for CSV); the public edition withholds what would reveal them, says what it withheld and why,
and is refused (exit 1, naming the cells) when its audit finds an interval narrower than
`protection`.

```yaml
confidentiality:
  protection: 0.10
```

### ledger

Optional: the settings of the facts derived from `ledger.sqlite` (`visitplan help ledger`).

| key | default | meaning | example |
|---|---|---|---|
| `consent_valid_years` | none (a consent never expires) | a consent in the ledger older than this many years (at `as_of`) counts as `unknown` | `3` |

### programme

The multi-year programme of `visitplan programme` (SPEC §10; the model is written out in
[Programme.md](Programme.md)). Optional: without it, the programme has 3 years and discount 0.85.

| key | required | default | meaning |
|---|---|---|---|
| `years` | no | `3` | H, the number of years planned (1–50; `--years` overrides); year y's date is `as_of` + (y − 1) years (29 February → 28 February) |
| `discount` | no | `0.85` | in (0, 1]: year y's scores count discount^(y−1) |
| `never_visited_within` | no | none | every eligible never-visited State is in years 1 … this |
| `include` | no | none | per year, ids forced onto that year's list: `{2: [ABC]}` |
| `exclude` | no | none | per year, ids kept off that year's list: `{1: [DEF], 3: [DEF]}` |

Every year has the `planning` section's constraints, at that year's date. `planning.include` and
`planning.exclude` are decisions about the cycle being planned: they hold in year 1 only (list a
State under `programme.exclude` for the later years too to keep it out of them). An id must be
an id of states.csv; an unknown key is an error with the nearest known key.

```yaml
programme:
  years: 3
  discount: 0.85
  never_visited_within: 3
  include: {2: [ABC]}
  exclude: {1: [DEF]}
```

## panel.yaml (optional: `visitplan panel`)

The committee's own weights (SPEC §11): a list of `members`, each with direct `weights` for any
nodes of the tree, or `pairwise` comparison matrices for a node's children, or both (for
different nodes). A member's weights replace the model's for the nodes it names; the others
stay. Only `visitplan panel` reads the file; the method is in [Panel.md](Panel.md).

| key | required | meaning |
|---|---|---|
| `members[].id` | yes | unique member id |
| `members[].name` | no | display name |
| `members[].weights` | one of the two | `{node id: weight}`: non-negative, relative to the node's siblings (not `root`) |
| `members[].pairwise` | one of the two | a list of `{node, matrix}` |
| `pairwise[].node` | yes | an inner node of model.yaml, or `root` for the top criteria |
| `pairwise[].matrix` | yes | n rows of n judgements for the node's n children (2 … 10), in model.yaml's order |

A judgement is a number or a fraction `a/b` on Saaty's scale 1/9 … 9 (1% of slack, so `0.33`
stands for 1/3); m[i][j] says how many times child i matters more than child j; the diagonal is
1 and the matrix reciprocal, m[j][i] = 1/m[i][j] (within 1%; the lower triangle is then taken as
the exact reciprocal of the upper). Every problem is reported at `panel.yaml:line:column`,
naming the member, the node and, for a matrix, the cell by row and column child ids: an unknown
node (with the nearest id), a cell out of range, not reciprocal, or a diagonal other than 1, a
matrix of the wrong size, a node compared twice or set both directly and by comparison, a
member that sets nothing, an unknown key (with the nearest key).

```yaml
members:
  - id: member-a
    name: "Member A (fictional)"
    weights: {gaps: 50, threat: 30, engagement: 20}
  - id: member-b
    pairwise:
      - node: root
        matrix: [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]]
```

## The score CSV and JSON (`visitplan score --format csv|json`)

The CSV has one row per candidate, by rank: `rank,id,name,region,score,coverage`, then one column
per node and leaf id in the tree's order. The JSON is `{"as_of", "candidates", "model"}` with, per
candidate, `rank`, `id`, `name`, `region`, `score`, `coverage`, `nodes` (every node's and leaf's
value by id), `contributions` (by leaf id, summing to the score) and `drivers`; keys are sorted
and indented by two spaces. A missing value is an empty cell or `null`.

Numbers are written in full: the shortest decimal that reads back as exactly the same double
(`76.53973308969351`, `0.25`, `1.0` in CSV, `1` in JSON), so scores can be checked to the last
bit. Two options shape both formats:

| option | effect | example |
|---|---|---|
| `--columns IDS` | the node columns of the CSV (and the `nodes` of the JSON): ids separated by commas, in the order given; `--columns ""` for none. An unknown id is a usage error (exit 2) that names the nodes | `--columns gaps,threat,engagement` |
| `--precision N` | every number with N decimals (0–17), rounded half to even on the exact value, as `printf("%.Nf")` | `--precision 4` → `76.5397` |

Both outputs are written as they are made, through a 1 MiB buffer straight into the output file
(atomically: a temporary file renamed at the end), so memory does not grow with the output:
at 10⁶ candidates × 32 indicators the peak stays under 1 GB (900 MB measured, mostly the loaded data).

## scenarios.yaml (`visitplan batch --scenarios FILE`)

Variants of the model, scored (and with `--plan`, planned) in one run over a dataset loaded once
([Guides/Batch.md](Guides/Batch.md)). The file has one key, `scenarios`, a list; each scenario:

| key | required | meaning | example |
|---|---|---|---|
| `id` | yes | its name in the outputs; unique in the file | `threat-heavy` |
| `weights` | no | raw weights of any nodes or leaves by id (≥ 0; the others keep model.yaml's) | `{threat: 50, gaps: 30}` |
| `normalisation` | no | replaces `scoring.normalisation` (leaves that set their own keep it) | `rank` |
| `aggregation` | no | replaces `scoring.aggregation` (nodes that set their own keep it) | `geometric` |
| `as_of` | no | the reference date: engagement facts (a ledger's, if any) and signal windows at that date | `2024-01-01` |
| `planning` | no | keys of `planning` replaced (any key of the section above) | `{visits: 10, budget: 400}` |

A scenario with no change is the model as it is. Every value is checked by model.yaml's own
rules; a problem is an error at the scenarios file's `line:column` that names the scenario
(`scenarios.yaml:4:25: error: scenarios[1] (`heavy`).weights.threet: unknown key `threet`; did
you mean `threat`?`), and nothing is written.

Outputs: the CSV is long, `scenario,rank,id,name,region,score,coverage` (+ `selected`, `true` or
`false`, with `--plan`), each scenario's rows by rank. The JSON is `{"scenarios": [...]}`, each
with `id`, `as_of`, `candidates` (exactly as in the score JSON) and, with `--plan`, `plan`:
`selected` (the list by rank: `id`, `name`, `region`, `visit_type`, `cost`, `score`, `rank`,
`drivers`) and `objective` (the sum of their scores).

## The plan JSON (`visitplan plan --format json`)

| key | meaning |
|---|---|
| `as_of` | the model's `as_of` |
| `visits` | `planning.visits` |
| `selected` | the list, by rank: `id`, `name`, `region`, `visit_type` (`comprehensive` or `follow-up`), `cost`, `score`, `rank`, `drivers` (leaf ids, largest contribution first), `serves` (the reasons: the constraints it serves, never a driver) |
| `reserve` | in order of use: `id`, `name`, `region`, `visit_type`, `cost`, `score`, `rank`, `replaces` (the selected State it would replace, or absent when no single swap keeps every constraint), `can_replace` |
| `constraints` | each: `name`, `kind` (`=`, `>=`, `<=`), `value`, `bound`, `binds`, `slack`, `status` (`binds`; `slack-below-one-swap`: room is left but less than `smallest_swap`, so no swap toward the bound fits; `slack`), `smallest_swap` (the budget only, when some swap raises the cost: the least one swap adds) |
| `excluded` | each candidate ranked within the top 2 × visits but not selected: `id`, `name`, `region`, `score`, `rank`, `kind`, `reason`, `objective_cost`, `displaces` |
| `objective` | the sum of the selected scores |
| `total_cost` | the sum of the selected costs |
| `dataset` | the data the plan was made on: `path`, `fingerprint` (`sha256:` + 64 hex digits), `files` (file name → `sha256:…`) |
| `planning` | the model's planning section, with the keys of model.yaml and every default written out |
| `revision` | `0` for a plan; n after n revisions |
| `decisions` | `withdrawn` and `added`: the ids withdrawn and added by revisions so far (empty for a plan) |

`excluded[].kind` is `ineligible` (cooldown or consent), `excluded` (by `exclude` or
withdrawn), `region-full`, `budget`, `trade-off`, `tie`, `constraint` (no feasible list holds
it) or, in a revision, `adopted-list` (forcing it in would take more adopted visits off the
list). `objective_cost` is how much the sum of scores drops when it is forced in: never
negative; absent when it cannot be forced in, and for `adopted-list` when forcing it in would
not lower the sum (the reason then says by how much it would raise it).

The fingerprint is SHA-256 over, for each of states.csv, indicators.csv, events.csv (when
present) and model.yaml in that order: the file's name, a newline, its length in bytes, a
newline, its bytes. A copy of a dataset has the same fingerprint; any changed byte changes it.

```json
{
  "as_of": "2023-01-01",
  "dataset": {"fingerprint": "sha256:9f2c…", "files": {"model.yaml": "sha256:…", "states.csv": "sha256:…"},
              "path": "/home/cted/datasets/cycle-2023"},
  "decisions": {"added": [], "withdrawn": []},
  "excluded": [{"displaces": ["NER"], "id": "SOM", "kind": "trade-off", "name": "Somalia",
                "objective_cost": 3.2107, "rank": 9, "reason": "a trade-off: …", "region": "Africa",
                "score": 61.2}],
  "objective": 702.4519,
  "planning": {"visits": 12, "budget": 500, "consent": ["given", "pending", "unknown"], "…": "…"},
  "reserve": [{"can_replace": ["MLI"], "cost": 45, "id": "TCD", "name": "Chad", "rank": 14,
               "region": "Africa", "replaces": "MLI", "score": 58.1, "visit_type": "comprehensive"}],
  "revision": 0,
  "selected": [{"cost": 45, "drivers": ["gap_cft"], "id": "MLI", "name": "Mali", "rank": 1,
                "region": "Africa", "score": 74.9, "serves": ["fills the Africa minimum"],
                "visit_type": "comprehensive"}],
  "total_cost": 480,
  "visits": 12
}
```

The CSV form (`--format csv`) has one row per visit, then the reserves:
`status,id,name,region,visit_type,cost,score,rank,serves,replaces,drivers`. `serves` holds the
reasons only (`; ` between them), `drivers` the leaf ids (empty for reserves and where an edition
withholds them).

## The revision JSON (`visitplan revise --format json`)

| key | meaning |
|---|---|
| `out` | adopted visits no longer on the list: `id`, `name`, `region`, `reason` (`withdrawn`, `now ineligible: …`, `displaced to make room for …`, `no longer in the dataset`) |
| `in` | visits not in the adopted plan: `id`, `name`, `region`, `reason` (`added by decision`, `replaces X (…)`) |
| `kept` | adopted visits still on the list, by rank |
| `plan` | the revised plan, with every key of the plan JSON; its `revision` is the adopted one's + 1 and its `decisions` hold every withdrawal and addition so far |
| `updated_files` | with `--updated-data`: the files that changed since the adopted plan was made |

A revision's JSON is itself a valid `--adopted` input, so revisions chain:

```
visitplan plan --format json --output adopted.json
visitplan revise --adopted adopted.json --withdraw MLI --format json --output rev1.json
visitplan revise --adopted rev1.json --withdraw NER --format json --output rev2.json
```

A State withdrawn in one revision stays out in the next ones (it is never a reserve again) until
a later revision adds it back (`--add MLI`). `revise` refuses (exit 1) a plan whose `dataset`
fingerprint is not that of the dataset given, naming both datasets and the files that differ,
and a plan that records no fingerprint. When the dataset holds the adopted cycle's updated data
(new consent facts, new indicator values, a changed planning section), `--updated-data` says so:
the revision goes ahead against it, prints the files that changed (and a changed `as_of` or
planning section) on standard error, and records them in `updated_files`. The dataset is the
first argument, as for every command; `--dataset DIR` is the same thing under its older name.

```json
{
  "in": [{"id": "TCD", "name": "Chad", "reason": "replaces MLI (withdrawn)", "region": "Africa"}],
  "kept": ["SOM", "NER"],
  "out": [{"id": "MLI", "name": "Mali", "reason": "withdrawn", "region": "Africa"}],
  "plan": {"revision": 1, "decisions": {"added": [], "withdrawn": ["MLI"]}, "selected": [], "…": "…"},
  "updated_files": []
}
```

## The programme JSON (`visitplan programme --format json`)

| key | meaning |
|---|---|
| `years` | one entry per year: `year` (1-based), `date`, `weight` (discount^(year−1)), `selected` (as in the plan JSON, with the State's score, rank, visit type and cost at that year's date), `constraints` (as in the plan), `objective` (the year's sum of scores), `total_cost` |
| `objective` | Σ_y discount^(y−1) × year y's sum of scores |
| `deferred` | every State placed in a later year than the first in which it could be visited: `id`, `name`, `from_year`, `to_year`, `kind` (`discount`: its score rises enough to outweigh the discount; `trade-off`: the earlier year's list holds States that count for more there; `constraint`: no programme has it in the earlier year; `tie`; `adopted`), `reason`, `objective_cost` (the exact drop of the objective when it is forced into `from_year`), `displaces` |
| `year_one` | what year 1 changes compared with the one-year plan (`visitplan plan`): `id`, `name`, `change` (`in` or `out`), `year` (where the programme puts it), `reason`, `objective_cost` |
| `revision` | with `--adopted`: `kept` and `adopted` (counts of assignments), `changes` (`id`, `adopted_year`, `year`, `reason`) |
| `as_of`, `horizon`, `discount`, `never_visited_within`, `dataset` | the settings and the data's fingerprint |

`visitplan programme --adopted programme.json` reads `years[].year` and `years[].selected[].id`
of a programme JSON and keeps as many of those assignments as possible before maximising the
discounted scores. The CSV form has one row per visit (`status` `selected`) then one per deferred
State (`status` `deferred`): `status,year,date,id,name,region,visit_type,cost,score,rank,from_year,reason,drivers`
(`reason`: what a visit serves or why a State was deferred, reasons only; `drivers`: a visit's leaf ids).

```json
{
  "objective": 1890.3549,
  "years": [{"year": 1, "date": "2023-01-01", "weight": 1, "selected": [{"id": "AFG", "score": 70.3537, "…": "…"}]}],
  "deferred": [{"id": "LBN", "from_year": 1, "to_year": 2, "kind": "trade-off", "objective_cost": 0.134,
                "reason": "year 1's list holds States that count for more there (…)", "displaces": ["CMR"]}],
  "year_one": [{"id": "LBN", "change": "out", "year": 2, "reason": "placed in year 2: …"}]
}
```

## The audit JSON (`visitplan audit --format json`)

Every statistic on normalised values; an undefined one is `null` ([Audit.md](Audit.md)).

| key | meaning |
|---|---|
| `nodes` | every inner node, the root (`root`) first, in the tree's order: `id`, `cronbach_alpha` (complete cases, sample variances), `pca` (`eigenvalues` largest first, `explained` shares, `loadings` of the first component, one per child, the largest in magnitude positive), `children` (`id`, `r_parent`, `r_root`: Pearson's r, pairwise complete) |
| `collinear` | every pair of leaves with \|r\| > 0.9: `a`, `b`, `r` |
| `negative` | every child with r < 0 against its parent: `id`, `parent`, `r` |

The CSV form has one number per row: `statistic,node,item,value`.

```json
{
  "nodes": [{"id": "threat", "cronbach_alpha": 0.81,
             "pca": {"eigenvalues": [3.9, 1.2], "explained": [0.56, 0.17], "loadings": [0.45, 0.44]},
             "children": [{"id": "political_stability", "r_parent": 0.86, "r_root": 0.74}]}],
  "collinear": [{"a": "conflict_intensity", "b": "human_hazard", "r": 0.93}],
  "negative": [{"id": "stability_trend", "parent": "threat", "r": -0.12}]
}
```
"""#
