internal import CBLAS

extension Matrix {
    /// `AᵀA`, the matrix of inner products of the columns (BLAS dsyrk), both triangles filled.
    ///
    /// dsyrk computes one triangle of the symmetric product, half the work of dgemm; the other
    /// triangle is copied.
    ///
    /// - Complexity: O(rows × columns²).
    public func gram() -> Matrix {
        let k = columns
        var c = Matrix(rows: k, columns: k)
        guard k > 0, rows > 0 else { return c }
        cblas_dsyrk(
            CblasColMajor, CblasLower, CblasTrans, Int32(k), Int32(rows), 1,
            elements, Int32(Swift.max(rows, 1)), 0, &c.elements, Int32(k))
        for j in 0..<k {
            for i in 0..<j { c[i, j] = c[j, i] }
        }
        return c
    }
}
