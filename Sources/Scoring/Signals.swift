import Dataset
import LinearAlgebra

/// The raw value of a signal for every candidate: `level`, `trend` or `anomaly` of one
/// events.csv indicator over the `window` most recent periods ending on or before `asOf`
/// (SPEC §3, "Signals from events.csv"). A signal without enough values is NaN (missing).
///
/// With `fill: zero` every candidate has a full window, so the level and the OLS slope of all
/// candidates are each one gemv of a fixed period vector against the window × candidates matrix.
///
/// - Complexity: O(window × n).
func signalValues(
    _ kind: SignalKind, indicator: String, window: Int, fill: SignalFill,
    events: Events, candidates n: Int, asOf: CalendarDate
) -> [Double] {
    let last = events.lastCompletePeriod(onOrBefore: asOf)
    let periods = (0..<window).map { last - window + 1 + $0 }
    let series = events.series[indicator] ?? Events.Series(withoutRowsFor: n)

    if fill == .zero {
        // The window × candidates matrix, column-major: each candidate's window is contiguous.
        var history = Matrix(rows: window, columns: n)
        for i in 0..<n {
            for (t, period) in periods.enumerated() { history[t, i] = series.value(of: i, at: period) ?? 0 }
        }
        switch kind {
        case .level:
            return history.multiplied(by: Array(repeating: 1 / Double(window), count: window), transpose: .transposed)
        case .trend:
            guard window >= 2 else { return Array(repeating: .nan, count: n) }
            return history.multiplied(by: slopeWeights(positions: Array(0..<window)), transpose: .transposed)
        case .anomaly:
            return (0..<n).map { i in anomaly(history.column(i)) }
        }
    }

    // fill: missing: each candidate keeps only the periods it has, at their window positions.
    return (0..<n).map { i in
        let found = periods.map { series.value(of: i, at: $0) }
        let positions = found.indices.filter { found[$0] != nil }
        let values = positions.map { found[$0]! }
        switch kind {
        case .level:
            return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        case .trend:
            guard values.count >= 2 else { return .nan }
            return dot(slopeWeights(positions: positions), values)
        case .anomaly:
            return anomaly(values)
        }
    }
}

/// The weights c such that the OLS slope of y on the positions t is c · y:
/// c_k = (t_k − t̄) / Σ (t − t̄)².
private func slopeWeights(positions: [Int]) -> [Double] {
    let t = positions.map(Double.init)
    let mean = t.reduce(0, +) / Double(t.count)
    let centred = t.map { $0 - mean }
    let sumOfSquares = dot(centred, centred)
    return centred.map { $0 / sumOfSquares }
}

/// (latest − mean of the earlier values) / their sample sd; needs two earlier values;
/// 0 where that sd is 0.
private func anomaly(_ values: [Double]) -> Double {
    guard values.count >= 3, let latest = values.last else { return .nan }
    let earlier = Array(values.dropLast())
    let mean = earlier.reduce(0, +) / Double(earlier.count)
    let centred = earlier.map { $0 - mean }
    let sd = nrm2(centred) / Double(earlier.count - 1).squareRoot()
    return sd > 0 ? (latest - mean) / sd : 0
}
