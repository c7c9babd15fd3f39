import Foundation
import Testing

@_spi(Testing) @testable import Committee

/// Saaty's eigenvector method checked against facts derived without it.
@Suite struct AHPTests {
    /// Power iteration written here (Saaty 1980 §1.3 computes priorities this way): an
    /// independent route to the principal eigenpair of a positive matrix.
    static func powerIteration(_ m: [[Double]]) -> (lambda: Double, weights: [Double]) {
        let n = m.count
        var w = [Double](repeating: 1 / Double(n), count: n)
        var lambda = 0.0
        for _ in 0..<2000 {
            let next = (0..<n).map { i in (0..<n).reduce(0) { $0 + m[i][$1] * w[$1] } }
            lambda = next.reduce(0, +)  // Σ (Mw)_i with Σ w_i = 1
            w = next.map { $0 / lambda }
        }
        return (lambda, w)
    }

    /// The matrix of SPEC §11 (Saaty's classic three-criterion example).
    static let example: [[Double]] = [[1, 3, 5], [1.0 / 3, 1, 2], [1.0 / 5, 1.0 / 2, 1]]

    @Test func threeByThreeMatchesTheClosedForm() throws {
        let p = try #require(Priorities(judgements: Self.example))
        // For a 3 × 3 reciprocal matrix with a = m12, b = m13, c = m23, λmax = 1 + r + 1/r with
        // r = (b / (a c))^(1/3) (Saaty 1980, §2.2), and the row geometric means are the exact
        // eigenvector (Crawford & Williams 1985).
        let r = pow(5.0 / 6.0, 1.0 / 3)
        let lambda = 1 + r + 1 / r  // 3.003695
        #expect(abs(p.lambdaMax - lambda) < 1e-10)
        #expect(abs(lambda - 3.0037) < 1e-4)
        let rows = [pow(15.0, 1.0 / 3), pow(2.0 / 3, 1.0 / 3), pow(0.1, 1.0 / 3)]
        let total = rows.reduce(0, +)
        for (got, expected) in zip(p.weights, rows.map { $0 / total }) { #expect(abs(got - expected) < 1e-10) }
        // (0.6483, 0.2297, 0.1220), CI = 0.0018, CR = CI / 0.58 = 0.0032 by hand.
        #expect(abs(p.weights[0] - 0.6483) < 1e-4)
        #expect(abs(p.consistencyIndex - (lambda - 3) / 2) < 1e-10)
        #expect(abs(p.consistencyRatio - (lambda - 3) / 2 / 0.58) < 1e-10)
        #expect(p.isConsistent)
    }

    @Test func consistentMatrixReturnsItsWeightsWithLambdaN() throws {
        // m_ij = w_i / w_j is consistent: λmax = n and the priorities are w (Saaty 1980, Th. 1).
        let w = [0.4, 0.3, 0.2, 0.1]
        let m = w.map { wi in w.map { wi / $0 } }
        let p = try #require(Priorities(judgements: m))
        #expect(abs(p.lambdaMax - 4) < 1e-10)
        for (got, expected) in zip(p.weights, w) { #expect(abs(got - expected) < 1e-12) }
        #expect(p.consistencyRatio < 1e-10)
    }

    @Test func twoByTwoIsAlwaysConsistent() throws {
        let p = try #require(Priorities(judgements: [[1, 7], [1.0 / 7, 1]]))
        #expect(abs(p.weights[0] - 7.0 / 8) < 1e-12)
        #expect(abs(p.lambdaMax - 2) < 1e-12)
        #expect(p.consistencyRatio == 0)
    }

    @Test func inconsistentMatrixAgreesWithPowerIterationAndIsFlagged() throws {
        // From the consistent matrix of (0.4, 0.3, 0.2, 0.1), m[0][3] turned from 4 to 1/4.
        let w = [0.4, 0.3, 0.2, 0.1]
        var m = w.map { wi in w.map { wi / $0 } }
        m[0][3] = 0.25
        m[3][0] = 4
        let p = try #require(Priorities(judgements: m))
        let reference = Self.powerIteration(m)
        #expect(abs(p.lambdaMax - reference.lambda) < 1e-9)
        for (got, expected) in zip(p.weights, reference.weights) { #expect(abs(got - expected) < 1e-9) }
        #expect(abs(p.consistencyRatio - (reference.lambda - 4) / 3 / 0.90) < 1e-9)
        #expect(!p.isConsistent)
        // The corrupted cell is the one to revisit.
        let cell = try #require(Priorities.mostInconsistentJudgement(m))
        #expect(cell.row == 0 && cell.column == 3)
        #expect(cell.ratioAfter < p.consistencyRatio)
    }

    @Test(arguments: [5, 7, 10])
    func largerMatricesAgreeWithPowerIteration(n: Int) throws {
        // A fixed pattern of judgements on the 1/9 … 9 scale, reciprocal by construction.
        var m = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let v = Double((i * 7 + j * 3) % 9 + 1)
                m[i][j] = (i + j) % 2 == 0 ? v : 1 / v
                m[j][i] = 1 / m[i][j]
            }
        }
        let p = try #require(Priorities(judgements: m))
        let reference = Self.powerIteration(m)
        #expect(abs(p.lambdaMax - reference.lambda) < 1e-8)
        for (got, expected) in zip(p.weights, reference.weights) { #expect(abs(got - expected) < 1e-8) }
        #expect(
            abs(p.consistencyRatio - (reference.lambda - Double(n)) / Double(n - 1) / Priorities.randomIndex[n - 1])
                < 1e-8)
    }

    @Test func groupAggregatesByGeometricMeans() throws {
        // Geometric mean of 2 and 8 is 4: AIJ [[1, 4], [1/4, 1]] gives (0.8, 0.2); AIP of
        // (2/3, 1/3) and (8/9, 1/9) is (√(16/27), √(1/27)) normalised, also (0.8, 0.2).
        let aij = GroupJudgement.aggregatedJudgements([[[1, 2], [0.5, 1]], [[1, 8], [0.125, 1]]])
        #expect(abs(aij[0][1] - 4) < 1e-12 && abs(aij[1][0] - 0.25) < 1e-12)
        let aip = GroupJudgement.aggregatedPriorities([[2.0 / 3, 1.0 / 3], [8.0 / 9, 1.0 / 9]])
        #expect(abs(aip[0] - 0.8) < 1e-12 && abs(aip[1] - 0.2) < 1e-12)
    }
}
