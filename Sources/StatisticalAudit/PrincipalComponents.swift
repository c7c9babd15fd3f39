import LinearAlgebra

/// The principal components of a node's children, from the eigen-decomposition of their
/// correlation matrix (LAPACK `dsyev` through OpenBLAS): the PCA of standardised values.
public struct PrincipalComponents: Sendable, Equatable {
    /// The eigenvalues, largest first; they sum to the number of children. Values below 0 by
    /// rounding (a correlation matrix is positive semi-definite) are written as 0.
    public var eigenvalues: [Double]
    /// Each eigenvalue's share of their sum: the share of the children's standardised variance
    /// that component explains.
    public var explained: [Double]
    /// The first component's unit eigenvector, one entry per child in the node's order.
    ///
    /// An eigenvector's sign is arbitrary; the convention here makes the entry of largest
    /// magnitude positive (the first such child, in the node's order, when magnitudes tie to
    /// 1e-9, as they always do for two children). Multiplying a loading by √λ₁ gives the child's
    /// correlation with the first component.
    public var loadings: [Double]

    /// - Returns: nil when LAPACK does not converge.
    /// - Complexity: O(k³) for k children.
    init?(correlation: Matrix) {
        guard let (values, vectors) = correlation.symmetricEigen() else { return nil }
        eigenvalues = values.map { max(0, $0) }
        let total = eigenvalues.reduce(0, +)
        explained = eigenvalues.map { total > 0 ? $0 / total : 0 }
        var first = vectors.column(0)
        let largest = first.map(abs).max() ?? 0
        if let lead = first.firstIndex(where: { abs($0) >= largest - 1e-9 }), first[lead] < 0 {
            first = first.map { -$0 }
        }
        loadings = first
    }

    /// How many eigenvalues exceed 1 (Kaiser's rule: a component worth keeping explains more
    /// than one standardised child does).
    public var componentsAboveOne: Int { eigenvalues.filter { $0 > 1 + 1e-9 }.count }
}
