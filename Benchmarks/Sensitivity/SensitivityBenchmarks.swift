import Benchmark
import BenchmarkInputs
import BenchmarkTolerances
import Dataset
import LinearAlgebra
import Sensitivity

// The sensitivity engine on the shipped dataset (193 Member States, the model's tree), with the
// model's uniform ±25 % weight perturbation: what `visitplan sensitivity` computes, loading
// excluded; and SMAA on the 193 × 24 complete arithmetic model that the speed target names. Rates are per sample (SMAA: one weight vector scored and ranked) and per model
// evaluation (Sobol: N × (factors + 2) design points, each scored and ranked).

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .measuring([.wallClock, samplesPerSecond])

    /// SMAA of `samples` weight samples per iteration on the analysis `setup` builds.
    func smaa(
        _ name: String, samples: Int, memory: Bool = false, maxIterations: Int,
        setup: @escaping () throws -> SensitivityAnalysis
    ) {
        let metrics: [BenchmarkMetric] =
            memory
            ? [.wallClock, .peakMemoryResident, samplesPerSecond]
            : [.wallClock, samplesPerSecond]
        Benchmark(name, configuration: .measuring(metrics, maxIterations: maxIterations)) {
            (benchmark: Benchmark, analysis: SensitivityAnalysis) in
            let (distribution, seconds) = try timed { try analysis.rankDistribution(samples: samples, seed: 2023) }
            blackHole(distribution.meanRank(0))
            benchmark.measurement(samplesPerSecond, Int(Double(samples) / seconds))
        } setup: {
            try setup()
        }
    }

    smaa("smaa-193-candidates-100000-samples", samples: 100_000, maxIterations: 10) {
        try SensitivityAnalysis(dataset: shippedDataset())
    }

    // The shape of the speed target: 193 candidates × 24 leaves (4 groups of 6) under an
    // arithmetic tree, every value present, one million samples per iteration on every core.
    smaa("smaa-193x24-complete-1000000-samples", samples: 1_000_000, maxIterations: 10) {
        try SensitivityAnalysis(
            dataset: syntheticDataset(
                candidates: 193, groups: 4, leavesPerGroup: 6,
                missingEvery: 0, seed: 24))
    }

    // Ten million samples on the shipped dataset: memory stays that of the counts (linear in the
    // candidates, per worker) and one block of scores per worker, whatever the number of samples.
    smaa("smaa-193-candidates-10000000-samples-memory", samples: 10_000_000, memory: true, maxIterations: 2) {
        try SensitivityAnalysis(dataset: shippedDataset())
    }

    let baseSamples = 2_048
    Benchmark(
        "sobol-193-candidates-N\(baseSamples)-200-resamples",
        configuration: .measuring([.wallClock, evaluationsPerSecond], maxIterations: 10)
    ) {
        (benchmark: Benchmark, analysis: SensitivityAnalysis) in
        let (sobol, seconds) = try timed { try analysis.sobol(baseSamples: baseSamples, seed: 2023, resamples: 200) }
        blackHole(sobol.rankShift.first.first)
        let evaluations = baseSamples * (sobol.factors.count + 2)
        benchmark.measurement(evaluationsPerSecond, Int(Double(evaluations) / seconds))
    } setup: {
        try SensitivityAnalysis(dataset: shippedDataset())
    }
    // The ranking step alone, both paths on the same 4,096 columns of 193 scores (sums of 24
    // uniform values under random normalised weights, the shape SMAA ranks), counting as SMAA
    // does: what justifies the AVX2 kernel beside the portable radix sort.
    let rankerColumns = 4_096
    for vector in [true, false] {
        Benchmark(
            "ranker-193-candidates-\(vector ? "avx2" : "radix")",
            configuration: .measuring([.wallClock, samplesPerSecond], maxIterations: 50)
        ) {
            (benchmark: Benchmark, columns: [Double]) in
            let ids = (0..<193).map { "c\($0 + 1000)" }
            var ranker = Ranker(ids: ids, allowVector: vector)
            var tally = RankTally(candidates: 193, ranks: 50)
            let ((), seconds) = timed {
                columns.withUnsafeBufferPointer { scores in
                    for c in 0..<rankerColumns {
                        ranker.rank(scores.baseAddress! + c * 193, tally: &tally)
                    }
                }
            }
            blackHole(tally.samples)
            benchmark.measurement(samplesPerSecond, Int(Double(rankerColumns) / seconds))
        } setup: {
            var generator = Xoshiro256(seed: 24)
            let leaves = Matrix(rows: 193, columns: 24, elements: (0..<(193 * 24)).map { _ in generator.nextUnit() })
            var weights = Matrix(rows: 24, columns: rankerColumns)
            for c in 0..<rankerColumns {
                let draws = (0..<24).map { _ in generator.nextUnit() + 0.01 }
                let total = draws.reduce(0, +)
                for j in 0..<24 { weights[j, c] = draws[j] / total }
            }
            // Column c of the product: the 193 scores of sample c, contiguous, as SMAA ranks them.
            return leaves.multiplied(by: weights).elements
        }
    }
}
