import Dataset

/// Splits one candidate's score into node and leaf contributions that add up to it.
///
/// Every node carries a contribution C, the root's being the score, and, where it can be
/// defined, an effective weight m with C = m × value × 100:
/// - under an **arithmetic** node the split is exact: a child's m is the parent's times the
///   child's weight renormalised over the children present for this candidate, so a leaf's
///   contribution is the product of the weights in effect on its path times its value × 100
///   (SPEC §3);
/// - under a **geometric** or **TOPSIS** node, which is not a weighted sum, the node's C is
///   shared among its children in proportion to w_c × |v_c| (weights normalised over the present
///   children), equally when every w_c × |v_c| is 0. Shares lie in [0, 1], so a criterion on
///   which the candidate is ideal never counts against it, and they add up to the node's C.
///   Below such a node m = C / (value × 100) where the value is not 0.
/// Present children whose weights are all 0 share their parent equally: the limit as those
/// weights go to 0 together (one-at-a-time sweeps start at 0).
///
/// - Returns: per node, the effective weight m (NaN where it cannot be defined) and the
///   contribution C.
/// - Complexity: O(nodes).
func contributionSplit(
    candidate i: Int, values: [Double], weights: [Double], tree: CriteriaTree, presence: [[Bool]]
) -> (effectiveWeights: [Double], contributions: [Double]) {
    var multiplier = Array(repeating: 0.0, count: tree.nodes.count)
    var contribution = Array(repeating: 0.0, count: tree.nodes.count)
    guard !values[0].isNaN else { return (multiplier, contribution) }
    multiplier[0] = 1
    contribution[0] = values[0] * 100
    for (index, node) in tree.nodes.enumerated() where presence[index][i] {
        guard case .inner(let aggregation) = node.kind else { continue }
        let present = node.children.filter { presence[$0][i] }
        let totalWeight = present.reduce(0) { $0 + weights[$1] }
        func renormalised(_ child: Int) -> Double {
            totalWeight > 0 ? weights[child] / totalWeight : 1 / Double(present.count)
        }
        if aggregation == .arithmetic, !multiplier[index].isNaN {
            for child in present {
                multiplier[child] = multiplier[index] * renormalised(child)
                contribution[child] = multiplier[child] * values[child] * 100
            }
            continue
        }
        let magnitudes = present.map { renormalised($0) * abs(values[$0]) }
        let total = magnitudes.reduce(0, +)
        for (k, child) in present.enumerated() {
            let share = total > 0 ? magnitudes[k] / total : 1 / Double(present.count)
            contribution[child] = contribution[index] * share
            multiplier[child] = values[child] != 0 ? contribution[child] / (values[child] * 100) : .nan
        }
    }
    return (multiplier, contribution)
}
