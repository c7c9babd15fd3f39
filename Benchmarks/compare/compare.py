#!/usr/bin/env python3
"""Side by side: visitplan against the tools analysts use today, on the same generated inputs.

Run through `make compare` (which creates .venv from requirements.txt). Every comparison runs in
this one process tree, one after the other, each side timed `--repeats` times; the tables report
medians. What is timed, on both sides, is the computation on data already in memory: the Swift
side is `visitplan-bench` (Benchmarks/compare/Driver), which loads the dataset folder untimed and then
times the library calls; the Python side loads the same files untimed and times the peer's calls.
Both sides use the machine's cores as they come: visitplan's default workers (one per core), and
numpy's bundled OpenBLAS with its default threads.

  SMAA     rank acceptability: visitplan vs a vectorised numpy SMAA-2 written here
  Sobol    first-order and total indices: visitplan vs SALib (same model, same N)
  MCDM     TOPSIS and weighted sum, 100,000 x 32: visitplan vs scikit-criteria and pymcdm
  planner  the annual list: visitplan (CBC through its C API) vs PuLP with its bundled CBC
  e2e      whole process, read files -> write the ranked list (TOPSIS 100,000 x 32):
           `visitplan score --format csv --output` vs pandas + pymcdm / pandas + scikit-criteria
           scripts (end_to_end.py), each a fresh process timed from outside, with peak memory

Usage: python compare.py [--repeats R] [--only smaa,sobol,mcdm,plan,e2e] [--quick] [--scaling]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
ROOT = BENCHMARKS.parent
WORK = HERE / ".work"
RESULTS = BENCHMARKS / "results"
SHIPPED = ROOT / "datasets" / "cycle-2023"
DRIVER = BENCHMARKS / ".build" / "release" / "visitplan-bench"

warnings.filterwarnings("ignore")


# MARK: Running the Swift side


def build_driver() -> None:
    print("building visitplan-bench (release)…", flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "visitplan-bench"],
                   cwd=BENCHMARKS, check=True, stdout=subprocess.DEVNULL)


def driver(*arguments: object) -> dict:
    command = [str(DRIVER), *map(str, arguments)]
    completed = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(completed.stdout)


def timed(repeats: int, body):
    """Runs body `repeats` times; returns the last result and the list of wall-clock seconds."""
    seconds, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = body()
        seconds.append(time.perf_counter() - start)
    return result, seconds


def med(values) -> float:
    return statistics.median(values)


# MARK: The criteria tree in numpy


class Tree:
    """The model's tree and normalised leaf values as exported by `visitplan-bench tree`:
    the same numbers the Swift side scores. Arithmetic nodes only, with `reweight`: a node
    averages its present children, weights renormalised over them (SPEC §3)."""

    def __init__(self, exported: dict):
        self.ids = exported["ids"]
        self.nodes = exported["nodes"]
        self.spread = exported["spread"]
        self.visits = exported["visits"]
        leaves = np.array([[np.nan if v is None else v for v in column] for column in exported["leaves"]])
        self.values = np.nan_to_num(leaves.T)              # candidates x leaves, missing as 0
        self.present = (~np.isnan(leaves.T)).astype(float)  # candidates x leaves
        self.nominal = np.array([1.0 if i == 0 else node["weight"] for i, node in enumerate(self.nodes)])
        self.children = {i: [] for i in range(len(self.nodes))}
        for i, node in enumerate(self.nodes):
            if node["parent"] is not None:
                self.children[node["parent"]].append(i)
        assert all(n["aggregation"] in ("arithmetic", "leaf") for n in self.nodes), "numpy side: arithmetic trees only"
        self.nominal_scores = np.array([np.nan if s is None else s for s in exported["nominal_scores"]])
        # Candidates in id order, so that a stable sort breaks ties by id as visitplan does.
        self.by_id = np.argsort(np.array(self.ids), kind="stable")

    @property
    def factors(self) -> list[str]:
        return [node["id"] for node in self.nodes[1:]]

    def scores(self, weights: np.ndarray) -> np.ndarray:
        """Scores (samples x candidates) for raw weight vectors (samples x nodes)."""
        value, present = self._node(0, weights)
        return 100 * np.where(present > 0, value, np.nan)

    def _node(self, index: int, weights: np.ndarray):
        children = self.children[index]
        leaves = [c for c in children if self.nodes[c]["leaf"] is not None]
        inner = [c for c in children if self.nodes[c]["leaf"] is None]
        columns = [self.nodes[c]["leaf"] for c in leaves]
        w = weights[:, leaves]                                     # samples x leaf children
        numerator = w @ (self.values[:, columns] * self.present[:, columns]).T
        denominator = w @ self.present[:, columns].T               # samples x candidates
        any_present = self.present[:, columns].max(axis=1) if columns else np.zeros(len(self.ids))
        for c in inner:
            value, present = self._node(c, weights)
            wc = weights[:, [c]]
            numerator += wc * np.where(present > 0, value, 0.0)
            denominator += wc * present
            any_present = np.maximum(any_present, present)
        with np.errstate(invalid="ignore", divide="ignore"):
            return numerator / denominator, any_present

    def ranks(self, scores: np.ndarray) -> np.ndarray:
        """1-based ranks (samples x candidates), descending score, ties by id, NaN last."""
        keyed = np.where(np.isnan(scores), -np.inf, scores)[:, self.by_id]
        order = self.by_id[np.argsort(-keyed, axis=1, kind="stable")]  # candidate at each position
        ranks = np.empty_like(order)
        rows = np.arange(order.shape[0])[:, None]
        ranks[rows, order] = np.arange(1, order.shape[1] + 1)
        return ranks


# MARK: SMAA


def numpy_smaa(tree: Tree, samples: int, seed: int, block: int = 4096) -> np.ndarray:
    """SMAA-2 rank acceptability, vectorised: a block of weight vectors at a time, scores by
    matrix products, ranks by one argsort per block, counts by one bincount per block."""
    rng = np.random.default_rng(seed)
    n = len(tree.ids)
    counts = np.zeros(n * n, dtype=np.int64)
    positions = np.arange(n)
    keyed_order = tree.by_id
    for start in range(0, samples, block):
        size = min(block, samples - start)
        weights = tree.nominal * rng.uniform(1 - tree.spread, 1 + tree.spread, size=(size, len(tree.nominal)))
        weights[:, 0] = 1
        scores = tree.scores(weights)
        keyed = np.where(np.isnan(scores), -np.inf, scores)[:, keyed_order]
        order = keyed_order[np.argsort(-keyed, axis=1, kind="stable")]
        counts += np.bincount((order * n + positions).ravel(), minlength=n * n)
    return counts.reshape(n, n) / samples


def write_smaa_inputs(candidates: int = 193, groups: int = 4, leaves: int = 6, seed: int = 24) -> Path:
    """The shape the SMAA speed target names: 193 candidates x 24 leaves (4 groups of 6) under an
    arithmetic tree, every value present, minmax leaves, weights perturbed uniformly by 25 %."""
    rng = np.random.default_rng(seed)
    folder = WORK / f"smaa-{candidates}x{groups * leaves}"
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"x{g}_{l}" for g in range(groups) for l in range(leaves)]
    matrix = np.round(rng.uniform(0, 10, size=(candidates, len(names))), 6)
    with open(folder / "states.csv", "w") as f:
        f.write("id,name,region\n")
        f.writelines(f"C{i:03d},Candidate {i},R{i % 5}\n" for i in range(candidates))
    with open(folder / "indicators.csv", "w") as f:
        f.write("id," + ",".join(names) + "\n")
        for i, row in enumerate(matrix):
            f.write(f"C{i:03d}," + ",".join(f"{v:.6f}" for v in row) + "\n")
    text = ("name: smaa 193 x 24\nas_of: 2023-01-01\nscoring:\n  aggregation: arithmetic\n"
            "  normalisation: minmax\n  criteria:\n")
    for g in range(groups):
        text += f"    - id: g{g}\n      weight: {groups - g}\n      criteria:\n"
        for l in range(leaves):
            text += f"        - id: x{g}_{l}\n          indicator: x{g}_{l}\n          weight: {1 + l % 3}\n"
    text += "planning:\n  visits: 12\nsensitivity:\n  weights: {perturb: uniform, spread: 0.25}\n"
    (folder / "model.yaml").write_text(text)
    return folder


def compare_smaa(args) -> list[dict]:
    samples = 20_000 if args.quick else 200_000
    results = []
    for label, folder in (("193 candidates", SHIPPED), ("193 x 24, complete", write_smaa_inputs())):
        tree = Tree(driver("tree", folder))
        check = tree.scores(tree.nominal[None, :])[0]
        assert np.allclose(check, tree.nominal_scores, atol=1e-9, equal_nan=True), "numpy tree differs from visitplan"
        ours = driver("smaa", folder, "--samples", samples, "--seed", 2023, "--repeats", args.repeats)
        theirs, seconds = timed(args.repeats, lambda: numpy_smaa(tree, samples, seed=2023))
        a = np.array(ours["acceptability"])
        # Independent draws: each entry differs by sampling error only, sd sqrt(2 p (1 - p) / S).
        p = (a + theirs) / 2
        sd = np.sqrt(2 * p * (1 - p) / samples)
        z = np.abs(a - theirs)[sd > 0] / sd[sd > 0]
        t_ours, t_numpy = med(ours["seconds"]), med(seconds)
        where = folder.relative_to(ROOT) if folder.is_absolute() else folder
        results.append({
            "name": f"SMAA rank acceptability ({label})", "size": f"{samples:,} samples",
            "ours_seconds": t_ours, "peer": "numpy (vectorised)", "peer_seconds": t_numpy,
            "ours_rate": samples / t_ours, "peer_rate": samples / t_numpy, "unit": "samples/s",
            "ratio": t_numpy / t_ours, "target": 5,
            "agreement": f"max |Δp| = {np.abs(a - theirs).max():.4f}, max z = {z.max():.1f} over {z.size} entries",
            "agree": bool(z.max() < 6),
            "command": f"visitplan-bench smaa {where} --samples {samples} --seed 2023 vs numpy_smaa()",
        })
    return results


# MARK: Sobol


def compare_sobol(args) -> dict:
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    base = 256 if args.quick else 2048
    resamples = 200
    tree = Tree(driver("tree", SHIPPED))
    ours = driver("sobol", SHIPPED, "--base", base, "--seed", 2023, "--resamples", resamples,
                  "--repeats", args.repeats)
    assert ours["factors"] == tree.factors
    low, high = tree.nominal[1:] * (1 - tree.spread), tree.nominal[1:] * (1 + tree.spread)
    problem = {"num_vars": len(tree.factors), "names": tree.factors, "bounds": np.c_[low, high].tolist()}
    nominal_ranks = tree.ranks(tree.nominal_scores[None, :])[0]
    k = len(tree.factors)

    def salib():
        # The whole analysis a SALib user writes: the design, the model on it (the same
        # vectorised numpy tree as above, in blocks), the rank shift's indices with 200 bootstrap
        # resamples, and first/total indices of every candidate's score (SALib's estimators,
        # vectorised over candidates: the fastest way to get them from SALib).
        x = sobol_sample.sample(problem, base, calc_second_order=False, seed=2023)
        shifts = np.empty(len(x))
        scores = np.empty((len(x), len(tree.ids)))
        for start in range(0, len(x), 8192):
            block = x[start:start + 8192]
            weights = np.c_[np.ones(len(block)), block]
            s = tree.scores(weights)
            scores[start:start + len(block)] = s
            shifts[start:start + len(block)] = np.abs(tree.ranks(s) - nominal_ranks).mean(axis=1)
        shift = sobol_analyze.analyze(problem, shifts, calc_second_order=False, num_resamples=resamples,
                                      conf_level=0.95, seed=2023)
        step = k + 2
        a, b = scores[0::step], scores[step - 1::step]
        first = np.array([sobol_analyze.first_order(a, scores[j + 1::step], b) for j in range(k)]).T
        total = np.array([sobol_analyze.total_order(a, scores[j + 1::step], b) for j in range(k)]).T
        return shift, first, total, len(x)

    (shift, first, total, evaluations), seconds = timed(args.repeats, salib)
    assert evaluations == ours["evaluations"]
    rank_shift = ours["rank_shift"]
    rows, agree = [], True
    for i, name in enumerate(tree.factors):
        for kind, key in (("first", "S1"), ("total", "ST")):
            value = rank_shift[kind][i]
            interval = rank_shift[f"{kind}_ci"][i]
            ours_half = (interval[1] - interval[0]) / 2
            peer, peer_half = shift[key][i], shift[f"{key}_conf"][i]
            # Both are estimates of the same index: their 95 % intervals must overlap.
            overlap = abs(value - peer) <= ours_half + peer_half + 1e-12
            agree &= bool(overlap)
            rows.append((name, kind, value, ours_half, peer, peer_half, overlap))
    score_first = np.array(ours["scores_first"], dtype=float)
    score_total = np.array(ours["scores_total"], dtype=float)
    t_ours, t_salib = med(ours["seconds"]), med(seconds)
    return {
        "name": f"Sobol indices (193 candidates, {k} factors)", "size": f"N = {base:,}, {evaluations:,} evaluations",
        "ours_seconds": t_ours, "peer": "SALib", "peer_seconds": t_salib,
        "ours_rate": evaluations / t_ours, "peer_rate": evaluations / t_salib, "unit": "evaluations/s",
        "ratio": t_salib / t_ours, "target": 10,
        "agreement": (f"rank-shift intervals overlap for {sum(r[-1] for r in rows)}/{len(rows)} indices; "
                      f"per-candidate mean |ΔS1| = {np.nanmean(np.abs(score_first - first)):.3f}, "
                      f"mean |ΔST| = {np.nanmean(np.abs(score_total - total)):.3f}"),
        "agree": agree, "detail": rows,
        "command": f"visitplan-bench sobol datasets/cycle-2023 --base {base} --resamples {resamples} vs SALib sample+analyze",
    }


# MARK: TOPSIS and weighted sum


def write_mcdm_inputs(candidates: int, criteria: int, seed: int) -> tuple[np.ndarray, np.ndarray, dict]:
    """A candidates x criteria matrix (uniform 0-10, every criterion a benefit) and weights,
    written as two dataset folders over the same CSV files: TOPSIS with vector normalisation at
    the root, and the weighted sum of minmax-normalised values."""
    rng = np.random.default_rng(seed)
    matrix = np.round(rng.uniform(0, 10, size=(candidates, criteria)), 6)
    weights = np.round(rng.uniform(1, 5, size=criteria), 3)
    folder = WORK / f"mcdm-{candidates}x{criteria}"
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    width = len(str(candidates))
    ids = [f"C{i:0{width}d}" for i in range(candidates)]
    names = [f"k{j:02d}" for j in range(criteria)]
    complete = data / ".complete"
    if not complete.exists():  # the same seed writes the same files: keep them between runs
        with open(data / "states.csv", "w") as f:
            f.write("id,name,region\n")
            f.writelines(f"{c},Candidate {i},R{i % 5}\n" for i, c in enumerate(ids))
        with open(data / "indicators.csv", "w") as f:
            f.write("id," + ",".join(names) + "\n")
            for c, row in zip(ids, matrix):
                f.write(c + "," + ",".join(f"{v:.6f}" for v in row) + "\n")
        complete.touch()
    folders = {}
    for method, aggregation, normalisation in (("topsis", "topsis", "vector"), ("wsm", "arithmetic", "minmax")):
        target = folder / method
        target.mkdir(exist_ok=True)
        for name in ("states.csv", "indicators.csv"):
            link = target / name
            if not link.exists():
                link.symlink_to(data / name)
        leaves = "\n".join(f"    - id: {n}\n      indicator: {n}\n      weight: {w}" for n, w in zip(names, weights))
        (target / "model.yaml").write_text(
            f"name: {method} {candidates} x {criteria}\nas_of: 2023-01-01\nscoring:\n"
            f"  aggregation: {aggregation}\n  normalisation: {normalisation}\n  missing: error\n"
            f"  criteria:\n{leaves}\n")
        folders[method] = target
    return matrix, weights, folders


def compare_mcdm(args) -> list[dict]:
    from pymcdm import methods as pm
    from pymcdm import normalizations as pn
    from skcriteria import mkdm
    from skcriteria.agg.simple import WeightedSumModel
    from skcriteria.agg.topsis import TOPSIS as SkTOPSIS
    from skcriteria.pipelines import mkpipe
    from skcriteria.preprocessing.scalers import MinMaxScaler, SumScaler, VectorScaler

    candidates, criteria = (10_000, 32) if args.quick else (100_000, 32)
    matrix, weights, folders = write_mcdm_inputs(candidates, criteria, seed=6)
    shares = weights / weights.sum()
    types = np.ones(criteria)
    dm = mkdm(matrix, [max] * criteria, weights=weights)
    peers = {
        "topsis": {
            "scikit-criteria": lambda: mkpipe(VectorScaler(target="matrix"), SumScaler(target="weights"),
                                              SkTOPSIS()).evaluate(dm).rank_,
            "pymcdm": lambda: (lambda m: m.rank(m(matrix, shares, types)))(
                pm.TOPSIS(normalization_function=pn.vector_normalization)),
        },
        "wsm": {
            "scikit-criteria": lambda: mkpipe(MinMaxScaler(target="matrix"), SumScaler(target="weights"),
                                              WeightedSumModel()).evaluate(dm).rank_,
            "pymcdm": lambda: (lambda m: m.rank(m(matrix, shares, types)))(
                pm.WSM(normalization_function=pn.minmax_normalization)),
        },
    }
    results = []
    for method, label in (("topsis", "TOPSIS"), ("wsm", "weighted sum")):
        ours = driver("score", folders[method], "--repeats", args.repeats)
        our_ranks = np.array(ours["ranks"])
        assert (our_ranks == np.array(ours["table_ranks"])).all()
        peer_times, mismatches = {}, {}
        for peer, body in peers[method].items():
            # pymcdm takes ~10 s a run here: 3 runs give its median well enough.
            ranks, seconds = timed(args.repeats if peer != "pymcdm" else min(args.repeats, 3), body)
            peer_times[peer] = med(seconds)
            mismatches[peer] = int((np.asarray(ranks).astype(int) != our_ranks).sum())
        fastest = min(peer_times, key=peer_times.get)
        # Like for like: the peers normalise, aggregate and rank a matrix already in memory, which
        # is our engine (leaf pipeline, tree, ranks) on the loaded dataset. score() also builds
        # the ranked table with coverage, reported beside it.
        t_table, t_ours = med(ours["score_seconds"]), med(ours["engine_seconds"])
        results.append({
            "name": f"{label} {candidates:,} x {criteria}", "size": f"{candidates:,} candidates",
            "ours_seconds": t_ours, "ours_table_seconds": t_table,
            "peer": f"{fastest} (faster of the two)", "peer_seconds": peer_times[fastest],
            "peer_times": peer_times,
            "ours_rate": candidates / t_ours, "peer_rate": candidates / peer_times[fastest], "unit": "candidates/s",
            "ratio": peer_times[fastest] / t_ours, "target": 5 if method == "topsis" else None,
            "agreement": "rank mismatches: " + ", ".join(f"{p} {m}" for p, m in mismatches.items()),
            "agree": all(m == 0 for m in mismatches.values()),
            "command": (f"visitplan-bench score {folders[method].relative_to(ROOT)} vs "
                        + " / ".join(peer_times)),
        })
    return results


# MARK: End to end


VISITPLAN = ROOT / ".build" / "release" / "visitplan"


def whole_process(command: list) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, maximum resident set) of one fresh process."""
    start = time.perf_counter()
    completed = subprocess.run(["/usr/bin/time", "-v", *map(str, command)], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    peak = next(int(line.split(":")[1]) for line in completed.stderr.splitlines()
                if "Maximum resident set size" in line)
    return seconds, peak / 1024


def compare_end_to_end(args) -> list[dict]:
    candidates = 10_000 if args.quick else 100_000
    _, _, folders = write_mcdm_inputs(candidates, 32, seed=6)
    folder = folders["topsis"]
    out = WORK / "e2e"
    out.mkdir(exist_ok=True)
    sides = {
        "visitplan": [VISITPLAN, "score", folder, "--format", "csv", "--output", out / "visitplan.csv"],
        "visitplan json": [VISITPLAN, "score", folder, "--format", "json", "--output", out / "visitplan.json"],
        "pandas + pymcdm": [sys.executable, HERE / "end_to_end.py", "pymcdm", folder, out / "pymcdm.csv"],
        "pandas + scikit-criteria": [sys.executable, HERE / "end_to_end.py", "skcriteria", folder, out / "skcriteria.csv"],
    }
    times = {name: [] for name in sides}
    peaks = {name: 0.0 for name in sides}
    for _ in range(args.repeats):  # alternating, so that load falls on every side alike
        for name, command in sides.items():
            seconds, peak = whole_process(command)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    ours = [line.split(",")[1] for line in (out / "visitplan.csv").read_text().splitlines()[1:]]
    results = []
    for peer in ("pandas + pymcdm", "pandas + scikit-criteria"):
        theirs = [line.split(",")[1] for line in (out / f"{'pymcdm' if 'pymcdm' in peer else 'skcriteria'}.csv").read_text().splitlines()[1:]]
        mismatches = sum(a != b for a, b in zip(ours, theirs)) + abs(len(ours) - len(theirs))
        t_ours, t_peer = med(times["visitplan"]), med(times[peer])
        results.append({
            "name": f"end to end: TOPSIS {candidates:,} x 32, files -> ranked CSV", "size": f"{candidates:,} candidates",
            "ours_seconds": t_ours, "peer": peer, "peer_seconds": t_peer, "ratio": t_peer / t_ours,
            "target": 3 if "pymcdm" in peer else None,
            "agreement": f"ranked ids differ at {mismatches} places; peak memory visitplan {peaks['visitplan']:.0f} MB, "
                         f"{peer} {peaks[peer]:.0f} MB; visitplan --format json {format_seconds(med(times['visitplan json']))}, "
                         f"{peaks['visitplan json']:.0f} MB",
            "agree": mismatches == 0,
            "command": f"visitplan score {folder.relative_to(ROOT)} --format csv --output F vs end_to_end.py",
        })
    return results


# MARK: Planner


def parse_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    if len(text) == 4:
        return dt.date(int(text), 7, 1)
    return dt.date.fromisoformat(text)


def add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(date.day, last))


