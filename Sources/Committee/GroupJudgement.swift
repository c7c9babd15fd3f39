import Foundation

/// How a committee's judgements become one set of weights (Forman & Peniwati 1998, "Aggregating
/// individual judgments and priorities with the AHP", EJOR 108).
public enum GroupJudgement {
    /// Aggregation of individual judgements (AIJ): the element-wise geometric mean of the members'
    /// matrices, itself a reciprocal matrix (the geometric mean of reciprocals is the reciprocal
    /// of the geometric mean).
    ///
    /// - Complexity: O(m · n²) for m matrices of n × n.
    public static func aggregatedJudgements(_ matrices: [[[Double]]]) -> [[Double]] {
        precondition(!matrices.isEmpty, "aggregatedJudgements: no matrices")
        let n = matrices[0].count
        precondition(matrices.allSatisfy { $0.count == n }, "aggregatedJudgements: matrices of different sizes")
        let m = Double(matrices.count)
        return (0..<n).map { i in
            (0..<n).map { j in
                // Logs, so that ten 9s do not multiply past what a double holds exactly.
                exp(matrices.reduce(0) { $0 + log($1[i][j]) } / m)
            }
        }
    }

    /// Aggregation of individual priorities (AIP): the geometric mean of the members' priority
    /// vectors, normalised to sum 1. A zero priority makes the group's zero.
    ///
    /// - Complexity: O(m · n).
    public static func aggregatedPriorities(_ vectors: [[Double]]) -> [Double] {
        precondition(!vectors.isEmpty, "aggregatedPriorities: no vectors")
        let n = vectors[0].count
        precondition(vectors.allSatisfy { $0.count == n }, "aggregatedPriorities: vectors of different lengths")
        let m = Double(vectors.count)
        let means = (0..<n).map { i in
            vectors.contains { $0[i] <= 0 } ? 0 : exp(vectors.reduce(0) { $0 + log($1[i]) } / m)
        }
        let total = means.reduce(0, +)
        return total > 0 ? means.map { $0 / total } : means
    }
}
