import Benchmark
import BenchmarkInputs
import BenchmarkTolerances
import Dataset
import Scoring

// Signals from events.csv (SPEC §3): level, trend and anomaly of each events indicator over a
// window, for many candidates. What is timed is the scoring engine's leaf pipeline (the signals,
// then their normalisation), which is where events enter; loading excluded.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .measuring([.wallClock, candidatesPerSecond])

    // 100,000 candidates × 4 events indicators × 10 years, window 5: 12 signal leaves.
    // `fill: zero` takes the gemv path (every window full); `fill: missing` the per-candidate path
    // over the periods each candidate has (one period in 7 absent).
    for (fill, gapEvery) in [(SignalFill.zero, 0), (.missing, 7)] {
        Benchmark(
            "signals-100000x4x3-fill-\(fill.rawValue)",
            configuration: .measuring([.wallClock, candidatesPerSecond], maxIterations: 10)
        ) {
            (benchmark: Benchmark, dataset: Dataset) in
            let (engine, seconds) = try timed { try ScoringEngine(dataset: dataset) }
            blackHole(engine.leaves.count)
            benchmark.measurement(candidatesPerSecond, Int(Double(dataset.states.count) / seconds))
        } setup: {
            signalDataset(
                candidates: 100_000, indicators: 4, years: 10, window: 5, fill: fill,
                gapEvery: gapEvery, seed: 11)
        }
    }
}
