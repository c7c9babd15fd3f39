"""Whole-process TOPSIS, read files -> write the ranked list, as a user runs it.

Each side is one process started fresh and timed from outside (wall clock, median of runs), with
its peak memory (maximum resident set, /usr/bin/time -v): `visitplan score --format csv --output`
against a short pandas script that reads the same states.csv and indicators.csv, runs TOPSIS
(vector normalisation, the same weights) with pymcdm or scikit-criteria, and writes
rank,id,name,region,score with pandas' to_csv. Run by compare.py (`--only e2e`) or alone:

  python end_to_end.py PEER FOLDER OUTPUT     (PEER: pymcdm or skcriteria)
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import yaml


def main() -> int:
    peer, folder, output = sys.argv[1], sys.argv[2], sys.argv[3]
    states = pd.read_csv(f"{folder}/states.csv")
    indicators = pd.read_csv(f"{folder}/indicators.csv")
    model = yaml.safe_load(open(f"{folder}/model.yaml"))
    leaves = model["scoring"]["criteria"]
    columns = [leaf["indicator"] for leaf in leaves]
    weights = np.array([float(leaf["weight"]) for leaf in leaves])
    frame = states.merge(indicators, on="id", how="left")
    matrix = frame[columns].to_numpy(dtype=float)
    if peer == "pymcdm":
        from pymcdm import methods, normalizations
        topsis = methods.TOPSIS(normalization_function=normalizations.vector_normalization)
        scores = topsis(matrix, weights / weights.sum(), np.ones(len(columns)))
    else:
        from skcriteria import mkdm
        from skcriteria.agg.topsis import TOPSIS
        from skcriteria.pipelines import mkpipe
        from skcriteria.preprocessing.scalers import SumScaler, VectorScaler
        dm = mkdm(matrix, [max] * len(columns), weights=weights)
        result = mkpipe(VectorScaler(target="matrix"), SumScaler(target="weights"), TOPSIS()).evaluate(dm)
        scores = result.e_.similarity
    frame["score"] = 100 * scores
    ranked = frame.sort_values(["score", "id"], ascending=[False, True])
    ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
    ranked[["rank", "id", "name", "region", "score"]].to_csv(output, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
