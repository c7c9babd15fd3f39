import BenchmarkInputs
import Dataset
import Foundation
import LinearAlgebra
import Planning
import Scoring
import Sensitivity
import Synthesis

// visitplan-bench: the Swift side of compare/compare.py, and the scaling curves.
//
// Each command loads a dataset folder (timed apart as `load_seconds`), then times only the
// library's compute, `--repeats` times, and prints one JSON object on standard output:
//
//   visitplan-bench tree DIR                         the normalised leaf matrix and the tree
//   visitplan-bench score DIR [--repeats R]          score() and the engine alone; the ranks
//   visitplan-bench smaa DIR --samples N [--seed S]  SMAA-2 rank acceptability
//   visitplan-bench sobol DIR --base N [--seed S] [--resamples B]
//   visitplan-bench plan DIR [--repeats R]           the list (one CBC solve) and the explained plan
//   visitplan-bench synth --candidates N --seed S --output DIR   as `visitplan synth`
//   visitplan-bench scaling --output DIR [--max-samples N] [--max-candidates N]
//
// Times are wall-clock seconds of the whole call on all cores (the library's default workers and
// OpenBLAS threads), which is what a user gets.

struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") {
                options[String(argument.dropFirst(2))] = iterator.next() ?? ""
            } else {
                positional.append(argument)
            }
        }
    }

    func int(_ name: String, _ fallback: Int) -> Int { options[name].flatMap { Int($0) } ?? fallback }
    var directory: String { positional.first ?? repositoryRoot + "/datasets/cycle-2023" }
}

/// JSON for one value: NaN and infinities become null.
func json(_ value: Any) -> Any {
    switch value {
    case let x as Double: return x.isFinite ? x : NSNull()
    case let xs as [Double]: return xs.map(json)
    case let xss as [[Double]]: return xss.map(json)
    case let dictionary as [String: Any]: return dictionary.mapValues(json)
    case let array as [Any]: return array.map(json)
    default: return value
    }
}

