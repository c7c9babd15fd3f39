import Dataset
import LinearAlgebra
import Scoring

/// The model under method uncertainty: one scoring engine per combination of the `alternatives`
/// of SPEC §6 (normalisation × aggregation), each sampled with equal probability.
///
/// An alternative normalisation replaces every leaf's (a leaf without goalposts keeps its own
/// when the alternative is `goalposts`); an alternative aggregation replaces every inner node's,
/// the root included. Without alternatives there is a single engine: the model as written.
struct MethodAlternatives: Sendable {
    struct Variant: Sendable {
        var normalisation: Normalisation?
        var aggregation: Aggregation?
    }

    let variants: [Variant]
    let engines: [ScoringEngine]
    /// The engine of the model as written (the nominal ranking, OAT, the plan's scores).
    let nominal: ScoringEngine

    init(dataset: Dataset, settings: SensitivitySettings) throws {
        nominal = try ScoringEngine(dataset: dataset)
        let normalisations: [Normalisation?] = settings.normalisations.isEmpty ? [nil] : settings.normalisations
        let aggregations: [Aggregation?] = settings.aggregations.isEmpty ? [nil] : settings.aggregations
        variants = normalisations.flatMap { n in aggregations.map { Variant(normalisation: n, aggregation: $0) } }
        if variants.count == 1 && variants[0].normalisation == nil && variants[0].aggregation == nil {
            engines = [nominal]
        } else {
            engines = try variants.map { variant in
                var modified = dataset
                modified.model = modified.model.replacingMethods(
                    normalisation: variant.normalisation, aggregation: variant.aggregation)
                return try ScoringEngine(dataset: modified)
            }
        }
    }

    /// One worker's reusable buffers; `scores` holds the last block's result.
    struct Workspace {
        var scores = Matrix(rows: 0, columns: 0)
        var scratch = ScoringScratch()
    }

    /// Scores a block into `workspace.scores`, column s under variant `variants[s]` (nil: the
    /// first variant, i.e. the model itself without alternatives).
    func scores(weights: Matrix, variants chosen: [Int]?, workspace: inout Workspace) throws {
        if chosen == nil || engines.count == 1 {
            try engines[0].scores(weights: weights, into: &workspace.scores, scratch: &workspace.scratch)
            return
        }
        workspace.scores = try scores(weights: weights, variants: chosen)
    }

    var count: Int { engines.count }
    var normalisationChoices: Int { Set(variants.map { $0.normalisation?.rawValue ?? "" }).count }
    var aggregationChoices: Int { Set(variants.map { $0.aggregation?.rawValue ?? "" }).count }

    /// The variant of normalisation index `n` and aggregation index `a`.
    func index(normalisation n: Int, aggregation a: Int) -> Int { n * aggregationChoices + a }

    /// Scores for a block of weight vectors, column s under variant `variants[s]`.
    ///
    /// - Complexity: one `ScoringEngine.scores` call per variant present in the block.
    func scores(weights: Matrix, variants chosen: [Int]?) throws -> Matrix {
        guard let chosen, engines.count > 1 else {
            var workspace = Workspace()
            try scores(weights: weights, variants: nil, workspace: &workspace)
            return workspace.scores
        }
        precondition(chosen.count == weights.columns, "variants: \(chosen.count) for \(weights.columns) columns")
        let n = engines[0].candidates
        var result = Matrix(rows: n, columns: weights.columns)
        for v in engines.indices {
            let columns = chosen.indices.filter { chosen[$0] == v }
            guard !columns.isEmpty else { continue }
            var subset = Matrix(rows: weights.rows, columns: columns.count)
            for (c, s) in columns.enumerated() {
                for k in 0..<weights.rows { subset[k, c] = weights[k, s] }
            }
            let scores = try engines[v].scores(weights: subset)
            // Whole columns at a time (columns are contiguous).
            result.elements.withUnsafeMutableBufferPointer { target in
                scores.elements.withUnsafeBufferPointer { source in
                    for (c, s) in columns.enumerated() {
                        (target.baseAddress! + s * n).update(from: source.baseAddress! + c * n, count: n)
                    }
                }
            }
        }
        return result
    }
}

extension Model {
    /// The model with every leaf's normalisation and every inner node's aggregation replaced
    /// (nil keeps the model's own).
    func replacingMethods(normalisation: Normalisation?, aggregation: Aggregation?) -> Model {
        func replace(_ criterion: Criterion) -> Criterion {
            var copy = criterion
            switch criterion.kind {
            case .leaf(var leaf):
                if let normalisation, normalisation != .goalposts || leaf.goalposts != nil {
                    leaf.normalisation = normalisation
                }
                copy.kind = .leaf(leaf)
            case .node(let own, let children):
                copy.kind = .node(aggregation: aggregation ?? own, children: children.map(replace))
            }
            return copy
        }
        var model = self
        model.criteria = criteria.map(replace)
        if let aggregation { model.rootAggregation = aggregation }
        return model
    }
}
