import Dataset
import LinearAlgebra

/// One candidate's score and its explanation.
public struct ScoredCandidate: Sendable {
    public var id: String
    public var name: String
    public var region: String
    /// 100 × the root value; NaN when the candidate has no present value at all.
    public var score: Double
    /// 1-based, by descending score, ties by id.
    public var rank: Int
    /// The share of the nominal weight resting on values that were present (1 = all present).
    public var coverage: Double
    /// Every node's and leaf's value by position in the tree (NaN where missing).
    public var nodeValues: [Double]
    /// Every leaf's contribution to the score, in leaf order (they sum to the score).
    public var contributions: [Double]
    /// Every node's effective weight in this candidate's score (see ``contributionSplit``);
    /// NaN where a node's contribution is not weight × value (below a geometric or TOPSIS node).
    public var effectiveWeights: [Double]
    /// Leaf indices with the largest positive contributions, largest first (at most three).
    public var drivers: [Int]
}

/// The scored dataset: every candidate in dataset order, and the ranking.
///
/// Scores, ranks and coverage are kept as columns; a candidate's explanation (node values,
/// contributions, effective weights, drivers) is built when `candidates[i]` is read, so that a
/// table of a million candidates costs its columns, not a million sets of arrays.
public struct ScoreTable: Sendable {
    public let tree: CriteriaTree
    public let engine: ScoringEngine
    /// Candidate indices by rank.
    public let order: [Int]
    /// 100 × the root value per candidate, dataset order; NaN for a candidate with no value.
    public let scores: [Double]
    /// 1-based ranks, dataset order.
    public let ranks: [Int]
    /// Per candidate, the share of the nominal weight resting on present values.
    public let coverage: [Double]
    /// The weight vector scored (one per node).
    public let weights: [Double]
    /// The candidates `scoring.screening` left out (SPEC §12); nil when the model does not screen.
    public internal(set) var screened: [ScreenedCandidate]? = nil
    /// Per node, its value for every candidate (leaves: the normalised values).
    package let nodeColumns: [[Double]]
    package let states: [State]

    /// Every candidate with its explanation, in dataset order (built on access).
    public var candidates: ScoredCandidates { ScoredCandidates(table: self) }

    /// The leaf ids, in leaf order.
    public var leafIDs: [String] { tree.leafNodes.map { tree.nodes[$0].id } }

    /// The ids of a candidate's drivers.
    public func driverIDs(of candidate: ScoredCandidate) -> [String] {
        candidate.drivers.map { tree.nodes[tree.leafNodes[$0]].id }
    }

    /// The value of `node` for the candidate at `index`, NaN where missing.
    public func nodeValue(_ index: Int, node: Int) -> Double { nodeColumns[node][index] }

    /// The candidate at `index` (dataset order) with its explanation.
    ///
    /// - Complexity: O(nodes).
    package func candidate(_ i: Int) -> ScoredCandidate {
        let values = nodeColumns.map { $0[i] }
        let split = contributionSplit(
            candidate: i, values: values, weights: weights, tree: tree, presence: engine.presence)
        let contributions = tree.leafNodes.map { split.contributions[$0] }
        let drivers = contributions.indices
            .filter { contributions[$0] > 0 }
            .sorted { contributions[$0] != contributions[$1] ? contributions[$0] > contributions[$1] : $0 < $1 }
            .prefix(driverCount)
        let state = states[i]
        return ScoredCandidate(
            id: state.id, name: state.name, region: state.region, score: scores[i], rank: ranks[i],
            coverage: coverage[i], nodeValues: values, contributions: contributions,
            effectiveWeights: split.effectiveWeights, drivers: Array(drivers))
    }
}

/// The candidates of a ``ScoreTable`` in dataset order, each explained when read.
public struct ScoredCandidates: RandomAccessCollection, Sendable {
    let table: ScoreTable

    public var startIndex: Int { 0 }
    public var endIndex: Int { table.scores.count }
    public subscript(position: Int) -> ScoredCandidate { table.candidate(position) }
}

/// How many drivers a candidate lists.
let driverCount = 3

/// Scores every candidate of `dataset` under its model with the nominal weights (SPEC §3).
///
/// - Complexity: O(candidates × nodes), plus the ranking (``descendingOrder(scores:ids:)``).
public func score(_ dataset: Dataset) throws -> ScoreTable {
    let engine = try ScoringEngine(dataset: dataset)
    return try score(dataset, engine: engine, weights: engine.tree.nominalWeights)
}

/// Scores every candidate with the given weight vector (one per node of the engine's tree).
public func score(_ dataset: Dataset, engine: ScoringEngine, weights: [Double]) throws -> ScoreTable {
    try score(dataset, engine: engine, weightVectors: [weights])[0]
}

/// Scores every candidate under each of several weight vectors (one entry per node of the
/// engine's tree each): the tree is evaluated once for the whole block, a `nodes × S` weight
/// matrix, with one gemm per node and pattern for all S vectors together (``ScoringEngine``).
///
/// - Returns: one table per weight vector, in order; each equals ``score(_:engine:weights:)``
///   with that vector.
/// - Complexity: O(candidates × nodes × S), plus one ranking per vector.
public func score(_ dataset: Dataset, engine: ScoringEngine, weightVectors: [[Double]]) throws -> [ScoreTable] {
    let tree = engine.tree
    let n = engine.candidates
    guard !weightVectors.isEmpty else { return [] }
    for weights in weightVectors {
        precondition(weights.count == tree.nodes.count, "score: \(weights.count) weights for \(tree.nodes.count) nodes")
    }
    let weightMatrix = Matrix(
        rows: tree.nodes.count, columns: weightVectors.count, elements: weightVectors.flatMap { $0 })
    let inner = try engine.nodeValues(weights: weightMatrix)
    let states = dataset.states
    return weightVectors.enumerated().map { s, weights in
        let nodeColumns: [[Double]] = tree.nodes.indices.map { index in
            switch (tree.nodes[index].kind, inner[index]) {
            case (.leaf(_, let column), _): return engine.leaves[column].normalised
            case (.inner, let values?): return Array(values.elements[s * n..<(s + 1) * n])
            case (.inner, nil): preconditionFailure("score: nodeValues gave no value for inner node \(index)")
            }
        }
        let pathShares = tree.pathWeights(weights)
        var rootScores = nodeColumns[0]
        scale(&rootScores, by: 100)
        let order = descendingOrder(scores: rootScores, id: { states[$0].id })
        var ranks = [Int](repeating: 0, count: n)
        for (position, index) in order.enumerated() { ranks[index] = position + 1 }
        // Coverage: the path weights of the leaves present, summed in leaf order per candidate.
        var coverage = [Double](repeating: 0, count: n)
        for (leafIndex, node) in tree.leafNodes.enumerated() {
            let share = pathShares[node]
            let present = engine.leaves[leafIndex].present
            for i in 0..<n where present[i] { coverage[i] += share }
        }
        var table = ScoreTable(
            tree: tree, engine: engine, order: order, scores: rootScores, ranks: ranks,
            coverage: coverage, weights: weights, nodeColumns: nodeColumns, states: states)
        if dataset.model.screeningMinCoverage != nil { table.screened = dataset.screened }
        return table
    }
}
