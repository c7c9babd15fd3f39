#!/usr/bin/env python3
"""Build the shipped demonstration dataset datasets/cycle-2023/ from datasets/sources/.

Usage (from the repository root):   python3 datasets/build/derive_cycle.py

Python 3 standard library only. Deterministic: every random draw comes from a
random.Random seeded from SEED (one independent stream per synthetic component),
iteration is always in sorted id order, floats are written with a fixed format
and files are written with LF line ends, so running the script twice produces
byte-identical files.

What is real and what is synthetic is documented column by column in
datasets/README.md and, per row, in the `provenance` column of states.csv.

After writing, the script re-reads states.csv and checks the planning section of
model.yaml for feasibility (SPEC section 5): eligibility per region, never-visited
and follow-up pools, and the cheapest feasible list against the budget.  It exits 1
if any check fails.  `datasets/build/check_feasible.py` runs the same checks alone.
"""

import csv
import datetime as dt
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.dirname(HERE)
SRC = os.path.join(DATASETS, "sources")
OUT = os.path.join(DATASETS, "cycle-2023")

SEED = 20230101
AS_OF = dt.date(2023, 1, 1)
WGI_YEAR = 2021            # last WGI estimates published before AS_OF (2022 came out Sept 2023)
WGI_EVENTS_LAST_YEAR = 2021  # same vintage rule for the wgi_pv time series
UCDP_YEAR = 2022           # as asked by the brief; see README (UCDP v23.1 appeared mid-2023)
REPORTS_RECORDED_FROM = dt.date(2015, 1, 1)  # synthetic register keeps report dates from here
TARGET_VISITED = 112       # CTED: "182 visits to 112 UN Member States ... as of September 2022"
GAP_THEMES = ["cft", "border_ftf", "criminal_justice", "intl_cooperation",
              "incitement", "human_rights", "organised_crime"]
GAP_MISSING_SHARE = 0.03

# Planning constraints written into model.yaml and checked below.
PLANNING = {
    "visits": 12,
    "budget": 500,
    "cost": {"comprehensive": 45, "follow-up": 20},
    "comprehensive_after_years": 5,
    "cooldown_years": 2,
    "consent": ["given", "pending", "unknown"],
    "regions": {  # ordered as written
        "Africa": {"min": 3},
        "Americas": {"min": 1},
        "Asia": {"min": 2},
        "Europe": {"max": 3},
        "Oceania": {"max": 2},
    },
    "never_visited_min": 3,
    "followups_min": 1,
    "followup_months": 12,
    "reserve": 5,
}
REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania"]


# --------------------------------------------------------------------------- helpers

def fmt(x):
    """6 significant digits, never exponent notation, no trailing zeros."""
    if x is None:
        return ""
    if x == 0:
        return "0"
    s = format(x, ".6g")
    if "e" in s or "E" in s:
        digits = max(0, 6 - 1 - int(math.floor(math.log10(abs(x)))))
        s = format(x, ".%df" % digits)
        if "." in s:
            s = s.rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return s


