import Benchmark
import BenchmarkInputs
import BenchmarkTolerances
import Dataset
import LinearAlgebra
import Scoring

// Scoring at scale, and the batched tree evaluation next to the plain dgemm of the same shape,
// measured in the same run so that the ratio means something on a noisy machine.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .measuring([.wallClock, .peakMemoryResident])

    // 1,000,000 candidates × 32 indicators, the whole scorer (leaf pipeline, tree, contributions,
    // ranking); loading excluded. Then the same with `treatment: auto` on every leaf (SPEC §12):
    // the target is within 1.5× of the first.
    for (name, treated) in [("score-1000000x32", false), ("score-1000000x32-treatment-auto", true)] {
        Benchmark(
            name,
            configuration: .measuring([.wallClock, .peakMemoryResident, candidatesPerSecond], maxIterations: 5)
        ) {
            (benchmark: Benchmark, dataset: Dataset) in
            let (table, seconds) = try timed { try score(dataset) }
            blackHole(table.order.first)
            benchmark.measurement(candidatesPerSecond, Int(Double(dataset.states.count) / seconds))
        } setup: {
            var dataset = syntheticDataset(
                candidates: 1_000_000, groups: 4, leavesPerGroup: 8, missingEvery: 97, seed: 1)
            if treated { dataset.model.criteria = treatingEveryLeaf(dataset.model.criteria) }
            return dataset
        }
    }

    // The two methods analysts run in scikit-criteria and pymcdm, at the size compare/ uses:
    // 100,000 candidates × 32 criteria, one level (the root over 32 leaves), no missing values.
    // TOPSIS with vector normalisation; the weighted sum with minmax.
    for (method, aggregation, normalisation) in [
        ("topsis", Aggregation.topsis, Normalisation.vector),
        ("weighted-sum", .arithmetic, .minmax),
    ] {
        Benchmark(
            "score-100000x32-\(method)",
            configuration: .measuring([.wallClock, candidatesPerSecond], maxIterations: 10)
        ) {
            (benchmark: Benchmark, dataset: Dataset) in
            let (table, seconds) = try timed { try score(dataset) }
            blackHole(table.order.first)
            benchmark.measurement(candidatesPerSecond, Int(Double(dataset.states.count) / seconds))
        } setup: {
            syntheticDataset(
                candidates: 100_000, groups: 1, leavesPerGroup: 32, missingEvery: 0, seed: 5,
                aggregation: aggregation, normalisation: normalisation)
        }
    }

    // The batched evaluation: 193 candidates × 32 leaves for 4,096 weight vectors. Its useful work
    // is the product of the 193 × 32 leaf matrix by the 32 × 4,096 effective weights: 2·n·m·S flops.
    let (n, m, s) = (193, 32, 4096)
    let flops = Double(2 * n * m * s)
    Benchmark("batched-tree-193x32-4096-weight-vectors", configuration: .measuring([.wallClock, megaflops])) {
        (benchmark: Benchmark, input: (ScoringEngine, Matrix)) in
        let (engine, weights) = input
        // Buffers reused across blocks, as the sensitivity engine does; the dgemm below also
        // writes into a preallocated matrix.
        var scores = Matrix(rows: 0, columns: 0)
        var scratch = ScoringScratch()
        try engine.scores(weights: weights, into: &scores, scratch: &scratch)
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            try engine.scores(weights: weights, into: &scores, scratch: &scratch)
            blackHole(scores.elements[0])
            benchmark.measurement(megaflops, Int(flops / (ContinuousClock.now - start).seconds / 1e6))
        }
    } setup: {
        let dataset = syntheticDataset(candidates: n, groups: 4, leavesPerGroup: 8, missingEvery: 0, seed: 2)
        let engine = try ScoringEngine(dataset: dataset)
        return (engine, perturbedWeights(engine.tree, samples: s, seed: 3))
    }

    Benchmark("dgemm-193x32-by-32x4096-reference", configuration: .measuring([.wallClock, megaflops])) {
        (benchmark: Benchmark, input: (Matrix, Matrix)) in
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

/// The criteria with `treatment: auto` on every leaf.
private func treatingEveryLeaf(_ criteria: [Criterion]) -> [Criterion] {
    criteria.map { criterion in
        var criterion = criterion
        switch criterion.kind {
        case .leaf(var leaf):
            leaf.treatment = .auto
            leaf.winsorise = nil
            criterion.kind = .leaf(leaf)
        case .node(let aggregation, let children):
            criterion.kind = .node(aggregation: aggregation, children: treatingEveryLeaf(children))
        }
        return criterion
    }
}
