import Dataset
import LinearAlgebra

// The leaf pipeline's numeric steps (SPEC §3, "Formulas"). Every function takes the present
// values of one leaf (missing ones are NaN and left untouched) and returns new values.

/// The quantile of sorted values at probability p by linear interpolation between order
/// statistics (Hyndman & Fan type 7, the default of R and numpy).
///
/// - Complexity: O(1) on sorted input.
func quantile(sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty, "quantile of no values")
    let h = Double(sorted.count - 1) * p
    let low = Int(h.rounded(.down))
    let high = Swift.min(low + 1, sorted.count - 1)
    return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
}

/// Clamps the present values to their [p_lo, p_hi] quantiles.
///
/// - Complexity: O(n log n).
func winsorised(_ values: [Double], low: Double, high: Double) -> [Double] {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return values }
    let (lo, hi) = (quantile(sorted: sorted, low), quantile(sorted: sorted, high))
    return values.map { $0.isNaN ? $0 : Swift.min(Swift.max($0, lo), hi) }
}

/// The result of normalising one leaf.
struct NormalisedColumn {
    var values: [Double]
    /// True when every present value was equal (minmax then gives 0 and a warning).
    var constant: Bool
}

/// Puts the present values of a leaf on the method's scale, over the n present values.
///
/// - Complexity: O(n), or O(n log n) for `rank`.
func normalised(_ values: [Double], method: Normalisation, goalposts: (low: Double, high: Double)?)
    -> NormalisedColumn
{
    let presentIndices = values.indices.filter { !values[$0].isNaN }
    let present = presentIndices.map { values[$0] }
    let constant = present.count > 0 && present.allSatisfy { $0 == present[0] }
    var result = values

    func assign(_ transformed: [Double]) {
        for (k, i) in presentIndices.enumerated() { result[i] = transformed[k] }
    }

    switch method {
    case .minmax:
        guard let lo = present.min(), let hi = present.max() else { break }
        let range = hi - lo
        assign(present.map { range > 0 ? ($0 - lo) / range : 0 })
    case .zscore:
        let n = Double(present.count)
        guard n > 0 else { break }
        let mean = present.reduce(0, +) / n
        var centred = present.map { $0 - mean }
        // Sample standard deviation (n − 1) through BLAS: sd = ‖x − mean‖₂ / sqrt(n − 1).
        let sd = n > 1 ? nrm2(centred) / (n - 1).squareRoot() : 0
        if sd > 0 { scale(&centred, by: 1 / sd) } else { centred = centred.map { _ in 0 } }
        assign(centred)
    case .rank:
        let n = Double(present.count)
        let ranks = averageRanks(present)
        assign(ranks.map { n > 1 ? ($0 - 1) / (n - 1) : 0 })
    case .goalposts:
        guard let goalposts else { preconditionFailure("goalposts normalisation without bounds") }
        let span = goalposts.high - goalposts.low
        assign(present.map { Swift.min(Swift.max(($0 - goalposts.low) / span, 0), 1) })
    case .vector:
        var scaled = present
        let norm = nrm2(present)
        if norm > 0 { scale(&scaled, by: 1 / norm) } else { scaled = scaled.map { _ in 0 } }
        assign(scaled)
    case .none:
        break
    }
    return NormalisedColumn(values: result, constant: constant)
}

/// `normalised` and `oriented` in one pass for a column with every value present, for the
/// methods whose statistics are a norm or a range (vector and minmax: the large matrices of
/// TOPSIS and weighted sums); nil for the others, which take the general path. Same results.
///
/// - Complexity: O(n), two passes over the column.
func normalisedComplete(_ values: [Double], method: Normalisation, direction: Direction) -> NormalisedColumn? {
    guard !values.isEmpty else { return nil }
    let flip = direction == .protective
    var result = values
    var constant = true
    let first = values[0]
    switch method {
    case .vector:
        for v in values where v != first { constant = false; break }
        let norm = nrm2(values)
        if norm > 0 {
            scale(&result, by: 1 / norm)
        } else {
            for i in result.indices { result[i] = 0 }
        }
        if flip { scale(&result, by: -1) }
    case .minmax:
        var (lo, hi) = (first, first)
        for v in values {
            lo = v < lo ? v : lo
            hi = v > hi ? v : hi
        }
        constant = lo == hi
        let range = hi - lo
        result.withUnsafeMutableBufferPointer { out in
            for i in out.indices {
                let v = range > 0 ? (out[i] - lo) / range : 0
                out[i] = flip ? 1 - v : v
            }
        }
    default:
        return nil
    }
    return NormalisedColumn(values: result, constant: constant)
}

/// Flips a normalised value so that a higher value always means a higher priority:
/// 1 − v on the bounded scales (minmax, rank, goalposts), −v on the others.
func oriented(_ values: [Double], method: Normalisation, direction: Direction) -> [Double] {
    guard direction == .protective else { return values }
    switch method {
    case .minmax, .rank, .goalposts: return values.map { 1 - $0 }
    case .zscore, .vector, .none: return values.map { -$0 }
    }
}
