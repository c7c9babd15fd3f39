import Dataset
import LinearAlgebra
import Scoring

/// The rank distribution of every candidate under sampled weights: SMAA-2 (Lahdelma &
/// Salminen 2001) rank acceptability for ranks 1 … K, and each candidate's mean rank, spread,
/// percentiles and top-k probabilities.
///
/// Candidates tied in a sample (equal to 12 significant digits, SPEC §12) share the tied ranks:
/// each holds an equal share of the acceptability of each, and its rank for the mean, the
/// standard deviation and the percentiles is their mean (the mid-rank). No statistic depends on
/// a candidate's id or row.
///
/// Only bounded counts are kept (``RankTally``): memory is linear in the candidates and does
/// not grow with the samples. Percentiles are exact up to ``RankHistogramLayout/exactLimit``
/// candidates and within `layout.relativeError` beyond.
public struct RankDistribution: Sendable, Equatable {
    public let samples: Int
    public let candidates: Int
    /// K: the ranks whose acceptability is kept.
    public let ranks: Int
    public let layout: RankHistogramLayout
    /// The merged counts, one row per tie rank, read in place: at 10⁶ candidates a copy in
    /// candidate order would be another 900 MB.
    private let tally: RankTally
    /// Each candidate's row of `tally`.
    private let ranker: Ranker

    /// The distribution of a merged tally, read through the ranker's candidate order.
    init(_ tally: RankTally, ranker: Ranker) {
        var tally = tally
        tally.flush()
        samples = tally.samples
        candidates = tally.candidates
        ranks = tally.ranks
        layout = tally.layout
        self.tally = tally
        self.ranker = ranker
    }

    /// Candidate c's share of rank r + 1 over the samples, in units of
    /// 1/``RankTally/unitsPerSample`` of a sample.
    private func units(_ c: Int, _ r: Int) -> Int64 {
        let t = ranker.tieRank(of: c)
        let whole =
            layout.exact
            ? Int64(tally.count(t, 2 * (r + 1)))
                - Int64(tally.tiedAt.isEmpty ? 0 : tally.tiedAt[t * ranks + r])
            : Int64(tally.aloneCount(t, r))
        return whole * RankTally.unitsPerSample + tally.sharedUnits(t, r)
    }

    /// Samples in which candidate c's doubled mid-rank fell in bin b.
    private func histogram(_ c: Int, _ b: Int) -> UInt32 { tally.count(ranker.tieRank(of: c), b) }

    /// Σ and Σ² of candidate c's doubled mid-ranks over the samples.
    private func doubledMoments(_ c: Int) -> (sum: UInt64, squares: UInt128) {
        let t = ranker.tieRank(of: c)
        guard layout.exact else { return tally.moments(t) }
        var (sum, squares): (UInt64, UInt128) = (0, 0)
        for v in 0..<layout.bins {
            let count = tally.count(t, v)
            sum += UInt64(count) * UInt64(v)
            squares += UInt128(count) * UInt128(v * v)
        }
        return (sum, squares)
    }

    /// Equal when every statistic of every candidate is (the counts, however the tallies were
    /// laid out and split).
    public static func == (a: RankDistribution, b: RankDistribution) -> Bool {
        guard a.samples == b.samples, a.candidates == b.candidates, a.ranks == b.ranks, a.layout == b.layout else {
            return false
        }
        return (0..<a.candidates).allSatisfy { c in
            a.doubledMoments(c) == b.doubledMoments(c)
                && (0..<a.ranks).allSatisfy { a.units(c, $0) == b.units(c, $0) }
                && (0..<a.layout.bins).allSatisfy { a.histogram(c, $0) == b.histogram(c, $0) }
        }
    }

    private var total: Double { Double(Swift.max(samples, 1)) }

    /// The rank acceptability row of candidate c: the probability of each rank from 1 to K.
    public func acceptability(_ c: Int) -> [Double] {
        // Both operands are whole numbers held exactly, so the quotient is correctly rounded.
        let whole = Double(RankTally.unitsPerSample) * total
        return (0..<ranks).map { Double(units(c, $0)) / whole }
    }

    /// The mean rank of candidate c (mid-ranks for ties; the same as the mean of the shared
    /// acceptability).
    public func meanRank(_ c: Int) -> Double {
        Double(doubledMoments(c).sum) / 2 / total
    }

    /// The standard deviation of candidate c's mid-rank over the samples (population form,
    /// dividing by the number of samples).
    public func rankDeviation(_ c: Int) -> Double {
        let mean = meanRank(c)
        let square = Double(doubledMoments(c).squares) / 4 / total
        return Swift.max(0, square - mean * mean).squareRoot()
    }

    /// The p-quantile of candidate c's mid-rank: the smallest value whose cumulative
    /// probability reaches p (the inverse of the empirical distribution function), a whole rank
    /// or, for a tie, a half. With a binned histogram, the middle of the bin where that happens
    /// (off by at most `layout.relativeError` of the rank).
    public func rankPercentile(_ c: Int, _ p: Double) -> Double {
        let target = p * Double(samples)
        var cumulative = 0
        let bins = layout.bins
        for b in 0..<bins {
            cumulative += Int(histogram(c, b))
            if Double(cumulative) >= target && cumulative > 0 {
                let (low, high) = (layout.lower[b], layout.lower[b + 1] - 1)
                // Doubled ranks: the bin's middle, to the nearest half-rank.
                return ((Double(low + high) / 2).rounded(.toNearestOrEven)) / 2
            }
        }
        return Double(candidates)
    }

