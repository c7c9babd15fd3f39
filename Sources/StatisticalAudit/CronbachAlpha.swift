import LinearAlgebra

/// Cronbach's α of k items from their sample covariance matrix (Cronbach 1951):
///
///     α = k / (k − 1) · (1 − Σᵢ s²ᵢ / s²_T)
///
/// with s²ᵢ each item's variance (the diagonal) and s²_T the variance of the items' sum, which
/// is the sum of every entry of the matrix (var(Σ xᵢ) = Σᵢ Σⱼ cov(xᵢ, xⱼ)). The divisor of the
/// variances (n − 1, sample) cancels in the ratio; it is stated because the SPEC fixes it.
///
/// - Returns: nil with fewer than 2 items, or when the sum does not vary (s²_T ≤ 0).
/// - Complexity: O(k²).
func cronbachAlpha(covariance: Matrix) -> Double? {
    let k = covariance.rows
    guard k >= 2, covariance.columns == k else { return nil }
    var items = 0.0
    var total = 0.0
    for j in 0..<k {
        items += covariance[j, j]
        for i in 0..<k { total += covariance[i, j] }
    }
    // A total variance that is rounding noise (items cancelling exactly) leaves α undefined.
    guard total > 1e-12 * max(items, 1e-300) else { return nil }
    return Double(k) / Double(k - 1) * (1 - items / total)
}
