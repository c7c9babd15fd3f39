import Dataset
import Foundation
import Numerics
import TestSupport
import Testing

@_spi(Testing) @testable import Sensitivity

@Suite struct SobolTests {
    /// y = Σ a_i x_i with x_i uniform on [0, 1): S_i = S_Ti = a_i² / Σ a_j² (no interactions).
    @Test func linearModelIndicesMatchTheAnalyticValues() {
        let a = [4.0, 2.0, 1.0, 0.0]
        let total = a.reduce(0) { $0 + $1 * $1 }
        let indices = sobolIndices(factors: 4, baseSamples: 8192, seed: 1, resamples: 100) { points in
            points.map { x in zip(a, x).reduce(0) { $0 + $1.0 * $1.1 } }
        }
        for i in a.indices {
            let exact = a[i] * a[i] / total
            #expect(abs(indices.first[i] - exact) < 0.03, "S_\(i) = \(indices.first[i]) vs \(exact)")
            #expect(abs(indices.total[i] - exact) < 0.03, "ST_\(i) = \(indices.total[i]) vs \(exact)")
        }
        // A factor without effect has exactly zero total index (f(A_B^i) = f(A) row by row).
        #expect(indices.total[3] == 0)
        // The intervals bracket the estimates.
        for i in 0..<3 {
            #expect(
                indices.firstInterval[i].low <= indices.first[i] && indices.first[i] <= indices.firstInterval[i].high)
            #expect(
                indices.totalInterval[i].low <= indices.total[i] && indices.total[i] <= indices.totalInterval[i].high)
        }
    }

    /// The Ishigami function (a = 7, b = 0.1) on [−π, π]³: S = (0.3139, 0.4424, 0),
    /// ST = (0.5576, 0.4424, 0.2437) (Ishigami & Homma 1990; Saltelli et al. 2008).
    @Test func ishigamiIndicesMatchThePublishedValues() {
        let indices = sobolIndices(factors: 3, baseSamples: 16384, seed: 7, resamples: 0) { points in
            points.map { u in
                let x = u.map { -Double.pi + 2 * Double.pi * $0 }
                return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
            }
        }
        let first = [0.3139, 0.4424, 0.0]
        let total = [0.5576, 0.4424, 0.2437]
        for i in 0..<3 {
            #expect(abs(indices.first[i] - first[i]) < 0.04, "S_\(i) = \(indices.first[i])")
            #expect(abs(indices.total[i] - total[i]) < 0.04, "ST_\(i) = \(indices.total[i])")
        }
    }

    /// Two leaves x and y and a score 100 (w_x x + w_y y) / (w_x + w_y): for a candidate with
    /// x = y the score does not depend on the weights (undefined indices); for one with
    /// y = 0 the score is 100 w_x / (w_x + w_y), symmetric in the two weights' spreads, so
    /// their first-order indices are equal.
    @Test func weightIndicesFollowTheScoreFormula() throws {
        let dataset = makeDataset(
            ids: ["P", "Q", "R"], columns: ["x": [1, 0.4, 0.2], "y": [0, 0.4, 0.9]],
            criteria: [leaf("x"), leaf("y")],
            sensitivity: SensitivitySettings(perturbation: .uniform(spread: 0.3)))
        let analysis = try SensitivityAnalysis(dataset: dataset)
        let result = try analysis.sobol(baseSamples: 4096, seed: 5, resamples: 0, workers: 1)
        #expect(result.factors.map(\.description) == ["x", "y"])
        #expect(result.scores[1].first.allSatisfy { $0.isNaN })
        let p = result.scores[0]
        #expect(abs(p.first[0] - p.first[1]) < 0.05)
        // Two factors that act through their ratio: the first-order indices add up to nearly 1.
        #expect(abs(p.first[0] + p.first[1] - 1) < 0.05)
    }

    @Test func weightIndicesAreIdenticalWhateverTheWorkers() throws {
        let analysis = try SensitivityAnalysis(dataset: shippedCycle)
        let one = try analysis.sobol(baseSamples: 96, seed: 3, resamples: 20, rowsPerBlock: 16, workers: 1)
        let two = try analysis.sobol(baseSamples: 96, seed: 3, resamples: 20, rowsPerBlock: 16, workers: 2)
        #expect(one.rankShift == two.rankShift)
        #expect(one.scores == two.scores)
        #expect(
            one.factors.count == shippedCycle.model.criteria.count
                + shippedCycle.model.criteria.reduce(0) { $0 + $1.children.count })
    }
}