def pulp_plan(folder: Path, scores: dict) -> tuple[float, list[str], float]:
    """The planning problem of SPEC §5, written from states.csv and model.yaml, solved with PuLP and
    its bundled CBC. Returns the objective, the list and the solver's own time."""
    import pulp
    import yaml

    model = yaml.safe_load((folder / "model.yaml").read_text())
    settings = model["planning"]
    as_of = model["as_of"] if isinstance(model["as_of"], dt.date) else dt.date.fromisoformat(str(model["as_of"]))
    cost = settings.get("cost", {})
    allowed = set(settings.get("consent", ["given", "pending", "unknown"]))
    facts = []
    with open(folder / "states.csv", newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            last = parse_date(row.get("last_visit", ""))
            report = parse_date(row.get("report_submitted", ""))
            years = None if last is None else (as_of - last).days / 365.25
            due = report is not None and add_months(report, 12) <= as_of and not (last is not None and last > report)
            follow_up = due and years is not None and years <= settings.get("comprehensive_after_years", 5)
            consent = (row.get("consent") or "unknown").strip() or "unknown"
            eligible = consent in allowed and not (years is not None and years < settings.get("cooldown_years", 0))
            facts.append({"id": row["id"], "region": row["region"], "never": last is None, "follow_up": follow_up,
                          "cost": cost.get("follow-up" if follow_up else "comprehensive", 0), "eligible": eligible})
    problem = pulp.LpProblem("visits", pulp.LpMaximize)
    x = {f["id"]: pulp.LpVariable(f"x{i}", cat="Binary") for i, f in enumerate(facts)}
    problem += pulp.lpSum(scores[f["id"]] * x[f["id"]] for f in facts)
    problem += pulp.lpSum(x.values()) == settings["visits"]
    if settings.get("budget") is not None:
        problem += pulp.lpSum(f["cost"] * x[f["id"]] for f in facts) <= settings["budget"]
    for region, bounds in (settings.get("regions") or {}).items():
        members = pulp.lpSum(x[f["id"]] for f in facts if f["region"] == region)
        if bounds.get("min") is not None:
            problem += members >= bounds["min"]
        if bounds.get("max") is not None:
            problem += members <= bounds["max"]
    if settings.get("never_visited_min"):
        problem += pulp.lpSum(x[f["id"]] for f in facts if f["never"]) >= settings["never_visited_min"]
    if settings.get("followups_min"):
        problem += pulp.lpSum(x[f["id"]] for f in facts if f["follow_up"]) >= settings["followups_min"]
    for f in facts:
        if not f["eligible"]:
            problem += x[f["id"]] == 0
    for i in settings.get("include") or []:
        problem += x[i] == 1
    for i in settings.get("exclude") or []:
        problem += x[i] == 0
    problem.solve(pulp.PULP_CBC_CMD(msg=False))
    assert pulp.LpStatus[problem.status] == "Optimal", pulp.LpStatus[problem.status]
    chosen = [i for i, v in x.items() if v.value() > 0.5]
    return sum(scores[i] for i in chosen), chosen, problem.solutionTime


def compare_plan(args) -> list[dict]:
    instances = [("shipped, 193 candidates", SHIPPED)]
    size = 2_000 if args.quick else 10_000
    synthetic = WORK / f"synth-{size}"
    driver("synth", "--candidates", size, "--seed", 1, "--output", synthetic)
    instances.append((f"synthetic, {size:,} candidates", synthetic))
    results = []
    for label, folder in instances:
        ours = driver("plan", folder, "--repeats", args.repeats, "--plan-repeats", min(args.repeats, 3))
        scores = ours["scores"]
        (objective, chosen, solver_seconds), seconds = timed(args.repeats, lambda: pulp_plan(folder, scores))
        ours_objective = sum(scores[i] for i in ours["selected"])
        t_ours, t_pulp = med(ours["list_seconds"]), med(seconds)
        results.append({
            "name": f"planner, {label}", "size": f"{len(scores):,} candidates",
            "ours_seconds": t_ours, "ours_plan_seconds": med(ours["plan_seconds"]),
            "peer": "PuLP + bundled CBC", "peer_seconds": t_pulp,
            "ours_rate": None, "peer_rate": None, "unit": "s per solve",
            "ratio": t_pulp / t_ours, "target": None,
            "agreement": (f"objective {ours_objective:.4f} vs {objective:.4f} "
                          f"(same list: {sorted(chosen) == sorted(ours['selected'])})"),
            "agree": abs(ours_objective - objective) <= 1e-3 * max(1, len(chosen)),
            "command": f"visitplan-bench plan {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder} vs pulp_plan()",
        })
    return results


# MARK: Report


def format_seconds(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def report(results: list[dict], args) -> None:
    # A --quick smoke run never overwrites the measured tables of results/.
    out = WORK if args.quick else RESULTS
    out.mkdir(exist_ok=True)
    load = os.getloadavg()
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    header = (f"Measured {stamp} on {platform.machine()}, {os.cpu_count()} cores, "
              f"load average before the run {args.load_before[0]:.2f} / after {load[0]:.2f}; "
              f"medians of {args.repeats} runs per side.")
    lines = [header, "",
             "| comparison | size | visitplan | peer | peer time | ratio (peer / visitplan) | target | agreement |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        target = f"≥ {r['target']}×" if r.get("target") else ("equal objective" if "planner" in r["name"] else "—")
        ours = format_seconds(r["ours_seconds"])
        if r.get("ours_rate"):
            ours += f" ({r['ours_rate']:,.0f} {r['unit']})"
        peer = format_seconds(r["peer_seconds"])
        if r.get("peer_rate"):
            peer += f" ({r['peer_rate']:,.0f} {r['unit']})"
        ok = "✓" if r["agree"] else "✗"
        lines.append(f"| {r['name']} | {r['size']} | {ours} | {r['peer']} | {peer} | **{r['ratio']:.1f}×** "
                     f"| {target} | {ok} {r['agreement']} |")
    lines += ["", "Commands:", ""] + [f"- {r['name']}: `{r['command']}`" for r in results]
    extra = [r for r in results if "peer_times" in r or "ours_plan_seconds" in r]
    if extra:
        lines += ["", "Details:", ""]
        for r in extra:
            if "peer_times" in r:
                lines.append(f"- {r['name']}: " + ", ".join(f"{p} {format_seconds(t)}" for p, t in r["peer_times"].items())
                             + f"; visitplan engine + ranks (the ratio) {format_seconds(r['ours_seconds'])}, "
                             f"score() with the ranked table {format_seconds(r['ours_table_seconds'])}")
            if "ours_plan_seconds" in r:
                lines.append(f"- {r['name']}: visitplan explained plan (list, reserve, re-solves) "
                             f"{format_seconds(r['ours_plan_seconds'])}")
    text = "\n".join(lines) + "\n"
    print("\n" + text)
    # A subset (--only) is written beside the full run, never over it.
    every = {"smaa", "sobol", "mcdm", "plan", "e2e"}
    chosen = set(args.only.split(","))
    stem = "compare" if chosen >= every else "compare-" + "-".join(sorted(chosen))
    (out / f"{stem}.md").write_text(text)
    serialisable = [{k: v for k, v in r.items() if k != "detail"} for r in results]
    (out / f"{stem}.json").write_text(json.dumps({"measured": stamp, "results": serialisable}, indent=2) + "\n")
    for r in results:
        if "detail" in r:
            with open(out / "sobol-agreement.csv", "w", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(["factor", "index", "visitplan", "visitplan_half_width", "salib", "salib_half_width", "overlap"])
                writer.writerows(r["detail"])


def scaling(args) -> None:
    import svg
    arguments = ["scaling", "--output", RESULTS]
    if args.max_samples:
        arguments += ["--max-samples", args.max_samples]
    subprocess.run([str(DRIVER), *map(str, arguments)], check=True)
    svg.draw_all(RESULTS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="runs per side; the table shows medians")
    parser.add_argument("--only", default="smaa,sobol,mcdm,plan,e2e", help="comma-separated subset")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, to check the harness works (tables go to .work/, not results/)")
    parser.add_argument("--scaling", action="store_true", help="also write the scaling curves (CSV + SVG)")
    parser.add_argument("--max-samples", type=int, default=None, help="cap of the samples curve")
    parser.add_argument("--no-build", action="store_true", help="use the visitplan-bench already built")
    args = parser.parse_args()
    args.load_before = os.getloadavg()
    WORK.mkdir(exist_ok=True)
    if not args.no_build:
        build_driver()
    steps = {"smaa": compare_smaa, "sobol": compare_sobol, "mcdm": compare_mcdm, "plan": compare_plan,
             "e2e": compare_end_to_end}
    results = []
    for name in args.only.split(","):
        print(f"running {name}…", flush=True)
        outcome = steps[name](args)
        results += outcome if isinstance(outcome, list) else [outcome]
    if results:
        report(results, args)
    if args.scaling:
        scaling(args)
    return 0 if all(r["agree"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
