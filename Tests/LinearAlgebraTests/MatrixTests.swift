@_spi(Testing) import LinearAlgebra
import Numerics
import Testing

/// A = [[1, 2, 3], [4, 5, 6]] (2 × 3), stored column by column.
let a2x3 = Matrix(rows: 2, columns: 3, elements: [1, 4, 2, 5, 3, 6])
/// B = [[7, 8], [9, 10], [11, 12]] (3 × 2), stored column by column.
let b3x2 = Matrix(rows: 3, columns: 2, elements: [7, 9, 11, 8, 10, 12])

@Suite struct MatrixTests {
    @Test func elementsAreStoredColumnMajor() {
        #expect(a2x3[0, 1] == 2)
        #expect(a2x3[1, 0] == 4)
        #expect(a2x3[1, 2] == 6)
        #expect(a2x3.column(1) == [2, 5])
        let byColumns = Matrix(columns: [[1, 4], [2, 5], [3, 6]], rows: 2)
        #expect(byColumns == a2x3)
    }

    @Test func setColumnReplacesOnlyThatColumn() {
        var m = a2x3
        m.setColumn(1, to: [-2, -5])
        #expect(m.elements == [1, 4, -2, -5, 3, 6])
    }

    @Test func gemvMultipliesByHand() {
        // [[1,2,3],[4,5,6]] · [1,2,3] = [1+4+9, 4+10+18] = [14, 32]
        #expect(a2x3.multiplied(by: [1, 2, 3]) == [14, 32])
    }

    @Test func gemvTransposedMultipliesByHand() {
        // Aᵀ · [2, 1] = [1·2+4·1, 2·2+5·1, 3·2+6·1] = [6, 9, 12]
        #expect(a2x3.multiplied(by: [2, 1], transpose: .transposed) == [6, 9, 12])
    }

    @Test func gemvAccumulatesWithAlphaAndBeta() {
        // 2 · [14, 32] + 3 · [1, 1] = [31, 67]
        var y: [Double] = [1, 1]
        a2x3.multiply([1, 2, 3], alpha: 2, beta: 3, into: &y)
        #expect(y == [31, 67])
        // 0.5 · Aᵀ[2, 1] − 1 · [1, 1, 1] = [3−1, 4.5−1, 6−1]
        var z: [Double] = [1, 1, 1]
        a2x3.multiply([2, 1], transpose: .transposed, alpha: 0.5, beta: -1, into: &z)
        #expect(z == [2, 3.5, 5])
    }

    @Test func gemvWithNoColumnsScalesTheResultByBeta() {
        let empty = Matrix(rows: 2, columns: 0)
        var y: [Double] = [4, -2]
        empty.multiply([], alpha: 1, beta: 0.5, into: &y)
        #expect(y == [2, -1])
    }

    @Test func gemmMultipliesByHand() {
        // [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]]
        //   = [[7+18+33, 8+20+36], [28+45+66, 32+50+72]] = [[58, 64], [139, 154]]
        let c = a2x3.multiplied(by: b3x2)
        #expect(c.rows == 2 && c.columns == 2)
        #expect(c.elements == [58, 139, 64, 154])
    }

    @Test func gemmWithBothTransposesGivesTheTransposedProduct() {
        // Bᵀ · Aᵀ = (A · B)ᵀ = [[58, 139], [64, 154]]
        let c = b3x2.multiplied(by: a2x3, transposeSelf: .transposed, transposeOther: .transposed)
        #expect(c.rows == 2 && c.columns == 2)
        #expect(c.elements == [58, 64, 139, 154])
    }

    @Test func gemmTransposeSelfGivesTheGramMatrix() {
        // Aᵀ · A: dot products of A's columns (1,4), (2,5), (3,6):
        // [[17, 22, 27], [22, 29, 36], [27, 36, 45]]
        let c = a2x3.multiplied(by: a2x3, transposeSelf: .transposed)
        #expect(c.rows == 3 && c.columns == 3)
        #expect(c.elements == [17, 22, 27, 22, 29, 36, 27, 36, 45])
    }

    @Test func gemmTransposeOtherGivesTheRowGram() {
        // A · Aᵀ: dot products of A's rows (1,2,3), (4,5,6): [[14, 32], [32, 77]]
        let c = a2x3.multiplied(by: a2x3, transposeOther: .transposed)
        #expect(c.elements == [14, 32, 32, 77])
    }

