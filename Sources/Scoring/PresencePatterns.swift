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
    /// An inner node and the range of its children in a flat array of node indices.
    struct Family: Sendable {
        var node: Int
        var children: Range<Int>
    }

    /// A leaf present in a pattern: its column among the leaves and its node index.
    struct PresentLeaf: Sendable {
        var column: Int
        var node: Int
    }

    struct Pattern: Sendable {
        /// Candidate indices with this pattern.
        var rows: [Int]
        /// rows × leaves, missing values as 0; leaves × rows (transposed) for a rare pattern,
        /// whose product is taken transposed (see `scores`).
        var values: Matrix
        var isTransposed: Bool
        /// The present inner nodes, in pre-order, whose children's shares differ from the
        /// complete tree's (a child is absent here or above), each with the range of its present
        /// children in `children`. Every other share is the complete tree's.
        var changed: [Family]
        var children: [Int]
        /// The leaves present, in column order; every other leaf's effective weight is 0.
        var presentLeaves: [PresentLeaf]
    }

    let candidates: Int
    let nodes: Int
    let leaves: Int
    let patterns: [Pattern]
    /// The inner nodes of the complete tree in pre-order, each with the range of its children
    /// in `allChildren`: the shares every pattern starts from.
    private let complete: [Family]
    private let allChildren: [Int]

    /// Patterns with fewer candidates are multiplied transposed.
    static let rareRows = 32

    /// Nil unless every node of the tree aggregates arithmetically.
    init?(tree: CriteriaTree, leafColumns: [LeafColumn], presence: [[Bool]], candidates: Int) {
        guard tree.isArithmetic else { return nil }
        self.candidates = candidates
        nodes = tree.nodes.count
        leaves = tree.leafNodes.count
        var complete: [Family] = []
        var allChildren: [Int] = []
        for (index, node) in tree.nodes.enumerated() where !node.isLeaf {
            let start = allChildren.count
            allChildren += node.children
            complete.append(Family(node: index, children: start..<allChildren.count))
        }
        self.complete = complete
        self.allChildren = allChildren

        // The patterns in order of first appearance, each with its candidates.
        var keys: [[Bool]] = []
        var rowsOf: [[Int]] = []
        if candidates > 0, presence.allSatisfy({ !$0.contains(false) }) {
            // Every candidate has every value: one pattern, and no per-candidate key.
            keys = [[Bool](repeating: true, count: tree.nodes.count)]
            rowsOf = [Array(0..<candidates)]
        } else {
            var position: [[Bool]: Int] = [:]
            for i in 0..<candidates where presence[0][i] {
                let key = tree.nodes.indices.map { presence[$0][i] }
                if let k = position[key] {
                    rowsOf[k].append(i)
                } else {
                    position[key] = keys.count
                    keys.append(key)
                    rowsOf.append([i])
                }
            }
        }
        patterns = zip(keys, rowsOf).map { present, rows in
            let transposed = rows.count < Self.rareRows && rows.count < candidates
            var values =
                transposed
                ? Matrix(rows: tree.leafNodes.count, columns: rows.count)
                : Matrix(rows: rows.count, columns: tree.leafNodes.count)
            if rows.count == candidates {
                // Rows are 0..<n in order: whole columns at once.
                values.elements.withUnsafeMutableBufferPointer { out in
                    for (l, leaf) in leafColumns.enumerated() {
                        let column = out.baseAddress! + l * candidates
                        for (i, v) in leaf.normalised.enumerated() { column[i] = v.isNaN ? 0 : v }
                    }
                }
            } else {
                for (l, leaf) in leafColumns.enumerated() {
                    for (r, i) in rows.enumerated() {
                        let v = leaf.normalised[i].isNaN ? 0 : leaf.normalised[i]
                        if transposed { values[l, r] = v } else { values[r, l] = v }
                    }
                }
            }
            // Nodes are in pre-order, so a parent is marked before its children.
            var shareChanged = [Bool](repeating: false, count: tree.nodes.count)
            var changed: [Family] = []
            var children: [Int] = []
            for (index, node) in tree.nodes.enumerated() where !node.isLeaf && present[index] {
                guard shareChanged[index] || node.children.contains(where: { !present[$0] }) else { continue }
                let start = children.count
                children += node.children.filter { present[$0] }
                changed.append(Family(node: index, children: start..<children.count))
                for child in node.children { shareChanged[child] = true }
            }
            let presentLeaves = tree.leafNodes.enumerated().filter { present[$1] }.map {
                PresentLeaf(column: $0, node: $1)
            }
            return Pattern(
                rows: rows, values: values, isTransposed: transposed, changed: changed, children: children,
                presentLeaves: presentLeaves)
        }
    }

    /// Writes the scores (100 × root value; NaN for a candidate without any value) of each
    /// weight vector into `result` (`candidates × S`, reallocated only when its size changes).
    ///
    /// A pattern covering every candidate multiplies straight into `result`; any other goes
    /// through a block and is scattered into its rows. A rare pattern's product is taken
    /// transposed (S × its rows), so that its few rows do not cost BLAS a short column per sample.
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
        if scratch.completeShares.rows != nodes || scratch.completeShares.columns != samples {
            scratch.completeShares = Matrix(rows: nodes, columns: samples)
        }
        completeShares(weights: weights, into: &scratch.completeShares)
        if scratch.share.count != nodes { scratch.share = [Double](repeating: 0, count: nodes) }
        if scratch.effective.rows != leaves || scratch.effective.columns != samples {
            scratch.effective = Matrix(rows: leaves, columns: samples)
        }
        for pattern in patterns {
            effectiveWeights(
                pattern, weights: weights, shares: scratch.completeShares,
                into: &scratch.effective, share: &scratch.share)
            let rows = pattern.rows.count
            if rows == n {
                // Every candidate has every value (rows are then 0..<n in order): the product
                // lands in the result directly, with no copy.
                pattern.values.multiply(scratch.effective, alpha: 100, into: &result)
                continue
            }
            if pattern.isTransposed {
                if scratch.rare.rows != samples || scratch.rare.columns != rows {
                    scratch.rare = Matrix(rows: samples, columns: rows)
                }
                scratch.effective.multiply(pattern.values, transposeSelf: .transposed, alpha: 100, into: &scratch.rare)
                scratch.rare.elements.withUnsafeBufferPointer { block in
                    result.elements.withUnsafeMutableBufferPointer { out in
                        for (r, i) in pattern.rows.enumerated() {
                            let from = block.baseAddress! + r * samples
                            let to = out.baseAddress! + i
                            for s in 0..<samples { to[s * n] = from[s] }
                        }
                    }
                }
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

    /// nodes × S: every node's share of the root in the complete tree (each weight renormalised
    /// over all its siblings, down the path).
    private func completeShares(weights: Matrix, into shares: inout Matrix) {
        let samples = weights.columns
        let rows = nodes
        weights.elements.withUnsafeBufferPointer { w in
            shares.elements.withUnsafeMutableBufferPointer { out in
                allChildren.withUnsafeBufferPointer { children in
                    for s in 0..<samples {
                        let column = w.baseAddress! + s * rows
                        let share = out.baseAddress! + s * rows
                        share[0] = 1
                        for family in complete {
                            renormalise(
                                node: family.node, range: family.children, children: children,
                                weights: column, share: share)
                        }
                    }
                }
            }
        }
    }

    /// leaves × S: each leaf's weight renormalised over the present siblings at every level of
    /// its path; 0 for an absent leaf. Starts from the complete tree's shares and recomputes only
    /// below the nodes that lost a child.
    private func effectiveWeights(
        _ pattern: Pattern, weights: Matrix, shares: Matrix, into effective: inout Matrix, share: inout [Double]
    ) {
        let samples = weights.columns
        let (rows, columns) = (nodes, leaves)
        weights.elements.withUnsafeBufferPointer { w in
            shares.elements.withUnsafeBufferPointer { complete in
                effective.elements.withUnsafeMutableBufferPointer { e in
                    share.withUnsafeMutableBufferPointer { share in
                        pattern.children.withUnsafeBufferPointer { children in
                            pattern.presentLeaves.withUnsafeBufferPointer { presentLeaves in
                                let someAbsent = presentLeaves.count < columns
                                for s in 0..<samples {
                                    let column = w.baseAddress! + s * rows
                                    var source = complete.baseAddress! + s * rows
                                    if !pattern.changed.isEmpty {
                                        share.baseAddress!.update(from: source, count: rows)
                                        for family in pattern.changed {
                                            renormalise(
                                                node: family.node, range: family.children, children: children,
                                                weights: column, share: share.baseAddress!)
                                        }
                                        source = UnsafePointer(share.baseAddress!)
                                    }
                                    let out = e.baseAddress! + s * columns
                                    if someAbsent { out.update(repeating: 0, count: columns) }
                                    for leaf in presentLeaves { out[leaf.column] = source[leaf.node] }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Gives `node`'s children (`children[range]`) their share of `share[node]`, in proportion to
/// their weights; children that all weigh 0 share equally (the limit as their weights go to 0
/// together, where one-at-a-time sweeps start).
@inline(__always)
private func renormalise(
    node: Int, range: Range<Int>, children: UnsafeBufferPointer<Int>,
    weights column: UnsafePointer<Double>, share: UnsafeMutablePointer<Double>
) {
    var total = 0.0
    for j in range { total += column[children[j]] }
    if total > 0 {
        let scale = share[node] / total
        for j in range { share[children[j]] = scale * column[children[j]] }
    } else {
        let equal = share[node] / Double(range.count)
        for j in range { share[children[j]] = equal }
    }
}
