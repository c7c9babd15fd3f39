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

    let smaaSamples = 100_000
    Benchmark("smaa-193-candidates-\(smaaSamples)-samples",
              configuration: .measuring([.wallClock, samplesPerSecond], maxIterations: 10)) {
        (benchmark: Benchmark, analysis: SensitivityAnalysis) in
        let (distribution, seconds) = try timed { try analysis.rankDistribution(samples: smaaSamples, seed: 2023) }
        blackHole(distribution.counts[0])
        benchmark.measurement(samplesPerSecond, Int(Double(smaaSamples) / seconds))
    } setup: {
        try SensitivityAnalysis(dataset: shippedDataset())
    }

    // The shape of the speed target: 193 candidates × 24 leaves (4 groups of 6) under an
    // arithmetic tree, every value present, one million samples per iteration on every core.
    let targetSamples = 1_000_000
    Benchmark("smaa-193x24-complete-\(targetSamples)-samples",
              configuration: .measuring([.wallClock, samplesPerSecond], maxIterations: 10)) {
        (benchmark: Benchmark, analysis: SensitivityAnalysis) in
        let (distribution, seconds) = try timed { try analysis.rankDistribution(samples: targetSamples, seed: 2023) }
        blackHole(distribution.counts[0])
        benchmark.measurement(samplesPerSecond, Int(Double(targetSamples) / seconds))
    } setup: {
        try SensitivityAnalysis(dataset: syntheticDataset(candidates: 193, groups: 4, leavesPerGroup: 6,
                                                          missingEvery: 0, seed: 24))
    }

    // Ten million samples on the shipped dataset: memory stays that of the counts (candidates²
    // per worker) and one block of scores per worker, whatever the number of samples.
    let manySamples = 10_000_000
    Benchmark("smaa-193-candidates-\(manySamples)-samples-memory",
              configuration: .measuring([.wallClock, .peakMemoryResident, samplesPerSecond], maxIterations: 2)) {
        (benchmark: Benchmark, analysis: SensitivityAnalysis) in
        let (distribution, seconds) = try timed { try analysis.rankDistribution(samples: manySamples, seed: 2023) }
        blackHole(distribution.counts[0])
        benchmark.measurement(samplesPerSecond, Int(Double(manySamples) / seconds))
    } setup: {
        try SensitivityAnalysis(dataset: shippedDataset())
    }

    let baseSamples = 2_048
    Benchmark("sobol-193-candidates-N\(baseSamples)-200-resamples",
              configuration: .measuring([.wallClock, evaluationsPerSecond], maxIterations: 10)) {
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
        Benchmark("ranker-193-candidates-\(vector ? "avx2" : "radix")",
                  configuration: .measuring([.wallClock, samplesPerSecond], maxIterations: 50)) {
            (benchmark: Benchmark, columns: [Double]) in
            let ids = (0..<193).map { "c\($0 + 1000)" }
            var ranker = Ranker(ids: ids, allowVector: vector)
            var counts = [Int](repeating: 0, count: 193 * 193)
            let ((), seconds) = timed {
                columns.withUnsafeBufferPointer { scores in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for c in 0..<rankerColumns {
                            ranker.rank(scores.baseAddress! + c * 193, counting: counts.baseAddress!)
                        }
                    }
                }
            }
            blackHole(counts[0])
            benchmark.measurement(samplesPerSecond, Int(Double(rankerColumns) / seconds))
        } setup: {
            var generator = Xoshiro256(seed: 24)
            let leaves = (0..<(193 * 24)).map { _ in generator.nextUnit() }
            var columns = [Double](repeating: 0, count: 193 * rankerColumns)
            for c in 0..<rankerColumns {
                let draws = (0..<24).map { _ in generator.nextUnit() + 0.01 }
                let total = draws.reduce(0, +)
                let weights = draws.map { $0 / total }
                for i in 0..<193 {
                    var score = 0.0
                    for j in 0..<24 { score += leaves[i * 24 + j] * weights[j] }
                    columns[c * 193 + i] = score
                }
            }
            return columns
        }
    }
}