func emit(_ object: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: json(object), options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Runs `body` `repeats` times; returns the last result and every time.
func repeated<T>(_ repeats: Int, _ body: () throws -> T) rethrows -> (result: T, seconds: [Double]) {
    var seconds: [Double] = []
    var last: T?
    for _ in 0..<max(1, repeats) {
        let (result, time) = try timed(body)
        last = result
        seconds.append(time)
    }
    return (last!, seconds)
}

func load(_ arguments: Arguments) throws -> (Dataset, Double) {
    try timed { try Dataset.load(directory: arguments.directory) }
}

/// The planning problem of a dataset, as `visitplan plan` builds it.
func planProblem(_ dataset: Dataset, table: ScoreTable) -> PlanProblem {
    let candidates = table.candidates.enumerated().map { i, c in
        PlanCandidate(
            state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
            drivers: table.driverIDs(of: c))
    }
    return PlanProblem(candidates: candidates, settings: dataset.model.planning!, asOf: dataset.model.asOf)
}

// MARK: Commands

/// The normalised leaf values (NaN: missing) and the tree: what the numpy SMAA and the SALib
/// model in compare/ evaluate, so that both sides score the very same numbers.
func tree(_ arguments: Arguments) throws {
    let (dataset, _) = try load(arguments)
    let engine = try ScoringEngine(dataset: dataset)
    let tree = engine.tree
    let nominal = try engine.scores(weights: Matrix(rows: tree.nodes.count, columns: 1, elements: tree.nominalWeights))
    var spread = 0.25
    if case .uniform(let s) = dataset.model.sensitivity.perturbation { spread = s }
    emit([
        "ids": dataset.states.map(\.id),
        "nodes": tree.nodes.map { node -> [String: Any] in
            var fields: [String: Any] = [
                "id": node.id, "parent": node.parent.map { $0 as Any } ?? NSNull(),
                "weight": node.weight, "leaf": NSNull(),
            ]
            switch node.kind {
            case .inner(let aggregation): fields["aggregation"] = aggregation.rawValue
            case .leaf(_, let column): (fields["leaf"], fields["aggregation"]) = (column, "leaf")
            }
            return fields
        },
        "leaves": engine.leaves.map(\.normalised),
        "nominal_scores": nominal.elements,
        "spread": spread,
        "visits": dataset.model.planning?.visits ?? 0,
    ])
}

func scoreCommand(_ arguments: Arguments) throws {
    let (dataset, loadSeconds) = try load(arguments)
    let repeats = arguments.int("repeats", 5)
    let (table, full) = try repeated(repeats) { try score(dataset) }
    // The work the Python peers do: leaf normalisation, one weight vector, the ranking.
    let ids = dataset.states.map(\.id)
    let (ranks, engineOnly) = try repeated(repeats) { () throws -> [Int] in
        let engine = try ScoringEngine(dataset: dataset)
        let weights = Matrix(rows: engine.tree.nodes.count, columns: 1, elements: engine.tree.nominalWeights)
        return descendingRanks(scores: try engine.scores(weights: weights).elements, ids: ids)
    }
    // The same path in its three steps, to show where the time goes.
    var steps: [String: [Double]] = ["leaves": [], "tree": [], "ranks": []]
    for _ in 0..<max(1, repeats) {
        let (engine, leaves) = try timed { try ScoringEngine(dataset: dataset) }
        let weights = Matrix(rows: engine.tree.nodes.count, columns: 1, elements: engine.tree.nominalWeights)
        let (scores, tree) = try timed { try engine.scores(weights: weights) }
        let (_, ranking) = timed { descendingRanks(scores: scores.elements, ids: ids) }
        steps["leaves"]!.append(leaves)
        steps["tree"]!.append(tree)
        steps["ranks"]!.append(ranking)
    }
    emit([
        "candidates": dataset.states.count, "load_seconds": loadSeconds,
        "score_seconds": full, "engine_seconds": engineOnly, "engine_steps": steps,
        "ranks": ranks, "table_ranks": table.ranks,
        "scores": table.scores,
    ])
}

func smaa(_ arguments: Arguments) throws {
    let (dataset, loadSeconds) = try load(arguments)
    let samples = arguments.int("samples", 100_000)
    let seed = UInt64(arguments.int("seed", 2023))
    var settings = dataset.model.sensitivity
    settings.normalisations = []
    settings.aggregations = []
    let analysis = try SensitivityAnalysis(dataset: dataset, settings: settings)
    let (distribution, seconds) = try repeated(arguments.int("repeats", 3)) {
        try analysis.rankDistribution(samples: samples, seed: seed)
    }
    emit([
        "candidates": analysis.candidates, "samples": samples, "load_seconds": loadSeconds, "seconds": seconds,
        "acceptability": (0..<analysis.candidates).map { distribution.acceptability($0) },
    ])
}

func sobol(_ arguments: Arguments) throws {
    let (dataset, loadSeconds) = try load(arguments)
    let base = arguments.int("base", 1024)
    let seed = UInt64(arguments.int("seed", 2023))
    let resamples = arguments.int("resamples", 200)
    var settings = dataset.model.sensitivity
    settings.normalisations = []
    settings.aggregations = []
    let analysis = try SensitivityAnalysis(dataset: dataset, settings: settings)
    let (result, seconds) = try repeated(arguments.int("repeats", 3)) {
        try analysis.sobol(baseSamples: base, seed: seed, resamples: resamples)
    }
    emit([
        "candidates": analysis.candidates, "base": base, "load_seconds": loadSeconds, "seconds": seconds,
        "evaluations": base * (result.factors.count + 2), "factors": result.factors.map(\.description),
        "rank_shift": [
            "first": result.rankShift.first, "total": result.rankShift.total,
            "first_ci": result.rankShift.firstInterval.map { [$0.low, $0.high] },
            "total_ci": result.rankShift.totalInterval.map { [$0.low, $0.high] },
        ] as [String: Any],
        "scores_first": result.scores.map(\.first), "scores_total": result.scores.map(\.total),
    ])
}

func plan(_ arguments: Arguments) throws {
    let (dataset, loadSeconds) = try load(arguments)
    let table = try score(dataset)
    let problem = planProblem(dataset, table: table)
    let repeats = arguments.int("repeats", 5)
    let (list, listSeconds) = try repeated(repeats) { try selectedIDs(problem) }
    let (plan, planSeconds) = try repeated(arguments.int("plan-repeats", repeats)) { try makePlan(problem) }
    emit([
        "candidates": dataset.states.count, "load_seconds": loadSeconds,
        "list_seconds": listSeconds, "plan_seconds": planSeconds,
        "selected": list ?? [], "plan_selected": plan.selected.map(\.id), "objective": plan.objective,
        "scores": Dictionary(uniqueKeysWithValues: problem.candidates.map { ($0.state.id, $0.score) }),
    ])
}

/// Writes a `visitplan synth` dataset (the same generator and seed handling as the CLI), so that
/// the harness needs nothing but this executable.
func synth(_ arguments: Arguments) throws {
    let candidates = arguments.int("candidates", 10_000)
    let seed = UInt64(arguments.int("seed", 1))
    let settings = SynthesisSettings(candidates: candidates, indicators: arguments.int("indicators", 32), seed: seed)
    var generator = Xoshiro256(seed: seed)
    try SyntheticDataset.generate(settings, using: &generator).write(to: arguments.options["output"]!, replacing: true)
    emit(["candidates": candidates, "seed": Int(seed)])
}

// MARK: Scaling curves

func csv(_ header: [String], _ rows: [[Any]], to path: String) throws {
    let lines = [header.joined(separator: ",")] + rows.map { $0.map { "\($0)" }.joined(separator: ",") }
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    FileHandle.standardError.write(Data("wrote \(path)\n".utf8))
}

func scaling(_ arguments: Arguments) throws {
    let output = arguments.options["output"] ?? repositoryRoot + "/Benchmarks/results"
    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    let maxCandidates = arguments.int("max-candidates", 1_000_000)
    let maxSamples = arguments.int("max-samples", 10_000_000)
    func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    // Time vs candidates: score() of n × 32 (4 groups of 8, 1 % missing), and the ranking alone.
    var rows: [[Any]] = []
    // Half-decade steps, 10^2 … 10^6.
    for n in [100, 316, 1_000, 3_162, 10_000, 31_623, 100_000, 316_228, 1_000_000] where n <= maxCandidates {
        let dataset = syntheticDataset(candidates: n, groups: 4, leavesPerGroup: 8, missingEvery: 97, seed: 1)
        let repeats = n >= 1_000_000 ? 3 : 5
        let (table, seconds) = try repeated(repeats) { try score(dataset) }
        let scores = table.scores
        let ids = dataset.states.map(\.id)
        let (_, rankSeconds) = repeated(repeats) { descendingRanks(scores: scores, ids: ids) }
        rows.append([n, median(seconds), median(rankSeconds), Int(Double(n) / median(seconds))])
        log("candidates \(n): \(median(seconds)) s")
    }
    try csv(
        ["candidates", "score_seconds", "rank_seconds", "candidates_per_second"], rows,
        to: output + "/scaling-candidates.csv")

    // Time vs leaves: score() of 100,000 candidates, and the batched tree of 193 candidates for
    // 4,096 weight vectors, with 8 … 256 leaves in 4 groups.
    rows = []
    for leaves in [8, 16, 32, 64, 128, 256] {
        let dataset = syntheticDataset(
            candidates: 100_000, groups: 4, leavesPerGroup: leaves / 4, missingEvery: 97, seed: 1)
        let (_, seconds) = try repeated(5) { try score(dataset) }
        let small = syntheticDataset(candidates: 193, groups: 4, leavesPerGroup: leaves / 4, missingEvery: 0, seed: 2)
        let engine = try ScoringEngine(dataset: small)
        let weights = perturbedWeights(engine.tree, samples: 4096, seed: 3)
        let (_, batched) = try repeated(7) { try engine.scores(weights: weights) }
        rows.append([leaves, median(seconds), median(batched)])
        log("leaves \(leaves): \(median(seconds)) s, batched \(median(batched)) s")
    }
    try csv(["leaves", "score_100000_seconds", "batched_193x4096_seconds"], rows, to: output + "/scaling-leaves.csv")

    // Time vs samples: SMAA rank acceptability on the shipped dataset (193 candidates).
    rows = []
    let analysis = try SensitivityAnalysis(dataset: shippedDataset())
    var samples = 1_000
    while samples <= maxSamples {
        let repeats = samples >= 1_000_000 ? 1 : 3
        let (_, seconds) = try repeated(repeats) { try analysis.rankDistribution(samples: samples, seed: 2023) }
        rows.append([samples, median(seconds), Int(Double(samples) / median(seconds))])
        log("samples \(samples): \(median(seconds)) s")
        samples *= 10
    }
    try csv(["samples", "smaa_seconds", "samples_per_second"], rows, to: output + "/scaling-samples.csv")
}

// MARK: Main

let arguments = Arguments(CommandLine.arguments.dropFirst(2))
do {
    switch CommandLine.arguments.dropFirst().first {
    case "tree": try tree(arguments)
    case "score": try scoreCommand(arguments)
    case "smaa": try smaa(arguments)
    case "sobol": try sobol(arguments)
    case "plan": try plan(arguments)
    case "synth": try synth(arguments)
    case "scaling": try scaling(arguments)
    default:
        FileHandle.standardError.write(
            Data("usage: visitplan-bench tree|score|smaa|sobol|plan|synth|scaling [DIR] [--option value]…\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("visitplan-bench: \(error)\n".utf8))
    exit(1)
}
