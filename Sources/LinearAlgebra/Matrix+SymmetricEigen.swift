internal import CBLAS

extension Matrix {
    /// Every eigenvalue of a real symmetric matrix, largest first, with orthonormal eigenvectors,
    /// from LAPACK's `dsyev` (through OpenBLAS).
    ///
    /// Only the lower triangle is read. A symmetric matrix has real eigenvalues and an orthonormal
    /// eigenbasis, so unlike ``principalEigenpair()`` (general `dgeev`) nothing complex can come
    /// back; `dsyev` reduces to tridiagonal form and runs implicit QL/QR.
    ///
    /// - Returns: the eigenvalues in descending order and a matrix whose column k is the unit
    ///   eigenvector of eigenvalue k (its sign is LAPACK's: callers that need a convention set
    ///   it); nil when LAPACK does not converge.
    /// - Complexity: O(n³).
    public func symmetricEigen() -> (values: [Double], vectors: Matrix)? {
        precondition(rows == columns, "symmetricEigen: \(rows)×\(columns) is not square")
        let n = rows
        guard n > 0 else { return ([], Matrix(rows: 0, columns: 0)) }
        var a = elements
        var ascending = [Double](repeating: 0, count: n)
        // dsyev needs at least 3n − 1 of workspace; 34n lets its blocked reduction use its
        // preferred block size, and is nothing at the sizes a node's children have.
        let workspace = Swift.max(1, 34 * n)
        var work = [Double](repeating: 0, count: workspace)
        let info = visitplan_dsyev(blasint(n), &a, &ascending, &work, blasint(workspace))
        guard info == 0 else { return nil }
        // LAPACK returns them ascending; reverse values and columns together.
        var vectors = Matrix(rows: n, columns: n)
        for k in 0..<n {
            let source = n - 1 - k
            for i in 0..<n { vectors[i, k] = a[i + source * n] }
        }
        return (ascending.reversed(), vectors)
    }
}
