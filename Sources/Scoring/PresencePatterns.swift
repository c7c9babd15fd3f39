import LinearAlgebra

/// The fast path for trees that are arithmetic at every node.
///
/// There a candidate's score is linear in its leaf values: score = Σ_l e_l v_l, where e_l is the
/// product along the leaf's path of each weight renormalised over the siblings present for that
/// candidate. Candidates that share a pattern of present nodes share e, so a block of S weight
/// vectors costs one (rows of the pattern × leaves) · (leaves × S) gemm per pattern, which adds
/// up to the flops of a single candidates × leaves × S dgemm. Real data has few patterns (most
/// candidates have every value), so nearly all the work runs at dgemm speed. The per-sample work
/// (each leaf's effective weight) runs on raw buffers that the caller reuses between blocks.
struct PresencePatterns: Sendable {
    struct Pattern: Sendable {
        /// Candidate indices with this pattern.
        var rows: [Int]
        /// rows × leaves, missing values as 0.
        var values: Matrix
        /// The present inner nodes in pre-order, each with the range of its present children in
        /// `children`.
        var inner: [(node: Int, children: Range<Int>)]
        var children: [Int]
        /// Per leaf: its node index when present, else -1.
        var leafNodes: [Int]
    }

    let candidates: Int
    let nodes: Int
    let leaves: Int
    let patterns: [Pattern]

    /// Nil unless every node of the tree aggregates arithmetically.
    init?(tree: CriteriaTree, leafColumns: [LeafColumn], presence: [[Bool]], candidates: Int) {
        guard tree.isArithmetic else { return nil }
        self.candidates = candidates
        nodes = tree.nodes.count
        leaves = tree.leafNodes.count
        var groups: [[Bool]: [Int]] = [:]
        var keys: [[Bool]] = []
        for i in 0..<candidates where presence[0][i] {
            let key = tree.nodes.indices.map { presence[$0][i] }
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(i)
        }
        patterns = keys.map { present in
            let rows = groups[present]!
            var values = Matrix(rows: rows.count, columns: tree.leafNodes.count)
            for (l, leaf) in leafColumns.enumerated() {
                for (r, i) in rows.enumerated() {
                    let v = leaf.normalised[i]
                    values[r, l] = v.isNaN ? 0 : v
                }
            }
            var inner: [(node: Int, children: Range<Int>)] = []
            var children: [Int] = []
            for (index, node) in tree.nodes.enumerated() where !node.isLeaf && present[index] {
                let start = children.count
                children += node.children.filter { present[$0] }
                inner.append((index, start..<children.count))
            }
            let leafNodes = tree.leafNodes.map { present[$0] ? $0 : -1 }
            return Pattern(rows: rows, values: values, inner: inner, children: children, leafNodes: leafNodes)
        }
    }


    /// Writes the scores (100 × root value; NaN for a candidate without any value) of each
    /// weight vector into `result` (`candidates × S`, reallocated only when its size changes).
    ///
    /// - Complexity: O(candidates × leaves × S) in gemm, plus O(patterns × nodes × S).
    func scores(weights: Matrix, into result: inout Matrix, scratch: inout ScoringScratch) {
        precondition(weights.rows == nodes, "scores: \(weights.rows) weight rows for \(nodes) nodes")
        let samples = weights.columns
        let n = candidates
        if result.rows != n || result.columns != samples {
            result = Matrix(rows: n, columns: samples)
        }
        if patterns.reduce(0, { $0 + $1.rows.count }) < n {
            for k in result.elements.indices { result.elements[k] = .nan }
        }
        if scratch.share.count != nodes { scratch.share = [Double](repeating: 0, count: nodes) }
        if scratch.effective.rows != leaves || scratch.effective.columns != samples {
            scratch.effective = Matrix(rows: leaves, columns: samples)
        }
        for pattern in patterns {
            effectiveWeights(pattern, weights: weights, into: &scratch.effective, share: &scratch.share)
            let rows = pattern.rows.count
            if rows == n {
                // Every candidate has every value (rows are then 0..<n in order): the product
                // lands in the result directly, with no copy.
                pattern.values.multiply(scratch.effective, alpha: 100, into: &result)
                continue
            }
            if scratch.block.rows != rows || scratch.block.columns != samples {
                scratch.block = Matrix(rows: rows, columns: samples)
            }
            pattern.values.multiply(scratch.effective, alpha: 100, into: &scratch.block)
            scratch.block.elements.withUnsafeBufferPointer { block in
                result.elements.withUnsafeMutableBufferPointer { out in
                    pattern.rows.withUnsafeBufferPointer { indices in
                        for s in 0..<samples {
                            let from = block.baseAddress! + s * rows
                            let to = out.baseAddress! + s * n
                            for r in 0..<rows { to[indices[r]] = from[r] }
                        }
                    }
                }
            }
        }
    }

    /// leaves × S: each leaf's weight renormalised over the present siblings at every level of
    /// its path; 0 for an absent leaf.
    private func effectiveWeights(
        _ pattern: Pattern, weights: Matrix, into effective: inout Matrix, share: inout [Double]
    ) {
        let samples = weights.columns
        let (rows, columns) = (nodes, leaves)
        weights.elements.withUnsafeBufferPointer { w in
            effective.elements.withUnsafeMutableBufferPointer { e in
                share.withUnsafeMutableBufferPointer { share in
                    pattern.children.withUnsafeBufferPointer { children in
                        pattern.leafNodes.withUnsafeBufferPointer { leafNodes in
                            for s in 0..<samples {
                                let column = w.baseAddress! + s * rows
                                share[0] = 1
                                for (node, range) in pattern.inner {
                                    var total = 0.0
                                    for j in range { total += column[children[j]] }
                                    if total > 0 {
                                        let scale = share[node] / total
                                        for j in range { share[children[j]] = scale * column[children[j]] }
                                    } else {
                                        // Present children that all weigh 0 share equally: the
                                        // limit as their weights go to 0 together.
                                        let equal = share[node] / Double(range.count)
                                        for j in range { share[children[j]] = equal }
                                    }
                                }
                                let out = e.baseAddress! + s * columns
                                for l in 0..<columns {
                                    let node = leafNodes[l]
                                    out[l] = node >= 0 ? share[node] : 0
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
