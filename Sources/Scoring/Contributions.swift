import Dataset

/// Splits one candidate's score into leaf contributions that sum to it.
///
/// Each node carries a multiplier m with contribution m × value × 100; the root's m is 1.
/// - Under an **arithmetic** node the split is exact: a child's multiplier is the parent's times
///   the child's weight renormalised over the children present for this candidate, so a leaf's
///   contribution is the product of the weights in effect on its path times its value (SPEC §3).
/// - Under a **geometric** or **TOPSIS** node, which is not a weighted sum, the node's
///   contribution is shared among its children in proportion to w_c × v_c (weights normalised
///   over the present children): the share each would have in an arithmetic node of the same
///   values. The shares still sum to the node's contribution. When every w_c × v_c is 0 the
///   node's contribution (then usually 0) is not split further.
///
/// - Returns: per node, the multiplier m (the effective weight of the node in the score).
/// - Complexity: O(nodes).
func contributionMultipliers(
    candidate i: Int, values: [Double], weights: [Double], tree: CriteriaTree, presence: [[Bool]]
) -> [Double] {
    var multiplier = Array(repeating: 0.0, count: tree.nodes.count)
    multiplier[0] = values[0].isNaN ? 0 : 1
    for (index, node) in tree.nodes.enumerated() where !node.isLeaf {
        let present = node.children.filter { presence[$0][i] }
        let totalWeight = present.reduce(0) { $0 + weights[$1] }
        guard totalWeight > 0, multiplier[index] != 0 else { continue }
        if node.aggregation == .arithmetic {
            for child in present { multiplier[child] = multiplier[index] * weights[child] / totalWeight }
        } else {
            let weightedSum = present.reduce(0) { $0 + weights[$1] / totalWeight * values[$1] }
            guard weightedSum != 0 else { continue }
            for child in present {
                multiplier[child] = multiplier[index] * values[index] * (weights[child] / totalWeight) / weightedSum
            }
        }
    }
    return multiplier
}

/// Each leaf's contribution m × v × 100 (0 where the leaf is missing), in leaf order.
func leafContributions(multipliers: [Double], values: [Double], tree: CriteriaTree, presence: [[Bool]], candidate i: Int)
    -> [Double]
{
    tree.leafNodes.map { index in presence[index][i] ? multipliers[index] * values[index] * 100 : 0 }
}
