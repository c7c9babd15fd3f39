import Dataset
import Foundation
import LinearAlgebra
import Scoring
import Synthesis
import TestSupport
import Testing

@testable import Sensitivity

/// A synthetic dataset written by the library's generator into a temporary folder and loaded:
/// every normalisation, missing values, a TOPSIS node, a geometric node over 0/1 leaves, and the
/// alternatives `normalisation: [minmax, rank]`, `aggregation: [arithmetic, geometric]`.
func synthetic(_ candidates: Int, seed: UInt64) throws -> Dataset {
    var stream = Xoshiro256(seed: seed)
    let generated = SyntheticDataset.generate(
        SynthesisSettings(candidates: candidates, indicators: 8, seed: seed), using: &stream)
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("chunked-scoring-\(candidates)-\(seed)-\(UUID().uuidString)").path
    try generated.write(to: folder, replacing: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try Dataset.load(directory: folder)
}

@Suite struct ChunkedScoringTests {
    /// The call sizes add up to the columns; every call but the last holds the call size, so
    /// each column keeps its place modulo the call size; none is a single column unless there
    /// is only one (a single column would be scored by other routes).
    @Test func callSizesKeepEachColumnsPlaceInItsPanel() {
        for limit in [16, 32, 48] {
            for count in 0...300 {
                let sizes = ChunkedScorer.callSizes(count, columnsPerCall: limit)
                #expect(sizes.reduce(0, +) == count)
                #expect(sizes.dropLast().allSatisfy { $0 == limit })
                #expect(count == 1 || sizes.allSatisfy { $0 >= 2 }, "\(count) in calls of \(limit): \(sizes)")
                // The last call's size is count's rest (plus one call when the rest is 0 or 1).
                if let last = sizes.last { #expect(last % limit == count % limit || last == limit) }
            }
        }
        #expect(ChunkedScorer.callSizes(37, columnsPerCall: 16) == [16, 16, 5])
        #expect(ChunkedScorer.callSizes(33, columnsPerCall: 16) == [16, 17])
        #expect(ChunkedScorer.callSizes(1, columnsPerCall: 16) == [1])
        #expect(ChunkedScorer.callSizes(32, columnsPerCall: 16) == [16, 16])
    }

    /// Chunked scores equal one call per variant (``MethodAlternatives/scores(weights:variants:)``,
    /// the path Sobol used before) bit for bit, whatever the call size, on a model with
    /// geometric, TOPSIS and missing-value nodes under four method variants; including blocks
    /// where a variant has a single column.
    @Test(arguments: [16, 32, 64])
    func chunkedScoresMatchOneCallPerVariant(columnsPerCall: Int) throws {
        let analysis = try SensitivityAnalysis(dataset: try synthetic(300, seed: 11))
        #expect(analysis.methods.count == 4)
        let forcedZeros = analysis.methods.forcedZeros
        // The geometric alternative over minmax (0/1 engagement leaves at 0) scores 0 throughout:
        // its columns are filled without evaluation, and must still equal the engine's.
        #expect(forcedZeros.contains { $0 != nil })
        var scorer = ChunkedScorer(methods: analysis.methods, columnsPerCall: columnsPerCall, forcedZeros: forcedZeros)
        let width = 37
        var scores = Matrix(rows: analysis.candidates, columns: width + 3)
        var generator = Xoshiro256(seed: 99)
        for block in 0..<6 {
            let columns = block == 5 ? 9 : width
            var weights = Matrix(rows: analysis.sampler.count, columns: width + 3)
            for s in 0..<weights.columns {
                for row in 0..<weights.rows {
                    weights[row, s] = analysis.sampler.nominal[row] * (0.5 + generator.nextUnit())
                }
            }
            // Block 4: a weight at 0 in every column, so that no variant may be skipped there.
            if block == 4 { for s in 0..<weights.columns { weights[3, s] = 0 } }
            // Block 0: one variant; block 1: variant 3 in a single column; others at random.
            let variants: [Int] = (0..<weights.columns).map { s in
                switch block {
                case 0: 2
                case 1: s == 17 ? 3 : s % 3
                default: Swift.min(Int(generator.nextUnit() * 4), 3)
                }
            }
            try scorer.score(weights: weights, columns: columns, variants: variants, into: &scores)
            // Block 4's zero weight may or may not lie on a zero's path; either way the scores
            // below must equal the engine's.
            let skipped = (0..<columns).filter { s in
                forcedZeros[variants[s]]?.applies(to: weights, columns: [s]) == true
            }
            if block != 4 { #expect(skipped == (0..<columns).filter { forcedZeros[variants[$0]] != nil }) }
            #expect(scorer.zeroColumns.sorted() == skipped)
            var used = Matrix(rows: weights.rows, columns: columns)
            for s in 0..<columns { for row in 0..<weights.rows { used[row, s] = weights[row, s] } }
            let expected = try analysis.methods.scores(weights: used, variants: Array(variants.prefix(columns)))
            for s in 0..<columns {
                for i in 0..<analysis.candidates {
                    let (a, b) = (scores[i, s], expected[i, s])
                    #expect(
                        a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN),
                        "block \(block), column \(s), candidate \(i): \(a) vs \(b)")
                }
            }
        }
    }

    /// Against a plain loop: a flat arithmetic tree of three `none` leaves scores each candidate
    /// 100 Σ w_l v_l / Σ w_l, whatever the call size.
    @Test func chunkedScoresMatchAPlainWeightedMean() throws {
        var generator = Xoshiro256(seed: 5)
        let n = 23
        let values = (0..<3).map { _ in (0..<n).map { _ in generator.nextUnit() } }
        let dataset = makeDataset(
            ids: (0..<n).map { "C\($0)" }, columns: ["x": values[0], "y": values[1], "z": values[2]],
            criteria: [leaf("x"), leaf("y"), leaf("z")])
        let analysis = try SensitivityAnalysis(dataset: dataset)
        var scorer = ChunkedScorer(methods: analysis.methods, columnsPerCall: 16)
        let columns = 11
        var weights = Matrix(rows: 4, columns: columns)
        for s in 0..<columns { for row in 0..<4 { weights[row, s] = 0.1 + generator.nextUnit() } }
        var scores = Matrix(rows: n, columns: columns)
        try scorer.score(weights: weights, columns: columns, variants: nil, into: &scores)
        for s in 0..<columns {
            let w = (1...3).map { weights[$0, s] }
            let total = w[0] + w[1] + w[2]
            for i in 0..<n {
                let mean = (w[0] * values[0][i] + w[1] * values[1][i] + w[2] * values[2][i]) / total
                #expect(abs(scores[i, s] - 100 * mean) < 1e-10, "column \(s), candidate \(i)")
            }
        }
    }

    /// The per-candidate Sobol indices of the chunked path against a plain evaluation of the
    /// design: every point's scores from ``MethodAlternatives/scores(weights:variants:)``, one
    /// point at a time, then ``sobolIndices(a:b:ab:resamples:seed:confidence:)`` on them.
    /// The sums are taken in another order, so they agree to rounding, not to the bit.
    @Test func sobolScoresMatchAPlainEvaluationOfTheDesign() throws {
        let analysis = try SensitivityAnalysis(dataset: try synthetic(40, seed: 4))
        let (base, spread, seed): (Int, Double, UInt64) = (24, 0.25, 8)
        let result = try analysis.sobol(
            baseSamples: base, seed: seed, spread: spread, resamples: 0,
            rowsPerBlock: 5, columnsPerCall: 16, workers: 2)
        let k = result.factors.count
        let weightFactors = analysis.sampler.count - 1
        let methods = analysis.methods
        // f(point) for every candidate; point: A, B or A with factor i from B.
        func scores(_ unit: [Double]) throws -> [Double] {
            var vector = [Double](repeating: 1, count: analysis.sampler.count)
            for f in 0..<weightFactors {
                let scale: Double = 1 - spread + 2 * spread * unit[f]
                vector[f + 1] = analysis.sampler.nominal[f + 1] * scale
            }
            let weights = Matrix(rows: vector.count, columns: 1, elements: vector)
            var extra = weightFactors
            var (normalisation, aggregation) = (0, 0)
            if methods.normalisationChoices > 1 {
                normalisation = choice(unit[extra], of: methods.normalisationChoices)
                extra += 1
            }
            if methods.aggregationChoices > 1 { aggregation = choice(unit[extra], of: methods.aggregationChoices) }
            let variant = methods.index(normalisation: normalisation, aggregation: aggregation)
            return try methods.scores(weights: weights, variants: methods.count > 1 ? [variant] : nil).elements
        }
        var (a, b) = ([[Double]](), [[Double]]())
        var ab = [[[Double]]](repeating: [], count: k)
        for j in 0..<base {
            let (unitA, unitB) = sobolRow(j, factors: k, seed: seed)
            a.append(try scores(unitA))
            b.append(try scores(unitB))
            for i in 0..<k {
                var mixed = unitA
                mixed[i] = unitB[i]
                ab[i].append(try scores(mixed))
            }
        }
        var compared = 0
        for c in 0..<analysis.candidates {
            let plain = sobolIndices(a: a.map { $0[c] }, b: b.map { $0[c] }, ab: ab.map { $0.map { $0[c] } })
            for i in 0..<k {
                let pairs: [(Double, Double)] = [
                    (result.scores[c].first[i], plain.first[i]),
                    (result.scores[c].total[i], plain.total[i]),
                ]
                for (x, y) in pairs {
                    let close = x.isNaN ? y.isNaN : abs(x - y) <= 1e-9 * Swift.max(1, abs(y))
                    #expect(close, "candidate \(c), factor \(i): \(x) vs \(y)")
                    if !x.isNaN { compared += 1 }
                }
            }
        }
        #expect(compared > analysis.candidates * k)
    }

    /// The call size changes nothing in the result, to the bit.
    @Test func sobolIsIdenticalWhateverTheCallSize() throws {
        let analysis = try SensitivityAnalysis(dataset: try synthetic(120, seed: 6))
        let small = try analysis.sobol(
            baseSamples: 20, seed: 3, resamples: 10, rowsPerBlock: 4, columnsPerCall: 16, workers: 1)
        let large = try analysis.sobol(
            baseSamples: 20, seed: 3, resamples: 10, rowsPerBlock: 4, columnsPerCall: 500, workers: 2)
        #expect(small.rankShift == large.rankShift)
        #expect(small.scores == large.scores)
    }

    /// A geometric root over two `none` leaves: 100 × x^a y^b (a, b the weights' shares) is 0
    /// for a candidate with x = 0 or y = 0, whatever the positive weights. Nested: the zero may
    /// sit under a geometric child node.
    @Test func aVariantThatScoresZeroEverywhereIsRecognised() throws {
        let ids = ["A", "B", "C"]
        func engine(_ x: [Double], _ y: [Double], root: Aggregation, nested: Bool = false) throws -> ScoringEngine {
            let criteria =
                nested ? [node("g", .geometric, [leaf("x"), leaf("z")]), leaf("y")] : [leaf("x"), leaf("y")]
            let dataset = makeDataset(
                ids: ids, columns: ["x": x, "y": y, "z": [0.5, 0.5, 0.5]],
                criteria: criteria, root: root)
            return try SensitivityAnalysis(dataset: dataset).methods.nominal
        }
        let everyone = try engine([0, 0.4, 0.7], [0.2, 0, 0], root: .geometric)
        #expect(ForcedZero(engine: everyone) != nil)
        // Its scores under positive weights are indeed +0.0 for every candidate.
        let weights = Matrix(rows: 3, columns: 2, elements: [1, 0.3, 2.5, 1, 4, 0.01])
        let scores = try everyone.scores(weights: weights)
        #expect(scores.elements.allSatisfy { $0 == 0 && $0.sign == .plus })
        // C has no zero: its score 100 × 0.7^a × 0.6^b is positive.
        #expect(ForcedZero(engine: try engine([0, 0.4, 0.7], [0.2, 0, 0.6], root: .geometric)) == nil)
        // An arithmetic root averages the zeros away.
        #expect(ForcedZero(engine: try engine([0, 0.4, 0.7], [0.2, 0, 0], root: .arithmetic)) == nil)
        // Nested: A's zero x is under the geometric node g, which is then 0 under the root.
        #expect(ForcedZero(engine: try engine([0, 0.4, 0.7], [0.2, 0, 0], root: .geometric, nested: true)) != nil)
    }
}
