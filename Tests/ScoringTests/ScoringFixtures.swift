import Dataset
import LinearAlgebra
import Numerics
import Scoring
import Testing

// Builders for small datasets written directly in code, and an independent reference scorer.

/// 1 January 2023: with yearly events the signal window is 2018–2022.
let referenceDate = CalendarDate(year: 2023, month: 1, day: 1)!

func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: day)!
}

/// A leaf on an indicator column; `none` normalisation by default, so the score of a one-leaf
/// model is 100 × the raw value and every expectation reads straight off the data.
func leaf(
    _ id: String, indicator: String? = nil, weight: Double = 1, direction: Direction = .risk,
    normalisation: Normalisation = .none, missing: MissingRule = .reweight, log: Bool = false,
    winsorise: (low: Double, high: Double)? = nil, goalposts: (low: Double, high: Double)? = nil
) -> Criterion {
    Criterion(id: id, weight: weight, kind: .leaf(Leaf(
        source: .indicator(indicator ?? id), direction: direction, normalisation: normalisation,
        missing: missing, logTransform: log, winsorise: winsorise, goalposts: goalposts)))
}

/// A leaf on any source.
func leaf(
    _ id: String, source: LeafSource, weight: Double = 1, normalisation: Normalisation = .none,
    missing: MissingRule = .reweight
) -> Criterion {
    Criterion(id: id, weight: weight,
              kind: .leaf(Leaf(source: source, normalisation: normalisation, missing: missing)))
}

/// An inner node.
func node(_ id: String, weight: Double = 1, _ aggregation: Aggregation, _ children: [Criterion]) -> Criterion {
    Criterion(id: id, weight: weight, kind: .node(aggregation: aggregation, children: children))
}

/// An arithmetic inner node.
func node(_ id: String, weight: Double = 1, _ children: [Criterion]) -> Criterion {
    node(id, weight: weight, .arithmetic, children)
}

/// A dataset of candidates `ids` (regions default to "R"), indicator `columns` and a model
/// whose top-level criteria are `criteria`.
func makeDataset(
    ids: [String], regions: [String]? = nil, columns: [String: [Double]] = [:],
    criteria: [Criterion], root: Aggregation = .arithmetic, states: [State]? = nil,
    events: Events = Events(), asOf: CalendarDate = referenceDate
) -> Dataset {
    let states = states ?? ids.enumerated().map { i, id in
        State(id: id, name: "State \(id)", region: regions?[i] ?? "R")
    }
    let model = Model(name: "test", asOf: asOf, criteria: criteria, rootAggregation: root)
    return Dataset(states: states, indicators: Indicators(columns: columns), events: events, model: model)
}

extension ScoreTable {
    func candidate(_ id: String) -> ScoredCandidate {
        candidates.first { $0.id == id }!
    }

    /// Scores in dataset order.
    var scores: [Double] { candidates.map(\.score) }

    /// Ids from rank 1 down.
    var rankedIDs: [String] { order.map { candidates[$0].id } }

    /// A node's or leaf's value for a candidate.
    func value(of nodeID: String, for id: String) -> Double {
        candidate(id).nodeValues[tree.index(of: nodeID)!]
    }

    /// A leaf's contribution to a candidate's score.
    func contribution(of leafID: String, for id: String) -> Double {
        candidate(id).contributions[leafIDs.firstIndex(of: leafID)!]
    }
}

/// Expects `actual` within `tolerance` of `expected`; an expected NaN (missing) must be NaN.
func expectClose(
    _ actual: Double, _ expected: Double, tolerance: Double = 1e-9, _ comment: Comment? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    if expected.isNaN {
        #expect(actual.isNaN, "expected missing, got \(actual) \(comment.map { "— \($0)" } ?? "")",
                sourceLocation: sourceLocation)
    } else {
        #expect(actual.isApproximatelyEqual(to: expected, absoluteTolerance: tolerance),
                "\(actual) vs expected \(expected) \(comment.map { "— \($0)" } ?? "")",
                sourceLocation: sourceLocation)
    }
}

func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
    for (k, (a, e)) in zip(actual, expected).enumerated() {
        expectClose(a, e, tolerance: tolerance, "element \(k) of \(actual) vs \(expected)",
                    sourceLocation: sourceLocation)
    }
}

/// A direct, loop-by-loop implementation of SPEC §3's aggregation formulas over given leaf values
/// (NaN = missing), written without the engine's matrices: the independent reference.
struct ReferenceScorer {
    /// Leaf id → value per candidate.
    var leafValues: [String: [Double]]
    /// Node or leaf id → weight (the model's, or a sampled vector's).
    var weights: [String: Double]
    var candidates: Int

    /// 100 × the root value, per candidate.
    func scores(_ criteria: [Criterion], root: Aggregation = .arithmetic) -> [Double] {
        evaluate(node("root", root, criteria)).map { $0 * 100 }
    }

    func evaluate(_ criterion: Criterion) -> [Double] {
        switch criterion.kind {
        case .leaf:
            return leafValues[criterion.id]!
        case .node(let aggregation, let children):
            let values = children.map(evaluate)
            let w = children.map { weights[$0.id] ?? $0.weight }
            switch aggregation {
            case .arithmetic, .geometric:
                return (0..<candidates).map { i in
                    let present = values.indices.filter { !values[$0][i].isNaN }
                    let total = present.reduce(0) { $0 + w[$1] }
                    guard !present.isEmpty, total > 0 else { return .nan }
                    if aggregation == .arithmetic {
                        return present.reduce(0) { $0 + w[$1] / total * values[$1][i] }
                    }
                    return present.reduce(1) { $0 * Double.pow(values[$1][i], w[$1] / total) }
                }
            case .topsis:
                let total = w.reduce(0, +)
                let u = values.indices.map { c in values[c].map { w[c] / total * $0 } }
                let ideal = u.map { $0.filter { !$0.isNaN }.max()! }
                let anti = u.map { $0.filter { !$0.isNaN }.min()! }
                return (0..<candidates).map { i in
                    if u.contains(where: { $0[i].isNaN }) { return .nan }
                    let plus = u.indices.reduce(0) { $0 + (u[$1][i] - ideal[$1]) * (u[$1][i] - ideal[$1]) }.squareRoot()
                    let minus = u.indices.reduce(0) { $0 + (u[$1][i] - anti[$1]) * (u[$1][i] - anti[$1]) }.squareRoot()
                    return plus + minus > 0 ? minus / (plus + minus) : 0.5
                }
            }
        }
    }
}
