import LinearAlgebra
import Numerics
import Testing

/// dsyev and dsyrk through OpenBLAS, against matrices whose answers are known by hand.
@Suite struct SymmetricEigenTests {
    /// [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2.
    @Test func twoByTwo() throws {
        let m = Matrix(rows: 2, columns: 2, elements: [2, 1, 1, 2])
        let (values, vectors) = try #require(m.symmetricEigen())
        #expect(values[0].isApproximatelyEqual(to: 3, relativeTolerance: 1e-14))
        #expect(values[1].isApproximatelyEqual(to: 1, relativeTolerance: 1e-14))
        // Up to sign, the first column is (1, 1)/√2.
        #expect(abs(abs(vectors[0, 0]) - 0.5.squareRoot()) < 1e-14)
        #expect(abs(vectors[0, 0] - vectors[1, 0]) < 1e-14)
    }

    /// A diagonal matrix: its entries, largest first, with unit vectors.
    @Test func diagonalComesBackSorted() throws {
        let m = Matrix(rows: 3, columns: 3, elements: [1, 0, 0, 0, 5, 0, 0, 0, 3])
        let (values, vectors) = try #require(m.symmetricEigen())
        #expect(values == [5, 3, 1])
        #expect(abs(vectors[1, 0]) == 1 && abs(vectors[2, 1]) == 1 && abs(vectors[0, 2]) == 1)
    }

    /// AᵀA of A = [[1, 2], [3, 4], [5, 6]] is [[35, 44], [44, 56]] (1+9+25, 2+12+30, 4+16+36).
    @Test func gramOfThreeByTwo() {
        let a = Matrix(rows: 3, columns: 2, elements: [1, 3, 5, 2, 4, 6])
        #expect(a.gram() == Matrix(rows: 2, columns: 2, elements: [35, 44, 44, 56]))
    }
}
