import Benchmark

// What `make bench-check` tolerates. The Thresholds/ folder keeps each metric's p90 from a run on
// the reference machine; a later run fails when a metric's p90 is worse than that by more than
// the tolerance here. On the shared 2-core machine, runs minutes apart moved by up to 36 % (the
// planner) and SMAA by 2× while another build ran, so the tolerance is 50 %: a run 1.5× slower
// fails, and a lost fast path (2× or more) cannot pass unnoticed.

/// The tolerance, in percent of the stored p90, for every metric of a benchmark.
public func tolerances(_ metrics: [BenchmarkMetric], percent: Double = 50) -> [BenchmarkMetric: BenchmarkThresholds] {
    Dictionary(uniqueKeysWithValues: metrics.map { ($0, BenchmarkThresholds(relative: [.p90: percent])) })
}

extension Benchmark.Configuration {
    /// A configuration that records `metrics`, each with the regression tolerance above.
    public static func measuring(
        _ metrics: [BenchmarkMetric], warmupIterations: Int = 1, maxDuration: Duration = .seconds(10),
        maxIterations: Int = 50, tolerance percent: Double = 50
    ) -> Benchmark.Configuration {
        .init(
            metrics: metrics, warmupIterations: warmupIterations, maxDuration: maxDuration,
            maxIterations: maxIterations, thresholds: tolerances(metrics, percent: percent))
    }
}

/// Units a user reads: rates are per second, as integers (package-benchmark stores Int).
public let candidatesPerSecond = BenchmarkMetric.custom(
    "candidates/s", polarity: .prefersLarger, useScalingFactor: false)
public let samplesPerSecond = BenchmarkMetric.custom("samples/s", polarity: .prefersLarger, useScalingFactor: false)
public let evaluationsPerSecond = BenchmarkMetric.custom(
    "evaluations/s", polarity: .prefersLarger, useScalingFactor: false)
public let megaflops = BenchmarkMetric.custom("MFLOP/s", polarity: .prefersLarger, useScalingFactor: false)
public let solveMilliseconds = BenchmarkMetric.custom("solve ms", polarity: .prefersSmaller, useScalingFactor: false)