    /// The probability that candidate c ranks within the top k (its shares of ranks 1 … k);
    /// k is at most ``ranks``.
    public func probabilityInTop(_ c: Int, _ k: Int) -> Double {
        let top = Swift.min(Swift.max(k, 0), candidates)
        precondition(top <= ranks, "top \(top) beyond the \(ranks) ranks kept")
        let hits = (0..<top).reduce(Int64(0)) { $0 + units(c, $1) }
        return Double(hits) / (Double(RankTally.unitsPerSample) * total)
    }
}

/// A sensitivity run asked for more than the machine can hold or the counters can count.
public struct SensitivityLimit: Error, CustomStringConvertible {
    public let description: String
}

extension SensitivityAnalysis {
    /// K, the ranks whose acceptability is kept: `sensitivity.acceptability_ranks`, by default
    /// max(2 × visits, 50); never fewer than `visits` (P(top visits) is read from them) nor more
    /// than the candidates.
    public func acceptabilityRanks(visits: Int) -> Int {
        let asked = settings.acceptabilityRanks ?? Swift.max(2 * visits, 50)
        return Swift.min(candidates, Swift.max(asked, visits, 1))
    }

    /// Ranks the candidates under `samples` perturbed weight vectors (and method variants) and
    /// counts the ranks each candidate takes (``RankDistribution``).
    ///
    /// Samples are evaluated up to `blockSize` at a time (fewer when the candidates are many, so
    /// that a block's scores stay within 32 MB) with `ScoringEngine.scores` (gemm) and split
    /// over `workers` threads; sample s draws from its own stream s of `seed`, OpenBLAS is held
    /// at one thread, and the counts are whole numbers, so the result is identical whatever the
    /// block size, the number of workers and of OpenBLAS threads.
    ///
    /// - Parameter ranks: K, the ranks whose acceptability is kept (``acceptabilityRanks(visits:)``).
    /// - Throws: `SensitivityLimit` beyond 10⁸ samples or when K ranks of every candidate do
    ///   not fit in 4 GB.
    /// - Complexity: O(samples × candidates × leaves) for the scores, plus
    ///   O(samples × (candidates + inversions)) for the ranks; memory O(candidates × (bins + K))
    ///   held once, plus per worker a batch of pending ranks (at most 32 MB), a ranker and a
    ///   block of scores (candidates × blockSize).
    public func rankDistribution(
        samples: Int, seed: UInt64, ranks: Int = 50, blockSize: Int = 512, workers: Int = defaultWorkers,
        progress: ProgressHandler? = nil
    ) throws -> RankDistribution {
        precondition(samples >= 0, "samples: \(samples)")
        let n = candidates
        let k = Swift.min(Swift.max(ranks, 1), Swift.max(n, 1))
        guard samples <= RankTally.maximumSamples else {
            throw SensitivityLimit(
                description: "\(samples) samples: at most \(RankTally.maximumSamples) are counted exactly; "
                    + "run several seeds instead.")
        }
        let columns = Swift.max(1, Swift.min(blockSize, (1 << 22) / Swift.max(n, 1)))
        let all = blocks(of: samples, size: columns)
        let workers = Swift.max(1, Swift.min(workers, all.count))
        let layout = RankHistogramLayout(candidates: n)
        let bytes = Double(n) * Double(k) * (12 * Double(workers) + (samples <= Int(UInt16.max) ? 2 : 4))
        guard bytes <= 4 * 1024 * 1024 * 1024 else {
            throw SensitivityLimit(
                description: "rank acceptability for \(k) ranks of \(n) candidates needs about "
                    + "\(Int(bytes / 1e9)) GB; lower sensitivity.acceptability_ranks.")
        }
        let queue = BlockQueue(count: all.count)
        let template = ranker
        // A binned tally's counts are held once and shared by the workers' tallies.
        let first = RankTally(candidates: n, ranks: k, layout: layout, samples: samples)
        var partial = try concurrently(workers: workers) { worker -> RankTally in
            var tally = worker == 0 ? first : first.sharingCounts(worker: worker, of: workers)
            // Both ranking paths order each column from tie order (the last order is output
            // only), so one ranker serves every method variant: at 10⁶ candidates a ranker's
            // buffers are 20 MB.
            var ranker = template
            var workspace = MethodAlternatives.Workspace()
            var done = 0
            while let b = queue.take() {
                let (weights, variants) = draw(samples: all[b], seed: seed)
                try methods.scores(weights: weights, variants: variants, workspace: &workspace)
                workspace.scores.elements.withUnsafeBufferPointer { scores in
                    for s in 0..<all[b].count { ranker.rank(scores.baseAddress! + s * n, tally: &tally) }
                }
                done += 1
                if worker == 0, let progress {
                    progress(Swift.min(1, Double(done * workers) / Double(all.count)))
                }
            }
            tally.flush()
            return tally
        }
        // Taken out of the array, so that merging into it does not copy it.
        var tally = partial.removeFirst()
        for part in partial { tally.merge(part) }
        partial = []
        return RankDistribution(tally, ranker: template)
    }
}
