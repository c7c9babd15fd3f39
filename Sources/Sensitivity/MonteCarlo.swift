import Dataset
import LinearAlgebra
import Scoring

/// The rank acceptability of every candidate under sampled weights: SMAA-2 (Lahdelma &
/// Salminen 2001), from which mean rank, spread, percentiles and top-k probabilities follow.
///
/// Only the counts are kept (candidates × ranks integers), never the scores of the samples, so
/// memory does not grow with the number of samples.
public struct RankDistribution: Sendable, Equatable {
    public let samples: Int
    public let candidates: Int
    /// `counts[c * candidates + r]`: the samples in which candidate c ranked r + 1.
    public let counts: [Int]

    public init(samples: Int, candidates: Int, counts: [Int]) {
        precondition(counts.count == candidates * candidates,
                     "counts: \(counts.count) for \(candidates) candidates")
        self.samples = samples
        self.candidates = candidates
        self.counts = counts
    }

    /// The rank acceptability row of candidate c: the probability of each rank, from rank 1.
    public func acceptability(_ c: Int) -> [Double] {
        let row = counts[(c * candidates)..<((c + 1) * candidates)]
        return row.map { Double($0) / Double(Swift.max(samples, 1)) }
    }

    /// The mean rank of candidate c.
    public func meanRank(_ c: Int) -> Double {
        moments(c).mean
    }

    /// The standard deviation of candidate c's rank over the samples (population form,
    /// dividing by the number of samples).
    public func rankDeviation(_ c: Int) -> Double {
        let m = moments(c)
        return Swift.max(0, m.square - m.mean * m.mean).squareRoot()
    }

    private func moments(_ c: Int) -> (mean: Double, square: Double) {
        var sum = 0.0, square = 0.0
        for r in 0..<candidates {
            let k = Double(counts[c * candidates + r])
            let rank = Double(r + 1)
            sum += k * rank
            square += k * rank * rank
        }
        let total = Double(Swift.max(samples, 1))
        return (sum / total, square / total)
    }

    /// The p-quantile of candidate c's rank: the smallest rank whose cumulative probability
    /// reaches p (the inverse of the empirical distribution function).
    public func rankPercentile(_ c: Int, _ p: Double) -> Int {
        let target = p * Double(samples)
        var cumulative = 0
        for r in 0..<candidates {
            cumulative += counts[c * candidates + r]
            if Double(cumulative) >= target && cumulative > 0 { return r + 1 }
        }
        return candidates
    }

    /// The probability that candidate c ranks within the top k.
    public func probabilityInTop(_ c: Int, _ k: Int) -> Double {
        let top = Swift.min(Swift.max(k, 0), candidates)
        let hits = counts[(c * candidates)..<(c * candidates + top)].reduce(0, +)
        return Double(hits) / Double(Swift.max(samples, 1))
    }
}

extension SensitivityAnalysis {
    /// Ranks the candidates under `samples` perturbed weight vectors (and method variants) and
    /// counts how often each candidate takes each rank.
    ///
    /// Samples are evaluated `blockSize` at a time with `ScoringEngine.scores` (gemm) and split
    /// over `workers` threads; sample s draws from its own stream s of `seed`, so the counts are
    /// identical whatever the block size, the number of workers and of OpenBLAS threads.
    ///
    /// - Complexity: O(samples × candidates × leaves) for the scores, plus
    ///   O(samples × (candidates + inversions)) for the ranks; memory O(candidates² × workers +
    ///   candidates × blockSize).
    public func rankDistribution(
        samples: Int, seed: UInt64, blockSize: Int = 512, workers: Int = defaultWorkers,
        progress: ProgressHandler? = nil
    ) throws -> RankDistribution {
        precondition(samples >= 0, "samples: \(samples)")
        let n = candidates
        let all = blocks(of: samples, size: blockSize)
        let workers = Swift.max(1, Swift.min(workers, all.count))
        let queue = BlockQueue(count: all.count)
        let partial = try concurrently(workers: workers) { worker -> [Int] in
            var counts = [Int](repeating: 0, count: n * n)
            // One order per method variant: their rankings differ systematically.
            var rankers = [Ranker](repeating: Ranker(ids: ids), count: methods.count)
            var workspace = MethodAlternatives.Workspace()
            var done = 0
            while let b = queue.take() {
                let (weights, variants) = draw(samples: all[b], seed: seed)
                try methods.scores(weights: weights, variants: variants, workspace: &workspace)
                workspace.scores.elements.withUnsafeBufferPointer { scores in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for s in 0..<all[b].count {
                            let v = variants?[s] ?? 0
                            rankers[v].rank(scores.baseAddress! + s * n, counting: counts.baseAddress!)
                        }
                    }
                }
                done += 1
                if worker == 0, let progress {
                    progress(Swift.min(1, Double(done * workers) / Double(all.count)))
                }
            }
            return counts
        }
        // Rows by tie rank, as the rankers count them; every ranker shares the one tie order.
        var counts = [Int](repeating: 0, count: n * n)
        for part in partial { for k in counts.indices { counts[k] += part[k] } }
        return RankDistribution(samples: samples, candidates: n, counts: Ranker(ids: ids).rowsByCandidate(counts))
    }
}
