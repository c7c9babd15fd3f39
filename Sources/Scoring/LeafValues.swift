import Dataset

/// One leaf's values for every candidate, ready for aggregation.
public struct LeafColumn: Sendable {
    /// The leaf's raw values (indicator, signal or engagement feature), NaN where missing.
    public var raw: [Double]
    /// The values after imputation, transform, winsorising, normalisation and direction:
    /// NaN where the value is still missing (the `reweight` rule).
    public var normalised: [Double]
    /// Whether the candidate's raw value was present: the basis of coverage.
    public var present: [Bool]
    /// Whether the raw value was imputed by the leaf's missing-data rule.
    public var imputed: [Bool]
    /// True when every present value was equal before normalisation.
    public var constant: Bool
    /// What `treatment` did, for a leaf that has one.
    public var treatment: TreatmentOutcome? = nil
    /// The value each imputed candidate (dataset index) received, before transform and
    /// treatment: only the imputed ones, so memory grows with the gaps, not the candidates.
    public var imputedValues: [Int: Double] = [:]
    /// The lowest and highest normalised values, and whether every candidate has one (no NaN):
    /// computed with the column, on the thread that made it.
    public var lowest: Double = .nan
    public var highest: Double = .nan
    public var complete = false

    init(raw: [Double], normalised: [Double], present: [Bool], imputed: [Bool], constant: Bool) {
        self.raw = raw
        self.normalised = normalised
        self.present = present
        self.imputed = imputed
        self.constant = constant
        var (low, high, missing) = (Double.infinity, -Double.infinity, false)
        for v in normalised {
            if v.isNaN { missing = true; continue }
            low = v < low ? v : low
            high = v > high ? v : high
        }
        complete = !missing
        if low <= high { (lowest, highest) = (low, high) }
    }

    /// The column with its normalised values and their range only: `raw`, `present` and
    /// `imputed` empty, no treatment or imputed values. Scores read nothing else; a sensitivity
    /// run holds one set of columns per method alternative, and at 10⁶ candidates those inputs
    /// take 10 bytes per candidate and leaf.
    public var normalisedOnly: LeafColumn {
        var column = self
        (column.raw, column.present, column.imputed) = ([], [], [])
        (column.treatment, column.imputedValues) = (nil, [:])
        return column
    }
}

/// Runs one leaf's pipeline over all candidates, in the SPEC's order (§3, §12): denomination,
/// imputation, transform, treatment (or winsorise), normalisation, direction.
///
/// Normalisation statistics are taken over the values present after imputation: an imputed
/// value counts as present from then on.
///
/// - Complexity: O(n log n) for rank or winsorise, O(n) otherwise (treatment: O(n) per step).
func leafColumn(_ leaf: Leaf, of criterion: Criterion, dataset: Dataset) throws -> LeafColumn {
    let states = dataset.states
    let n = states.count
    let raw = rawValues(leaf, dataset: dataset)
    let complete = !raw.contains { $0.isNaN }
    let present = complete ? Array(repeating: true, count: n) : raw.map { !$0.isNaN }

    var values = raw
    var imputed = Array(repeating: false, count: n)
    var imputedValues: [Int: Double] = [:]
    if leaf.missing == .error, !complete, let i = present.firstIndex(of: false) {
        throw ScoringError(
            criterion: criterion.id, location: criterion.location,
            message: "candidate \(states[i].id) has no value and the rule is `missing: error`")
    }
    if leaf.missing.imputes, !complete {
        let fill = imputation(leaf.missing, raw: raw, states: states)
        for i in 0..<n where !present[i] && !fill[i].isNaN {
            values[i] = fill[i]
            imputed[i] = true
            imputedValues[i] = fill[i]
        }
    }
    if leaf.logTransform {
        if let i = values.indices.first(where: { values[$0] < 0 }) {
            throw ScoringError(
                criterion: criterion.id, location: criterion.location,
                message: "`transform: log` needs values ≥ 0; candidate \(states[i].id) has \(values[i])")
        }
        values = values.map { $0.isNaN ? $0 : (1 + $0).logarithm }
    }
    var treatment: TreatmentOutcome?
    if let rule = leaf.treatment {
        (values, treatment) = treated(values, rule)
    } else if let bounds = leaf.winsorise {
        values = winsorised(values, low: bounds.low, high: bounds.high)
    }
    if complete && !leaf.logTransform && leaf.winsorise == nil && treatment?.changedValues != true,
        let column = normalisedComplete(values, method: leaf.normalisation, direction: leaf.direction)
    {
        var result = LeafColumn(
            raw: raw, normalised: column.values, present: present, imputed: imputed,
            constant: column.constant)
        result.treatment = treatment
        result.imputedValues = imputedValues
        return result
    }
    let column = normalised(values, method: leaf.normalisation, goalposts: leaf.goalposts)
    let final = oriented(column.values, method: leaf.normalisation, direction: leaf.direction)
    var result = LeafColumn(raw: raw, normalised: final, present: present, imputed: imputed, constant: column.constant)
    result.treatment = treatment
    result.imputedValues = imputedValues
    return result
}

/// A leaf's raw values for every candidate: its indicator column (divided by its denominator,
/// SPEC §12), signal or engagement feature; NaN where missing.
///
/// A missing or zero denominator makes the value missing.
///
/// - Complexity: O(n) for indicators and engagement features; signals O(n × window).
func rawValues(_ leaf: Leaf, dataset: Dataset) -> [Double] {
    let n = dataset.states.count
    let asOf = dataset.model.asOf
    switch leaf.source {
    case .indicator(let name):
        let values = dataset.indicators.columns[name] ?? Array(repeating: .nan, count: n)
        guard let denominator = leaf.denominator else { return values }
        let divisors = dataset.indicators.columns[denominator] ?? Array(repeating: .nan, count: n)
        let scale = leaf.denominatorScale
        return zip(values, divisors).map { value, divisor in
            divisor.isNaN || divisor == 0 ? .nan : value * scale / divisor
        }
    case .signal(let kind, let indicator, let window, let fill):
        return signalValues(
            kind, indicator: indicator, window: window, fill: fill,
            events: dataset.events, candidates: n, asOf: asOf)
    case .engagement(let feature):
        return engagementValues(feature, states: dataset.states, asOf: dataset.engagementDate ?? asOf)
    }
}

/// The value each missing candidate receives under an imputing rule (NaN when the rule has
/// nothing to impute from, e.g. a column with no value at all).
private func imputation(_ rule: MissingRule, raw: [Double], states: [State]) -> [Double] {
    let present = raw.filter { !$0.isNaN }
    let mean = present.isEmpty ? Double.nan : present.reduce(0, +) / Double(present.count)
    switch rule {
    case .mean: return Array(repeating: mean, count: raw.count)
    case .min: return Array(repeating: present.min() ?? .nan, count: raw.count)
    case .max: return Array(repeating: present.max() ?? .nan, count: raw.count)
    case .zero: return Array(repeating: 0, count: raw.count)
    case .regionMean:
        var sums: [String: (total: Double, count: Int)] = [:]
        for (i, value) in raw.enumerated() where !value.isNaN {
            sums[states[i].region, default: (0, 0)].total += value
            sums[states[i].region, default: (0, 0)].count += 1
        }
        // A region with no present value falls back to the overall mean.
        return states.map { state in
            guard let s = sums[state.region], s.count > 0 else { return mean }
            return s.total / Double(s.count)
        }
    case .reweight, .error:
        return Array(repeating: .nan, count: raw.count)
    }
}

extension Double {
    /// The natural logarithm (Foundation-free).
    var logarithm: Double { _logarithm(self) }
}
