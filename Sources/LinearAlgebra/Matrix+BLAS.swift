internal import CBLAS

// Every vector and matrix operation that BLAS has goes through OpenBLAS here. The dimensions of
// each call are checked before C sees them.

/// Whether a matrix enters a product as it is or transposed.
public enum Transpose: Sendable {
    case none, transposed

    fileprivate var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Matrix {
    /// `y ← alpha · op(A) · x + beta · y` (BLAS dgemv).
    ///
    /// - Complexity: O(rows × columns).
    public func multiply(
        _ x: [Double], transpose: Transpose = .none, alpha: Double = 1, beta: Double = 0,
        into y: inout [Double]
    ) {
        let (m, n) = transpose == .none ? (rows, columns) : (columns, rows)
        precondition(x.count == n, "gemv: \(x.count) values for \(n) columns")
        precondition(y.count == m, "gemv: result of \(y.count) values for \(m) rows")
        guard m > 0 else { return }
        guard n > 0 else { scale(&y, by: beta); return }
        cblas_dgemv(
            CblasColMajor, transpose.cblas, Int32(rows), Int32(columns), alpha,
            elements, Int32(Swift.max(rows, 1)), x, 1, beta, &y, 1)
    }

    /// `op(A) · x` as a new vector.
    public func multiplied(by x: [Double], transpose: Transpose = .none) -> [Double] {
        var y = [Double](repeating: 0, count: transpose == .none ? rows : columns)
        multiply(x, transpose: transpose, into: &y)
        return y
    }

    /// `C ← alpha · op(A) · op(B) + beta · C` (BLAS dgemm).
    ///
    /// - Complexity: O(m × n × k) for an m × k by k × n product.
    public func multiply(
        _ b: Matrix, transposeSelf: Transpose = .none, transposeOther: Transpose = .none,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) {
        let (m, k) = transposeSelf == .none ? (rows, columns) : (columns, rows)
        let (kb, n) = transposeOther == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        precondition(k == kb, "gemm: \(k) columns vs \(kb) rows")
        precondition(c.rows == m && c.columns == n, "gemm: result \(c.rows)×\(c.columns) for \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        guard k > 0 else { scale(&c.elements, by: beta); return }
        if n == 1 && transposeOther == .none {
            // One column (a single weight vector): dgemv, which reads A in place where dgemm
            // would first pack a copy of it.
            cblas_dgemv(
                CblasColMajor, transposeSelf.cblas, Int32(rows), Int32(columns), alpha,
                elements, Int32(Swift.max(rows, 1)), b.elements, 1, beta, &c.elements, 1)
            return
        }
        cblas_dgemm(
            CblasColMajor, transposeSelf.cblas, transposeOther.cblas,
            Int32(m), Int32(n), Int32(k), alpha,
            elements, Int32(Swift.max(rows, 1)), b.elements, Int32(Swift.max(b.rows, 1)),
            beta, &c.elements, Int32(Swift.max(c.rows, 1)))
    }

    /// `op(A) · op(B)` as a new matrix.
    public func multiplied(
        by b: Matrix, transposeSelf: Transpose = .none, transposeOther: Transpose = .none
    ) -> Matrix {
        let m = transposeSelf == .none ? rows : columns
        let n = transposeOther == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        multiply(b, transposeSelf: transposeSelf, transposeOther: transposeOther, into: &c)
        return c
    }
}

/// `y ← alpha · x + y` (BLAS daxpy).
///
/// - Complexity: O(n).
public func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    precondition(x.count == y.count, "axpy: \(x.count) vs \(y.count) values")
    cblas_daxpy(Int32(x.count), alpha, x, 1, &y, 1)
}

/// `y ← alpha · x + y` on raw buffers of `count` values (for columns inside a matrix).
public func axpy(
    count: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
) {
    precondition(count >= 0, "axpy: negative count \(count)")
    cblas_daxpy(Int32(count), alpha, x, 1, y, 1)
}

/// `x · y` (BLAS ddot).
///
/// - Complexity: O(n).
public func dot(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "dot: \(x.count) vs \(y.count) values")
    return cblas_ddot(Int32(x.count), x, 1, y, 1)
}

/// The Euclidean norm `‖x‖₂`, computed without overflow (BLAS dnrm2).
///
/// - Complexity: O(n).
public func nrm2(_ x: [Double]) -> Double {
    cblas_dnrm2(Int32(x.count), x, 1)
}

/// `x ← alpha · x` (BLAS dscal).
///
/// - Complexity: O(n).
public func scale(_ x: inout [Double], by alpha: Double) {
    cblas_dscal(Int32(x.count), alpha, &x, 1)
}

/// `x ← alpha · x` on a raw buffer of `count` values.
public func scale(count: Int, _ x: UnsafeMutablePointer<Double>, by alpha: Double) {
    precondition(count >= 0, "scal: negative count \(count)")
    cblas_dscal(Int32(count), alpha, x, 1)
}

/// The number of threads OpenBLAS uses.
@_spi(Testing) public var blasThreads: Int {
    get { Int(openblas_get_num_threads()) }
    set { openblas_set_num_threads(Int32(newValue)) }
}

/// Runs `body` with OpenBLAS held at `threads` threads, then restores the previous count: for
/// code that already spreads its own work over the cores, where BLAS threads would contend.
public func withBLASThreads<T>(_ threads: Int, _ body: () throws -> T) rethrows -> T {
    let saved = blasThreads
    blasThreads = threads
    defer { blasThreads = saved }
    return try body()
}
