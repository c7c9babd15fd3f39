import Dataset
import Foundation
import LinearAlgebra
import Scoring
@testable import Sensitivity

// Small datasets written in code, and the shipped cycle.

/// A leaf on an indicator column with `none` normalisation: the score reads off the data.
func leaf(_ id: String, weight: Double = 1) -> Criterion {
    Criterion(id: id, weight: weight, kind: .leaf(Leaf(source: .indicator(id), normalisation: .none)))
}

/// An inner node.
func node(_ id: String, weight: Double = 1, _ aggregation: Aggregation, _ children: [Criterion]) -> Criterion {
    Criterion(id: id, weight: weight, kind: .node(aggregation: aggregation, children: children))
}

/// An arithmetic inner node.
func node(_ id: String, weight: Double = 1, _ children: [Criterion]) -> Criterion {
    node(id, weight: weight, .arithmetic, children)
}

/// Candidates `ids` with indicator `columns` under top-level `criteria`.
func makeDataset(
    ids: [String], columns: [String: [Double]], criteria: [Criterion], root: Aggregation = .arithmetic,
    sensitivity: SensitivitySettings = SensitivitySettings()
) -> Dataset {
    let states = ids.map { State(id: $0, name: "State \($0)", region: "R") }
    let model = Model(name: "test", asOf: CalendarDate(year: 2023, month: 1, day: 1)!, criteria: criteria,
                      rootAggregation: root, sensitivity: sensitivity)
    return Dataset(states: states, indicators: Indicators(columns: columns), model: model)
}

/// Six candidates on three leaves in two groups, values chosen so that ranks move under
/// perturbation, with one tie (E and F have the same values).
func smallDataset(_ sensitivity: SensitivitySettings = SensitivitySettings()) -> Dataset {
    makeDataset(
        ids: ["A", "B", "C", "D", "E", "F"],
        columns: ["x": [0.9, 0.1, 0.5, 0.6, 0.3, 0.3],
                  "y": [0.1, 0.9, 0.5, 0.2, 0.6, 0.6],
                  "z": [0.4, 0.5, 0.3, 0.9, 0.2, 0.2]],
        criteria: [node("g", weight: 2, [leaf("x"), leaf("y", weight: 1.5)]), leaf("z")],
        sensitivity: sensitivity)
}

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped cycle, loaded once.
let shippedCycle: Dataset = try! Dataset.load(directory: repositoryRoot.appendingPathComponent("datasets/cycle-2023").path)
