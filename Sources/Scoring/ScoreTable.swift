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
public struct ScoreTable: Sendable {
    public let tree: CriteriaTree
    public let engine: ScoringEngine
    public let candidates: [ScoredCandidate]
    /// Candidate indices by rank.
    public let order: [Int]

    /// The leaf ids, in leaf order.
    public var leafIDs: [String] { tree.leafNodes.map { tree.nodes[$0].id } }

    /// The ids of a candidate's drivers.
    public func driverIDs(of candidate: ScoredCandidate) -> [String] {
        candidate.drivers.map { tree.nodes[tree.leafNodes[$0]].id }
    }
}

/// How many drivers a candidate lists.
let driverCount = 3

/// Scores every candidate of `dataset` under its model with the nominal weights (SPEC §3).
///
/// - Complexity: O(candidates × nodes), plus O(candidates log candidates) for the ranking.
public func score(_ dataset: Dataset) throws -> ScoreTable {
    let engine = try ScoringEngine(dataset: dataset)
    return try score(dataset, engine: engine, weights: engine.tree.nominalWeights)
}

/// Scores every candidate with the given weight vector (one per node of the engine's tree).
public func score(_ dataset: Dataset, engine: ScoringEngine, weights: [Double]) throws -> ScoreTable {
    let tree = engine.tree
    let n = engine.candidates
    let weightMatrix = Matrix(rows: weights.count, columns: 1, elements: weights)
    let inner = try engine.nodeValues(weights: weightMatrix)
    let nodeColumns: [[Double]] = tree.nodes.indices.map { index in
        if let leafIndex = tree.nodes[index].leafIndex { return engine.leaves[leafIndex].normalised }
        return inner[index]!.elements
    }
    let pathShares = tree.pathWeights(weights)
    let rootScores = nodeColumns[0].map { $0 * 100 }
    let ranks = descendingRanks(scores: rootScores, ids: dataset.states.map(\.id))

    let candidates = (0..<n).map { i -> ScoredCandidate in
        let values = nodeColumns.map { $0[i] }
        let split = contributionSplit(
            candidate: i, values: values, weights: weights, tree: tree, presence: engine.presence)
        let contributions = tree.leafNodes.map { split.contributions[$0] }
        let coverage = tree.leafNodes.enumerated().reduce(0.0) { sum, leaf in
            engine.leaves[leaf.offset].present[i] ? sum + pathShares[leaf.element] : sum
        }
        let drivers = contributions.indices
            .filter { contributions[$0] > 0 }
            .sorted { contributions[$0] != contributions[$1] ? contributions[$0] > contributions[$1] : $0 < $1 }
            .prefix(driverCount)
        let state = dataset.states[i]
        return ScoredCandidate(
            id: state.id, name: state.name, region: state.region, score: rootScores[i], rank: ranks[i],
            coverage: coverage, nodeValues: values, contributions: contributions,
            effectiveWeights: split.effectiveWeights, drivers: Array(drivers))
    }
    let order = descendingOrder(scores: rootScores, ids: dataset.states.map(\.id))
    return ScoreTable(tree: tree, engine: engine, candidates: candidates, order: order)
}
