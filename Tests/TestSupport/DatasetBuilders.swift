import Dataset

// Small datasets written directly in code: a leaf keeps its raw value by default (normalisation
// `none`, direction risk), so the score of a one-leaf model is 100 × the raw value and every
// expectation reads straight off the data.

/// A leaf on an indicator column (`id` unless `indicator` names another).
public func leaf(
    _ id: String, name: String? = nil, indicator: String? = nil, weight: Double = 1, direction: Direction = .risk,
    normalisation: Normalisation = .none, missing: MissingRule = .reweight, log: Bool = false,
    winsorise: (low: Double, high: Double)? = nil, goalposts: (low: Double, high: Double)? = nil,
    confidential: Bool = false
) -> Criterion {
    Criterion(
        id: id, name: name, weight: weight,
        kind: .leaf(
            Leaf(
                source: .indicator(indicator ?? id), direction: direction, normalisation: normalisation,
                missing: missing, logTransform: log, winsorise: winsorise, goalposts: goalposts,
                confidential: confidential)))
}

/// A leaf on any source.
public func leaf(
    _ id: String, source: LeafSource, weight: Double = 1, normalisation: Normalisation = .none,
    missing: MissingRule = .reweight
) -> Criterion {
    Criterion(
        id: id, weight: weight,
        kind: .leaf(Leaf(source: source, normalisation: normalisation, missing: missing)))
}

/// An inner node.
public func node(
    _ id: String, name: String? = nil, weight: Double = 1, _ aggregation: Aggregation, _ children: [Criterion]
) -> Criterion {
    Criterion(id: id, name: name, weight: weight, kind: .node(aggregation: aggregation, children: children))
}

/// An arithmetic inner node.
public func node(_ id: String, name: String? = nil, weight: Double = 1, _ children: [Criterion]) -> Criterion {
    node(id, name: name, weight: weight, .arithmetic, children)
}

/// A dataset of candidates `ids` (named "State <id>"; regions default to "R"), indicator
/// `columns` and a model whose top-level criteria are `criteria`, as of 1 January 2023 unless
/// `asOf` says otherwise.
public func makeDataset(
    ids: [String], regions: [String]? = nil, columns: [String: [Double]] = [:],
    criteria: [Criterion], root: Aggregation = .arithmetic, states: [State]? = nil,
    events: Events = Events(), asOf: CalendarDate = CalendarDate(year: 2023, month: 1, day: 1)!,
    sensitivity: SensitivitySettings = SensitivitySettings()
) -> Dataset {
    let states =
        states
        ?? ids.enumerated().map { i, id in
            State(id: id, name: "State \(id)", region: regions?[i] ?? "R")
        }
    let model = Model(name: "test", asOf: asOf, criteria: criteria, rootAggregation: root, sensitivity: sensitivity)
    return Dataset(states: states, indicators: Indicators(columns: columns), events: events, model: model)
}
