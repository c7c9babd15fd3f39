import LinearAlgebra

/// The priorities a pairwise comparison matrix implies, and how consistent it is (Saaty 1980,
/// *The Analytic Hierarchy Process*, ch. 1–2; SPEC §11).
public struct Priorities: Sendable, Equatable {
    /// The principal eigenvector, normalised to sum 1: one priority per compared child.
    public var weights: [Double]
    /// The principal eigenvalue λmax (n for a perfectly consistent matrix, more otherwise).
    public var lambdaMax: Double
    /// Consistency index (λmax − n)/(n − 1); 0 for n ≤ 2.
    public var consistencyIndex: Double
    /// Consistency ratio CI / RI(n); 0 for n ≤ 2, where every reciprocal matrix is consistent.
    public var consistencyRatio: Double

    /// Above this CR a matrix is flagged as inconsistent (Saaty's 10% rule).
    public static let acceptableRatio = 0.10

    /// Saaty's random indices RI(n) for n = 1 … 10: the mean CI of random reciprocal matrices.
    public static let randomIndex: [Double] = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]

    public var isConsistent: Bool { consistencyRatio <= Self.acceptableRatio }

    /// The priorities of a positive reciprocal matrix (row-major, n ≤ 10), through LAPACK's
    /// `dgeev` on OpenBLAS.
    ///
    /// - Returns: nil when the eigensolver fails (it does not on a positive matrix).
    /// - Complexity: O(n³).
    public init?(judgements: [[Double]]) {
        let n = judgements.count
        precondition(n >= 1 && n <= Self.randomIndex.count, "Priorities: \(n) children, RI is known for 1 … 10")
        precondition(judgements.allSatisfy { $0.count == n }, "Priorities: a matrix with \(n) rows is not square")
        // Column-major for LAPACK: element (i, j) at i + j·n.
        let matrix = Matrix(rows: n, columns: n, elements: (0..<(n * n)).map { judgements[$0 % n][$0 / n] })
        guard let (value, vector) = matrix.principalEigenpair() else { return nil }
        weights = vector
        lambdaMax = value
        // λmax ≥ n for a positive reciprocal matrix; rounding can leave it a hair below.
        consistencyIndex = n > 1 ? max(0, (value - Double(n)) / Double(n - 1)) : 0
        let ri = Self.randomIndex[n - 1]
        consistencyRatio = ri > 0 ? consistencyIndex / ri : 0
    }
}

/// One judgement of a matrix and what changing it would do: the cell whose replacement by the
/// value the priorities imply lowers the consistency ratio the most.
public struct InconsistentJudgement: Sendable, Equatable {
    /// Row and column (0-based), in the upper triangle.
    public var row: Int
    public var column: Int
    /// The judgement as given.
    public var given: Double
    /// w_row / w_column: the judgement consistent with the matrix's own priorities.
    public var consistent: Double
    /// The consistency ratio once the cell (and its reciprocal) is replaced.
    public var ratioAfter: Double
}

extension Priorities {
    /// The most inconsistent judgement of `judgements`: for each cell above the diagonal, replace
    /// it by w_i / w_j (and its mirror by the reciprocal), recompute the CR, and keep the cell with
    /// the largest drop (ties to the first cell in row order).
    ///
    /// - Returns: nil for n ≤ 2 (no inconsistency is possible) or when no eigensolve succeeds.
    /// - Complexity: O(n⁵): n(n − 1)/2 eigensolves of O(n³), at most 45 of 10 × 10.
    @_spi(Testing) public static func mostInconsistentJudgement(_ judgements: [[Double]]) -> InconsistentJudgement? {
        let n = judgements.count
        guard n > 2, let base = Priorities(judgements: judgements) else { return nil }
        var best: InconsistentJudgement?
        for i in 0..<n {
            for j in (i + 1)..<n {
                let consistent = base.weights[i] / base.weights[j]
                var changed = judgements
                changed[i][j] = consistent
                changed[j][i] = 1 / consistent
                guard let after = Priorities(judgements: changed) else { continue }
                if after.consistencyRatio < best?.ratioAfter ?? .infinity {
                    best = InconsistentJudgement(
                        row: i, column: j, given: judgements[i][j], consistent: consistent,
                        ratioAfter: after.consistencyRatio)
                }
            }
        }
        return best
    }
}
