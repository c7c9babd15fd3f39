import Dataset
import Scoring

/// A leaf's nominal weight next to its measured influence on the scores.
public struct LeafInfluence: Sendable, Equatable {
    public var id: String
    /// The product of the sibling-normalised weights on the leaf's path (they sum to 1).
    public var nominal: Double
    /// The squared Pearson correlation of the leaf's normalised values with the nominal scores,
    /// over the candidates where both are present: the first-order index of the score on the
    /// leaf when the relation is linear (Becker et al. 2017).
    public var correlation: Double
    /// `correlation` as a share of the sum over all leaves, comparable with `nominal`.
    public var effective: Double

    /// Effective over nominal share; infinite for a leaf of weight 0 with some influence.
    public var ratio: Double { nominal > 0 ? effective / nominal : (effective > 0 ? .infinity : 1) }

    /// True when the effective share differs from the nominal one by more than a factor of 2.
    public var flagged: Bool { ratio > 2 || ratio < 0.5 }
}

extension SensitivityAnalysis {
    /// Each leaf's nominal weight and its effective share of the nominal score's variation.
    ///
    /// - Complexity: O(candidates × leaves).
    public func weightInfluence() -> [LeafInfluence] {
        let path = tree.pathWeights(sampler.nominal)
        let leaves = methods.nominal.leaves
        let correlations = leaves.map { leaf in
            squaredCorrelation(leaf.normalised, nominalScores)
        }
        let total = correlations.reduce(0) { $0 + ($1.isNaN ? 0 : $1) }
        return tree.leafNodes.enumerated().map { l, node in
            let r2 = correlations[l].isNaN ? 0 : correlations[l]
            return LeafInfluence(
                id: tree.nodes[node].id, nominal: path[node], correlation: r2,
                effective: total > 0 ? r2 / total : 0)
        }
    }
}

/// The squared Pearson correlation of x and y over the pairs where both are present; NaN when
/// either is constant there.
///
/// - Complexity: O(n).
func squaredCorrelation(_ x: [Double], _ y: [Double]) -> Double {
    let pairs = zip(x, y).filter { !$0.0.isNaN && !$0.1.isNaN }
    guard pairs.count > 1 else { return .nan }
    let count = Double(pairs.count)
    let meanX = pairs.reduce(0) { $0 + $1.0 } / count
    let meanY = pairs.reduce(0) { $0 + $1.1 } / count
    var sxx = 0.0, syy = 0.0, sxy = 0.0
    for (a, b) in pairs {
        sxx += (a - meanX) * (a - meanX)
        syy += (b - meanY) * (b - meanY)
        sxy += (a - meanX) * (b - meanY)
    }
    guard sxx > 0, syy > 0 else { return .nan }
    return sxy * sxy / (sxx * syy)
}
