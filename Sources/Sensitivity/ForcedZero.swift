import LinearAlgebra
import Scoring

/// A scoring engine whose geometric paths send every candidate to 0, whatever the weights as
/// long as they are positive on those paths: its scores then need no evaluation.
///
/// A geometric node is 0 for a candidate when a present child is 0 with a positive weight
/// (``ScoringEngine``; SPEC §6), and its geometric parent is then 0 in turn. So a candidate
/// with a present leaf at exactly 0 whose ancestors are all geometric, the root included,
/// scores exactly 0 whenever no weight is negative and the weights of that leaf and of its
/// ancestors are positive. Under a geometric method alternative over 0/1 leaves (the engagement
/// facts) that is often every candidate (every one of `synth`'s): then the whole variant scores
/// 0, the value the tree gives bit for bit, and the exponentials and logarithms of its nodes
/// are skipped.
struct ForcedZero: Sendable {
    /// The nodes (the root excluded) whose weights must be positive: the leaves that send some
    /// candidate to 0 and their ancestors, in tree order.
    let pathNodes: [Int]

    /// Nil unless every candidate has a present 0 on some path that is geometric up to the root.
    ///
    /// - Complexity: O(candidates × leaves).
    init?(engine: ScoringEngine) {
        let tree = engine.tree
        let n = engine.candidates
        guard n > 0, tree.nodes.first?.aggregation == .geometric else { return nil }
        var covered = [Bool](repeating: false, count: n)
        var remaining = n
        var path = Set<Int>()
        for (column, node) in tree.leafNodes.enumerated() where remaining > 0 {
            var ancestors: [Int] = []
            var current = tree.nodes[node].parent
            while let c = current, tree.nodes[c].aggregation == .geometric {
                ancestors.append(c)
                current = tree.nodes[c].parent
            }
            // The walk stopped below the root: some ancestor is not geometric.
            guard current == nil else { continue }
            var sends = false
            engine.leaves[column].normalised.withUnsafeBufferPointer { values in
                for i in 0..<n where !covered[i] && values[i] == 0 {
                    covered[i] = true
                    remaining -= 1
                    sends = true
                }
            }
            if sends {
                path.insert(node)
                path.formUnion(ancestors.filter { $0 != 0 })
            }
        }
        guard remaining == 0 else { return nil }
        pathNodes = path.sorted()
    }

    /// Whether every candidate scores 0 under each weight vector (column) of `weights`: no
    /// weight is negative or NaN, and the weights of ``pathNodes`` are positive.
    ///
    /// - Complexity: O(nodes × columns).
    func applies(to weights: Matrix) -> Bool {
        applies(to: weights, columns: 0..<weights.columns)
    }

    /// The same for the given columns of `weights` only.
    func applies(to weights: Matrix, columns: some Sequence<Int>) -> Bool {
        let rows = weights.rows
        for s in columns {
            // Row 0 is the root's, which is ignored.
            for node in 1..<rows where !(weights[node, s] >= 0) { return false }
            for node in pathNodes where !(weights[node, s] > 0) { return false }
        }
        return true
    }
}
