import Scoring

extension ScoringEngine {
    /// Whether this engine scores every candidate exactly 0 under every weight vector whose
    /// weights are all positive: the tree is geometric at every inner node, and every candidate
    /// has, under the root, a chain of present geometric nodes down to a leaf whose normalised
    /// value is exactly 0.
    ///
    /// A geometric node is 0 for a candidate as soon as one present child with a positive
    /// weight is 0 (SPEC §6, `aggregation: geometric`): then its zero weight is positive and the
    /// node's value is set to 0, and the parent sees a present child at 0 in turn. So the score,
    /// 100 × 0, is +0.0 whatever the weights. A method alternative `aggregation: geometric`
    /// over 0/1 leaves is often such a variant (the `validate` and `sensitivity` warning "is 0
    /// for N of N candidates" names it), and Sobol's design need not evaluate it.
    ///
    /// Only trees that are geometric throughout qualify: there every leaf is checked
    /// non-negative when the engine is made, so evaluating could not have thrown instead.
    ///
    /// - Complexity: O(nodes × candidates).
    var scoresZeroWhateverThePositiveWeights: Bool {
        let nodes = tree.nodes
        guard candidates > 0, !nodes.isEmpty, !nodes[0].isLeaf,
              nodes.allSatisfy({ $0.isLeaf || $0.aggregation == .geometric }) else { return false }
        // Nodes are in pre-order: children come after their parent, so a reverse pass sees
        // every child first.
        var zero = [[Bool]](repeating: [], count: nodes.count)
        for index in nodes.indices.reversed() {
            let node = nodes[index]
            if let leaf = node.leafIndex {
                zero[index] = leaves[leaf].normalised.map { $0 == 0 }
                continue
            }
            var forced = [Bool](repeating: false, count: candidates)
            for child in node.children {
                let childZero = zero[child]
                for i in 0..<candidates where !forced[i] && childZero[i] { forced[i] = true }
            }
            let present = presence[index]
            for i in 0..<candidates where !present[i] { forced[i] = false }
            zero[index] = forced
            // Children are no longer needed once their parent is known.
            for child in node.children { zero[child] = [] }
        }
        return !zero[0].contains(false)
    }
}
