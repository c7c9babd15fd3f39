import Dataset
import Scoring
import StatisticalAudit
import TestSupport

// Small datasets written in code, whose every leaf keeps its raw value (normalisation `none`,
// direction risk): a node's value is then the plain mean of its present children, and every
// expected statistic can be worked out by hand or by numpy from the numbers below.

/// Candidates S00, S01, … with the given indicator columns, scored by `criteria`.
func auditDataset(columns: [String: [Double]], criteria: [Criterion], requests: [Int: ConfidentialRequest] = [:])
    -> Dataset
{
    let n = columns.values.first?.count ?? 0
    let states = (0..<n).map { i -> State in
        var state = State(id: String(format: "S%02d", i), name: "State \(i)", region: "R")
        state.confidential = requests[i] ?? .none
        return state
    }
    let model = Model(name: "audit test", asOf: CalendarDate(year: 2023, month: 1, day: 1)!, criteria: criteria)
    return Dataset(states: states, indicators: Indicators(columns: columns), model: model)
}

let nan = Double.nan

/// Ten candidates; g = mean(a, b, c, d), h = mean(e, f), root = (g + h) / 2. b tracks a
/// (r ≈ 0.91), d is nearly a copy of a (r ≈ 0.999), c runs against them, and f is a small
/// mirror of e, so f moves against its parent h.
let tenColumns: [String: [Double]] = [
    "a": [0.10, 0.35, 0.80, 0.55, 0.95, 0.20, nan, 0.60, 0.45, 0.70],
    "b": [0.20, 0.30, 0.65, 0.50, 0.90, 0.35, 0.40, nan, 0.30, 0.85],
    "c": [0.90, 0.15, 0.40, 0.75, 0.30, 0.55, 0.60, 0.20, nan, 0.10],
    "d": [0.12, 0.36, 0.79, 0.57, 0.93, 0.22, 0.51, 0.61, 0.44, nan],
    "e": [0.05, 0.95, 0.40, 0.70, 0.20, 0.85, 0.10, 0.60, 0.35, 0.75],
    "f": [0.60, 0.45, 0.55, 0.50, 0.58, 0.44, 0.59, 0.49, 0.53, 0.47],
]

let tenCriteria = [
    node("g", name: "Gaps", [leaf("a", name: "Alpha"), leaf("b"), leaf("c"), leaf("d")]),
    node("h", [leaf("e"), leaf("f")]),
]

extension FrameworkAudit {
    func node(_ id: String) -> Node { nodes.first { $0.id == id }! }
    func child(_ id: String, of node: String) -> Child { self.node(node).children.first { $0.id == id }! }
}
