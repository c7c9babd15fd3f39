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
        // The engines score; nothing here reads a leaf's raw values, presence or imputations.
        let tree = CriteriaTree(model: dataset.model)
        nominal = try ScoringEngine(
            dataset: dataset, tree: tree,
            leaves: ScoringEngine.leafColumns(tree: tree, dataset: dataset).map(\.normalisedOnly))
        let normalisations: [Normalisation?] = settings.normalisations.isEmpty ? [nil] : settings.normalisations
        let aggregations: [Aggregation?] = settings.aggregations.isEmpty ? [nil] : settings.aggregations
        variants = normalisations.flatMap { n in aggregations.map { Variant(normalisation: n, aggregation: $0) } }
        let built: [ScoringEngine]
        if variants.count == 1 && variants[0].normalisation == nil && variants[0].aggregation == nil {
            built = [nominal]
        } else {
            // A leaf's column depends on its normalisation, not on the aggregation above it: the
            // variants of one normalisation share one set of columns (the model's without one),
            // each computed once and held once, with only what scoring reads.
            var columns: [(normalisation: Normalisation, leaves: [LeafColumn])] = []
            built = try variants.map { [nominal] variant in
                var modified = dataset
                modified.model = modified.model.replacingMethods(
                    normalisation: variant.normalisation, aggregation: variant.aggregation)
                let tree = CriteriaTree(model: modified.model)
                let leaves: [LeafColumn]
                if let normalisation = variant.normalisation {
                    if let made = columns.first(where: { $0.normalisation == normalisation }) {
                        leaves = made.leaves
                    } else {
                        leaves = try ScoringEngine.leafColumns(tree: tree, dataset: modified).map(\.normalisedOnly)
                        columns.append((normalisation, leaves))
                    }
                } else {
                    leaves = nominal.leaves
                }
                return try ScoringEngine(dataset: modified, tree: tree, leaves: leaves)
            }
        }
        forcedZeros = built.map(ForcedZero.init(engine:))
        // A variant forced to 0 is evaluated only for weights that are 0 on its zero paths,
        // which the perturbations never draw: its node blocks are made for such a call instead
        // of held (about 600 MB at 10⁶ candidates). Made once above, they checked its values.
        engines = zip(built, forcedZeros).map { engine, zero in zero == nil ? engine : engine.withoutNodeBlocks() }
    }

    /// Per engine: the zero that a geometric path forces on every candidate, when it does.
    let forcedZeros: [ForcedZero?]

    /// One worker's reusable buffers; `scores` holds the last block's result. A worker keeps
    /// one per run, so that no block allocates (a block's scores are tens of MB, and a fresh
    /// allocation of that size is a page fault per 4 kB).
    struct Workspace {
        var scores = Matrix(rows: 0, columns: 0)
        /// Per variant: the weights of the block's columns drawn for it, their scores, and the
        /// engine's own buffers.
        var weights: [Matrix] = []
        var results: [Matrix] = []
        var scratch: [ScoringScratch] = []

        init() {}
    }

    /// Scores a block into `workspace.scores`, column s under variant `variants[s]` (nil: the
    /// first variant, i.e. the model itself without alternatives).
    ///
    /// A variant whose geometric paths send every candidate to 0 under the block's weights
    /// (``ForcedZero``) writes its columns as 0 without evaluating the tree: the value the tree
    /// gives, bit for bit.
    ///
    /// - Complexity: one `ScoringEngine.scores` call per variant present in the block and not
    ///   forced to 0, plus O(candidates × S) to place the columns.
    func scores(weights: Matrix, variants chosen: [Int]?, workspace: inout Workspace) throws {
        let n = engines[0].candidates
        let samples = weights.columns
        if workspace.results.count != engines.count {
            workspace.weights = Array(repeating: Matrix(rows: 0, columns: 0), count: engines.count)
            workspace.results = workspace.weights
            workspace.scratch = Array(repeating: ScoringScratch(), count: engines.count)
        }
        guard let chosen, engines.count > 1 else {
            if forcedZeros[0]?.applies(to: weights) == true {
                reshape(&workspace.scores, rows: n, columns: samples)
                fill(&workspace.scores, columns: 0..<samples, with: 0)
                return
            }
            try engines[0].scores(weights: weights, into: &workspace.scores, scratch: &workspace.scratch[0])
            return
        }
        precondition(chosen.count == samples, "variants: \(chosen.count) for \(samples) columns")
        reshape(&workspace.scores, rows: n, columns: samples)
        for v in engines.indices {
            let columns = chosen.indices.filter { chosen[$0] == v }
            guard !columns.isEmpty else { continue }
            reshape(&workspace.weights[v], rows: weights.rows, columns: columns.count)
            weights.elements.withUnsafeBufferPointer { source in
                workspace.weights[v].elements.withUnsafeMutableBufferPointer { target in
                    for (c, s) in columns.enumerated() {
                        (target.baseAddress! + c * weights.rows).update(
                            from: source.baseAddress! + s * weights.rows, count: weights.rows)
                    }
                }
            }
            if forcedZeros[v]?.applies(to: workspace.weights[v]) == true {
                for s in columns { fill(&workspace.scores, columns: s..<(s + 1), with: 0) }
                continue
            }
            try engines[v].scores(
                weights: workspace.weights[v], into: &workspace.results[v], scratch: &workspace.scratch[v])
            // Whole columns at a time (columns are contiguous).
            workspace.scores.elements.withUnsafeMutableBufferPointer { target in
                workspace.results[v].elements.withUnsafeBufferPointer { source in
                    for (c, s) in columns.enumerated() {
                        (target.baseAddress! + s * n).update(from: source.baseAddress! + c * n, count: n)
                    }
                }
            }
        }
    }

    var count: Int { engines.count }
    var normalisationChoices: Int { Set(variants.map { $0.normalisation?.rawValue ?? "" }).count }
    var aggregationChoices: Int { Set(variants.map { $0.aggregation?.rawValue ?? "" }).count }

    /// The variant of normalisation index `n` and aggregation index `a`.
    func index(normalisation n: Int, aggregation a: Int) -> Int { n * aggregationChoices + a }

    /// Scores for a block of weight vectors, column s under variant `variants[s]`: the same as
    /// ``scores(weights:variants:workspace:)`` with buffers of its own.
    func scores(weights: Matrix, variants chosen: [Int]?) throws -> Matrix {
        var workspace = Workspace()
        try scores(weights: weights, variants: chosen, workspace: &workspace)
        return workspace.scores
    }
}

/// `matrix` as `rows × columns`, reallocated only when its shape changes (its values are then
/// zero; otherwise they are the previous block's, to be overwritten).
private func reshape(_ matrix: inout Matrix, rows: Int, columns: Int) {
    if matrix.rows != rows || matrix.columns != columns { matrix = Matrix(rows: rows, columns: columns) }
}

/// Sets every value of the given columns of `matrix`.
private func fill(_ matrix: inout Matrix, columns: Range<Int>, with value: Double) {
    let n = matrix.rows
    matrix.elements.withUnsafeMutableBufferPointer { buffer in
        (buffer.baseAddress! + columns.lowerBound * n).update(repeating: value, count: columns.count * n)
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
