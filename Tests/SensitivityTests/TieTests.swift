import Dataset
import Foundation
import LinearAlgebra
import Scoring
import TestSupport
import Testing

@testable import Sensitivity

/// The rank statistics of columns of scores worked out by definition, independently of the
/// ranker and the tally: sort each column (NaN last), group neighbours equal to 12 significant
/// digits (SPEC §12: |a − b| ≤ 1e-12 · max(|a|, |b|, 1)), give each of the m members of a group
/// at positions start..<end a share 1/m of each of those ranks and the mid-rank
/// (start + 1 + end) / 2.
struct BruteForceRanks {
    var acceptability: [[Double]]
    var midRanks: [[Double]]
    let ranks: Int

    init(columns: [[Double]], ranks: Int) {
        let n = columns.first?.count ?? 0
        self.ranks = ranks
        acceptability = Array(repeating: Array(repeating: 0, count: ranks), count: n)
        midRanks = Array(repeating: [], count: n)
        func same(_ a: Double, _ b: Double) -> Bool {
            if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
            return a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b), 1)
        }
        for scores in columns {
            let order = (0..<n).sorted { i, j in
                let (a, b) = (scores[i], scores[j])
                if a.isNaN != b.isNaN { return b.isNaN }
                return a > b || (a == b && i < j)
            }
            var start = 0
            while start < n {
                var end = start + 1
                while end < n && same(scores[order[end - 1]], scores[order[end]]) { end += 1 }
                let m = Double(end - start)
                for p in start..<end {
                    let c = order[p]
                    midRanks[c].append(Double(start + 1 + end) / 2)
                    for r in start..<max(start, min(end, ranks)) { acceptability[c][r] += 1 / m }
                }
                start = end
            }
        }
        let samples = Double(columns.count)
        acceptability = acceptability.map { $0.map { $0 / samples } }
    }

    /// The smallest mid-rank whose share of the samples reaches p.
    func percentile(_ c: Int, _ p: Double) -> Double {
        let sorted = midRanks[c].sorted()
        let needed = max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return sorted[needed - 1]
    }

    func mean(_ c: Int) -> Double { midRanks[c].reduce(0, +) / Double(midRanks[c].count) }

    func deviation(_ c: Int) -> Double {
        let m = mean(c)
        return (midRanks[c].map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(midRanks[c].count)).squareRoot()
    }

    /// nil when `distribution` agrees (percentiles within its stated error), else the first
    /// disagreement.
    func matches(_ distribution: RankDistribution) -> String? {
        let error = distribution.layout.relativeError
        for c in acceptability.indices {
            let row = distribution.acceptability(c)
            for r in 0..<ranks where abs(row[r] - acceptability[c][r]) > 1e-11 {
                return "acceptability[\(c)][\(r)]: \(row[r]) vs \(acceptability[c][r])"
            }
            if abs(distribution.meanRank(c) - mean(c)) > 1e-9 * mean(c) {
                return "mean of \(c): \(distribution.meanRank(c)) vs \(mean(c))"
            }
            if abs(distribution.rankDeviation(c) - deviation(c)) > 1e-6 * max(1, deviation(c)) {
                return "sd of \(c): \(distribution.rankDeviation(c)) vs \(deviation(c))"
            }
            for p in [0.05, 0.5, 0.95] {
                let (got, want) = (distribution.rankPercentile(c, p), percentile(c, p))
                if abs(got - want) > error * want + (error > 0 ? 0.5 : 0) {
                    return "p\(p) of \(c): \(got) vs \(want)"
                }
            }
        }
        return nil
    }
}

