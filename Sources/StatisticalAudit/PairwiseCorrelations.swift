import LinearAlgebra

/// Pearson's correlation of every pair of columns, each pair over the rows where both columns
/// have a value (pairwise complete; NaN is missing), from four BLAS products.
///
/// With X the columns centred on their own means and missing values set to 0, and M the
/// presence mask (1 or 0), the sums over the rows where columns j and k are both present are
/// entries of `XᵀX` (Σ x_j x_k), `MᵀM` (the number of such rows), `XᵀM` (Σ x_j) and
/// `(X∘X)ᵀM` (Σ x_j²): a zero in X or M removes exactly the rows where one of the two is missing.
/// Then r = (Σxy − Σx Σy / n) / √((Σx² − (Σx)²/n)(Σy² − (Σy)²/n)), which is the textbook
/// formula on the pair's own means. Centring each column first keeps Σx small, so the
/// subtractions lose no digits to cancellation.
///
/// A correlation is undefined (nil) over fewer than ``minimumCases`` rows, or when one of the two
/// columns does not vary over the pair's rows (its sum of squared deviations is below 1e-12 of
/// its sum of squares: equal to 12 significant digits, SPEC §12's tie rule).
public struct PairwiseCorrelations: Sendable {
    /// Fewer rows than this leave a correlation undefined: through two points every line is
    /// perfect, so r = ±1 would say nothing.
    public static let minimumCases = 3

    /// The number of columns.
    public let count: Int
    /// Column-major `count × count`: r, NaN where undefined.
    private let values: [Double]
    /// Column-major `count × count`: rows where both columns have a value.
    private let cases: [Int]

    /// - Parameters:
    ///   - columns: equally long columns, NaN where a value is missing.
    /// - Complexity: O(rows × columns²) in dsyrk and dgemm.
    public init(columns: [[Double]]) {
        let p = columns.count
        let n = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == n }, "PairwiseCorrelations: columns of unequal length")
        count = p
        var centred = Matrix(rows: n, columns: p)
        var mask = Matrix(rows: n, columns: p)
        for (j, column) in columns.enumerated() {
            var (sum, present) = (0.0, 0)
            for v in column where !v.isNaN { sum += v; present += 1 }
            let mean = present > 0 ? sum / Double(present) : 0
            for (i, v) in column.enumerated() where !v.isNaN {
                centred[i, j] = v - mean
                mask[i, j] = 1
            }
        }
        let products = centred.gram()
        let together = mask.gram()
        let sums = centred.multiplied(by: mask, transposeSelf: .transposed)
        var squares = centred
        for k in squares.elements.indices { squares.elements[k] *= squares.elements[k] }
        let squareSums = squares.multiplied(by: mask, transposeSelf: .transposed)

        var values = [Double](repeating: .nan, count: p * p)
        var cases = [Int](repeating: 0, count: p * p)
        for j in 0..<p {
            for k in 0..<p {
                // Counts of rows are whole numbers far below 2^53: exact in a Double.
                let m = Int(together[j, k].rounded())
                cases[j + k * p] = m
                guard m >= Self.minimumCases else { continue }
                let size = Double(m)
                let (sx, sy) = (sums[j, k], sums[k, j])
                let (sxx, syy) = (squareSums[j, k], squareSums[k, j])
                let deviationsX = sxx - sx * sx / size
                let deviationsY = syy - sy * sy / size
                guard deviationsX > 1e-12 * sxx, deviationsY > 1e-12 * syy else { continue }
                let r = (products[j, k] - sx * sy / size) / (deviationsX * deviationsY).squareRoot()
                values[j + k * p] = min(1, max(-1, r))
            }
        }
        self.values = values
        self.cases = cases
    }

    /// r of columns `a` and `b`; nil where undefined.
    public subscript(a: Int, b: Int) -> Double? {
        let r = values[a + b * count]
        return r.isNaN ? nil : r
    }

    /// The number of rows where columns `a` and `b` both have a value.
    public func cases(_ a: Int, _ b: Int) -> Int { cases[a + b * count] }
}