    @Test func gemmOuterProduct() {
        // [1, 2]ᵀ · [3, 4, 5] = [[3, 4, 5], [6, 8, 10]]
        let column = Matrix(rows: 2, columns: 1, elements: [1, 2])
        let row = Matrix(rows: 1, columns: 3, elements: [3, 4, 5])
        #expect(column.multiplied(by: row).elements == [3, 6, 4, 8, 5, 10])
    }

    @Test func gemmAccumulatesWithAlphaAndBeta() {
        // 1 · A·B + 2 · ones = [[60, 66], [141, 156]]
        var c = Matrix(rows: 2, columns: 2, repeating: 1)
        a2x3.multiply(b3x2, alpha: 1, beta: 2, into: &c)
        #expect(c.elements == [60, 141, 66, 156])
    }

    @Test(arguments: [(3, 4, 5), (1, 7, 2), (6, 1, 3), (5, 5, 5)])
    func gemmAgreesWithTripleLoop(m: Int, k: Int, n: Int) {
        // Entries are small integers, so every product and sum is exact in Double.
        let a = Matrix(rows: m, columns: k, elements: (0..<(m * k)).map { Double(($0 * 7) % 11) - 5 })
        let b = Matrix(rows: k, columns: n, elements: (0..<(k * n)).map { Double(($0 * 5) % 13) - 6 })
        var expected = Matrix(rows: m, columns: n)
        for i in 0..<m {
            for j in 0..<n {
                expected[i, j] = (0..<k).reduce(0) { $0 + a[i, $1] * b[$1, j] }
            }
        }
        #expect(a.multiplied(by: b) == expected)
        // The same product through transposed storage: (Bᵀ)ᵀ and (Aᵀ)ᵀ.
        var at = Matrix(rows: k, columns: m)
        for i in 0..<m { for p in 0..<k { at[p, i] = a[i, p] } }
        var bt = Matrix(rows: n, columns: k)
        for p in 0..<k { for j in 0..<n { bt[j, p] = b[p, j] } }
        #expect(at.multiplied(by: bt, transposeSelf: .transposed, transposeOther: .transposed) == expected)
        // And gemv against each column of B.
        for j in 0..<n {
            #expect(a.multiplied(by: b.column(j)) == expected.column(j))
        }
    }
}

@Suite struct VectorKernelTests {
    @Test func axpyAddsAScaledVector() {
        // 2 · [1, 2, 3] + [10, 20, 30] = [12, 24, 36]
        var y: [Double] = [10, 20, 30]
        axpy(2, [1, 2, 3], &y)
        #expect(y == [12, 24, 36])
    }

    @Test func axpyOnAColumnInsideAMatrix() {
        var m = a2x3
        let x: [Double] = [100, 200]
        m.elements.withUnsafeMutableBufferPointer { buffer in
            x.withUnsafeBufferPointer { axpy(count: 2, -1, $0.baseAddress!, buffer.baseAddress! + 2) }
        }
        // Column 1 (2, 5) becomes (2 − 100, 5 − 200); the others are untouched.
        #expect(m.elements == [1, 4, -98, -195, 3, 6])
    }

    @Test func dotProduct() {
        // 1·4 + 2·(−5) + 3·6 = 12
        #expect(dot([1, 2, 3], [4, -5, 6]) == 12)
        #expect(dot([], []) == 0)
    }

    @Test func euclideanNorm() {
        #expect(nrm2([3, 4]) == 5)
        // 1 + 4 + 4 = 9
        #expect(nrm2([1, -2, 2]).isApproximatelyEqual(to: 3, absoluteTolerance: 1e-15))
        #expect(nrm2([]) == 0)
    }

    @Test func euclideanNormDoesNotOverflow() {
        // A naive √(Σx²) overflows to +∞ here; the true norm is 1e200 · √2.
        let norm = nrm2([1e200, 1e200])
        #expect(norm.isFinite)
        #expect(norm.isApproximatelyEqual(to: 1e200 * 2.0.squareRoot(), relativeTolerance: 1e-14))
    }

    @Test func scaleMultipliesInPlace() {
        var x: [Double] = [1, -2, 4]
        scale(&x, by: -0.5)
        #expect(x == [-0.5, 1, -2])
    }

    @Test func scaleOnABuffer() {
        var m = a2x3
        m.elements.withUnsafeMutableBufferPointer { scale(count: 2, $0.baseAddress! + 4, by: 10) }
        #expect(m.elements == [1, 4, 2, 5, 30, 60])
    }
}
