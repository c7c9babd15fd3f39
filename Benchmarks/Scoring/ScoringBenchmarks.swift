import Benchmark
import Dataset
import LinearAlgebra
import Scoring

// Scoring at scale, and the batched tree evaluation next to the plain dgemm of the same shape,
// measured in the same run so that the ratio means something on a noisy machine.

/// A dataset of `candidates` × (groups × leavesPerGroup) indicators with an arithmetic two-level
/// model (minmax, reweight), and `missingEvery`-th cells missing (0: none).
func syntheticDataset(candidates n: Int, groups: Int, leavesPerGroup: Int, missingEvery: Int, seed: UInt64) -> Dataset {
    var random = Xoshiro256(seed: seed)
    let regions = ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    let states = (0..<n).map { i in
        State(id: "C\(i)", name: "Candidate \(i)", region: regions[i % regions.count])
    }
    var columns: [String: [Double]] = [:]
    var groupNodes: [Criterion] = []
    var cell = 0
    for g in 0..<groups {
        var leaves: [Criterion] = []
        for l in 0..<leavesPerGroup {
            let name = "x\(g)_\(l)"
            columns[name] = (0..<n).map { _ in
                cell += 1
                return missingEvery > 0 && cell % missingEvery == 0 ? .nan : random.nextUniform(0, 10)
            }
            leaves.append(Criterion(id: name, weight: Double(1 + l % 3), kind: .leaf(Leaf(source: .indicator(name)))))
        }
        groupNodes.append(Criterion(id: "g\(g)", weight: Double(groups - g), kind: .node(aggregation: .arithmetic, children: leaves)))
    }
    let model = Model(name: "benchmark", asOf: CalendarDate(year: 2023, month: 1, day: 1)!, criteria: groupNodes)
    return Dataset(states: states, indicators: Indicators(columns: columns), model: model)
}

/// `samples` weight vectors: the nominal weights times U(0.75, 1.25), one per column.
func perturbedWeights(_ tree: CriteriaTree, samples: Int, seed: UInt64) -> Matrix {
    var random = Xoshiro256(seed: seed)
    let nominal = tree.nominalWeights
    var weights = Matrix(rows: nominal.count, columns: samples)
    for s in 0..<samples {
        for k in nominal.indices { weights[k, s] = nominal[k] * random.nextUniform(0.75, 1.25) }
    }
    return weights
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}

let megaflops = BenchmarkMetric.custom("MFLOP/s", polarity: .prefersLarger, useScalingFactor: false)
let candidatesPerSecond = BenchmarkMetric.custom("candidates/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 50)

    // 1,000,000 candidates × 32 indicators, the whole scorer (leaf pipeline, tree, contributions,
    // ranking); loading excluded.
    Benchmark("score 1,000,000 × 32",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident, candidatesPerSecond], maxIterations: 5)) { benchmark, dataset in
        let start = ContinuousClock.now
        let table = try score(dataset)
        blackHole(table.order.first)
        let seconds = (ContinuousClock.now - start).seconds
        benchmark.measurement(candidatesPerSecond, Int(Double(dataset.states.count) / seconds))
    } setup: {
        syntheticDataset(candidates: 1_000_000, groups: 4, leavesPerGroup: 8, missingEvery: 97, seed: 1)
    }

    // The batched evaluation: 193 candidates × 32 leaves for 4,096 weight vectors. Its useful work
    // is the product of the 193 × 32 leaf matrix by the 32 × 4,096 effective weights: 2·n·m·S flops.
    let (n, m, s) = (193, 32, 4096)
    let flops = Double(2 * n * m * s)
    Benchmark("batched tree 193 × 32 × 4,096 weight vectors",
              configuration: .init(metrics: [.wallClock, megaflops])) { benchmark, input in
        let (engine, weights) = input
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            let scores = try engine.scores(weights: weights)
            blackHole(scores.elements[0])
            benchmark.measurement(megaflops, Int(flops / (ContinuousClock.now - start).seconds / 1e6))
        }
    } setup: {
        let dataset = syntheticDataset(candidates: n, groups: 4, leavesPerGroup: 8, missingEvery: 0, seed: 2)
        let engine = try ScoringEngine(dataset: dataset)
        return (engine, perturbedWeights(engine.tree, samples: s, seed: 3))
    }

    Benchmark("dgemm 193 × 32 by 32 × 4,096 (reference rate)",
              configuration: .init(metrics: [.wallClock, megaflops])) { benchmark, input in
        let (a, b) = input
        var c = Matrix(rows: n, columns: s)
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            a.multiply(b, into: &c)
            blackHole(c.elements[0])
            benchmark.measurement(megaflops, Int(flops / (ContinuousClock.now - start).seconds / 1e6))
        }
    } setup: {
        var random = Xoshiro256(seed: 4)
        let a = Matrix(rows: n, columns: m, elements: (0..<(n * m)).map { _ in random.nextUnit() })
        let b = Matrix(rows: m, columns: s, elements: (0..<(m * s)).map { _ in random.nextUnit() })
        return (a, b)
    }
}
