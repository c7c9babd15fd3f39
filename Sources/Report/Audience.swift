import Scoring

/// Who a report is for.
///
/// The public edition withholds every value of a leaf marked `confidential: true` in model.yaml
/// (a State asked that the information stay confidential): its raw and normalised values, its
/// contributions, and any node value that rests on confidential leaves alone. Scores and ranks
/// remain, as do the leaf's definition, weight and rationale.
public enum Audience: String, Sendable, CaseIterable {
    case `internal`
    case `public`
}

/// Decides, for one audience, which per-candidate values a report may print.
struct Disclosure: Sendable {
    let audience: Audience
    /// Per leaf (leaf order): whether its values are withheld.
    let withheldLeaves: [Bool]
    private let tree: CriteriaTree
    private let leafPresence: [[Bool]]
    /// Per node: the leaf indices in its subtree.
    private let subtreeLeaves: [[Int]]

    init(audience: Audience, table: ScoreTable) {
        self.audience = audience
        let tree = table.tree
        self.tree = tree
        withheldLeaves = tree.leafNodes.map { node in
            audience == .public && tree.nodes[node].leaf?.confidential == true
        }
        // A value enters the aggregation when its normalised value exists (imputed ones too).
        leafPresence = table.engine.leaves.map { $0.normalised.map { !$0.isNaN } }
        var subtree = Array(repeating: [Int](), count: tree.nodes.count)
        for index in tree.nodes.indices.reversed() {
            if let leaf = tree.nodes[index].leafIndex { subtree[index] = [leaf]; continue }
            subtree[index] = tree.nodes[index].children.flatMap { subtree[$0] }
        }
        subtreeLeaves = subtree
    }

    /// True when something is withheld from this audience at all.
    var withholdsAnything: Bool { withheldLeaves.contains(true) }

    /// Whether the node (a leaf or an inner node) is a confidential leaf for this audience.
    func isWithheld(node: Int) -> Bool {
        tree.nodes[node].leafIndex.map { withheldLeaves[$0] } ?? false
    }

    /// Whether a node's value and contribution for candidate `i` must be withheld: the node is a
    /// withheld leaf, or every leaf present for `i` in its subtree is withheld (its value would
    /// then be a function of confidential values alone). The root, the score, is never withheld.
    func isWithheld(node: Int, candidate i: Int) -> Bool {
        guard node != 0, withholdsAnything else { return false }
        if let leaf = tree.nodes[node].leafIndex { return withheldLeaves[leaf] }
        let used = subtreeLeaves[node].filter { leafPresence[$0][i] }
        return !used.isEmpty && used.allSatisfy { withheldLeaves[$0] }
    }
}
