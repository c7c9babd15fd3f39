import Dataset
import LinearAlgebra
import Scoring
import TestSupport
import Testing

/// `ScoringEngine.scores(weights:)` on a `nodes × S` block of weight vectors agrees, column by
/// column, with the single-vector scorer and with an independent loop-by-loop implementation of
/// the formulas.
@Suite struct BatchedScoringTests {
    private static let ids = ["A", "B", "C", "D", "E", "F", "G"]
    /// Values in [0.05, 0.95] (none normalisation keeps them as they are); some missing.
    private static let withMissing: [String: [Double]] = [
        "a": [0.1, 0.9, .nan, 0.4, 0.7, 0.2, .nan],
        "b": [0.5, .nan, 0.3, 0.8, 0.1, 0.6, .nan],
        "c": [0.2, 0.4, 0.9, .nan, 0.5, 0.3, .nan],
        "d": [0.7, 0.1, 0.6, 0.2, .nan, 0.9, .nan],
    ]
    private static let complete: [String: [Double]] = [
        "a": [0.1, 0.9, 0.35, 0.4, 0.7, 0.2, 0.05],
        "b": [0.5, 0.15, 0.3, 0.8, 0.1, 0.6, 0.95],
        "c": [0.2, 0.4, 0.9, 0.65, 0.5, 0.3, 0.45],
        "d": [0.7, 0.1, 0.6, 0.2, 0.85, 0.9, 0.55],
    ]

    /// B's b and c are 0 (its inner node h is 0, so its geometric g is 0); D and G miss both
    /// (h is missing, g is a alone).
    private static let innerZeroOrMissing: [String: [Double]] = [
        "a": [0.1, 0.9, 0.35, 0.4, 0.7, 0.2, 0.05],
        "b": [0.5, 0, 0.3, .nan, 0.1, 0.6, .nan],
        "c": [0.2, 0, 0.9, .nan, 0.5, 0.3, .nan],
        "d": [0.7, 0.1, 0.6, 0.2, 0.85, 0.9, 0.55],
    ]

    static let cases: [(name: String, criteria: [Criterion], columns: [String: [Double]])] = [
        (
            "arithmetic with missing values",
            [
                node("g", weight: 3, [leaf("a"), node("h", [leaf("b"), leaf("c", weight: 3)])]),
                leaf("d"),
            ], withMissing
        ),
        (
            "geometric",
            [
                node("g", weight: 2, .geometric, [leaf("a"), node("h", [leaf("b"), leaf("c")])]),
                leaf("d"),
            ], complete
        ),
        (
            "geometric over an inner node at 0 or missing",
            [
                node("g", weight: 2, .geometric, [leaf("a"), node("h", [leaf("b"), leaf("c")])]),
                leaf("d"),
            ], innerZeroOrMissing
        ),
        (
            "geometric with missing values",
            [
                node("g", weight: 2, .geometric, [leaf("a"), leaf("b", weight: 3)]),
                node("k", [leaf("c"), leaf("d")]),
            ], withMissing
        ),
        (
            "topsis",
            [
                node("t", weight: 2, .topsis, [leaf("a"), node("h", weight: 2, [leaf("b"), leaf("c")])]),
                leaf("d"),
            ], complete
        ),
        ("topsis root", [leaf("a"), leaf("b", weight: 2), node("h", [leaf("c"), leaf("d")])], complete),
    ]

    private static func root(of name: String) -> Aggregation { name == "topsis root" ? .topsis : .arithmetic }

    @Test(arguments: cases.indices)
    func batchedScoresEqualSingleVectorScores(index: Int) throws {
        let (name, criteria, columns) = Self.cases[index]
        let dataset = makeDataset(ids: Self.ids, columns: columns, criteria: criteria, root: Self.root(of: name))
        let engine = try ScoringEngine(dataset: dataset)
        let nodes = engine.tree.nodes.count

        // Five random weight vectors, each weight in [0.1, 2).
        var rng = Xoshiro256(seed: 2020, stream: UInt64(index))
        let samples = 5
        let vectors = (0..<samples).map { _ in (0..<nodes).map { _ in rng.nextUniform(0.1, 2) } }
        let block = Matrix(columns: vectors, rows: nodes)
        let batched = try engine.scores(weights: block)
        #expect(batched.rows == Self.ids.count && batched.columns == samples)

        for s in 0..<samples {
            let single = try score(dataset, engine: engine, weights: vectors[s]).scores
            expectClose(batched.column(s), single, tolerance: 1e-9)

            // The independent reference over the same leaf values and weights.
            var weightByID: [String: Double] = [:]
            for (k, n) in engine.tree.nodes.enumerated() { weightByID[n.id] = vectors[s][k] }
            let reference = ReferenceScorer(leafValues: columns, weights: weightByID, candidates: Self.ids.count)
                .scores(criteria, root: Self.root(of: name))
            expectClose(batched.column(s), reference, tolerance: 1e-9)
        }
    }

    @Test(arguments: cases.indices)
    func nominalWeightsReproduceTheScoreTable(index: Int) throws {
        let (name, criteria, columns) = Self.cases[index]
        let dataset = makeDataset(ids: Self.ids, columns: columns, criteria: criteria, root: Self.root(of: name))
        let table = try score(dataset)
        let reference = ReferenceScorer(leafValues: columns, weights: [:], candidates: Self.ids.count)
            .scores(criteria, root: Self.root(of: name))
        expectClose(table.scores, reference, tolerance: 1e-9)
    }
}

/// One-at-a-time sweeps start every weight at 0 (SPEC §6), so a score must not jump there.
@Suite struct ZeroWeightTests {
    // root: h (1) = [b (1), c (1)], d (1). Y misses c, so b is h's only present child.
    private let dataset = makeDataset(
        ids: ["X", "Y"], columns: ["b": [0.4, 0.8], "c": [0.6, .nan], "d": [0.2, 0.2]],
        criteria: [node("h", [leaf("b"), leaf("c")]), leaf("d")])

    /// Weights in node order (root, h, b, c, d) with b's weight set to `b`.
    private func weights(b: Double) -> [Double] { [1, 1, b, 1, 1] }

    @Test func aScoreIsContinuousAsAWeightGoesToZero() throws {
        let engine = try ScoringEngine(dataset: dataset)
        #expect(engine.tree.nodes.map(\.id) == ["root", "h", "b", "c", "d"])
        // For every b-weight w > 0, Y's h is b alone (its weight renormalised to 1), so Y scores
        // 0.5·0.8 + 0.5·0.2 = 0.5 → 50; X's h is c alone at w = 0: 0.5·0.6 + 0.5·0.2 = 0.4 → 40.
        for w in [1.0, 1e-3, 1e-9] {
            expectClose(
                try score(dataset, engine: engine, weights: weights(b: w)).candidate("Y").score, 50,
                tolerance: 1e-9, "b weight \(w)")
        }
        let atZero = try score(dataset, engine: engine, weights: weights(b: 0))
        expectClose(atZero.candidate("X").score, 40)
        expectClose(atZero.candidate("Y").score, 50, tolerance: 1e-6, "b weight 0")
        let batched = try engine.scores(weights: Matrix(columns: [weights(b: 0), weights(b: 1e-9)], rows: 5))
        expectClose(batched.column(0), batched.column(1), tolerance: 1e-6)
    }
}