def read_csv(name):
    with open(os.path.join(SRC, name), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
    os.replace(tmp, path)


def write_text(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="\n", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def add_months(d, k, day=None):
    m0 = d.month - 1 + k
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return dt.date(y, m, day if day is not None else min(d.day, 28))


def parse_spec_date(s):
    """Date as SPEC section 2 reads it: YYYY-MM-DD, or YYYY read as YYYY-07-01."""
    s = s.strip()
    if not s:
        return None
    if len(s) == 4:
        return dt.date(int(s), 7, 1)
    return dt.date.fromisoformat(s)


def years_between(a, b):
    return (b - a).days / 365.25


def mean(xs):
    return sum(xs) / len(xs)


def pop_sd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / len(xs))


def standardise(values):
    """dict id -> value or None  ->  dict id -> z or None (population sd)."""
    present = [v for v in values.values() if v is not None]
    m, s = mean(present), pop_sd(present)
    return {k: (None if v is None else (v - m) / s) for k, v in values.items()}


# --------------------------------------------------------------------------- sources

# UNTERM writes the article a short name takes in running text after it, in parentheses:
# "Netherlands (the)", "Pays-Bas (les)", "Países Bajos (los)".  The UN's list of Member States
# and its tables use the name without it, as `name`, `name_fr` and `name_es` do.  Only these
# articles are removed; "(Plurinational State of)" and its like are part of the name.
UNTERM_ARTICLES = {"the", "le", "la", "les", "l'", "el", "los", "las"}


def without_article(short_name):
    """A UNTERM short name without its trailing article marker: 'Sudan (the)' -> 'Sudan'."""
    head, sep, tail = short_name.rpartition(" (")
    if sep and tail.endswith(")") and tail[:-1] in UNTERM_ARTICLES:
        return head
    return short_name


def load_members():
    """The 193 Member States, named by their UNTERM short names in English (from
    un_member_states_193.csv, whose `unterm_short` the compilers filled by hand for CIV and
    TUR, blank in their snapshot) and in French and Spanish (from country-codes.csv, copied
    unchanged; blank there for CIV and TUR, so left empty: no name is made up)."""
    rows = read_csv("un_member_states_193.csv")
    other = {r["ISO3166-1-Alpha-3"]: r for r in read_csv("country-codes.csv")}
    states = {}
    for r in rows:
        sub = r["intermediate_region_name"] or r["sub_region_name"]
        codes = other[r["iso3"]]
        # The two files must agree wherever the snapshot has an English short name.
        if codes["UNTERM English Short"]:
            assert codes["UNTERM English Short"] == r["unterm_short"], r["iso3"]
        states[r["iso3"]] = {
            "id": r["iso3"], "name": without_article(r["unterm_short"]),
            "name_fr": without_article(codes["UNTERM French Short"]),
            "name_es": without_article(codes["UNTERM Spanish Short"]),
            "region": r["region_name"], "subregion": sub, "sids": r["sids"] == "1",
            "hand_filled": bool(r["note"]),
        }
    assert len(states) == 193, len(states)
    return states


def name_provenance(state):
    """What the provenance column says of a State's three names."""
    if state["hand_filled"]:
        return ("name filled by hand (UNTERM cells blank in the source snapshot); "
                "name_fr and name_es MISSING (blank in the source)")
    return "name, name_fr, name_es REAL (UNTERM short names, article marker removed)"


def load_wgi(ids):
    est = {}  # (iso3, dim, year) -> float
    for r in read_csv("wgi_un_members_tidy_1996-2022.csv"):
        if r["iso3"] in ids and r["estimate"].strip():
            est[(r["iso3"], r["dimension"], int(r["year"]))] = float(r["estimate"])
    return est


def load_ucdp(ids):
    out = {}
    for r in read_csv("ucdp_acd_v23_1_member_state_year_2000-2022.csv"):
        if r["iso3"] in ids:
            out[(r["iso3"], int(r["year"]))] = int(r["conflicts_on_territory"])
    return out


INFORM_COLS = {
    "inform_human_hazard": "Human",
    "inform_conflict_intensity": "Current Conflict Intensity",
    "inform_governance": "Governance",
    "inform_lack_coping_capacity": "LACK OF COPING CAPACITY",
}


def load_inform(ids):
    out = {}
    for r in read_csv("inform_risk_2025_v070_scores.csv"):
        if r["ISO3"] in ids:
            out[r["ISO3"]] = {k: (float(r[c]) if r[c].strip() not in ("", "x") else None)
                              for k, c in INFORM_COLS.items()}
    return out


def is_assessment(kind):
    k = kind.lower()
    return "not a country assessment" not in k and "not an assessment" not in k


def load_public_visits(ids):
    """Latest assessment-type visit before AS_OF per State, from the public partial list.

    Returns (visits, undated, after) where visits[iso3] = (date_string, date, kind, url,
    precision), undated = States reported as assessed before a date but without a date,
    after[iso3] = list of assessment visits reported on or after AS_OF (ignored as
    last_visit, but noted in the provenance)."""
    visits, undated, after = {}, {}, {}
    for r in read_csv("cted_visits_publicly_reported_PARTIAL.csv"):
        iso = r["iso3"]
        if iso not in ids or not is_assessment(r["visit_kind"]):
            continue
        prec = r["date_precision"]
        start, end, year = r["start_date"].strip(), r["end_date"].strip(), r["year"].strip()
        if prec == "day":
            s = start or end
            d = dt.date.fromisoformat(s)
        elif prec == "month":
            s = (start or end) + "-01"
            d = dt.date.fromisoformat(s)
        elif prec in ("year", "year-inferred", "year-approx"):
            s = year
            d = dt.date(int(year), 7, 1)
        elif prec.startswith("before-"):
            undated[iso] = (prec[len("before-"):], r["source_url"])
            continue
        else:
            raise SystemExit("unknown date precision %r" % prec)
        if d >= AS_OF:
            after.setdefault(iso, []).append(year)
            continue
        kind = "follow-up" if "follow-up" in r["visit_kind"].lower() else "comprehensive"
        cur = visits.get(iso)
        if cur is None or d > cur[1]:
            visits[iso] = (s, d, kind, r["source_url"], prec)
    for iso in visits:
        undated.pop(iso, None)
    return visits, undated, after


# --------------------------------------------------------------------------- synthesis

def synth_visits(states, inform, public, undated, after):
    """last_visit / last_visit_type for every State. Returns dict id -> record."""
    rng = random.Random(SEED + 1)
    rec = {}
    for iso in sorted(states):
        rec[iso] = {"last_visit": "", "date": None, "type": "", "prov": []}
    for iso in sorted(public):
        s, d, kind, url, prec = public[iso]
        rec[iso].update(last_visit=s, date=d, type=kind)
        rec[iso]["prov"].append(
            "last_visit and type REAL: latest assessment-type visit before 2023 in public "
            "CTED reports (%s precision; %s); earlier or later unreported visits may exist" % (prec, url))

    # States known (from public reports) to have been visited, but without a usable date
    # before AS_OF: visited for certain, date synthetic.
    forced_visited = {}
    for iso, (bound, url) in sorted(undated.items()):
        forced_visited[iso] = dt.date.fromisoformat(bound + "-01")
    # Chad: a 'follow-up' country assessment visit in 2025 implies an earlier visit.
    for iso in ("TCD",):
        if iso not in public and iso not in forced_visited:
            forced_visited[iso] = AS_OF
    # Benin: first assessment visit reported in 2023, so never visited at AS_OF.
    forced_never = {"BEN"}

    year_w = {2006: 2, 2007: 2, 2008: 3, 2009: 3, 2010: 3, 2011: 3, 2012: 4, 2013: 4,
              2014: 5, 2015: 5, 2016: 6, 2017: 6, 2018: 6, 2019: 6, 2020: 2, 2021: 3, 2022: 4}

    def draw_date(before):
        while True:
            ys = [y for y in sorted(year_w) if dt.date(y, 1, 2) < before]
            y = rng.choices(ys, weights=[year_w[v] for v in ys])[0]
            m = rng.randint(1, 11 if y == 2022 else 12)
            d = dt.date(y, m, rng.randint(2, 28))
            if d < before:
                return d

    def draw_type(d):
        return "follow-up" if d.year >= 2012 and rng.random() < 0.4 else "comprehensive"

    for iso in sorted(forced_visited):
        d = draw_date(forced_visited[iso])
        rec[iso].update(last_visit=d.isoformat(), date=d, type=draw_type(d))
        if iso in undated:
            rec[iso]["prov"].append(
                "visited REAL (public report: assessed before %s); last_visit date and type "
                "SYNTHETIC" % undated[iso][0])
        else:
            rec[iso]["prov"].append(
                "visited before 2023 inferred from a later public 'follow-up' report; last_visit "
                "date and type SYNTHETIC")

    n_known = sum(1 for r in rec.values() if r["date"] is not None)
    n_syn = TARGET_VISITED - n_known
    region_w = {"Africa": 1.3, "Asia": 1.3, "Europe": 1.0, "Americas": 0.8, "Oceania": 0.4}
    keys = []
    for iso in sorted(states):
        if rec[iso]["date"] is not None or iso in forced_never:
            continue
        st = states[iso]
        w = region_w[st["region"]] * (0.5 if st["sids"] else 1.0)
        ci = (inform.get(iso) or {}).get("inform_conflict_intensity")
        w *= 1.0 + 0.08 * (ci or 0.0)
        u = rng.random()
        keys.append((u ** (1.0 / w), iso))   # Efraimidis-Spirakis weighted sampling
    keys.sort(reverse=True)
    chosen = sorted(iso for _, iso in keys[:n_syn])
    for iso in chosen:
        d = draw_date(AS_OF)
        rec[iso].update(last_visit=d.isoformat(), date=d, type=draw_type(d))
        rec[iso]["prov"].append("last_visit and type SYNTHETIC (calibration to 112 States visited by late 2022)")
    for iso in sorted(states):
        r = rec[iso]
        if r["date"] is None:
            if iso in forced_never:
                r["prov"].append("never visited at 2023-01-01 REAL (first assessment visit publicly reported in 2023)")
            else:
                r["prov"].append("never visited SYNTHETIC (not in the partial public list; calibration)")
        if iso in after and iso not in forced_never:
            r["prov"].append("a %s visit is publicly reported (after as_of, ignored)" % "/".join(sorted(set(after[iso]))))
    return rec


def synth_reports(rec):
    """report_submitted: 3-9 months after the last visit (15% take 12-30 months); empty when
    that date is after AS_OF (not yet submitted) or the visit predates REPORTS_RECORDED_FROM."""
    rng = random.Random(SEED + 2)
    for iso in sorted(rec):
        r = rec[iso]
        if r["date"] is None:
            r["report"] = ""
            continue
        if r["date"] < REPORTS_RECORDED_FROM:
            # Older assessments: report date not recorded in this synthetic register, so
            # followup-due stays 0 (SPEC 3 sets no upper age on a due follow-up).
            r["report"] = ""
            continue
        if rng.random() < 0.15:
            delay = rng.randint(12, 30)     # slow drafting / review (work programme para. 7)
        else:
            delay = rng.randint(3, 9)
        rep = add_months(r["date"], delay, day=15)
        r["report"] = rep.isoformat() if rep <= AS_OF else ""


def synth_consent(states, rec):
    rng = random.Random(SEED + 3)
    ids = sorted(states)
    requested = set(rng.sample(ids, round(0.10 * len(ids))))
    rest = [i for i in ids if i not in requested]
    rng.shuffle(rest)
    refused = set(rest[:9])
    pending = set(rest[9:23])
    for iso in ids:
        r = rec[iso]
        r["requested"] = iso in requested
        if iso in requested:
            r["consent"] = "given"
        elif iso in refused:
            r["consent"] = "refused"
        elif iso in pending:
            r["consent"] = "pending"
        else:
            p_given = 0.5 if r["date"] is not None else 0.2
            r["consent"] = "given" if rng.random() < p_given else "unknown"



# --------------------------------------------------------------------------- history

HISTORY_COLUMNS = ["date", "id", "kind", "detail", "note", "provenance", "source"]
KIND_ORDER = {"visit": 0, "report-submitted": 1, "state-request": 2, "consent": 3}


def random_day(rng, lo, hi):
    """A day drawn uniformly in [lo, hi]."""
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def synth_history(rec, public):
    """The engagement history of every State as ledger events (SPEC section 9), from which the
    engagement columns of states.csv follow at AS_OF.  Rows: [date, id, kind, detail, note,
    provenance, source]; provenance `real` for a visit of the public partial list (source: its
    URL), `synthetic` otherwise (source: this script and its seed).  The consent and request
    dates are drawn from their own stream (SEED + 5), so the other columns do not move."""
    rng = random.Random(SEED + 5)
    syn_src = "datasets/build/derive_cycle.py (seed %d)" % SEED
    last_day = AS_OF - dt.timedelta(days=1)
    rows = []
    for iso in sorted(rec):
        r = rec[iso]
        visit = parse_spec_date(r["last_visit"])
        if visit is not None:
            if iso in public:
                s, d, kind, url, prec = public[iso]
                note = "date precision %s" % prec
                if len(r["last_visit"]) == 4:
                    note += "; the year %s read as %s (SPEC section 2)" % (r["last_visit"], visit.isoformat())
                rows.append([visit.isoformat(), iso, "visit", r["type"], note, "real", url])
            else:
                rows.append([visit.isoformat(), iso, "visit", r["type"], "", "synthetic", syn_src])
        if r["report"]:
            rows.append([r["report"], iso, "report-submitted", "", "", "synthetic", syn_src])
        lo = max(visit + dt.timedelta(days=1), AS_OF - dt.timedelta(days=3 * 365)) if visit else AS_OF - dt.timedelta(days=3 * 365)
        assert lo <= last_day, iso
        answered = lo
        if r["requested"]:
            asked = random_day(rng, lo, last_day)
            rows.append([asked.isoformat(), iso, "state-request", "", "", "synthetic", syn_src])
            answered = asked
        if r["consent"] != "unknown":
            rows.append([random_day(rng, answered, last_day).isoformat(), iso, "consent", r["consent"], "",
                         "synthetic", syn_src])
    rows.sort(key=lambda row: (row[0], row[1], KIND_ORDER[row[2]]))
    return rows


def facts_from_history(rows, as_of=AS_OF):
    """The engagement columns derived from history rows by the rules of SPEC section 9
    (no corrections and no consent_valid_years in the shipped history)."""
    facts = {}
    for date, iso, kind, detail, _note, _prov, _src in rows:     # already in date order
        if dt.date.fromisoformat(date) > as_of:
            continue
        f = facts.setdefault(iso, {"last_visit": None, "type": "", "report": "", "consent": "unknown",
                                   "requests": []})
        if kind == "visit":
            f["last_visit"], f["type"] = dt.date.fromisoformat(date), detail
        elif kind == "report-submitted":
            f["report"] = date
        elif kind == "consent":
            f["consent"] = detail
        elif kind == "state-request":
            f["requests"].append(dt.date.fromisoformat(date))
    for f in facts.values():
        f["requested"] = any(f["last_visit"] is None or d > f["last_visit"] for d in f["requests"])
    return facts


def check_history(rec, rows):
    """Exits 1 unless the history gives back every engagement column of rec at AS_OF (a year
    alone in last_visit stands for YYYY-07-01, SPEC section 2)."""
    facts = facts_from_history(rows)
    empty = {"last_visit": None, "type": "", "report": "", "consent": "unknown", "requested": False}
    bad = []
    for iso in sorted(rec):
        r, f = rec[iso], facts.get(iso, empty)
        want = (parse_spec_date(r["last_visit"]), r["type"], r["report"], r["consent"], r["requested"])
        got = (f["last_visit"], f["type"], f["report"], f["consent"], f["requested"])
        if want != got:
            bad.append("%s: states.csv %s, history %s" % (iso, want, got))
    if bad:
        raise SystemExit("history.csv does not give back states.csv:\n" + "\n".join(bad))


def synth_gaps(ids, wgi, inform, ucdp):
    """Synthetic thematic implementation-gap ratings on a 0-5 scale (higher = bigger gap).

    latent_i = mean of the available standardised values of -WGI GE 2021, -WGI RL 2021 and
    INFORM Governance; extra conflict term for border/FTF and organised crime;
    gap = clamp(2.5 + a_t * latent + b_t * conflict_z + N(0, 0.6), 0, 5), rounded to 0.1.
    Then 3% of cells (exact count, seeded sample) are blanked to exercise missing-data rules.
    """
    rng = random.Random(SEED + 4)
    ge = standardise({i: (-wgi[(i, "GE", WGI_YEAR)] if (i, "GE", WGI_YEAR) in wgi else None) for i in ids})
    rl = standardise({i: (-wgi[(i, "RL", WGI_YEAR)] if (i, "RL", WGI_YEAR) in wgi else None) for i in ids})
    gv = standardise({i: (inform.get(i) or {}).get("inform_governance") for i in ids})
    cz = standardise({i: math.log1p(ucdp.get((i, UCDP_YEAR), 0)) for i in ids})
    load = {"cft": (0.9, 0.0), "border_ftf": (0.8, 0.3), "criminal_justice": (1.0, 0.0),
            "intl_cooperation": (0.7, 0.0), "incitement": (0.6, 0.2), "human_rights": (0.9, 0.1),
            "organised_crime": (0.8, 0.2)}
    gaps = {}
    for i in ids:
        comps = [v for v in (ge[i], rl[i], gv[i]) if v is not None]
        latent = mean(comps)
        for t in GAP_THEMES:
            a, b = load[t]
            x = 2.5 + a * latent + b * cz[i] + rng.gauss(0.0, 0.6)
            x = min(5.0, max(0.0, x))
            gaps[(i, t)] = "%.1f" % x
    cells = [(i, t) for i in ids for t in GAP_THEMES]
    for c in rng.sample(cells, round(GAP_MISSING_SHARE * len(cells))):
        gaps[c] = ""
    return gaps


# --------------------------------------------------------------------------- model.yaml

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def model_yaml():
    P = PLANNING
    L = []
    a = L.append
    a("# visitplan model for the demonstration cycle 2023 (written by datasets/build/derive_cycle.py).")
    a("# Indicators are public PROXIES for governance, conflict and stability, not measures of")
    a("# counter-terrorism implementation; synthetic_gap_* columns are SYNTHETIC. See datasets/README.md.")
    a("name: " + q("CTED demonstration cycle 2023 (public proxies and synthetic gaps)"))
    a("as_of: " + AS_OF.isoformat())
    a("scoring:")
    a("  aggregation: arithmetic")
    a("  normalisation: minmax")
    a("  missing: reweight")
    a("  criteria:")

    def node(ind, id_, name, weight, rationale):
        a(ind + "- id: " + id_)
        a(ind + "  name: " + q(name))
        a(ind + "  weight: " + fmt(weight))
        a(ind + "  rationale: " + q(rationale))
        a(ind + "  criteria:")

    def leaf(ind, id_, name, weight, rationale, **kv):
        a(ind + "- id: " + id_)
        a(ind + "  name: " + q(name))
        for k, v in kv.items():
            if k in ("indicator", "signal", "engagement"):
                a(ind + "  %s: %s" % (k, v))
        a(ind + "  weight: " + fmt(weight))
        a(ind + "  rationale: " + q(rationale))
        for k, v in kv.items():
            if k in ("indicator", "signal", "engagement"):
                continue
            if isinstance(v, bool):
                v = "true" if v else "false"
            elif isinstance(v, (list, tuple)):
                v = "[" + ", ".join(fmt(x) for x in v) + "]"
            elif isinstance(v, (int, float)):
                v = fmt(v)
            a(ind + "  %s: %s" % (k, v))

    i2, i3 = "    ", "        "
    node(i2, "gaps", "Implementation gaps", 40,
         "Core of the mandate: WP para. 6 asks for a risk-based approach that acknowledges existing "
         "gaps. SYNTHETIC thematic ratings stand in for CTED's confidential assessments.")
    gp = dict(direction="risk", normalisation="goalposts", goalposts=[0, 5])
    leaf(i3, "gap_cft", "Countering the financing of terrorism", 1.25,
         "Financing is named first among the most concerning trends (WP para. 19; res. 2462).",
         indicator="synthetic_gap_cft", **gp)
    leaf(i3, "gap_border_ftf", "Border security and foreign terrorist fighters", 1.25,
         "FTF returnees and relocators remain an evolving threat (WP para. 11; res. 2178, 2396).",
         indicator="synthetic_gap_border_ftf", **gp)
    leaf(i3, "gap_criminal_justice", "Criminal justice and prosecution", 1,
         "Baseline requirement of res. 1373 on which most assessment recommendations rest.",
         indicator="synthetic_gap_criminal_justice", **gp)
    leaf(i3, "gap_intl_cooperation", "International cooperation", 0.75,
         "Promotion of international cooperation (WP para. 18); weighted lower as it depends on partners.",
         indicator="synthetic_gap_intl_cooperation", **gp)
    leaf(i3, "gap_incitement", "Countering incitement and terrorist narratives", 0.75,
         "Res. 1624 dialogue and the counter-narratives framework (WP paras. 35-36).",
         indicator="synthetic_gap_incitement", **gp)
    leaf(i3, "gap_human_rights", "Human rights and rule of law in counter-terrorism", 1,
         "Promoting respect for human rights in counter-terrorism (WP para. 39); the rating "
         "is marked confidential, as a State may ask.",
         indicator="synthetic_gap_human_rights", confidential=True, **gp)
    leaf(i3, "gap_organised_crime", "Terrorism and organised-crime nexus", 0.75,
         "Nexus with transnational organised crime (WP para. 19; res. 2195, 2482); evidence is thinner.",
         indicator="synthetic_gap_organised_crime", **gp)

    node(i2, "threat", "Threat level and emerging trends", 35,
         "WP para. 6 asks to acknowledge emerging issues, trends and events; public conflict and "
         "stability data are the only open PROXIES for threat.")
    leaf(i3, "political_stability", "Political stability and absence of violence/terrorism (WGI 2021)", 1,
         "The WGI dimension closest to terrorism risk; last estimate published before as_of.",
         indicator="wgi_pv_%d" % WGI_YEAR, direction="protective")
    leaf(i3, "conflict_intensity", "Current conflict intensity (INFORM)", 1,
         "Conflict settings are where terrorist groups operate; rank-normalised because most "
         "States score 0. Missing micro-States take their region's mean.",
         indicator="inform_conflict_intensity", direction="risk", normalisation="rank",
         missing="region-mean")
    leaf(i3, "human_hazard", "Human hazard (INFORM)", 0.75,
         "Projected conflict probability and intensity together; overlaps conflict_intensity, "
         "hence a lower weight.",
         indicator="inform_human_hazard", direction="risk", missing="region-mean")
    leaf(i3, "armed_conflicts", "Armed conflicts on the territory (UCDP 2022)", 1,
         "Count of state-based armed conflicts; log transform because a few States host several.",
         indicator="ucdp_conflicts_%d" % UCDP_YEAR, direction="risk", transform="log")
    leaf(i3, "conflicts_trend", "Trend in armed conflicts 2018-2022", 0.75,
         "Emerging trends (WP para. 6): a rising number of conflicts raises priority.",
         signal="trend", indicator="conflicts", direction="risk", window=5, fill="zero")
    leaf(i3, "conflicts_anomaly", "New conflict activity in 2022 against 2018-2021", 0.5,
         "Events (WP para. 6): a jump in the latest year; winsorised because the ratio explodes "
         "when the earlier years were almost constant.",
         signal="anomaly", indicator="conflicts", direction="risk", window=5, fill="zero",
         winsorise=[0.02, 0.98])
    leaf(i3, "stability_trend", "Trend in political stability (WGI, to 2021)", 0.5,
         "Improving stability lowers priority; short series, so a small weight.",
         signal="trend", indicator="wgi_pv", direction="protective", window=5, fill="missing")

    node(i2, "engagement", "Engagement with the State", 25,
         "WP para. 6: prior requests, consent previously expressed and the States never visited; "
         "paras. 7 and 9: follow-up of assessments.")
    leaf(i3, "never_visited", "Never visited", 1,
         "WP para. 6 names 'the fact that a number of Member States have never been visited'.",
         engagement="never-visited", direction="risk", normalisation="none")
    leaf(i3, "years_since_visit", "Years since last visit (cap 10)", 0.75,
         "Older assessments are stale; capped at 10 years, the age at which none of the "
         "earlier findings can be relied on.",
         engagement="years-since-visit", direction="risk", cap=10, normalisation="goalposts",
         goalposts=[0, 10])
    leaf(i3, "prior_request", "State requested a visit", 0.75,
         "WP para. 6: 'taking into account prior requests by Member States'.",
         engagement="prior-request", direction="risk", normalisation="none")
    leaf(i3, "consent", "Consent previously expressed", 0.5,
         "WP para. 6: 'consent previously expressed'; a visit needs consent, so likelier consent "
         "raises priority (default levels).",
         engagement="consent", direction="risk", normalisation="none")
    leaf(i3, "followup_due", "Follow-up of recommendations due", 0.75,
         "WP para. 9: recommendations are followed up within 12 months of the report; para. 7: "
         "targeted follow-up visits complement comprehensive assessments.",
         engagement="followup-due", direction="risk", normalisation="none", months=12)

    a("planning:")
    a("  visits: %d" % P["visits"])
    a("  budget: %d" % P["budget"])
    a("  cost: {comprehensive: %d, follow-up: %d}" % (P["cost"]["comprehensive"], P["cost"]["follow-up"]))
    a("  comprehensive_after_years: %d" % P["comprehensive_after_years"])
    a("  cooldown_years: %d" % P["cooldown_years"])
    a("  consent: [" + ", ".join(P["consent"]) + "]")
    a("  regions:")
    for r, b in P["regions"].items():
        a("    %s: {%s}" % (r, ", ".join("%s: %d" % kv for kv in b.items())))
    a("  never_visited_min: %d" % P["never_visited_min"])
    a("  followups_min: %d" % P["followups_min"])
    a("  reserve: %d" % P["reserve"])
    a("sensitivity:")
    a("  samples: 10000")
    a("  seed: 2023")
    a("  weights: {perturb: uniform, spread: 0.25}")
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------- checks

def load_written_states(folder):
    with open(os.path.join(folder, "states.csv"), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def eligibility(rows, as_of=AS_OF, P=PLANNING):
    """Per SPEC section 5. Returns list of dicts with the derived planning facts."""
    out = []
    cutoff_report = add_months(as_of, -P["followup_months"], day=as_of.day)
    for r in rows:
        lv = parse_spec_date(r["last_visit"])
        rep = parse_spec_date(r["report_submitted"])
        ysv = None if lv is None else years_between(lv, as_of)
        fu_due = int(rep is not None and rep <= cutoff_report and (lv is None or lv <= rep))
        vtype = "follow-up" if (fu_due and lv is not None and ysv <= P["comprehensive_after_years"]) else "comprehensive"
        reasons = []
        if ysv is not None and ysv < P["cooldown_years"]:
            reasons.append("cooldown")
        if r["consent"] not in P["consent"]:
            reasons.append("consent")
        out.append({"id": r["id"], "region": r["region"], "never": lv is None, "ysv": ysv,
                    "followup_due": fu_due, "type": vtype, "eligible": not reasons,
                    "why": reasons, "lv": lv, "rep": rep})
    return out


def boundary_warnings(el, as_of=AS_OF, P=PLANNING):
    """Dates within 7 days of a threshold, where day-count conventions could disagree."""
    w = []
    cut_rep = add_months(as_of, -P["followup_months"], day=as_of.day)
    for e in el:
        if e["lv"] is not None:
            for yrs in (P["cooldown_years"], P["comprehensive_after_years"]):
                b = dt.date(as_of.year - yrs, as_of.month, as_of.day)
                if abs((e["lv"] - b).days) <= 7:
                    w.append("%s last_visit %s near %s" % (e["id"], e["lv"], b))
        if e["rep"] is not None and abs((e["rep"] - cut_rep).days) <= 7:
            w.append("%s report_submitted %s near %s" % (e["id"], e["rep"], cut_rep))
    return w


def cheapest_feasible(el, P=PLANNING):
    """Exact minimum cost of a list of exactly `visits` eligible candidates meeting the
    regional bounds, never_visited_min and followups_min (DP over regions and over
    (count, never, follow-up) with never/follow-up counts capped at their minimum).
    Returns (min_cost, composition) or (None, None)."""
    V, NV, FU = P["visits"], P["never_visited_min"], P["followups_min"]
    cc, cf = P["cost"]["comprehensive"], P["cost"]["follow-up"]
    pools = {}
    for e in el:
        if not e["eligible"]:
            continue
        k = "never" if e["never"] else ("fu" if e["type"] == "follow-up" else "comp")
        pools.setdefault(e["region"], {"never": 0, "comp": 0, "fu": 0})[k] += 1
    regions = sorted(set(REGIONS) | set(pools))
    # state: (count, never_capped, fu_capped) -> (cost, composition tuple)
    dp = {(0, 0, 0): (0, ())}
    for reg in regions:
        pool = pools.get(reg, {"never": 0, "comp": 0, "fu": 0})
        b = P["regions"].get(reg, {})
        lo, hi = b.get("min", 0), b.get("max", V)
        nd = {}
        for (n, nv, fu), (cost, comp) in dp.items():
            for a_ in range(pool["never"] + 1):
                for b_ in range(pool["comp"] + 1):
                    for c_ in range(pool["fu"] + 1):
                        k = a_ + b_ + c_
                        if k < lo or k > hi or n + k > V:
                            continue
                        key = (n + k, min(NV, nv + a_), min(FU, fu + c_))
                        val = (cost + (a_ + b_) * cc + c_ * cf, comp + ((reg, a_, b_, c_),))
                        if key not in nd or val < nd[key]:
                            nd[key] = val
        dp = nd
    best = dp.get((V, NV, FU))
    return (best if best else (None, None))


def run_checks(folder=OUT, verbose=True):
    ok = True
    rows = load_written_states(folder)
    ids = [r["id"] for r in rows]

    def fail(msg):
        nonlocal ok
        ok = False
        print("FAIL: " + msg)

    if len(ids) != 193 or len(set(ids)) != 193:
        fail("expected 193 unique ids, got %d (%d unique)" % (len(ids), len(set(ids))))
    if any(len(i) != 3 or not i.isupper() for i in ids):
        fail("non-ISO3 id")
    if sorted(set(r["region"] for r in rows)) != REGIONS:
        fail("regions: %s" % sorted(set(r["region"] for r in rows)))
    for r in rows:
        d = parse_spec_date(r["last_visit"])
        if d is not None and d > AS_OF:
            fail("%s last_visit %s after as_of" % (r["id"], r["last_visit"]))
        rp = parse_spec_date(r["report_submitted"])
        if rp is not None and (rp > AS_OF or d is None or rp < d):
            fail("%s report_submitted %s inconsistent" % (r["id"], r["report_submitted"]))
        if r["consent"] not in ("given", "pending", "refused", "unknown"):
            fail("%s consent %r" % (r["id"], r["consent"]))
        if r["requested_visit"] not in ("true", "false"):
            fail("%s requested_visit %r" % (r["id"], r["requested_visit"]))
        if r["last_visit_type"] not in ("", "comprehensive", "follow-up") or bool(r["last_visit_type"]) != bool(r["last_visit"]):
            fail("%s last_visit_type %r" % (r["id"], r["last_visit_type"]))
    with open(os.path.join(folder, "indicators.csv"), newline="", encoding="utf-8") as f:
        ind = list(csv.DictReader(f))
    idset = set(ids)
    for n, r in enumerate(ind, start=2):
        if r["id"] not in idset:
            fail("indicators.csv:%d id %s not in states.csv" % (n, r["id"]))
        for k, v in r.items():
            if k != "id" and v != "":
                try:
                    float(v)
                except ValueError:
                    fail("indicators.csv:%d %s=%r not numeric" % (n, k, v))
    with open(os.path.join(folder, "events.csv"), newline="", encoding="utf-8") as f:
        ev = list(csv.DictReader(f))
    seen = set()
    for n, r in enumerate(ev, start=2):
        key = (r["id"], r["indicator"], r["period"])
        if key in seen:
            fail("events.csv:%d duplicate %s" % (n, key))
        seen.add(key)
        if r["id"] not in idset or len(r["period"]) != 4:
            fail("events.csv:%d bad row" % n)
        float(r["value"])

    el = eligibility(rows)
    for w in boundary_warnings(el):
        fail("date too close to a threshold (convention-dependent): " + w)
    P = PLANNING
    visited = sum(1 for e in el if not e["never"])
    never = len(el) - visited
    fu_due = sum(e["followup_due"] for e in el)
    if verbose:
        print("States: %d; visited by as_of: %d; never visited: %d; followup-due=1: %d; "
              "visit type follow-up: %d" % (len(el), visited, never, fu_due,
                                            sum(1 for e in el if e["type"] == "follow-up")))
        print("Ineligible: cooldown %d, consent %d (States may have both)" % (
            sum("cooldown" in e["why"] for e in el), sum("consent" in e["why"] for e in el)))
        print("%-9s %5s %8s %14s %13s %10s  bound" % ("region", "all", "eligible", "never-visited",
                                                      "comprehensive", "follow-up"))
    tot = {"elig": 0, "never": 0, "fu": 0}
    for reg in REGIONS:
        er = [e for e in el if e["region"] == reg]
        eg = [e for e in er if e["eligible"]]
        nv = sum(e["never"] for e in eg)
        fu = sum(e["type"] == "follow-up" for e in eg)
        tot["elig"] += len(eg); tot["never"] += nv; tot["fu"] += fu
        b = P["regions"].get(reg, {})
        if verbose:
            print("%-9s %5d %8d %14d %13d %10d  %s" % (reg, len(er), len(eg), nv, len(eg) - fu, fu,
                                                        ", ".join("%s %d" % kv for kv in b.items())))
        if len(eg) < b.get("min", 0):
            fail("%s: %d eligible < min %d" % (reg, len(eg), b["min"]))
    if verbose:
        print("%-9s %5d %8d %14d %13d %10d" % ("total", len(el), tot["elig"], tot["never"],
                                              tot["elig"] - tot["fu"], tot["fu"]))
    if tot["elig"] < P["visits"] + P["reserve"]:
        fail("only %d eligible for %d visits + %d reserve" % (tot["elig"], P["visits"], P["reserve"]))
    if tot["never"] < P["never_visited_min"]:
        fail("never-visited pool %d < %d" % (tot["never"], P["never_visited_min"]))
    if tot["fu"] < P["followups_min"]:
        fail("follow-up pool %d < %d" % (tot["fu"], P["followups_min"]))
    cost, comp = cheapest_feasible(el)
    cc, cf = P["cost"]["comprehensive"], P["cost"]["follow-up"]
    if cost is None:
        fail("no list of %d satisfies regions/never-visited/follow-up constraints" % P["visits"])
    else:
        if verbose:
            print("Cheapest feasible list: cost %d <= budget %d%s; composition %s" % (
                cost, P["budget"], "" if cost <= P["budget"] else " (NOT WITHIN BUDGET)",
                "; ".join("%s never %d comp %d fu %d" % c for c in comp if sum(c[1:]))))
        if cost > P["budget"]:
            fail("cheapest feasible list costs %d > budget %d" % (cost, P["budget"]))
        need = min(k for k in range(P["visits"] + 1)
                   if (P["visits"] - k) * cc + k * cf <= P["budget"])
        if verbose:
            print("Budget %d needs at least %d follow-up visits among %d (all-comprehensive "
                  "list %d; followups_min alone gives %d): the budget binds whenever the "
                  "top-scoring list has fewer." % (P["budget"], need, P["visits"], P["visits"] * cc,
                                                   (P["visits"] - P["followups_min"]) * cc + P["followups_min"] * cf))
        if need > tot["fu"]:
            fail("budget needs %d follow-ups, only %d eligible" % (need, tot["fu"]))
    print("checks: " + ("OK" if ok else "FAILED"))
    return ok


# --------------------------------------------------------------------------- main

def main():
    # `--output DIR` writes the cycle elsewhere (the tests use it to check that the shipped
    # files are reproduced byte for byte); by default it rewrites datasets/cycle-2023.
    global OUT
    if len(sys.argv) == 3 and sys.argv[1] == "--output":
        OUT = os.path.abspath(sys.argv[2])
    elif len(sys.argv) != 1:
        print("usage: derive_cycle.py [--output DIR]", file=sys.stderr)
        return 2
    states = load_members()
    ids = sorted(states)
    idset = set(ids)
    wgi = load_wgi(idset)
    ucdp = load_ucdp(idset)
    inform = load_inform(idset)
    public, undated, after = load_public_visits(idset)

    rec = synth_visits(states, inform, public, undated, after)
    synth_reports(rec)
    synth_consent(states, rec)
    gaps = synth_gaps(ids, wgi, inform, ucdp)
    history = synth_history(rec, public)
    check_history(rec, history)

    os.makedirs(OUT, exist_ok=True)
    syn = "report_submitted, consent and requested_visit SYNTHETIC (seed %d)" % SEED
    srows = []
    for i in ids:
        s, r = states[i], rec[i]
        prov = ("id, region, subregion REAL (UN M49); " + name_provenance(s) + "; "
                + "; ".join(r["prov"]) + "; " + syn)
        srows.append([i, s["name"], s["name_fr"], s["name_es"], s["region"], s["subregion"],
                      r["last_visit"], r["type"], r["report"], r["consent"],
                      "true" if r["requested"] else "false", prov])
    write_csv(os.path.join(OUT, "states.csv"),
              ["id", "name", "name_fr", "name_es", "region", "subregion", "last_visit",
               "last_visit_type", "report_submitted", "consent", "requested_visit", "provenance"],
              srows)

    icols = ["wgi_pv_%d" % WGI_YEAR, "wgi_ge_%d" % WGI_YEAR, "wgi_rl_%d" % WGI_YEAR,
             "inform_human_hazard", "inform_conflict_intensity", "inform_governance",
             "inform_lack_coping_capacity", "ucdp_conflicts_%d" % UCDP_YEAR]
    gcols = ["synthetic_gap_" + t for t in GAP_THEMES]
    irows = []
    for i in ids:
        row = [i]
        for dim in ("PV", "GE", "RL"):
            row.append(fmt(wgi.get((i, dim, WGI_YEAR))))
        inf = inform.get(i) or {}
        for k in ("inform_human_hazard", "inform_conflict_intensity", "inform_governance",
                  "inform_lack_coping_capacity"):
            row.append(fmt(inf.get(k)))
        row.append(str(ucdp[(i, UCDP_YEAR)]))
        row += [gaps[(i, t)] for t in GAP_THEMES]
        irows.append(row)
    write_csv(os.path.join(OUT, "indicators.csv"), ["id"] + icols + gcols, irows)

    erows = []
    for i in ids:
        for y in range(2000, UCDP_YEAR + 1):
            erows.append([i, "conflicts", str(y), str(ucdp[(i, y)])])
        for y in range(1996, WGI_EVENTS_LAST_YEAR + 1):
            if (i, "PV", y) in wgi:
                erows.append([i, "wgi_pv", str(y), fmt(wgi[(i, "PV", y)])])
    write_csv(os.path.join(OUT, "events.csv"), ["id", "indicator", "period", "value"], erows)

    write_csv(os.path.join(OUT, "history.csv"), HISTORY_COLUMNS, history)

    write_text(os.path.join(OUT, "model.yaml"), model_yaml())

    print("wrote %s/{states.csv,history.csv,indicators.csv,events.csv,model.yaml}" % OUT)
    print("history.csv: %d events, %d real" % (len(history), sum(r[5] == "real" for r in history)))
    print("public visits used: %d States dated, %d undated; States with a post-as_of visit: %s" % (
        len(public), len(undated), ",".join(sorted(after))))
    return 0 if run_checks(OUT) else 1


if __name__ == "__main__":
    sys.exit(main())
