import LinearAlgebra

/// Some columns restricted to the rows where every one of them has a value (complete cases),
/// with their sample covariance matrix: what Cronbach's α and the PCA of a node are computed on.
struct CompleteCases {
    /// The number of complete rows.
    let rows: Int
    /// `columns × columns`, sample covariances (divisor rows − 1); empty with fewer than 2 rows.
    let covariance: Matrix
    /// Per column, whether it takes one value (to 12 significant digits) on the complete rows.
    let constant: [Bool]

    /// - Complexity: O(rows × columns²) in dsyrk.
    init(columns: [[Double]]) {
        let n = columns.first?.count ?? 0
        let k = columns.count
        let complete = (0..<n).filter { i in columns.allSatisfy { !$0[i].isNaN } }
        rows = complete.count
        constant = columns.map { column in isConstant(complete.lazy.map { column[$0] }) }
        guard rows >= 2 else {
            covariance = Matrix(rows: 0, columns: 0)
            return
        }
        let m = rows
        var centred = Matrix(rows: m, columns: k)
        for (j, column) in columns.enumerated() {
            let mean = complete.reduce(0.0) { $0 + column[$1] } / Double(m)
            for (r, i) in complete.enumerated() { centred[r, j] = column[i] - mean }
        }
        var covariance = centred.gram()
        scale(&covariance.elements, by: 1 / Double(m - 1))
        self.covariance = covariance
    }

    /// The correlation matrix (covariances over the product of standard deviations); nil when
    /// a column does not vary.
    var correlation: Matrix? {
        guard !constant.contains(true), covariance.rows > 0 else { return nil }
        let k = covariance.rows
        let deviation = (0..<k).map { covariance[$0, $0].squareRoot() }
        var r = covariance
        for j in 0..<k {
            for i in 0..<k { r[i, j] = i == j ? 1 : covariance[i, j] / (deviation[i] * deviation[j]) }
        }
        return r
    }
}

/// Whether every value is equal to 12 significant digits (SPEC §12's tie rule):
/// max − min ≤ 1e-12 · max(|max|, |min|, 1). Empty and single values count as constant.
func isConstant<Values: Sequence<Double>>(_ values: Values) -> Bool {
    var (low, high) = (Double.infinity, -Double.infinity)
    for v in values {
        low = min(low, v)
        high = max(high, v)
    }
    guard low <= high else { return true }
    return high - low <= 1e-12 * max(abs(high), abs(low), 1)
}
