internal import CBLAS

extension Matrix {
    /// The principal (Perron) eigenvalue of a square matrix with positive entries and its
    /// eigenvector scaled to sum 1, from LAPACK's `dgeev` (through OpenBLAS).
    ///
    /// For a positive matrix, Perron's theorem makes the eigenvalue of largest modulus real,
    /// simple and positive, with an eigenvector of one sign; that eigenvector, normalised to sum
    /// 1, is Saaty's priority vector of a pairwise comparison matrix.
    ///
    /// - Returns: nil when LAPACK does not converge, or the matrix has no real dominant
    ///   eigenvalue with a one-signed eigenvector (it is then not positive).
    /// - Complexity: O(n³) (Hessenberg reduction and QR iterations).
    public func principalEigenpair() -> (value: Double, vector: [Double])? {
        precondition(rows == columns, "principalEigenpair: \(rows)×\(columns) is not square")
        let n = rows
        guard n > 0 else { return nil }
        var a = elements
        var real = [Double](repeating: 0, count: n)
        var imaginary = [Double](repeating: 0, count: n)
        var vectors = [Double](repeating: 0, count: n * n)
        // dgeev needs at least 4n of workspace when it computes right eigenvectors; 8n helps
        // its blocked reduction and is nothing at the sizes pairwise comparisons have (n ≤ 10).
        let workspace = Swift.max(1, 8 * n)
        var work = [Double](repeating: 0, count: workspace)
        let info = visitplan_dgeev(blasint(n), &a, &real, &imaginary, &vectors, &work, blasint(workspace))
        guard info == 0 else { return nil }
        // The dominant eigenvalue: largest modulus.
        let moduli = (0..<n).map { (real[$0] * real[$0] + imaginary[$0] * imaginary[$0]).squareRoot() }
        guard let k = moduli.indices.max(by: { moduli[$0] < moduli[$1] }) else { return nil }
        // A real eigenvalue's eigenvector is column k of vr (a complex one spans two columns).
        guard abs(imaginary[k]) <= 1e-9 * Swift.max(1, moduli[k]), real[k] > 0 else { return nil }
        let column = Array(vectors[(k * n)..<((k + 1) * n)])
        let total = column.reduce(0, +)
        guard total != 0 else { return nil }
        let vector = column.map { $0 / total }
        guard vector.allSatisfy({ $0 >= -1e-12 }) else { return nil }
        return (real[k], vector.map { Swift.max(0, $0) })
    }
}
