import Dataset
import Foundation
import LinearAlgebra
import Scoring
import TestSupport
import Testing

@testable import Sensitivity

/// A geometric variant that sends every candidate to 0 is written as 0 without evaluating the
/// tree; the facts below are worked out by hand from the geometric mean.
@Suite struct ForcedZeroTests {
    /// Three candidates, each with one leaf at 0: x = (0, .5, .25), y = (1, 0, .5), and under
    /// the geometric node g, z = (.8, .8, 0) and w = (.5, .5, .5).
    func dataset(root: Aggregation = .geometric, z: [Double] = [0.8, 0.8, 0]) -> Dataset {
        makeDataset(
            ids: ["A", "B", "C"],
            columns: ["x": [0, 0.5, 0.25], "y": [1, 0, 0.5], "z": z, "w": [0.5, 0.5, 0.5]],
            criteria: [leaf("x"), leaf("y"), node("g", .geometric, [leaf("z"), leaf("w")])], root: root)
    }

    @Test func everyCandidateWithAZeroLeafOnAGeometricPathScoresZero() throws {
        let engine = try ScoringEngine(dataset: dataset())
        let forced = try #require(ForcedZero(engine: engine))
        // Nodes in pre-order: 0 root, 1 x, 2 y, 3 g, 4 z, 5 w. The zeros are in x, y and z.
        #expect(forced.pathNodes == [1, 2, 3, 4])
        // A product with a factor 0 is 0, whatever the positive weights.
        let weights = Matrix(rows: 6, columns: 2, elements: [1, 1, 2, 1, 1, 1, 1, 0.5, 3, 2, 0.1, 7])
        #expect(forced.applies(to: weights))
        #expect(try engine.scores(weights: weights).elements == [0, 0, 0, 0, 0, 0])
    }

    /// With x's weight at 0, A (whose only 0 is x) is no longer sent to 0: the shortcut must not
    /// apply. A's score is then the geometric mean of y = 1 and g = √(.8 × .5) = √.4 with equal
    /// weights: 100 × .4^(1/4).
    @Test func aZeroWeightOnThePathDisablesTheShortcut() throws {
        let engine = try ScoringEngine(dataset: dataset())
        let forced = try #require(ForcedZero(engine: engine))
        let weights = Matrix(rows: 6, columns: 1, elements: [1, 0, 1, 1, 1, 1])
        #expect(!forced.applies(to: weights))
        let scores = try engine.scores(weights: weights).elements
        #expect(abs(scores[0] - 100 * pow(0.4, 0.25)) < 1e-12)
        #expect(scores[1] == 0 && scores[2] == 0)
        // A negative weight elsewhere: the zero could be cancelled, so no shortcut either.
        #expect(!forced.applies(to: Matrix(rows: 6, columns: 1, elements: [1, 1, 1, 1, 1, -1])))
    }

    @Test func noShortcutUnlessEveryCandidateIsSentToZero() throws {
        // C's only 0 is z; with z = .4 for C, C is not sent to 0.
        #expect(ForcedZero(engine: try ScoringEngine(dataset: dataset(z: [0.8, 0.8, 0.4]))) == nil)
        // An arithmetic root: a 0 below it does not make the score 0.
        #expect(ForcedZero(engine: try ScoringEngine(dataset: dataset(root: .arithmetic))) == nil)
    }

    /// Under alternatives (arithmetic, geometric) the geometric columns of a block are 0 and the
    /// arithmetic ones are the weighted means: with weights (1, 1, 1 | g: 1, 1), A scores
    /// 100 × (0 + 1 + (.8 + .5) / 2) / 3 = 55.
    @Test func alternativesWriteTheForcedVariantAsZero() throws {
        let settings = SensitivitySettings(aggregations: [.arithmetic, .geometric])
        let analysis = try SensitivityAnalysis(dataset: dataset(), settings: settings)
        let weights = Matrix(rows: 6, columns: 3, elements: Array(repeating: 1, count: 18))
        let scores = try analysis.scores(weights: weights, variants: [1, 0, 1])
        #expect(scores.column(0) == [0, 0, 0] && scores.column(2) == [0, 0, 0])
        let a = scores[0, 1]
        #expect(abs(a - 55) < 1e-12)
        // B: (.5 + 0 + .65) / 3; C: (.25 + .5 + .25) / 3.
        #expect(abs(scores[1, 1] - 100 * 1.15 / 3) < 1e-12)
        #expect(abs(scores[2, 1] - 100 / 3) < 1e-12)
    }
}
