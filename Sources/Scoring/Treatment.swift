import Dataset
import LinearAlgebra

// Outlier treatment (SPEC §12), COINr's default rule: winsorise step by step while the sample
// skewness and excess kurtosis are both high, then fall back to a log on the untreated values.

/// The sample skewness and sample excess kurtosis of some values (the bias-corrected G1 and G2
/// of Joanes & Gill 1998; `scipy.stats.skew(bias=False)` and `kurtosis(bias=False)`).
public struct Shape: Sendable, Equatable {
    /// sqrt(n(n − 1)) / (n − 2) · g1, with g1 = m3 / m2^1.5.
    public var skewness: Double
    /// ((n + 1)(r − 3) + 6)(n − 1) / ((n − 2)(n − 3)), with r = n Σd⁴ / (Σd²)².
    public var kurtosis: Double

    /// The shape of `values`; nil when it is undefined: fewer than 4 values, or all equal.
    ///
    /// - Complexity: O(n): a pass for the mean, one for the deviations, and three BLAS dot
    ///   products for Σd², Σd³ and Σd⁴.
    public init?(_ values: [Double]) {
        let n = values.count
        guard n >= 4 else { return nil }
        var total = 0.0
        for v in values { total += v }
        let mean = total / Double(n)
        var deviations = values
        var squares = values
        deviations.withUnsafeMutableBufferPointer { d in
            squares.withUnsafeMutableBufferPointer { e in
                for i in d.indices {
                    let deviation = d[i] - mean
                    d[i] = deviation
                    e[i] = deviation * deviation
                }
            }
        }
        // Σd² = d·d, Σd³ = d·d², Σd⁴ = d²·d², each one BLAS call.
        let s2 = dot(deviations, deviations)
        guard s2 > 0 else { return nil }
        let s3 = dot(deviations, squares)
        let s4 = dot(squares, squares)
        let count = Double(n)
        let (m2, m3) = (s2 / count, s3 / count)
        let g1 = m3 / (m2 * m2.squareRoot())
        skewness = (count * (count - 1)).squareRoot() / (count - 2) * g1
        let r = count * s4 / (s2 * s2)
        kurtosis = ((count + 1) * (r - 3) + 6) * (count - 1) / ((count - 2) * (count - 3))
    }

    public init(skewness: Double, kurtosis: Double) {
        self.skewness = skewness
        self.kurtosis = kurtosis
    }

    /// Whether values of this shape need no treatment: |skew| < `skew` or kurtosis < `kurtosis`.
    func passes(_ treatment: Treatment) -> Bool {
        abs(skewness) < treatment.skew || kurtosis < treatment.kurtosis
    }
}

/// What a treatment did to one leaf's values.
public struct TreatmentOutcome: Sendable {
    /// The shape of the values before treatment (nil when undefined: then nothing was done).
    public var before: Shape?
    /// The shape of the values returned (after the winsorising steps, or after the log fallback).
    public var after: Shape?
    /// The winsorising steps taken.
    public var steps: Int
    /// The candidates whose values the winsorising steps moved, with the value before and after
    /// (empty when the log fallback replaced them all).
    public var moved: [Int: Winsorised]
    /// True when winsorising did not bring the shape within bounds and the log fallback applied.
    public var loggedFallback: Bool
    /// Whether the values returned pass (false after the `none` fallback, when winsorising was not enough).
    public var passes: Bool

    /// One value moved by a winsorising step.
    public struct Winsorised: Sendable, Equatable {
        public var from: Double
        public var to: Double

        public init(from: Double, to: Double) {
            self.from = from
            self.to = to
        }
    }

    /// True when the treatment changed any value.
    public var changedValues: Bool { loggedFallback || !moved.isEmpty }
}

