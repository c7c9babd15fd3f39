import Dataset
import Foundation
@_spi(Testing) import LinearAlgebra
import Numerics
import Scoring
import TestSupport
import Testing

@_spi(Testing) @testable import Sensitivity

@Suite struct MonteCarloTests {
    @Test func acceptabilityRowsAndColumnsSumToOne() throws {
        let analysis = try SensitivityAnalysis(
            dataset: smallDataset(SensitivitySettings(perturbation: .uniform(spread: 0.6))))
        let distribution = try analysis.rankDistribution(samples: 5000, seed: 11, blockSize: 300, workers: 2)
        let n = analysis.candidates
        for c in 0..<n {
            #expect(distribution.acceptability(c).reduce(0, +).isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        }
        for r in 0..<n {
            let column = (0..<n).map { distribution.acceptability($0)[r] }.reduce(0, +)
            #expect(column.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        }
        // The perturbation is wide enough that some ranks actually move.
        #expect((0..<n).contains { distribution.acceptability($0).filter { $0 > 0 }.count > 1 })
    }

    @Test func spreadZeroGivesTheNominalRankingInEverySample() throws {
        let dataset = smallDataset(SensitivitySettings(perturbation: .uniform(spread: 0)))
        let analysis = try SensitivityAnalysis(dataset: dataset)
        let nominal = try score(dataset)
        let distribution = try analysis.rankDistribution(samples: 700, seed: 3, blockSize: 64)
        // E and F tie on every value: the score table puts the smaller id first, but in the
        // samples they share ranks r and r + 1 (half of each, mid-rank r + 0.5).
        let (e, f) = (nominal.candidate("E").rank, nominal.candidate("F").rank)
        #expect(f == e + 1)
        for (c, candidate) in nominal.candidates.enumerated() {
            var expected = [Double](repeating: 0, count: analysis.candidates)
            var mid = Double(candidate.rank)
            if candidate.id == "E" || candidate.id == "F" {
                (expected[e - 1], expected[f - 1]) = (0.5, 0.5)
                mid = Double(e) + 0.5
            } else {
                expected[candidate.rank - 1] = 1
            }
            #expect(distribution.acceptability(c) == expected)
            #expect(distribution.probabilityInTop(c, 3) == (candidate.rank <= 3 ? 1 : 0))
            #expect(distribution.rankDeviation(c) == 0)
            #expect(distribution.meanRank(c) == mid)
            #expect(distribution.rankPercentile(c, 0.05) == mid)
            #expect(distribution.rankPercentile(c, 0.95) == mid)
        }
        #expect(distribution.probabilityInTop(4, e) == 0.5)
    }

    /// P = (x 1, y 0) and Q = (x 0.5, y 0.5) under x, y with raw weights 1 and 1.2, spread 0.25:
    /// P ranks first iff w_x > w_y, with w_x ~ U(0.75, 1.25) and w_y ~ U(0.9, 1.5), i.e. with
    /// probability (0.35² / 2) / (0.5 × 0.6) = 0.2041667.
    @Test func twoCandidateRankProbabilityMatchesTheClosedForm() throws {
        let dataset = makeDataset(
            ids: ["P", "Q"], columns: ["x": [1, 0.5], "y": [0, 0.5]],
            criteria: [leaf("x"), leaf("y", weight: 1.2)],
            sensitivity: SensitivitySettings(perturbation: .uniform(spread: 0.25)))
        let analysis = try SensitivityAnalysis(dataset: dataset)
        let distribution = try analysis.rankDistribution(samples: 200_000, seed: 2023)
        let expected = 0.35 * 0.35 / 2 / (0.5 * 0.6)
        // Binomial standard error ≈ 0.0009: five of them.
        #expect(abs(distribution.acceptability(0)[0] - expected) < 0.0045)
        #expect(abs(distribution.meanRank(1) - (1 + expected)) < 0.0045)
    }

    @Test func sameSeedGivesIdenticalCountsWhateverBlocksWorkersAndBLASThreads() throws {
        let analysis = try SensitivityAnalysis(dataset: shippedCycle)
        let saved = blasThreads
        defer { blasThreads = saved }
        blasThreads = 1
        let reference = try analysis.rankDistribution(samples: 3000, seed: 99, blockSize: 512, workers: 1)
        blasThreads = 2
        let otherThreads = try analysis.rankDistribution(samples: 3000, seed: 99, blockSize: 512, workers: 1)
        let otherBlocks = try analysis.rankDistribution(samples: 3000, seed: 99, blockSize: 37, workers: 1)
        let otherWorkers = try analysis.rankDistribution(samples: 3000, seed: 99, blockSize: 200, workers: 2)
        #expect(reference == otherThreads)
        #expect(reference == otherBlocks)
        #expect(reference == otherWorkers)
        let otherSeed = try analysis.rankDistribution(samples: 3000, seed: 100, blockSize: 512, workers: 1)
        #expect(reference != otherSeed)
    }

    /// The fast scorer and the ranker agree with the scoring engine and `descendingOrder`.
    @Test func fastScoresAndRanksAgreeWithTheEngine() throws {
        let analysis = try SensitivityAnalysis(dataset: shippedCycle)
        let engine = try ScoringEngine(dataset: shippedCycle)
        let (weights, _) = analysis.draw(samples: 0..<50, seed: 5)
        let fast = try analysis.scores(weights: weights, variants: nil)
        let reference = try engine.scores(weights: weights)
        for k in fast.elements.indices {
            let (a, b) = (fast.elements[k], reference.elements[k])
            #expect(a.isNaN && b.isNaN || a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-9))
        }
        var ranker = Ranker(ids: analysis.ids)
        for s in 0..<weights.columns {
            let column = reference.column(s)
            column.withUnsafeBufferPointer { ranker.rank($0.baseAddress!) }
            #expect(ranker.order == descendingOrder(scores: column, ids: analysis.ids))
        }
    }

    @Test(arguments: [0, 1, 2, 3], [true, false])
    func rankerMatchesASortWithTiesAndMissingScores(seed: UInt64, vector: Bool) {
        var generator = Xoshiro256(seed: seed)
        let n = 60
        let ids = (0..<n).map { "id\(1000 - $0 * 7)" }
        var ranker = Ranker(ids: ids, allowVector: vector)
        for _ in 0..<20 {
            // Few distinct values (many ties), some missing, some far outside the first range.
            let scores: [Double] = (0..<n).map { _ in
                let u = generator.nextUnit()
                if u < 0.1 { return .nan }
                if u < 0.15 { return 1000 * generator.nextNormal() }
                return Double(Int(generator.nextUnit() * 8))
            }
            scores.withUnsafeBufferPointer { ranker.rank($0.baseAddress!) }
            #expect(ranker.order == descendingOrder(scores: scores, ids: ids))
        }
    }

    /// Scores closer than one key step (most of the column in one key, beside one far value),
    /// infinite scores (no finite span) and a column of one value: the order stays exact.
    @Test(arguments: [true, false])
    func rankerIsExactWhenKeysCollide(vector: Bool) {
        let n = 50
        let ids = (0..<n).map { "c\(($0 * 17) % n)" }
        var ranker = Ranker(ids: ids, allowVector: vector)
        let close: [Double] = (0..<n).map { i -> Double in i == 0 ? 1e6 : 1 + Double(i % 7) * 1e-12 }
        let infinite: [Double] = (0..<n).map { i -> Double in
            switch i % 5 {
            case 0: return .infinity
            case 1: return -.infinity
            default: return Double(i % 3)
            }
        }
        let tiny: [Double] = (0..<n).map { i -> Double in i % 4 == 0 ? .nan : -Double(i) * 1e-300 }
        // A span of one subnormal step: no finite scale to place the scores with.
        let subnormal: [Double] = (0..<n).map { i -> Double in i % 2 == 0 ? 0 : .leastNonzeroMagnitude }
        let columns: [[Double]] = [close, infinite, Array(repeating: 4, count: n), tiny, subnormal]
        for scores in columns {
            scores.withUnsafeBufferPointer { ranker.rank($0.baseAddress!) }
            #expect(ranker.order == descendingOrder(scores: scores, ids: ids))
        }
    }

    /// One pair of neighbours closer than a key step, the lower id with the lower score, every
    /// other score a whole unit apart: only the exact pass puts the pair right, so it must notice
    /// the pair wherever it falls, including either side of the kernel's lanes of 8.
    @Test(arguments: [true, false])
    func rankerFindsALoneClosePair(vector: Bool) {
        let n = 40
        let ids = (0..<n).map { "c\(100 + $0)" }
        var ranker = Ranker(ids: ids, allowVector: vector)
        for q in [1, 2, 7, 8, 9, 10, 15, 16, 17, 24, 25, 32, 33, 39] {
            // Candidate i scores 100 − i (rank i + 1), except that q − 1 sits 10⁻⁹ below q: far
            // closer than a key step, yet not a tie to 12 significant digits (SPEC §12).
            var scores = (0..<n).map { 100 - Double($0) }
            scores[q - 1] = scores[q] - 1e-9
            var expected = Array(0..<n)
            expected.swapAt(q - 1, q)
            scores.withUnsafeBufferPointer { ranker.rank($0.baseAddress!) }
            #expect(ranker.order == expected, "close pair at ranks \(q) and \(q + 1)")
        }
    }

    /// Sizes on both sides of the vector kernel's blocks of 8, 64 and powers of two, and past
    /// its limit of 1,024: the order equals a comparison sort's, and the tally (with ties
    /// shared) equals the brute-force one of `TieTests`.
    @Test(arguments: [2, 3, 8, 9, 63, 64, 65, 127, 128, 193, 256, 257, 1024, 1025])
    func rankerOrdersAndCountsEverySize(n: Int) {
        var generator = Xoshiro256(seed: UInt64(n))
        let ids = (0..<n).map { "s\(($0 * 7919) % 10007)" }
        var vector = Ranker(ids: ids)
        var radix = Ranker(ids: ids, allowVector: false)
        var tallyVector = RankTally(candidates: n, ranks: Swift.min(n, 50))
        var tallyRadix = tallyVector
        var columns: [[Double]] = []
        for column in 0..<6 {
            // Continuous scores, then a column with ties and missing values.
            let scores: [Double] = (0..<n).map { _ in
                column.isMultiple(of: 2)
                    ? generator.nextNormal()
                    : (generator.nextUnit() < 0.05 ? .nan : Double(Int(generator.nextUnit() * 5)))
            }
            columns.append(scores)
            let order = descendingOrder(scores: scores, ids: ids)
            scores.withUnsafeBufferPointer { buffer in
                vector.rank(buffer.baseAddress!, tally: &tallyVector)
                radix.rank(buffer.baseAddress!, tally: &tallyRadix)
            }
            let vectorAgrees = vector.order == order, radixAgrees = radix.order == order
            #expect(vectorAgrees)
            #expect(radixAgrees)
            var ranks = [Int](repeating: 0, count: n)
            for (position, candidate) in order.enumerated() { ranks[candidate] = position + 1 }
            let ranksAgree = vector.ranks == ranks && radix.ranks == ranks
            #expect(ranksAgree)
        }
        let expected = BruteForceRanks(columns: columns, ranks: Swift.min(n, 50))
        for (tally, ranker) in [(tallyVector, vector), (tallyRadix, radix)] {
            let distribution = RankDistribution(tally, ranker: ranker)
            let agrees = expected.matches(distribution)
            #expect(agrees == nil, "\(agrees ?? "")")
        }
    }

    /// On a processor that reports AVX2 (read from /proc/cpuinfo, not from the kernel's own
    /// check), up to 1,024 candidates go through the vector kernel, so the tests above cover it.
    @Test func vectorKernelIsUsedWhereTheProcessorHasAVX2() throws {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return }
        let avx2 = cpuinfo.split(separator: "\n").contains {
            $0.hasPrefix("flags") && $0.split(separator: " ").contains("avx2")
        }
        #expect(Ranker(ids: ["a", "b"]).vectorised == avx2)
        #expect(Ranker(ids: (0..<1024).map { "c\($0)" }).vectorised == avx2)
        #expect(!Ranker(ids: (0..<1025).map { "c\($0)" }).vectorised)
        #expect(!Ranker(ids: ["a", "b"], allowVector: false).vectorised)
    }

    @Test func dirichletSamplesStayOnTheSimplex() throws {
        let dataset = smallDataset()
        let tree = CriteriaTree(model: dataset.model)
        let sampler = WeightSampler(tree: tree, perturbation: .dirichlet(concentration: 20))
        var generator = Xoshiro256(seed: 8)
        var shareOfY = 0.0
        let draws = 20_000
        var column = [Double](repeating: 0, count: sampler.count)
        let (g, x, y, z) = (tree.index(of: "g")!, tree.index(of: "x")!, tree.index(of: "y")!, tree.index(of: "z")!)
        for _ in 0..<draws {
            column.withUnsafeMutableBufferPointer { sampler.draw(into: $0.baseAddress!, using: &generator) }
            #expect(column.allSatisfy { $0 >= 0 })
            // Each sibling group keeps its nominal total: g + z = 3, x + y = 2.5.
            #expect((column[g] + column[z]).isApproximatelyEqual(to: 3, relativeTolerance: 1e-12))
            #expect((column[x] + column[y]).isApproximatelyEqual(to: 2.5, relativeTolerance: 1e-12))
            shareOfY += column[y] / 2.5
        }
        // Dirichlet(20 × shares) has mean equal to the nominal share 1.5 / 2.5 and sd
        // sqrt(0.6 × 0.4 / 21) ≈ 0.107, so the mean of 20,000 draws is within 0.003.
        #expect(abs(shareOfY / Double(draws) - 0.6) < 0.003)
    }

    @Test func methodAlternativesAreSampledAndEachVariantScoresLikeItsModel() throws {
        let settings = SensitivitySettings(
            perturbation: .uniform(spread: 0), normalisations: [.none, .rank],
            aggregations: [.arithmetic, .geometric])
        let dataset = smallDataset(settings)
        let analysis = try SensitivityAnalysis(dataset: dataset)
        #expect(analysis.variantCount == 4)
        let (weights, variants) = analysis.draw(samples: 0..<400, seed: 1)
        #expect(Set(variants!) == [0, 1, 2, 3])
        let scores = try analysis.scores(weights: weights, variants: variants)
        // Variant 3 is rank normalisation with geometric aggregation: score it independently.
        var model = dataset.model
        model.criteria = [
            node(
                "g", weight: 2, .geometric,
                [
                    Criterion(id: "x", kind: .leaf(Leaf(source: .indicator("x"), normalisation: .rank))),
                    Criterion(id: "y", weight: 1.5, kind: .leaf(Leaf(source: .indicator("y"), normalisation: .rank))),
                ]), Criterion(id: "z", kind: .leaf(Leaf(source: .indicator("z"), normalisation: .rank))),
        ]
        model.rootAggregation = .geometric
        var modified = dataset
        modified.model = model
        let expected = try score(modified).scores
        let s = variants!.firstIndex(of: 3)!
        for i in 0..<6 {
            #expect(scores[i, s].isApproximatelyEqual(to: expected[i], absoluteTolerance: 1e-9))
        }
    }
}
