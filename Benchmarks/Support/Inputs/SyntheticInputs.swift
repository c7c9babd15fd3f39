import Dataset
import Foundation
import LinearAlgebra
import Scoring
import Synthesis

// The inputs every suite and the comparison driver share: synthetic datasets built in memory
// (no CSV parsing in what is timed), the shipped dataset, and `visitplan synth` datasets.

/// A dataset of `candidates` × (groups × leavesPerGroup) indicators with a two-level model whose
/// every node aggregates with `aggregation` (minmax leaves, `reweight`), and every
/// `missingEvery`-th cell missing (0: none).
public func syntheticDataset(
    candidates n: Int, groups: Int, leavesPerGroup: Int, missingEvery: Int, seed: UInt64,
    aggregation: Aggregation = .arithmetic, normalisation: Normalisation = .minmax
) -> Dataset {
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
            let leaf = Leaf(source: .indicator(name), normalisation: normalisation)
            leaves.append(Criterion(id: name, weight: Double(1 + l % 3), kind: .leaf(leaf)))
        }
        groupNodes.append(
            Criterion(
                id: "g\(g)", weight: Double(groups - g),
                kind: .node(aggregation: aggregation, children: leaves)))
    }
    let model = Model(
        name: "benchmark", asOf: CalendarDate(year: 2023, month: 1, day: 1)!,
        criteria: groupNodes, rootAggregation: aggregation)
    return Dataset(states: states, indicators: Indicators(columns: columns), model: model)
}

/// `samples` weight vectors: the nominal weights times U(0.75, 1.25), one per column.
public func perturbedWeights(_ tree: CriteriaTree, samples: Int, seed: UInt64) -> Matrix {
    var random = Xoshiro256(seed: seed)
    let nominal = tree.nominalWeights
    var weights = Matrix(rows: nominal.count, columns: samples)
    for s in 0..<samples {
        for k in nominal.indices { weights[k, s] = nominal[k] * random.nextUniform(0.75, 1.25) }
    }
    return weights
}

/// A dataset whose leaves are all signals: for each of `indicators` events indicators, its
/// `level`, `trend` and `anomaly` over the last `window` of `years` yearly periods, with
/// `fill: zero` (every period present) or `fill: missing` (every `gapEvery`-th period absent).
public func signalDataset(
    candidates n: Int, indicators: Int, years: Int, window: Int, fill: SignalFill, gapEvery: Int, seed: UInt64
) -> Dataset {
    var random = Xoshiro256(seed: seed)
    let states = (0..<n).map { State(id: "C\($0)", name: "Candidate \($0)", region: "R\($0 % 5)") }
    let last = 2022
    var series: [String: [[Events.Period: Double]]] = [:]
    var groups: [Criterion] = []
    var cell = 0
    for k in 0..<indicators {
        let name = "events\(k)"
        series[name] = (0..<n).map { _ in
            var values: [Events.Period: Double] = [:]
            values.reserveCapacity(years)
            for period in (last - years + 1)...last {
                cell += 1
                if gapEvery > 0 && cell % gapEvery == 0 { continue }
                values[period] = random.nextUniform(0, 20).rounded()
            }
            return values
        }
        let leaves = SignalKind.allCases.map { kind in
            Criterion(
                id: "\(name)_\(kind.rawValue)", weight: 1,
                kind: .leaf(Leaf(source: .signal(kind, indicator: name, window: window, fill: fill))))
        }
        groups.append(Criterion(id: name, weight: 1, kind: .node(aggregation: .arithmetic, children: leaves)))
    }
    let model = Model(name: "signals", asOf: CalendarDate(year: 2023, month: 1, day: 1)!, criteria: groups)
    return Dataset(
        states: states, indicators: Indicators(),
        events: Events(granularity: .year, series: series.mapValues(Events.Series.init)), model: model)
}

/// The root of the repository (the parent of Benchmarks/), found from this file's path.
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }  // SyntheticInputs.swift, Inputs, Support, Benchmarks
    return url.path
}()

/// The shipped demonstration dataset, datasets/cycle-2023.
public func shippedDataset() throws -> Dataset {
    try Dataset.load(directory: repositoryRoot + "/datasets/cycle-2023")
}

/// A `visitplan synth` dataset of `candidates` (written to a temporary folder and loaded, as the
/// CLI would): every feature of the SPEC, planning constraints feasible by construction.
public func synthesisedDataset(candidates: Int, indicators: Int = 32, seed: UInt64) throws -> Dataset {
    var generator = Xoshiro256(seed: seed)
    let synthetic = SyntheticDataset.generate(
        SynthesisSettings(candidates: candidates, indicators: indicators, seed: seed), using: &generator)
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("visitplan-bench-\(candidates)-\(seed)-\(getpid())").path
    try synthetic.write(to: folder, replacing: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try Dataset.load(directory: folder)
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}

/// Runs `body` and returns its result with the wall-clock seconds it took.
public func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
    let start = ContinuousClock.now
    let result = try body()
    return (result, (ContinuousClock.now - start).seconds)
}