/// Applies `treatment` to the present values (NaN stays NaN), in SPEC §12's order of steps.
///
/// While the values do not pass and fewer than `maxPoints` steps were taken: if the skewness is
/// ≥ 0 every value equal to the maximum is set to the largest other value, else every value equal
/// to the minimum to the smallest other value. A step that would leave every value equal is not
/// taken (the shape would be undefined, and the leaf would tell no candidate apart): the values
/// then count as not passing. If they still do not pass, the fallback applies to the untreated
/// values: `log` = ln(x − min + 0.01 (max − min)); `none` keeps the winsorised values.
///
/// - Complexity: O(n) per step, at most `maxPoints` + 2 shapes.
func treated(_ values: [Double], _ treatment: Treatment) -> (values: [Double], outcome: TreatmentOutcome) {
    let positions = values.indices.filter { !values[$0].isNaN }
    let untreated = positions.count == values.count ? values : positions.map { values[$0] }
    let before = Shape(untreated)
    var outcome = TreatmentOutcome(
        before: before, after: before, steps: 0, moved: [:], loggedFallback: false, passes: true)
    guard var shape = before, !shape.passes(treatment) else { return (values, outcome) }

    var current = untreated
    var stuck = false
    while !shape.passes(treatment) && outcome.steps < treatment.maxPoints {
        // The extreme on the side of the skew, the next value in, and whether a third exists.
        let high = shape.skewness >= 0
        var extreme = current[0]
        for v in current { extreme = high ? Swift.max(extreme, v) : Swift.min(extreme, v) }
        var next = Double.nan, beyond = false
        for v in current where v != extreme {
            if next.isNaN { next = v; continue }
            if v == next { continue }
            if high ? v > next : v < next { beyond = true; next = v } else { beyond = true }
        }
        guard beyond else { stuck = true; break }
        for k in current.indices where current[k] == extreme {
            let candidate = positions[k]
            let from = outcome.moved[candidate]?.from ?? untreated[k]
            outcome.moved[candidate] = .init(from: from, to: next)
            current[k] = next
        }
        outcome.steps += 1
        guard let updated = Shape(current) else { stuck = true; break }
        shape = updated
    }
    outcome.after = shape
    if !stuck && shape.passes(treatment) {
        return (scatter(current, positions, into: values), outcome)
    }
    outcome.passes = false
    switch treatment.fallback {
    case .none:
        return (scatter(current, positions, into: values), outcome)
    case .log:
        var (low, high) = (untreated[0], untreated[0])
        for v in untreated {
            low = Swift.min(low, v)
            high = Swift.max(high, v)
        }
        // The shift puts the minimum at 1% of the range above zero, so the log is finite.
        let offset = 0.01 * (high - low) - low
        let logged = untreated.map { ($0 + offset).logarithm }
        outcome.moved = [:]
        outcome.loggedFallback = true
        outcome.after = Shape(logged)
        return (scatter(logged, positions, into: values), outcome)
    }
}

/// `values` with the present positions replaced by `present` (in order).
private func scatter(_ present: [Double], _ positions: [Int], into values: [Double]) -> [Double] {
    if positions.count == values.count { return present }
    var result = values
    for (k, i) in positions.enumerated() { result[i] = present[k] }
    return result
}

extension ScoreTable {
    /// One note per leaf with a treatment, at the leaf in model.yaml: what it did (the values
    /// moved and the steps, or the log fallback) and the shape before and after. `validate`
    /// lists them.
    public func treatmentNotes(modelFile: String) -> [Diagnostic] {
        tree.leafNodes.enumerated().compactMap { k, node -> Diagnostic? in
            guard let outcome = engine.leaves[k].treatment else { return nil }
            let leaf = tree.nodes[node]
            func shape(_ s: Shape?) -> String {
                s.map { "skewness \(rounded($0.skewness)), kurtosis \(rounded($0.kurtosis))" } ?? "shape undefined"
            }
            let what: String
            if outcome.loggedFallback {
                what = "treated by the log fallback after \(outcome.steps) winsorising step(s) were not enough"
            } else if outcome.moved.isEmpty {
                what =
                    outcome.before == nil
                    ? "treatment skipped (fewer than 4 values, or all equal)" : "no treatment needed"
            } else {
                what =
                    "treatment moved \(outcome.moved.count) value(s) in \(outcome.steps) step(s)"
                    + (outcome.passes ? "" : ", still outside the bounds (fallback: none)")
            }
            let change =
                outcome.changedValues ? "\(shape(outcome.before)) → \(shape(outcome.after))" : shape(outcome.before)
            return Diagnostic(
                file: modelFile, line: leaf.location.line, column: leaf.location.column, .note,
                "leaf `\(leaf.id)`: \(what) (\(change))")
        }
    }
}

/// A number to 3 decimals, for messages.
private func rounded(_ x: Double) -> String { "\((x * 1000).rounded() / 1000)" }
