import LinearAlgebra
import Testing

@testable import Scoring

/// A node's presence and zero masks against the 0/1 matrices of doubles they replace: the sums
/// of the weights of the present children are added in child order from 0, bit for bit (the
/// order in which a node whose children are all present sums them), and agree with OpenBLAS's
/// product of the 0/1 matrix to rounding; a candidate is flagged exactly where the product with
/// the zero matrix is positive.
struct ChildMasksTests {
    /// Random columns: missing values, zeros and ordinary values; random weights, some 0.
    private static func columns(children: Int, rows: Int, seed: UInt64) -> [[Double]] {
        var generator = Xoshiro256(seed: seed)
        return (0..<children).map { k in
            (0..<rows).map { _ in
                let u = generator.nextUnit()
                // Children k ≥ 3 of a wide node are missing only rarely: few patterns, as in data.
                if u < (k < 3 ? 0.2 : 0.02) { return .nan }
                return u < 0.3 ? 0 : generator.nextUnit()
            }
        }
    }

    private static func weights(children: Int, samples: Int, seed: UInt64) -> Matrix {
        var generator = Xoshiro256(seed: seed)
        return Matrix(
            rows: children, columns: samples,
            elements: (0..<(children * samples)).map { _ in
                generator.nextUnit() < 0.15 ? 0 : generator.nextUniform(0, 3)
            })
    }

    @Test(arguments: [(1, 50), (13, 3000), (70, 400)])
    func sumsEqualTheProductWithThePresenceMatrix(children: Int, rows: Int) {
        let columns = Self.columns(children: children, rows: rows, seed: UInt64(children))
        let weights = Self.weights(children: children, samples: 7, seed: 99)
        let presence = Matrix(columns: columns.map { $0.map { $0.isNaN ? 0 : 1 } }, rows: rows)
        let masks = ChildMasks(columns: columns, rows: rows) { !$0.isNaN }
        let sums = masks.weightSums(weights)
        var inChildOrder = Matrix(rows: rows, columns: 7)
        for i in 0..<rows {
            for s in 0..<7 {
                var total = 0.0
                for k in 0..<children where !columns[k][i].isNaN { total += weights[k, s] }
                inChildOrder[i, s] = total
            }
        }
        #expect(sums.elements.map(\.bitPattern) == inChildOrder.elements.map(\.bitPattern))
        let product = presence.multiplied(by: weights)
        #expect(zip(sums.elements, product.elements).allSatisfy { abs($0 - $1) <= 1e-13 * Swift.max(1, abs($1)) })
        for i in stride(from: 0, to: rows, by: 7) {
            for k in 0..<children { #expect(masks.contains(i, k) == !columns[k][i].isNaN) }
        }
    }

    @Test(arguments: [(5, 200), (13, 3000), (70, 400)])
    func flagsWhereTheZeroWeightIsPositive(children: Int, rows: Int) {
        let columns = Self.columns(children: children, rows: rows, seed: UInt64(children) + 5)
        let weights = Self.weights(children: children, samples: 6, seed: 7)
        let zeros = Matrix(columns: columns.map { $0.map { $0 == 0 ? 1 : 0 } }, rows: rows)
        let zeroWeight = zeros.multiplied(by: weights)
        var flags = Matrix(rows: rows, columns: 6, repeating: 0)
        ChildMasks(columns: columns, rows: rows) { $0 == 0 }.markWeighted(weights, into: &flags)
        #expect(flags.elements == zeroWeight.elements.map { $0 > 0 ? 1 : 0 })
        #expect(flags.elements.contains(1))
        // With 70 children, 30% of them 0, every candidate has a weighted zero.
        #expect(flags.elements.contains(0) == (children < 70))
    }
}