@Suite struct TieTests {
    /// Four hand-made columns of five candidates: A and B tie (exactly, then within 10⁻¹²
    /// relative), C and D are 2 × 10⁻¹² apart (not tied), E is missing, alone last.
    @Test(arguments: [true, false])
    func tiedCandidatesShareTheirRanksByHand(vector: Bool) {
        let ids = ["A", "B", "C", "D", "E"]
        let columns: [[Double]] = [
            [10, 10, 5, 5 - 2e-11, .nan],
            [10, 10 + 5e-12, 5, 5 - 2e-11, .nan],
            [3, 3, 5, 5 - 2e-11, .nan],
            [1, 1, 1, 1, .nan],
        ]
        var ranker = Ranker(ids: ids, allowVector: vector)
        var tally = RankTally(candidates: 5, ranks: 5)
        for column in columns {
            column.withUnsafeBufferPointer { ranker.rank($0.baseAddress!, tally: &tally) }
        }
        let d = RankDistribution(tally, ranker: ranker)
        // A: ranks {1, 2} twice, {3, 4} once, {1, 2, 3, 4} once.
        // Shares: rank 1 = (0.5 + 0.5 + 0 + 0.25) / 4 = 0.3125, the same for rank 2;
        // ranks 3 and 4 = (0.5 + 0.25) / 4 = 0.1875.
        #expect(d.acceptability(0) == [0.3125, 0.3125, 0.1875, 0.1875, 0])
        #expect(d.acceptability(1) == d.acceptability(0))
        // Mid-ranks of A: 1.5, 1.5, 3.5, 2.5 → mean 2.25; sd √((0.5625·2 + 1.5625 + 0.0625)/4).
        #expect(d.meanRank(0) == 2.25)
        #expect(abs(d.rankDeviation(0) - (2.75 / 4).squareRoot()) < 1e-12)
        #expect(d.rankPercentile(0, 0.05) == 1.5)
        #expect(d.rankPercentile(0, 0.5) == 1.5)
        #expect(d.rankPercentile(0, 0.95) == 3.5)
        // C: rank 3 twice, rank 1 once, shares {1…4} once: rank 1 = 1.25/4, rank 3 = 2.25/4.
        #expect(d.acceptability(2) == [0.3125, 0.0625, 0.5625, 0.0625, 0])
        // E is missing in every column: rank 5 alone.
        #expect(d.acceptability(4) == [0, 0, 0, 0, 1])
        // P(top 1) of A: a share of rank 1.
        #expect(d.probabilityInTop(0, 1) == 0.3125)
        #expect(d.probabilityInTop(3, 4) == 1)
    }

