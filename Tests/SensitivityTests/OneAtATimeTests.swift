import Dataset
import LinearAlgebra
import Numerics
import Scoring
import TestSupport
import Testing

@testable import Sensitivity

@Suite struct OneAtATimeTests {
    /// Root: g (weight 1) over a (swept, nominal 1.25) and b (1); and c (1). With values
    /// P (a 1, b 0, c 0), Q (a 0, b 1, c 0), R (a 0.4, b 0.4, c 0.2), as functions of w = w_a:
    /// P = 50 w/(w + 1), Q = 50/(w + 1), R = 30.
    /// P = Q at w = 1; Q = 30 at w = 2/3; P = 30 at w = 1.5.
    /// Top 1: Q below 2/3, R between 2/3 and 1.5, P above 1.5.
    /// Top 2: {Q, R} below 1, {P, R} above (the P–R crossing at 1.5 changes nothing).
    static let handExample = makeDataset(
        ids: ["P", "Q", "R"],
        columns: ["a": [1, 0, 0.4], "b": [0, 1, 0.4], "c": [0, 0, 0.2]],
        criteria: [node("g", [leaf("a", weight: 1.25), leaf("b")]), leaf("c")])

    @Test(arguments: [true, false])
    func thresholdsOfTheHandExample(exact: Bool) throws {
        let analysis = try SensitivityAnalysis(dataset: Self.handExample)
        let one = try analysis.oneAtATime(visits: 1, gridPoints: 41, exact: exact).first { $0.factor == "a" }!
        #expect(one.thresholds.map(\.id) == ["R", "Q", "P", "R"])
        #expect(one.thresholds.map(\.enters) == [true, false, true, false])
        let expected = [2.0 / 3, 2.0 / 3, 1.5, 1.5]
        for (t, w) in zip(one.thresholds, expected) {
            #expect(t.weight.isApproximatelyEqual(to: w, relativeTolerance: 1e-9))
        }
        let two = try analysis.oneAtATime(visits: 2, gridPoints: 41, exact: exact).first { $0.factor == "a" }!
        #expect(two.thresholds.map(\.id) == ["P", "Q"])
        #expect(two.thresholds.map(\.enters) == [true, false])
        for t in two.thresholds { #expect(t.weight.isApproximatelyEqual(to: 1, relativeTolerance: 1e-9)) }
        // Q ranks 1st near w = 0 and 3rd near w = 2.5.
        #expect(two.bestRank[1] == 1 && two.worstRank[1] == 3)
        #expect(one.exact == exact)
    }

    /// The exact thresholds of the shipped model for `threat` against the top 12 recomputed on a
    /// grid of 20,001 weights with the scoring engine: each change on the grid lies next to one
    /// exact threshold with the same candidates, and nothing else changes.
    @Test func exactThresholdsMatchAFineGridOnTheShippedCycle() throws {
        let analysis = try SensitivityAnalysis(dataset: shippedCycle)
        let visits = 12
        let sweep = try analysis.oneAtATime(visits: visits).first { $0.factor == "threat" }!
        #expect(sweep.exact)
        #expect(!sweep.thresholds.isEmpty)
        let engine = try ScoringEngine(dataset: shippedCycle)
        let k = engine.tree.index(of: "threat")!
        let nominal = engine.tree.nominalWeights
        let points = 20_001
        let end = 2 * nominal[k]
        var weights = Matrix(rows: nominal.count, columns: points)
        for g in 0..<points {
            for row in nominal.indices { weights[row, g] = nominal[row] }
            weights[k, g] = end * Double(g) / Double(points - 1)
        }
        let scores = try engine.scores(weights: weights)
        let ids = shippedCycle.states.map(\.id)
        var previous: Set<String>?
        var gridChanges: [(low: Double, high: Double, entered: Set<String>, left: Set<String>)] = []
        for g in 0..<points {
            let top = Set(descendingOrder(scores: scores.column(g), ids: ids).prefix(visits).map { ids[$0] })
            if let previous, previous != top {
                gridChanges.append(
                    (
                        end * Double(g - 1) / Double(points - 1), end * Double(g) / Double(points - 1),
                        top.subtracting(previous), previous.subtracting(top)
                    ))
            }
            previous = top
        }
        let exactWeights = Set(sweep.thresholds.map(\.weight)).sorted()
        #expect(exactWeights.count == gridChanges.count)
        for (change, weight) in zip(gridChanges, exactWeights) {
            #expect(change.low <= weight && weight <= change.high)
            let here = sweep.thresholds.filter { $0.weight == weight }
            #expect(Set(here.filter(\.enters).map(\.id)) == change.entered)
            #expect(Set(here.filter { !$0.enters }.map(\.id)) == change.left)
        }
    }
}
