import Numerics
import Testing

/// Expects `actual` within `tolerance` of `expected`; an expected NaN (missing) must be NaN.
public func expectClose(
    _ actual: Double, _ expected: Double, tolerance: Double = 1e-9, _ comment: Comment? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    if expected.isNaN {
        #expect(
            actual.isNaN, "expected missing, got \(actual) \(comment.map { "— \($0)" } ?? "")",
            sourceLocation: sourceLocation)
    } else {
        #expect(
            actual.isApproximatelyEqual(to: expected, absoluteTolerance: tolerance),
            "\(actual) vs expected \(expected) \(comment.map { "— \($0)" } ?? "")",
            sourceLocation: sourceLocation)
    }
}

/// Expects two vectors of the same length that agree elementwise within `tolerance` (NaN where
/// `expected` has NaN).
public func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
    for (k, (a, e)) in zip(actual, expected).enumerated() {
        expectClose(
            a, e, tolerance: tolerance, "element \(k) of \(actual) vs \(expected)",
            sourceLocation: sourceLocation)
    }
}
