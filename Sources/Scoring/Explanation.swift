import Dataset

/// One leaf's path to a candidate's score: what went in and what came out.
public struct LeafBreakdown: Sendable, Encodable {
    public var id: String
    /// The ids from the top level down to the leaf.
    public var path: [String]
    public var source: String
    /// The raw value (indicator, signal or engagement feature); nil when missing.
    public var raw: Double?
    public var imputed: Bool
    /// The value after normalisation and direction; nil when missing.
    public var normalised: Double?
    /// The leaf's weight in effect for this candidate (product on the path, renormalised over
    /// present values).
    public var weight: Double
    public var contribution: Double
    /// What the leaf's outlier treatment did to this value (SPEC §12); nil when nothing.
    public var treated: TreatedValue? = nil
    /// The value the leaf's missing-data rule gave (before transform and treatment); nil when
    /// the value was not imputed.
    public var imputedValue: Double? = nil
    /// For a leaf with a `denominator` (SPEC §12): the indicator's value and the denominator's,
    /// of which `raw` is the ratio times `denominator_scale`; nil otherwise.
    public var numerator: Double? = nil
    public var denominator: Double? = nil

    enum CodingKeys: String, CodingKey {
        case id, path, source, raw, imputed, normalised, weight, contribution, treated, numerator, denominator
        case imputedValue = "imputed_value"
    }
}

/// A value changed by a leaf's outlier treatment (SPEC §12).
public struct TreatedValue: Sendable, Encodable, Equatable {
    public enum Kind: String, Sendable, Encodable {
        /// Moved to the next value in by the winsorising steps.
        case winsorised
        /// Every value of the leaf went through the log fallback.
        case logged = "log"
    }

    public var kind: Kind
    /// Winsorised: the value before and after the steps (after imputation and transform).
    public var from: Double?
    public var to: Double?

    public init(kind: Kind, from: Double? = nil, to: Double? = nil) {
        self.kind = kind
        self.from = from
        self.to = to
    }
}

/// One candidate's full breakdown (`visitplan explain`).
public struct Explanation: Sendable, Encodable {
    public var id: String
    public var name: String
    public var region: String
    public var rank: Int
    public var score: Double?
    public var coverage: Double
    public var leaves: [LeafBreakdown]
}

/// Why one candidate scores above another: the leaves that account for the difference.
public struct Comparison: Sendable, Encodable {
    public struct Difference: Sendable, Encodable {
        public var id: String
        public var path: [String]
        public var first: Double
        public var second: Double
        /// first − second, in score points.
        public var difference: Double
    }

    public var first: Explanation
    public var second: Explanation
    public var scoreDifference: Double
    /// Largest absolute difference first; they sum to `scoreDifference`.
    public var differences: [Difference]

    enum CodingKeys: String, CodingKey {
        case first, second, differences
        case scoreDifference = "score_difference"
    }
}

extension ScoreTable {
    /// The breakdown of the candidate at `index` (dataset order).
    ///
    /// - Parameter indicators: the dataset's indicators, to show the numerator and denominator
    ///   of a leaf with a `denominator`; nil to leave them out.
    public func explanation(of index: Int, indicators: Indicators? = nil) -> Explanation {
        let c = candidates[index]
        // The nodes in pre-order meet the leaves in the order of their columns.
        let leaves = tree.nodes.indices.compactMap { node -> LeafBreakdown? in
            guard case .leaf(let leaf, let leafIndex) = tree.nodes[node].kind else { return nil }
            let column = engine.leaves[leafIndex]
            let raw = column.imputed[index] ? Double.nan : column.raw[index]
            let normalised = column.normalised[index]
            var breakdown = LeafBreakdown(
                id: tree.nodes[node].id, path: tree.path(to: node),
                source: describe(leaf),
                raw: raw.isNaN ? nil : raw, imputed: column.imputed[index],
                normalised: normalised.isNaN ? nil : normalised,
                weight: normalised.isNaN || c.effectiveWeights[node].isNaN ? 0 : c.effectiveWeights[node],
                contribution: c.contributions[leafIndex], treated: treatedValue(column.treatment, index),
                imputedValue: column.imputedValues[index])
            if let indicators, case .indicator(let indicator) = leaf.source, let denominator = leaf.denominator {
                let present = { (value: Double?) in value.flatMap { $0.isNaN ? nil : $0 } }
                breakdown.numerator = present(indicators.columns[indicator]?[index])
                breakdown.denominator = present(indicators.columns[denominator]?[index])
            }
            return breakdown
        }
        return Explanation(
            id: c.id, name: c.name, region: c.region, rank: c.rank,
            score: c.score.isNaN ? nil : c.score, coverage: c.coverage, leaves: leaves)
    }

    /// Why the candidate at `first` scores as it does against the one at `second`.
    public func comparison(of first: Int, with second: Int, indicators: Indicators? = nil) -> Comparison {
        let (a, b) = (explanation(of: first, indicators: indicators), explanation(of: second, indicators: indicators))
        let differences = zip(a.leaves, b.leaves).map { x, y in
            Comparison.Difference(
                id: x.id, path: x.path, first: x.contribution, second: y.contribution,
                difference: x.contribution - y.contribution)
        }.sorted { abs($0.difference) > abs($1.difference) }
        return Comparison(
            first: a, second: b, scoreDifference: (a.score ?? 0) - (b.score ?? 0),
            differences: differences)
    }
}

/// What `outcome` did to the value of the candidate at `index`.
private func treatedValue(_ outcome: TreatmentOutcome?, _ index: Int) -> TreatedValue? {
    guard let outcome else { return nil }
    if outcome.loggedFallback { return TreatedValue(kind: .logged) }
    return outcome.moved[index].map { TreatedValue(kind: .winsorised, from: $0.from, to: $0.to) }
}

/// The leaf's source, with its denominator (SPEC §12) when it has one.
func describe(_ leaf: Leaf) -> String {
    guard let denominator = leaf.denominator else { return describe(leaf.source) }
    let scale = leaf.denominatorScale == 1 ? "" : " × \(leaf.denominatorScale)"
    return describe(leaf.source) + " per \(denominator)\(scale)"
}

func describe(_ source: LeafSource) -> String {
    switch source {
    case .indicator(let name): "indicator \(name)"
    case .signal(let kind, let indicator, let window, let fill):
        "\(kind.rawValue) of \(indicator) over \(window) periods (fill \(fill.rawValue))"
    case .engagement(let feature): "engagement \(feature.name)"
    }
}