    /// Random columns with many ties, missing values and near-ties, against the brute force:
    /// on both ranking paths, with the exact histogram (n ≤ 2,048) and the binned one.
    @Test(arguments: [(5, true), (40, true), (300, true), (300, false), (1500, false), (3000, false)])
    func tallyMatchesTheBruteForce(n: Int, vector: Bool) {
        var generator = Xoshiro256(seed: UInt64(n))
        let ids = (0..<n).map { "k\(($0 * 31) % 9973)" }
        var columns: [[Double]] = []
        for column in 0..<12 {
            columns.append(
                (0..<n).map { _ in
                    let u = generator.nextUnit()
                    switch column % 3 {
                    case 0: return generator.nextNormal()
                    case 1: return u < 0.1 ? .nan : Double(Int(generator.nextUnit() * 6))
                    default: return Double(Int(u * 4)) * (1 + (generator.nextUnit() < 0.5 ? 4e-13 : 0))
                    }
                })
        }
        var ranker = Ranker(ids: ids, allowVector: vector)
        let k = min(n, 50)
        var tally = RankTally(candidates: n, ranks: k)
        for column in columns {
            column.withUnsafeBufferPointer { ranker.rank($0.baseAddress!, tally: &tally) }
        }
        let problem = BruteForceRanks(columns: columns, ranks: k).matches(RankDistribution(tally, ranker: ranker))
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// The workers of a binned run share one store of counts: columns ranked by three tallies
    /// that share it (in 16 bits and in 32), flushed at different points and merged, count as
    /// the brute force of all the columns; two tallies made apart merge into the same.
    @Test(arguments: [(3000, 12), (3000, Int(UInt16.max) + 1)])
    func workersSharingABinnedStoreMatchTheBruteForce(n: Int, samples: Int) {
        var generator = Xoshiro256(seed: 11)
        let ids = (0..<n).map { "w\(($0 * 29) % 10007)" }
        let columns: [[Double]] = (0..<12).map { column in
            (0..<n).map { _ in
                column % 4 == 3 ? Double(Int(generator.nextUnit() * 3)) : generator.nextNormal()
            }
        }
        var ranker = Ranker(ids: ids)
        let k = 50
        let first = RankTally(candidates: n, ranks: k, samples: samples)
        var workers = [first] + (1..<3).map { first.sharingCounts(worker: $0, of: 3) }
        var apart = RankTally(candidates: n, ranks: k, samples: samples)
        var laterApart = RankTally(candidates: n, ranks: k, samples: samples)
        for (index, column) in columns.enumerated() {
            column.withUnsafeBufferPointer { scores in
                ranker.rank(scores.baseAddress!, tally: &workers[index % 3])
                if index < 5 {
                    ranker.rank(scores.baseAddress!, tally: &apart)
                } else {
                    ranker.rank(scores.baseAddress!, tally: &laterApart)
                }
            }
            if index == 4 { workers[1].flush() }
        }
        var merged = workers[0]
        for worker in workers.dropFirst() { merged.merge(worker) }
        apart.merge(laterApart)
        let bruteForce = BruteForceRanks(columns: columns, ranks: k)
        let shared = RankDistribution(merged, ranker: ranker)
        let problem = bruteForce.matches(shared)
        #expect(problem == nil, "\(problem ?? "")")
        #expect(shared.samples == columns.count)
        #expect(RankDistribution(apart, ranker: ranker) == shared)
    }

    /// Columns in which every candidate ties (a variant that sends all of them to 0) among
    /// ordinary ones, counted by two tallies and merged, against the brute force: each of n
    /// tied candidates holds 1/n of each of the first K ranks there.
    @Test(arguments: [5, 60, 3000])
    func columnsWhereEveryoneTiesMatchTheBruteForce(n: Int) {
        var generator = Xoshiro256(seed: UInt64(n) + 7)
        let ids = (0..<n).map { "c\(($0 * 17) % 10007)" }
        var columns: [[Double]] = []
        for column in 0..<10 {
            columns.append(
                column % 3 == 1 ? Array(repeating: 0, count: n) : (0..<n).map { _ in generator.nextNormal() })
        }
        var ranker = Ranker(ids: ids)
        let k = min(n, 50)
        var first = RankTally(candidates: n, ranks: k)
        var second = RankTally(candidates: n, ranks: k)
        for (index, column) in columns.enumerated() {
            column.withUnsafeBufferPointer { scores in
                if index < 4 {
                    ranker.rank(scores.baseAddress!, tally: &first)
                } else {
                    ranker.rank(scores.baseAddress!, tally: &second)
                }
            }
        }
        first.merge(second)
        let problem = BruteForceRanks(columns: columns, ranks: k).matches(RankDistribution(first, ranker: ranker))
        #expect(problem == nil, "\(problem ?? "")")
        // A column of ties only: 1/n of rank 1 for each, by hand.
        var alone = RankTally(candidates: n, ranks: k)
        columns[1].withUnsafeBufferPointer { ranker.rank($0.baseAddress!, tally: &alone) }
        let d = RankDistribution(alone, ranker: ranker)
        #expect(abs(d.acceptability(n - 1)[0] - 1 / Double(n)) < 1e-11)
        #expect(d.meanRank(0) == Double(n + 1) / 2)
    }

    /// Beyond 2,048 candidates the histogram is binned: each doubled rank falls in its bin, the
    /// bins stay within the memory budget, and the stated error is small.
    @Test(arguments: [3000, 100_000, 1_000_000])
    func binnedHistogramIsBounded(n: Int) {
        let layout = RankHistogramLayout(candidates: n)
        #expect(!layout.exact)
        #expect(layout.bins <= 1024 && layout.bins * 4 * n <= max(1 << 28, 128 * 4 * n))
        #expect(layout.lower.first == 0 && layout.lower.last == 2 * n + 1)
        for v in stride(from: 0, through: 2 * n, by: max(1, n / 5000)) {
            let b = layout.bin(v)
            #expect(layout.lower[b] <= v && v < layout.lower[b + 1])
        }
        #expect(layout.relativeError < (n <= 100_000 ? 0.01 : 0.1))
        #expect(RankHistogramLayout(candidates: 2048).exact)
    }

    /// Renaming a candidate (AAA → ZZA in every file of demo-small, nothing else) changes none of
    /// its statistics, nor anyone else's: same seed, same draws, exactly equal.
    @Test func renamingACandidateChangesNothing() throws {
        let original = try Dataset.load(directory: repositoryRoot.appendingPathComponent("datasets/demo-small").path)
        let folder = try temporaryFolder("rename")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = repositoryRoot.appendingPathComponent("datasets/demo-small")
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let text = try String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)
            try text.replacingOccurrences(of: "AAA", with: "ZZA").write(
                to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let renamed = try Dataset.load(directory: folder.path)
        let a = try SensitivityAnalysis(dataset: original), b = try SensitivityAnalysis(dataset: renamed)
        #expect(a.ids.firstIndex(of: "AAA") == b.ids.firstIndex(of: "ZZA"))
        // The model's geometric alternative sends the 0/1 engagement leaves' zeros to 0: ties.
        #expect(try !a.geometricZeros().isEmpty)
        let (da, db) = (
            try a.rankDistribution(samples: 3000, seed: 7, ranks: 10, workers: 2),
            try b.rankDistribution(samples: 3000, seed: 7, ranks: 10, workers: 1)
        )
        for c in 0..<a.candidates {
            #expect(da.acceptability(c) == db.acceptability(c))
            #expect(da.meanRank(c) == db.meanRank(c))
            #expect(da.rankDeviation(c) == db.rankDeviation(c))
            for p in [0.05, 0.5, 0.95] { #expect(da.rankPercentile(c, p) == db.rankPercentile(c, p)) }
        }
        let (sa, sb) = (
            try a.sobol(baseSamples: 64, seed: 7, resamples: 20),
            try b.sobol(baseSamples: 64, seed: 7, resamples: 20)
        )
        #expect(sa.rankShift == sb.rankShift)
        #expect(sa.scores == sb.scores)
        let (oa, ob) = (try a.oneAtATime(visits: 4, gridPoints: 9), try b.oneAtATime(visits: 4, gridPoints: 9))
        for (x, y) in zip(oa, ob) {
            #expect(x.bestRank == y.bestRank && x.worstRank == y.worstRank)
            #expect(x.thresholds.map(\.weight) == y.thresholds.map(\.weight))
            #expect(x.thresholds.map(\.candidate) == y.thresholds.map(\.candidate))
        }
    }

    /// Two candidates equal in every value straddle the top-2 boundary: whatever the weights
    /// they share ranks 2 and 3, so each is in the top 2 half of the time, and the sweep keeps
    /// both out (mid-rank 2.5) rather than picking one by id.
    @Test func candidatesEqualEverywhereShareTheBoundary() throws {
        let dataset = makeDataset(
            ids: ["P", "Q", "R", "S"], columns: ["x": [0.9, 0.5, 0.5, 0.1], "y": [0.8, 0.4, 0.4, 0.2]],
            criteria: [leaf("x"), leaf("y")], sensitivity: SensitivitySettings(perturbation: .uniform(spread: 0.3)))
        let analysis = try SensitivityAnalysis(dataset: dataset)
        let d = try analysis.rankDistribution(samples: 500, seed: 1)
        #expect(d.probabilityInTop(1, 2) == 0.5 && d.probabilityInTop(2, 2) == 0.5)
        #expect(d.meanRank(1) == 2.5 && d.meanRank(2) == 2.5)
        for sweep in try analysis.oneAtATime(visits: 2, gridPoints: 5) {
            #expect(sweep.bestRank[1] == 2.5 && sweep.worstRank[2] == 2.5)
            #expect(sweep.thresholds.isEmpty)
        }
    }

    /// A geometric node over a leaf that is 0 for two of five candidates sends them to 0; the
    /// arithmetic model under an `aggregation: geometric` alternative does the same at the root.
    @Test func geometricNodesWithZeroChildrenAreNamed() throws {
        let columns: [String: [Double]] = ["x": [0.2, 0.4, 0.6, 0.8, 1], "y": [0, 0.5, 0, 1, 0.3]]
        let geometric = makeDataset(
            ids: ["A", "B", "C", "D", "E"], columns: columns, criteria: [node("g", .geometric, [leaf("x"), leaf("y")])])
        let found = try SensitivityAnalysis(dataset: geometric).geometricZeros()
        #expect(found.map(\.node) == ["g"] && found.map(\.candidates) == [2] && found[0].alternative == nil)
        let warning = GeometricZero.diagnostics(found, modelFile: "model.yaml").map(\.description)
        #expect(
            warning.count == 1 && warning[0].contains("warning: geometric node `g`")
                && warning[0].contains("2 of 5 in the model"))
        let alternative = makeDataset(
            ids: ["A", "B", "C", "D", "E"], columns: columns, criteria: [leaf("x"), leaf("y")],
            sensitivity: SensitivitySettings(aggregations: [.arithmetic, .geometric]))
        let underAlternative = try SensitivityAnalysis(dataset: alternative).geometricZeros()
        #expect(underAlternative.map(\.node) == ["root"] && underAlternative.map(\.candidates) == [2])
        #expect(underAlternative[0].alternative == "aggregation: geometric")
        let arithmetic = makeDataset(ids: ["A", "B"], columns: ["x": [0, 1]], criteria: [leaf("x")])
        #expect(try SensitivityAnalysis(dataset: arithmetic).geometricZeros().isEmpty)
    }
}
