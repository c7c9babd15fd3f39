import LinearAlgebra

/// The fast path for trees that are arithmetic at every node.
///
/// There a candidate's score is linear in its leaf values: score = Σ_l e_l v_l, where e_l is the
/// product along the leaf's path of each weight renormalised over the siblings present for that
/// candidate. Candidates that share a pattern of present leaves share e, so a block of S weight
/// vectors costs one gemm per pattern, (rows of the pattern × leaves) · (leaves × S), which adds
/// up to the flops of a single candidates × leaves × S dgemm. Real data has few patterns (most
/// candidates have every value), so nearly all the work runs at dgemm speed.
struct PresencePatterns: Sendable {
    struct Pattern: Sendable {
        /// Candidate indices with this pattern, ascending.
        var rows: [Int]
        /// Per node of the tree: whether it has a value under this pattern.
        var nodePresent: [Bool]
        /// rows × leaves, missing values as 0.
        var values: Matrix
    }

    let patterns: [Pattern]

    init(tree: CriteriaTree, leaves: [LeafColumn], presence: [[Bool]], candidates n: Int) {
        var groups: [[Bool]: [Int]] = [:]
        var keys: [[Bool]] = []
        for i in 0..<n where presence[0][i] {
            let key = tree.nodes.indices.map { presence[$0][i] }
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(i)
        }
        patterns = keys.map { key in
            let rows = groups[key]!
            var values = Matrix(rows: rows.count, columns: leaves.count)
            for (l, leaf) in leaves.enumerated() {
                for (r, i) in rows.enumerated() {
                    let v = leaf.normalised[i]
                    values[r, l] = v.isNaN ? 0 : v
                }
            }
            return Pattern(rows: rows, nodePresent: key, values: values)
        }
    }

    /// Scores (100 × root value) for each weight vector; NaN for candidates with no value.
    ///
    /// - Complexity: O(candidates × leaves × S) in gemm, plus O(patterns × nodes × S).
    func scores(weights: Matrix, tree: CriteriaTree, candidates n: Int) -> Matrix {
        let samples = weights.columns
        var result = Matrix(rows: n, columns: samples, repeating: .nan)
        for pattern in patterns {
            let effective = effectiveWeights(pattern.nodePresent, weights: weights, tree: tree)
            var block = Matrix(rows: pattern.rows.count, columns: samples)
            pattern.values.multiply(effective, alpha: 100, into: &block)
            for s in 0..<samples {
                for (r, i) in pattern.rows.enumerated() { result[i, s] = block[r, s] }
            }
        }
        return result
    }

    /// leaves × S: each leaf's weight renormalised over the present siblings at every level of
    /// its path, for each weight vector; 0 for an absent leaf.
    private func effectiveWeights(_ present: [Bool], weights: Matrix, tree: CriteriaTree) -> Matrix {
        let samples = weights.columns
        var share = Matrix(rows: tree.nodes.count, columns: samples)
        for s in 0..<samples { share[0, s] = 1 }
        for (index, node) in tree.nodes.enumerated() where !node.isLeaf && present[index] {
            let children = node.children.filter { present[$0] }
            for s in 0..<samples {
                let total = children.reduce(0) { $0 + weights[$1, s] }
                // Present siblings whose weights are all 0 share equally: the limit as they go to 0.
                for child in children {
                    share[child, s] = share[index, s] * (total > 0 ? weights[child, s] / total : 1 / Double(children.count))
                }
            }
        }
        var effective = Matrix(rows: tree.leafNodes.count, columns: samples)
        for (l, node) in tree.leafNodes.enumerated() where present[node] {
            for s in 0..<samples { effective[l, s] = share[node, s] }
        }
        return effective
    }
}
