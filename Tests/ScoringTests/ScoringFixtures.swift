import Dataset
import LinearAlgebra
import Numerics
import Scoring
import TestSupport

// The reference date of the signal tests, and an independent reference scorer (the builders of
// small datasets are in TestSupport).

/// 1 January 2023: with yearly events the signal window is 2018–2022.
let referenceDate = CalendarDate(year: 2023, month: 1, day: 1)!

func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: day)!
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
