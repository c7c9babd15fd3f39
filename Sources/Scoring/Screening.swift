import Dataset

// Screening (SPEC §12): candidates with too little data are taken out before anything is
// computed over the field, as COINr's `Screen` removes units before normalisation.

extension Dataset {
    /// The dataset without the candidates whose coverage is below `scoring.screening.min_coverage`,
    /// which are listed in `screened`; the dataset itself when the model does not screen.
    ///
    /// Coverage is SPEC §3's: the sum, over the leaves present for the candidate (present before
    /// imputation, after denomination), of the product of the nominal normalised weights on the
    /// path from the root. It depends on the candidate's own data only, so screening is decided
    /// before any statistic over the field: the screened candidates are removed from states.csv,
    /// indicators.csv and events.csv as read, and no imputation mean, normalisation range,
    /// treatment or TOPSIS ideal includes their values.
    ///
    /// - Complexity: O(candidates × leaves), plus the signals' windows.
    public func screened() -> Dataset {
        guard let minimum = model.screeningMinCoverage, screened.isEmpty else { return self }
        let coverage = Self.coverage(of: self)
        let kept = states.indices.filter { coverage[$0] >= minimum }
        guard kept.count < states.count else { return self }
        var result = self
        result.screened = states.indices.filter { coverage[$0] < minimum }.map { i in
            ScreenedCandidate(
                id: states[i].id, name: states[i].name, region: states[i].region,
                coverage: coverage[i], minCoverage: minimum)
        }
        result.states = kept.map { states[$0] }
        result.indicators.columns = indicators.columns.mapValues { column in kept.map { column[$0] } }
        result.events.series = events.series.mapValues { $0.selecting(kept) }
        return result
    }

    /// Every candidate's coverage under the nominal weights, from the leaves' raw values.
    static func coverage(of dataset: Dataset) -> [Double] {
        let tree = CriteriaTree(model: dataset.model)
        let shares = tree.pathWeights()
        var coverage = [Double](repeating: 0, count: dataset.states.count)
        for node in tree.leafNodes {
            guard let leaf = tree.nodes[node].leaf else { continue }
            let share = shares[node]
            for (i, value) in rawValues(leaf, dataset: dataset).enumerated() where !value.isNaN { coverage[i] += share }
        }
        return coverage
    }
}
